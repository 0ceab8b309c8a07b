/** Where a CLI run reaches Studio: an emulator started for the run (demo credentials) or the environment's credentials. */
import path from 'node:path';
import { messageOf, UserError } from '../errors.ts';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../emulator/auth.ts';
import { loadSeedFolder } from '../emulator/seed.ts';
import { startEmulator, type EmulatorHandle } from '../emulator/server.ts';
import { ENV_FOR } from './terminal.ts';
import type { StepEnv } from '../secrets/step-env.ts';

/** The emulator of --emulator / --emulator-seed, preloaded with the flow files of the seed folder. */
export async function startSeededEmulator(seedDir: string | undefined): Promise<EmulatorHandle> {
  let seed: Awaited<ReturnType<typeof loadSeedFolder>> = [];
  if (seedDir !== undefined) {
    try {
      seed = await loadSeedFolder(path.resolve(seedDir));
    } catch (error) {
      throw new UserError(`--emulator-seed ${seedDir}: ${messageOf(error)}`);
    }
  }
  return startEmulator({ credentials: { accountSid: DEMO_ACCOUNT_SID, authToken: DEMO_AUTH_TOKEN }, seed });
}

const DEMO_CREDENTIALS: Record<string, string> = {
  'twilio-account-sid': DEMO_ACCOUNT_SID,
  'twilio-auth-token': DEMO_AUTH_TOKEN,
};

/**
 * The action's credential inputs for a CLI run: none offline, the demo ones for an emulator of this run,
 * else TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN or with TWILIO_API_KEY and TWILIO_API_SECRET.
 */
export function credentialInput(name: string, how: { online: boolean; emulator: boolean }): string {
  if (!how.online) return '';
  if (how.emulator) return DEMO_CREDENTIALS[name] ?? '';
  return process.env[ENV_FOR[name] as string] ?? '';
}

/** The settings' input reader of a CLI run: credentials as above, every other input from the flags. */
export function inputReader(
  flags: Record<string, string | undefined>,
  how: { online: boolean; emulator: boolean },
): (name: string) => string {
  return (name) => (name in ENV_FOR ? credentialInput(name, how) : (flags[name] ?? ''));
}

/** `${env.NAME}` in the config file reads the shell's environment; the CLI writes only to the user's terminal. */
export function cliStepEnv(): StepEnv {
  return { values: process.env, secret: () => undefined };
}
