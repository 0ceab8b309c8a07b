#!/usr/bin/env node
/**
 * studio-flow-ci from a terminal: the action's own check core and config, reading credentials from the
 * environment (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET).
 * Exit codes: 0 passed, 1 the check failed (per --fail-on), 2 bad usage or input, 3 unexpected error.
 */
import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf, UserError } from './errors.ts';
import { runEmulatorCli, DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, EMULATOR_USAGE } from './emulator/cli.ts';
import { loadSeedFolder } from './emulator/seed.ts';
import { startEmulator, type EmulatorHandle } from './emulator/server.ts';
import type { FlowCheck } from './check/flow-check.ts';
import { readRunContext } from './github/event.ts';
import { ENV_FOR, forTerminal, markdownToTerminal, progressReporter, styleFor, terminalIO, type Style } from './cli-io.ts';
import { runCheckMode } from './modes/check.ts';
import type { DeployOutcome } from './deploy/publish.ts';
import { runDeployMode } from './modes/deploy.ts';
import { renderCheckReport } from './report/check-comment.ts';
import { renderFlowDiff } from './report/diff-markdown.ts';
import { displayName, renderFlowSection } from './report/flow-section.ts';
import { identityLine, revisionLine } from './report/revision-line.ts';
import { readSettings } from './settings.ts';
import type { StudioClient } from './studio/client.ts';
import { studioClientFor } from './studio/from-settings.ts';

const USAGE = `Usage: studio-flow-ci <command> [options] [flow files or globs…]

Commands:
  validate   lint every flow file, then validate it with Twilio Studio (offline without credentials)
  check      the same as validate
  lint       the offline lint only; needs no credentials
  diff       what a merge would change: each flow file against its live flow in Studio
  deploy     check every flow file, then publish the changed ones to Studio with the commit SHA
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

Options for deploy (besides --flows, --workspace, --config, --environment, --studio-url, --emulator,
--emulator-seed, --concurrency, --request-timeout, --timeout, --markdown, --progress):
  --sha <sha>             the commit the files are at (default: git HEAD of the workspace, which must have
                          no uncommitted change to a flow file)
  --status <s>            published | draft (default published)
  --commit-message <t>    revision commit message; {sha} is required (default {sha})
  --on-drift <how>        fail | warn | overwrite: a live flow last changed outside this tool (default fail)
  --on-failure <how>      rollback | stop: when a write fails (default rollback)
  --no-create             never create a flow that is not in Studio yet

Credentials come from the environment: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and
TWILIO_API_SECRET. Without them validate runs the offline lint only; diff needs them (or --emulator).
Findings go to stderr as file:line:column: level: message.

Exit codes: 0 passed (deploy: deployed, or nothing to deploy), 1 the check failed (per --fail-on; with diff
--exit-code, a flow differs; deploy: nothing or not everything was deployed), 2 bad usage or input,
3 unexpected error.`;

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

const DEPLOY_OPTIONS = {
  ...OPTIONS,
  sha: { type: 'string' },
  status: { type: 'string' },
  'commit-message': { type: 'string' },
  'on-drift': { type: 'string' },
  'on-failure': { type: 'string' },
  create: { type: 'boolean' },
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
    studio = studioClientFor(settings, (m) => io.info(m));
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
    const identity = identityLine(flow); // a renamed file keeping its flow, a draft-only flow, a rename in Studio
    const line = `${head}\n  ${markdownToTerminal(revisionLine(flow, displayName(flow)) ?? '', style)}${identity ? `\n  ${markdownToTerminal(identity, style)}` : ''}`;
    if (!cmp.live || !cmp.diff || cmp.diff.identical) return line;
    const body = markdownToTerminal(renderFlowDiff(cmp.diff), style)
      .split('\n')
      .map((l) => (l === '' ? l : `  ${l}`))
      .join('\n');
    return `${line}\n\n${body}`;
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

/** `git` in the workspace; its stdout, or undefined when git or the repository is not there. */
function git(workspace: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: workspace }, (error, stdout) => resolve(error ? undefined : stdout.trimEnd()));
  });
}

/** The commit the deployed files are at: --sha, else HEAD of a workspace whose flow files are committed. */
async function commitOf(workspace: string, sha: string | undefined, flowGlobs: string[]): Promise<string> {
  if (sha !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new UsageError(`--sha must be a full 40-character commit SHA, got '${sha}'.`);
    return sha;
  }
  const head = await git(workspace, ['rev-parse', 'HEAD']);
  if (!head) throw new UserError(`${workspace} is not a git work tree with a commit: pass --sha with the commit the flow files are at.`);
  const dirty = await git(workspace, ['status', '--porcelain', '--', ...flowGlobs.map((g) => (g.startsWith('!') ? `:(exclude,glob)${g.slice(1)}` : `:(glob)${g}`))]);
  if (dirty) {
    const files = dirty.split('\n').map((l) => l.slice(3)).slice(0, 5).join(', ');
    throw new UserError(`Uncommitted changes to flow files (${files}): commit them first, so that each revision's commit message names the commit that holds it, or pass --sha.`);
  }
  return head;
}

/** The deploy's outcome, a line per flow, for a terminal. */
function deployText(outcomes: DeployOutcome[], sha: string, style: Style): string {
  if (outcomes.length === 0) return '';
  const width = Math.max(...outcomes.map((o) => o.path.length));
  const lines = outcomes.map((o) => {
    const revision = o.draftRevision !== undefined
      ? `draft r${o.draftRevision} written; ${o.revision === undefined ? 'never published' : `live r${o.revision}`}`
      : o.revision === undefined ? '' : o.previousRevision !== undefined && o.previousRevision !== o.revision ? `r${o.previousRevision} → r${o.revision}` : `r${o.revision}`;
    const bad = o.status === 'failed' || o.status === 'unknown' || o.status === 'rollback-failed';
    const status = (bad ? style.removed : o.status === 'created' || o.status === 'updated' ? style.added : style.dim)(o.status.padEnd(15));
    const why = o.error ?? o.reason ?? (o.status === 'updated' ? o.why : undefined);
    return `  ${o.path.padEnd(width)}  ${status} ${[revision, o.sid ?? '', why ? `(${forTerminal(why)})` : ''].filter(Boolean).join('  ')}`;
  });
  return `Studio deploy of ${sha.slice(0, 7)}:\n${lines.join('\n')}\n`;
}

/** deploy: the action's deploy core on the files given; every flow is considered (identical ones are skipped). */
async function runDeploy(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: DEPLOY_OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values['exit-code'] || values['fail-on'] !== undefined) throw new UsageError('--exit-code and --fail-on are not options of deploy: it fails whenever not everything was deployed.');
  const useEmulator = values.emulator === true || values['emulator-seed'] !== undefined;
  if (useEmulator && values['studio-url'] !== undefined) throw new UsageError('--studio-url and --emulator exclude each other.');
  const flows = [...positionals, ...(values.flows !== undefined ? [values.flows] : [])].join(',');
  const workspace = path.resolve(values.workspace ?? '.');

  let emulator: EmulatorHandle | undefined;
  let studio: StudioClient | undefined;
  try {
    const flags: Record<string, string | undefined> = {
      flows,
      config: values.config,
      environment: values.environment,
      concurrency: values.concurrency,
      'request-timeout': values['request-timeout'],
      timeout: values.timeout,
      status: values.status,
      'commit-message': values['commit-message'],
      'on-drift': values['on-drift'],
      'on-failure': values['on-failure'],
      'allow-create': values.create === false ? 'false' : undefined,
      deploy: 'all',
      mode: 'deploy',
    };
    // Settings are read (and bad values refused) before anything starts.
    const pending = readSettings((name) => (name in ENV_FOR ? '' : (flags[name] ?? '')), () => {});
    const sha = await commitOf(workspace, values.sha, pending.flows);
    if (useEmulator) emulator = await startSeededEmulator(values['emulator-seed']);
    flags['studio-url'] = emulator?.url ?? values['studio-url'];
    const demoCredentials: Record<string, string> = { 'twilio-account-sid': DEMO_ACCOUNT_SID, 'twilio-auth-token': DEMO_AUTH_TOKEN };
    const settings = readSettings(
      (name) => (name in ENV_FOR ? (emulator ? (demoCredentials[name] ?? '') : (process.env[ENV_FOR[name] as string] ?? '')) : (flags[name] ?? '')),
      () => {},
    );
    const terminal = terminalIO(values.progress ?? process.stderr.isTTY === true);
    let table = '';
    const io = { ...terminal, summary: async (markdown: string) => void (table = markdown) };
    studio = studioClientFor(settings, (m) => terminal.info(m));
    if (!studio) {
      throw new UserError('deploy writes to Studio: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with TWILIO_API_KEY and TWILIO_API_SECRET), or use --emulator.');
    }
    const run = { ...readRunContext({}), workspace, eventName: 'cli', sha };
    const result = await runDeployMode({ settings, run, gh: undefined, studio, io });
    if (values.markdown) process.stdout.write(table ? `${table}\n` : '');
    else process.stdout.write(deployText(result.outcomes, sha, styleFor(process.stdout)));
    if (result.failure) {
      process.stderr.write(`\n${result.failure.replace(/ See the annotations and the job summary\.$/, '')}\n`);
      return 1;
    }
    return 0;
  } finally {
    await studio?.close();
    await emulator?.close();
  }
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
    case 'deploy':
      return runDeploy(rest);
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
