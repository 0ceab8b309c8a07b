/** `studio-flow-ci emulator`: start the Studio v2 emulator from a terminal. No side effects at import. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { messageOf } from '../errors.ts';
import { DEMO_ACCOUNT_SID, DEMO_API_KEY_SECRET, DEMO_API_KEY_SID, DEMO_AUTH_TOKEN } from '../emulator/auth.ts';
import { FAULT_KINDS } from '../emulator/faults.ts';
import type { FaultOptions } from '../emulator/faults.ts';
import { loadSeedFolder } from '../emulator/seed.ts';
import { startEmulator } from '../emulator/server.ts';
import type { EmulatorHandle } from '../emulator/server.ts';
import { parseAnswerFlags, parseApiKeyFlags, parseFaultFlags } from './emulator-flags.ts';
import { emulatorAccount } from './studio-access.ts';
import { oneLine } from './usage.ts';

export { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_API_KEY_SID, DEMO_API_KEY_SECRET };

export const EMULATOR_USAGE = `Usage: studio-flow-ci emulator [options]

Runs a local Twilio API emulator: Studio v2 (flows, revisions, validate), and the Serverless v1 and
TaskRouter v1 look-ups (services, environments, builds; workspaces, workflows, task channels) of an account seed.

Options:
  --port <n>           port to listen on (default 0: any free port)
  --host <addr>        address to bind (default 127.0.0.1)
  --seed <folder>      preload every *.json flow file in <folder>
  --emulator-account <file>
                       serve the Serverless services and TaskRouter workspaces of this account seed
                       (JSON; see test/fixtures/account/README.md); default none
  --account-sid <sid>  account SID to accept (default ${DEMO_ACCOUNT_SID})
  --auth-token <tok>   auth token to accept (default ${DEMO_AUTH_TOKEN})
  --api-key <SK…>      API key SID to accept for the account, with --api-secret, as TWILIO_API_KEY
                       (default ${DEMO_API_KEY_SID})
  --api-secret <s>     that API key's secret, as TWILIO_API_SECRET (default ${DEMO_API_KEY_SECRET})
  --help               print this help

Fault injection (to try retries; faults hit authenticated requests only):
  --latency <ms>       wait this long before answering every request (default 0)
  --fault-share <p>    probability from 0 to 1 that a request gets a fault (default 0: none)
  --fault-kinds <list> comma-separated, picked equally often (default all):
                         rate-limit     429, Twilio error 20429, with a Retry-After header
                         error          500 or 503 with Twilio's error body
                         drop           the connection is closed before the request is applied
                         lost-response  the request is applied, then the connection is closed unanswered
  --retry-after <s>    Retry-After seconds of a rate-limit fault (default 1)
  --fault-seed <n>     seed of the fault PRNG, for a reproducible run (default random)

Wrong answers on purpose (to try a client's answer checks):
  --write-answer <kind> answer every successful create and update wrongly:
                         empty          200 with an empty body
                         empty-object   200 {}
                         no-content     204 without a body
                         other-sid      the flow resource with another flow's SID
                         same-revision  the flow resource claiming the previous revision
                         redirect       302 to another origin
                         not-json       200 with an HTML page
  --write-applied      keep those writes in the store (default: undone, as if lost)
  --validate-answer <kind>  answer every Validate wrongly: valid-false (200 {"valid": false}),
                         empty-object, empty, not-json, redirect`;

export interface EmulatorCliIo {
  log: (line: string) => void;
}

/** Parse argv (without node and script), start the emulator, print where it is. Resolves once listening. */
export async function runEmulatorCli(
  argv: string[],
  io: EmulatorCliIo = { log: (line) => console.log(line) },
): Promise<EmulatorHandle | null> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'emulator-account': { type: 'string' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      latency: { type: 'string' },
      'fault-share': { type: 'string' },
      'fault-kinds': { type: 'string' },
      'retry-after': { type: 'string' },
      'fault-seed': { type: 'string' },
      'write-answer': { type: 'string' },
      'write-applied': { type: 'boolean' },
      'validate-answer': { type: 'string' },
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
  const apiKey = parseApiKeyFlags(values);
  const faults = parseFaultFlags(values);
  const seed = values.seed === undefined ? [] : await loadSeedFolder(values.seed);
  const answers = parseAnswerFlags(values);
  const accountFile = values['emulator-account'];
  const account = accountFile === undefined ? undefined : await emulatorAccount(accountFile);
  const handle = await startEmulator({
    port,
    host: values.host ?? '127.0.0.1',
    credentials: { accountSid, authToken, apiKeys: [apiKey] },
    seed,
    ...(account ? { account, accountSource: path.resolve(accountFile as string) } : {}),
    ...(faults ? { faults } : {}),
    ...answers,
  });

  io.log(`Twilio Studio v2 emulator listening on ${handle.url}`);
  if (account) {
    const { services, workspaces } = handle.account;
    io.log(
      `  Serverless v1 and TaskRouter v1 at the same URL: ${services.length} service(s), ${workspaces.length} workspace(s) from ${accountFile}`,
    );
  }
  io.log(`  account SID: ${accountSid}`);
  io.log(`  auth token:  ${values['auth-token'] === undefined ? authToken : '(the one given with --auth-token)'}`);
  io.log(`  API key:     ${apiKey.sid}`);
  io.log(`  API secret:  ${values['api-secret'] === undefined ? apiKey.secret : '(the one given with --api-secret)'}`);
  if (seed.length > 0) io.log(`  seeded ${seed.length} flow(s) from ${values.seed}`);
  if (faults) io.log(`  faults:      ${describeFaults(faults)}`);
  if (answers.writeAnswer)
    io.log(
      `  writes:      answered "${answers.writeAnswer.kind}", ${answers.writeAnswer.applied ? 'applied' : 'not applied'}`,
    );
  if (answers.validateAnswer) io.log(`  validate:    answered "${answers.validateAnswer}"`);
  return handle;
}

function describeFaults(faults: FaultOptions): string {
  const parts: string[] = [];
  if (faults.latencyMs) parts.push(`${faults.latencyMs} ms latency`);
  if (faults.share) {
    parts.push(
      `${Math.round(faults.share * 1000) / 10}% of requests fail (${(faults.kinds ?? FAULT_KINDS).join(', ')}), ` +
        `Retry-After ${faults.retryAfterSeconds ?? 1} s, seed ${faults.seed ?? 'random'}`,
    );
  }
  return parts.length > 0 ? parts.join('; ') : 'none';
}

/** The emulator command: serve until interrupted; a bad option or seed folder is one line on stderr and exit code 2. */
export async function emulatorCommand(argv: string[]): Promise<number> {
  let handle: EmulatorHandle | null;
  try {
    handle = await runEmulatorCli(argv);
  } catch (error) {
    // Its own checks of the options and the seed folder: bad usage. Failing to listen is not.
    if ((error as { syscall?: string }).syscall === 'listen') throw error;
    process.stderr.write(
      `studio-flow-ci emulator: ${oneLine(messageOf(error))}. Run 'studio-flow-ci emulator --help' for its options.\n`,
    );
    return 2;
  }
  if (handle) await new Promise<never>(() => {}); // serve until interrupted
  return 0;
}
