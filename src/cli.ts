#!/usr/bin/env node
/**
 * studio-flow-ci from a terminal: the same check mode as the action, reading credentials from the
 * environment (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET).
 * Exit codes: 0 passed, 1 the check failed (per --fail-on), 2 bad usage or input, 3 unexpected error.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf, UserError } from './errors.ts';
import { runEmulatorCli, DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from './emulator/cli.ts';
import { loadSeedFolder } from './emulator/seed.ts';
import { startEmulator, type EmulatorHandle } from './emulator/server.ts';
import { readRunContext } from './github/event.ts';
import { terminalIO } from './cli-io.ts';
import { runCheckMode } from './modes/check.ts';
import { renderCheckReport } from './report/check-comment.ts';
import { readSettings } from './settings.ts';
import { StudioClient } from './studio/client.ts';

const USAGE = `Usage: studio-flow-ci <command> [options]

Commands:
  check      lint every flow file, then validate it with Twilio Studio (offline without credentials)
  lint       the offline lint only; needs no credentials
  demo       check the example flows against the built-in emulator and print the PR comment
  emulator   run the built-in Studio v2 API emulator (see: studio-flow-ci emulator --help)

Options for check and lint:
  --flows <globs>       flow files, comma-separated (default flows/**/*.json)
  --workspace <dir>     folder the globs are relative to (default .)
  --studio-url <url>    Studio API base URL (default https://studio.twilio.com)
  --emulator            validate against a built-in emulator started for this run
  --emulator-seed <dir> preload that emulator with the flow files in <dir> (the "live" flows)
  --markdown            print the Markdown comment the pull request would get
  --fail-on <level>     error | warning | never (default error)
  --config <file>       config file (default .github/studio-flow-ci.yml)
  --environment <name>  environment of the config file whose SIDs, names and variables apply

Credentials come from TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET.`;

const ENV_FOR: Record<string, string> = {
  'twilio-account-sid': 'TWILIO_ACCOUNT_SID',
  'twilio-auth-token': 'TWILIO_AUTH_TOKEN',
  'twilio-api-key': 'TWILIO_API_KEY',
  'twilio-api-secret': 'TWILIO_API_SECRET',
};

async function check(argv: string[], offline: boolean): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      flows: { type: 'string' },
      workspace: { type: 'string' },
      'studio-url': { type: 'string' },
      emulator: { type: 'boolean' },
      'emulator-seed': { type: 'string' },
      markdown: { type: 'boolean' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      environment: { type: 'string' },
    },
  });
  let emulator: EmulatorHandle | undefined;
  if (values.emulator && !offline) {
    const seed = values['emulator-seed'] ? await loadSeedFolder(path.resolve(values['emulator-seed'])) : [];
    emulator = await startEmulator({ credentials: { accountSid: DEMO_ACCOUNT_SID, authToken: DEMO_AUTH_TOKEN }, seed });
  }
  const flags: Record<string, string | undefined> = {
    flows: values.flows,
    'studio-url': emulator?.url ?? values['studio-url'],
    'fail-on': values['fail-on'],
    config: values.config,
    environment: values.environment,
    mode: 'check',
  };
  const demoCreds: Record<string, string> = { 'twilio-account-sid': DEMO_ACCOUNT_SID, 'twilio-auth-token': DEMO_AUTH_TOKEN };
  const read = (name: string): string => {
    if (name in ENV_FOR) return offline ? '' : emulator ? (demoCreds[name] ?? '') : (process.env[ENV_FOR[name] as string] ?? '');
    return flags[name] ?? '';
  };
  const settings = readSettings(read, () => {});
  const studio = settings.credentials
    ? new StudioClient({ baseUrl: settings.studioUrl, username: settings.credentials.username, password: settings.credentials.password })
    : undefined;
  const workspace = path.resolve(values.workspace ?? '.');
  const run = { ...readRunContext({}), workspace, eventName: 'cli' };
  try {
    const outcome = await runCheckMode({ settings, run, gh: undefined, studio, io: terminalIO(!values.markdown) });
    if (values.markdown) process.stdout.write(`${renderCheckReport(outcome.report)}\n`);
    if (outcome.failure) process.stderr.write(`\n${outcome.failure}\n`);
    return outcome.failed ? 1 : 0;
  } finally {
    await studio?.close();
    await emulator?.close();
  }
}

/** The package root (where examples/ lives), from dist/cli.js or src/cli.ts. */
function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest, false);
    case 'lint':
      return check(rest, true);
    case 'demo':
      return check(
        ['--emulator', '--emulator-seed', path.join(packageRoot(), 'examples/live'), '--markdown', '--fail-on', 'never', '--workspace', packageRoot(), '--flows', 'examples/*.json', ...rest],
        false,
      );
    case 'emulator': {
      const handle = await runEmulatorCli(rest);
      if (handle) await new Promise<never>(() => {}); // serve until interrupted
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`studio-flow-ci: ${messageOf(error)}\n`);
    process.exit(usage ? 2 : 3);
  },
);
