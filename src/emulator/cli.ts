/** `studio-emulator`: start the Studio v2 emulator from a terminal. No side effects at import. */
import { parseArgs } from 'node:util';
import { loadSeedFolder } from './seed.ts';
import { startEmulator } from './server.ts';
import type { EmulatorHandle } from './server.ts';

/** Documented demo credentials: safe to print, useless anywhere but the emulator. */
export const DEMO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const DEMO_AUTH_TOKEN = 'emulator-demo-auth-token';

export const EMULATOR_USAGE = `Usage: studio-emulator [options]

Runs a local Twilio Studio v2 API emulator (flows, revisions, validate).

Options:
  --port <n>           port to listen on (default 0: any free port)
  --host <addr>        address to bind (default 127.0.0.1)
  --seed <folder>      preload every *.json flow file in <folder>
  --account-sid <sid>  account SID to accept (default ${DEMO_ACCOUNT_SID})
  --auth-token <tok>   auth token to accept (default ${DEMO_AUTH_TOKEN})
  --help               print this help`;

export interface EmulatorCliIo {
  log: (line: string) => void;
}

/** Parse argv (without node and script), start the emulator, print where it is. Resolves once listening. */
export async function runEmulatorCli(argv: string[], io: EmulatorCliIo = { log: (line) => console.log(line) }): Promise<EmulatorHandle | null> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.log(EMULATOR_USAGE);
    return null;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  const accountSid = values['account-sid'] ?? DEMO_ACCOUNT_SID;
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new Error(`--account-sid must be AC followed by 32 hex digits, got "${accountSid}"`);
  }
  const authToken = values['auth-token'] ?? DEMO_AUTH_TOKEN;
  const seed = values.seed === undefined ? [] : await loadSeedFolder(values.seed);
  const handle = await startEmulator({ port, host: values.host ?? '127.0.0.1', credentials: { accountSid, authToken }, seed });

  io.log(`Twilio Studio v2 emulator listening on ${handle.url}`);
  io.log(`  account SID: ${accountSid}`);
  io.log(`  auth token:  ${authToken}`);
  if (seed.length > 0) io.log(`  seeded ${seed.length} flow(s) from ${values.seed}`);
  return handle;
}
