/** Where a CLI run reaches Studio: an emulator started for the run (demo credentials) or the environment's credentials. */
import path from 'node:path';
import { messageOf, UserError } from '../errors.ts';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../emulator/auth.ts';
import { loadAccountSeed } from '../emulator/account-seed.ts';
import type { AccountSeed } from '../emulator/account-seed.ts';
import { loadSeedFolder } from '../emulator/seed.ts';
import { startEmulator, type EmulatorHandle } from '../emulator/server.ts';
import { ENV_FOR } from './terminal.ts';
import { oneLineForms } from '../secrets/secret-forms.ts';
import type { StepEnv } from '../secrets/step-env.ts';

/**
 * The emulator of --emulator / --emulator-seed / --emulator-account, preloaded with the flow files of the seed
 * folder and the Serverless and TaskRouter resources of the account seed file.
 */
export async function startSeededEmulator(seedDir: string | undefined, accountFile?: string): Promise<EmulatorHandle> {
  let seed: Awaited<ReturnType<typeof loadSeedFolder>> = [];
  if (seedDir !== undefined) {
    try {
      seed = await loadSeedFolder(path.resolve(seedDir));
    } catch (error) {
      throw new UserError(`--emulator-seed ${seedDir}: ${messageOf(error)}`);
    }
  }
  const account = accountFile === undefined ? undefined : await emulatorAccount(accountFile);
  return startEmulator({
    credentials: { accountSid: DEMO_ACCOUNT_SID, authToken: DEMO_AUTH_TOKEN },
    seed,
    ...(account ? { account, accountSource: path.resolve(accountFile as string) } : {}),
  });
}

/** The account seed of --emulator-account FILE; a bad file is a user error naming the flag. */
export async function emulatorAccount(file: string): Promise<AccountSeed> {
  try {
    return await loadAccountSeed(path.resolve(file));
  } catch (error) {
    throw new UserError(`--emulator-account ${file}: ${messageOf(error)}`);
  }
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

/**
 * `${env.NAME}` in the config file reads the shell's environment. In a terminal the values are the user's own; in a
 * GitHub Actions step (the CLI run by a workflow) the log is shared, so each value taken is masked there as the
 * action masks it (`::add-mask::`, written the toolkit's way), before anything can print it. On stderr, which the
 * runner reads for commands too: stdout may be the Markdown a later step posts (`validate --markdown > body.md`).
 */
export function cliStepEnv(
  options: {
    env?: NodeJS.ProcessEnv;
    out?: { write(text: string): unknown };
    /** Also told each value (a scrubber of the Markdown the command prints). */
    onSecret?: (value: string) => void;
  } = {},
): StepEnv {
  const env = options.env ?? process.env;
  const out = options.out ?? process.stderr;
  const inActions = env['GITHUB_ACTIONS'] === 'true';
  return {
    values: env,
    secret: (value) => {
      options.onSecret?.(value);
      if (!inActions || value === '') return;
      // Messages print a value with line breaks on one line: mask those forms too.
      for (const form of oneLineForms(value)) {
        const data = form.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
        out.write(`::add-mask::${data}\n`);
      }
    },
  };
}
