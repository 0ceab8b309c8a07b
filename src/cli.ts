#!/usr/bin/env node
/**
 * studio-flow-ci from a terminal: the action's own check core and config, reading credentials from the
 * environment (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET).
 * Exit codes: 0 passed, 1 the check failed (per --fail-on), 2 bad usage or input, 3 unexpected error.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf, UserError } from './errors.ts';
import { runEmulatorCli, DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, EMULATOR_USAGE } from './emulator/cli.ts';
import { loadSeedFolder } from './emulator/seed.ts';
import { startEmulator, type EmulatorHandle } from './emulator/server.ts';
import type { FlowCheck } from './flows/check.ts';
import { readRunContext } from './github/event.ts';
import { ENV_FOR, forTerminal, markdownToTerminal, progressReporter, styleFor, terminalIO, type Style } from './cli-io.ts';
import { runCheckMode } from './modes/check.ts';
import { renderCheckReport } from './report/check-comment.ts';
import { renderFlowDiff } from './report/diff-markdown.ts';
import { displayName, renderFlowSection } from './report/flow-section.ts';
import { revisionLine } from './report/revision-line.ts';
import { readSettings } from './settings.ts';
import { StudioClient } from './studio/client.ts';

const USAGE = `Usage: studio-flow-ci <command> [options] [flow files or globs…]

Commands:
  validate   lint every flow file, then validate it with Twilio Studio (offline without credentials)
  check      the same as validate
  lint       the offline lint only; needs no credentials
  diff       what a merge would change: each flow file against its live flow in Studio
  demo       validate the example flows against the built-in emulator and print the PR comment
  emulator   run the built-in Studio v2 API emulator (see: studio-flow-ci emulator --help)
  help       print this help

Options for validate, check, lint and diff:
  --flows <globs>         flow files, comma-separated (default flows/**/*.json); or name them after the options
  --workspace <dir>       folder the globs and the config file are relative to (default .)
  --config <file>         config file (default .github/studio-flow-ci.yml)
  --environment <name>    environment of the config file whose SIDs, names and variables apply
  --studio-url <url>      Studio API base URL (default https://studio.twilio.com)
  --emulator              use a built-in emulator started for this run instead of Twilio
  --emulator-seed <dir>   preload that emulator with the flow files in <dir> (the "live" flows); implies --emulator
  --concurrency <n>       Studio requests in flight at once, 1 to 32 (default 4)
  --request-timeout <s>   seconds one Studio request may take, 1 to 600 (default 30)
  --timeout <s>           seconds all Studio work may take, retries included, 10 to 21600 (default 600)
  --fail-on <level>       error | warning | never: what makes the exit code 1 (default error)
  --markdown              print Markdown: validate, the pull-request comment; diff, each flow's section of it
  --progress              show [n/total] progress on stderr (default: when stderr is a terminal); --no-progress
  --exit-code             diff: exit 1 when a flow differs from Studio or is not there yet
  -h, --help              print this help

Credentials come from the environment: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and
TWILIO_API_SECRET. Without them validate runs the offline lint only; diff needs them (or --emulator).
Findings go to stderr as file:line:column: level: message.

Exit codes: 0 passed, 1 the check failed (per --fail-on; with diff --exit-code, a flow differs), 2 bad usage
or input, 3 unexpected error.`;

/** A command line the CLI cannot run: the message, then the usage, exit code 2. */
class UsageError extends UserError {
  override name = 'UsageError';
}

const OPTIONS = {
  flows: { type: 'string' },
  workspace: { type: 'string' },
  config: { type: 'string' },
  environment: { type: 'string' },
  'studio-url': { type: 'string' },
  emulator: { type: 'boolean' },
  'emulator-seed': { type: 'string' },
  concurrency: { type: 'string' },
  'request-timeout': { type: 'string' },
  timeout: { type: 'string' },
  'fail-on': { type: 'string' },
  markdown: { type: 'boolean' },
  progress: { type: 'boolean' },
  'exit-code': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type CheckCommand = 'validate' | 'lint' | 'diff';

async function startSeededEmulator(seedDir: string | undefined): Promise<EmulatorHandle> {
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

/** validate (check), lint and diff: the action's check core, reported to a terminal. */
async function runChecks(command: CheckCommand, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values['exit-code'] && command !== 'diff') throw new UsageError(`--exit-code is an option of diff, not of ${command}.`);
  const online = command !== 'lint';
  const useEmulator = online && (values.emulator === true || values['emulator-seed'] !== undefined);
  if (useEmulator && values['studio-url'] !== undefined) throw new UsageError('--studio-url and --emulator exclude each other.');
  const flows = [...positionals, ...(values.flows !== undefined ? [values.flows] : [])].join(',');

  let emulator: EmulatorHandle | undefined;
  let studio: StudioClient | undefined;
  try {
    if (useEmulator) emulator = await startSeededEmulator(values['emulator-seed']);
    const flags: Record<string, string | undefined> = {
      flows,
      'studio-url': emulator?.url ?? values['studio-url'],
      'fail-on': values['fail-on'],
      config: values.config,
      environment: values.environment,
      concurrency: values.concurrency,
      'request-timeout': values['request-timeout'],
      timeout: values.timeout,
      mode: 'check',
    };
    const demoCredentials: Record<string, string> = { 'twilio-account-sid': DEMO_ACCOUNT_SID, 'twilio-auth-token': DEMO_AUTH_TOKEN };
    const read = (name: string): string => {
      if (name in ENV_FOR) return !online ? '' : emulator ? (demoCredentials[name] ?? '') : (process.env[ENV_FOR[name] as string] ?? '');
      return flags[name] ?? '';
    };
    const settings = readSettings(read, () => {});
    if (command === 'diff' && !settings.credentials) {
      throw new UserError(
        'diff compares every flow file with Studio: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with TWILIO_API_KEY and TWILIO_API_SECRET), or use --emulator.',
      );
    }
    const run = { ...readRunContext({}), workspace: path.resolve(values.workspace ?? '.'), eventName: 'cli' };
    const io = terminalIO(command !== 'diff' && !values.markdown);
    if (settings.credentials) {
      const { username, password } = settings.credentials;
      studio = new StudioClient({
        baseUrl: settings.studioUrl,
        username,
        password,
        timeoutMs: settings.requestTimeoutMs,
        connections: settings.concurrency,
        deadlineMs: settings.timeoutMs,
        onRetry: (event) => io.info(event.message),
      });
    }
    if (command === 'lint') {
      // "No Twilio credentials: ran the offline lint only" is no news to someone who asked for the lint.
      const warn = io.warning;
      io.warning = (m) => (m.startsWith('No Twilio credentials') ? undefined : warn(m));
    }
    const progress = (values.progress ?? process.stderr.isTTY === true) ? progressReporter(process.stderr) : undefined;

    const outcome = await runCheckMode({
      settings,
      run,
      gh: undefined,
      studio,
      io,
      validate: command !== 'diff',
      ...(progress ? { onProgress: (done: number, total: number, flow: FlowCheck) => progress.tick(done, total, flow.path) } : {}),
    }).finally(() => progress?.end());

    const flowsChecked = outcome.report.flows;
    if (command === 'diff') {
      process.stdout.write(values.markdown ? diffMarkdown(flowsChecked) : diffText(flowsChecked, styleFor(process.stdout)));
    } else if (values.markdown) {
      process.stdout.write(`${renderCheckReport(outcome.report)}\n`);
    }
    if (outcome.failure) process.stderr.write(`\n${outcome.failure.replace(/ See the annotations and the job summary\.$/, '')}\n`);
    if (outcome.failed) return 1;
    return command === 'diff' && values['exit-code'] && flowsChecked.some(differs) ? 1 : 0;
  } finally {
    await studio?.close();
    await emulator?.close();
  }
}

/** True when a merge would change Studio for this flow: a new flow, or a live one whose definition differs. */
function differs(flow: FlowCheck): boolean {
  const cmp = flow.comparison;
  return cmp !== undefined && (cmp.live === null || cmp.diff?.identical !== true);
}

/** Each flow's section of the pull-request comment (revision line, findings, changes, picture). */
function diffMarkdown(flows: FlowCheck[]): string {
  return flows.length === 0 ? '' : `${flows.map((f) => renderFlowSection(f, 'full')).join('\n\n')}\n`;
}

/** The pull request's diff, per flow file, as terminal text. */
function diffText(flows: FlowCheck[], style: Style): string {
  const blocks = flows.map((flow) => {
    const head = `${style.bold(flow.path)}`;
    const cmp = flow.comparison;
    if (!cmp) {
      const errors = flow.findings.filter((f) => f.severity === 'error').length;
      return `${head}\n  not compared with Studio: ${errors === 1 ? '1 error' : `${errors} errors`} (see above)`;
    }
    const line = `${head}\n  ${markdownToTerminal(revisionLine(flow, displayName(flow)) ?? '', style)}`;
    if (!cmp.live || !cmp.diff || cmp.diff.identical) return line;
    const body = markdownToTerminal(renderFlowDiff(cmp.diff), style)
      .split('\n')
      .map((l) => (l === '' ? l : `  ${l}`))
      .join('\n');
    return `${line}\n\n${body}`;
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

/** The package root (where examples/ lives), from dist/cli.js or src/cli.ts. */
function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

async function emulatorCommand(argv: string[]): Promise<number> {
  let handle: EmulatorHandle | null;
  try {
    handle = await runEmulatorCli(argv);
  } catch (error) {
    // Its own checks of the options and the seed folder: bad usage. Failing to listen is not.
    if ((error as { syscall?: string }).syscall === 'listen') throw error;
    process.stderr.write(`studio-flow-ci emulator: ${messageOf(error)}\n\n${EMULATOR_USAGE}\n`);
    return 2;
  }
  if (handle) await new Promise<never>(() => {}); // serve until interrupted
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // A command is a case here and a line in USAGE (with its own "Options for …" block when it has any).
  switch (command) {
    case 'validate':
    case 'check':
      return runChecks('validate', rest);
    case 'lint':
      return runChecks('lint', rest);
    case 'diff':
      return runChecks('diff', rest);
    case 'demo':
      return runChecks('validate', [
        '--emulator-seed', path.join(packageRoot(), 'examples/live'),
        '--markdown', '--fail-on', 'never', '--workspace', packageRoot(), '--flows', 'examples/*.json', ...rest,
      ]);
    case 'emulator':
      return emulatorCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return 2;
    default:
      throw new UsageError(`Unknown command '${command}'.`);
  }
}

/** Exit once stdout and stderr are flushed (a pipe may be asynchronous, e.g. on macOS: `diff | less`). */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  const parse = (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;
  process.stderr.write(`studio-flow-ci: ${forTerminal(messageOf(error))}\n`);
  if (parse || error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  exitWhenFlushed(parse || error instanceof UserError ? 2 : 3);
});
