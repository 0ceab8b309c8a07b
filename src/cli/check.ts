/** validate (check), lint and diff: the action's check core on the files given, reported to a terminal. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.ts';
import type { EmulatorHandle } from '../emulator/server.ts';
import type { FlowCheck } from '../check/flow-check.ts';
import { readRunContext } from '../github/event.ts';
import { runCheckMode } from '../modes/check.ts';
import { renderCheckReport } from '../report/check-comment.ts';
import { readSettings } from '../settings.ts';
import { createScrubber } from '../secrets/credentials.ts';
import type { StudioClient } from '../studio/client.ts';
import { studioClientFor } from '../studio/from-settings.ts';
import type { OwnedAccountLists } from '../studio/account-lists.ts';
import { accountListsOfRun } from '../studio/lists-of-run.ts';
import { differs, diffMarkdown, diffText } from './diff.ts';
import { styleFor } from './markdown-text.ts';
import { CHECK_OPTIONS, flowGlobs, requireFlowFiles } from './options.ts';
import { referencedFiles } from './references.ts';
import { cliStepEnv, inputReader, startSeededEmulator } from './studio-access.ts';
import { progressReporter, terminalIO } from './terminal.ts';
import { USAGE, UsageError } from './usage.ts';

export type CheckCommand = 'validate' | 'lint' | 'diff';

/** Run one of the check commands on argv (after the command); resolves to the exit code. */
export async function runChecks(command: CheckCommand, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: CHECK_OPTIONS,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values['exit-code'] && command !== 'diff')
    throw new UsageError(`--exit-code is an option of diff, not of ${command}.`);
  const online = command !== 'lint';
  const useEmulator =
    online &&
    (values.emulator === true || values['emulator-seed'] !== undefined || values['emulator-account'] !== undefined);
  if (useEmulator && values['studio-url'] !== undefined)
    throw new UsageError('--studio-url and --emulator exclude each other.');
  const workspace = path.resolve(values.workspace ?? '.');
  const flows = await flowGlobs(workspace, { positionals, flows: values.flows });

  let emulator: EmulatorHandle | undefined;
  let studio: StudioClient | undefined;
  let lists: OwnedAccountLists | undefined;
  try {
    if (useEmulator) emulator = await startSeededEmulator(values['emulator-seed'], values['emulator-account']);
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
    // `${env.NAME}` values are secrets: kept out of the Markdown printed (a later step may post it on a PR).
    const scrubber = createScrubber();
    const settings = {
      ...readSettings(inputReader(flags, { online, emulator: emulator !== undefined }), () => {}),
      stepEnv: cliStepEnv({ onSecret: (value) => scrubber.add(value) }),
    };
    if (command === 'diff' && !settings.credentials) {
      throw new UserError(
        'diff compares every flow file with Studio: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with TWILIO_API_KEY and TWILIO_API_SECRET), or use --emulator.',
      );
    }
    await requireFlowFiles(workspace, settings.flows);
    const run = { ...readRunContext({}), workspace, eventName: 'cli' };
    const progress = (values.progress ?? process.stderr.isTTY === true) ? progressReporter(process.stderr) : undefined;
    const io = terminalIO(command !== 'diff' && !values.markdown, progress);
    studio = studioClientFor(settings, (m) => io.info(m));
    if (command === 'lint') {
      // "No Twilio credentials: ran the offline lint only" is no news to someone who asked for the lint.
      const warn = io.warning.bind(io);
      io.warning = (m) => (m.startsWith('No Twilio credentials') ? undefined : warn(m));
    }
    const refTargets = await referencedFiles(workspace, settings.flows);

    const outcome = await runCheckMode({
      settings,
      run,
      gh: undefined,
      studio,
      io,
      validate: command !== 'diff',
      refTargets,
      scrub: (text) => scrubber.scrub(text),
      lists: (lists = accountListsOfRun(settings, (m) => io.info(m), studio)),
      ...(progress
        ? { onProgress: (done: number, total: number, flow: FlowCheck) => progress.tick(done, total, flow.path) }
        : {}),
    }).finally(() => progress?.end());

    const flowsChecked = outcome.report.flows;
    if (command === 'diff') {
      process.stdout.write(
        scrubber.scrub(values.markdown ? diffMarkdown(flowsChecked) : diffText(flowsChecked, styleFor(process.stdout))),
      );
    } else if (values.markdown) {
      process.stdout.write(`${scrubber.scrub(renderCheckReport(outcome.report))}\n`);
    }
    if (outcome.failure)
      process.stderr.write(`\n${outcome.failure.replace(/ See the annotations and the job summary\.$/, '')}\n`);
    if (outcome.failed) return 1;
    return command === 'diff' && values['exit-code'] && flowsChecked.some(differs) ? 1 : 0;
  } finally {
    await lists?.close();
    await studio?.close();
    await emulator?.close();
  }
}
