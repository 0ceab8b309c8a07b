/** deploy: the action's deploy core on the files given; every flow is considered (identical ones are skipped). */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.ts';
import type { DeployOutcome } from '../deploy/publish.ts';
import type { EmulatorHandle } from '../emulator/server.ts';
import { readRunContext } from '../github/event.ts';
import { runDeployMode } from '../modes/deploy.ts';
import { readSettings } from '../settings.ts';
import { createScrubber } from '../secrets/credentials.ts';
import type { StudioClient } from '../studio/client.ts';
import { studioClientFor } from '../studio/from-settings.ts';
import type { OwnedAccountLists } from '../studio/account-lists.ts';
import { accountListsOfRun } from '../studio/lists-of-run.ts';
import { commitOf } from './commit.ts';
import { styleFor, type Style } from './markdown-text.ts';
import { DEPLOY_OPTIONS, flowGlobs, requireFlowFiles } from './options.ts';
import { cliStepEnv, inputReader, startSeededEmulator } from './studio-access.ts';
import { forTerminal, terminalIO } from './terminal.ts';
import { USAGE, UsageError } from './usage.ts';

/** The deploy's outcome, a line per flow, for a terminal. */
function deployText(outcomes: DeployOutcome[], sha: string, style: Style): string {
  if (outcomes.length === 0) return '';
  const width = Math.max(...outcomes.map((o) => o.path.length));
  const lines = outcomes.map((o) => {
    const revision =
      o.draftRevision !== undefined
        ? `draft r${o.draftRevision} written; ${o.revision === undefined ? 'never published' : `live r${o.revision}`}`
        : o.revision === undefined
          ? ''
          : o.previousRevision !== undefined && o.previousRevision !== o.revision
            ? `r${o.previousRevision} → r${o.revision}`
            : `r${o.revision}`;
    const bad = o.status === 'failed' || o.status === 'unknown' || o.status === 'rollback-failed';
    const status = (bad ? style.removed : o.status === 'created' || o.status === 'updated' ? style.added : style.dim)(
      o.status.padEnd(15),
    );
    const why = o.error ?? o.reason ?? (o.status === 'updated' ? o.why : undefined);
    return `  ${o.path.padEnd(width)}  ${status} ${[revision, o.sid ?? '', why ? `(${forTerminal(why)})` : ''].filter(Boolean).join('  ')}`;
  });
  return `Studio deploy of ${sha.slice(0, 7)}:\n${lines.join('\n')}\n`;
}

/** Run deploy on argv (after the command); resolves to the exit code. */
export async function runDeploy(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: DEPLOY_OPTIONS,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values['exit-code'] || values['fail-on'] !== undefined)
    throw new UsageError(
      '--exit-code and --fail-on are not options of deploy: it fails whenever not everything was deployed.',
    );
  const useEmulator =
    values.emulator === true || values['emulator-seed'] !== undefined || values['emulator-account'] !== undefined;
  if (useEmulator && values['studio-url'] !== undefined)
    throw new UsageError('--studio-url and --emulator exclude each other.');
  const workspace = path.resolve(values.workspace ?? '.');
  const flows = await flowGlobs(workspace, { positionals, flows: values.flows });

  let emulator: EmulatorHandle | undefined;
  let studio: StudioClient | undefined;
  let lists: OwnedAccountLists | undefined;
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
    const pending = readSettings(inputReader(flags, { online: false, emulator: false }), () => {});
    await requireFlowFiles(workspace, pending.flows);
    const sha = await commitOf(workspace, values.sha, pending.flows);
    if (useEmulator) emulator = await startSeededEmulator(values['emulator-seed'], values['emulator-account']);
    flags['studio-url'] = emulator?.url ?? values['studio-url'];
    // `${env.NAME}` values are secrets: kept out of the Markdown printed (a later step may post it).
    const scrubber = createScrubber();
    const settings = {
      ...readSettings(inputReader(flags, { online: true, emulator: emulator !== undefined }), () => {}),
      stepEnv: cliStepEnv({ onSecret: (value) => scrubber.add(value) }),
    };
    const terminal = terminalIO(values.progress ?? process.stderr.isTTY === true);
    let table = '';
    const io = {
      ...terminal,
      summary: (markdown: string) => {
        table = markdown;
        return Promise.resolve();
      },
    };
    studio = studioClientFor(settings, (m) => terminal.info(m));
    if (!studio) {
      throw new UserError(
        'deploy writes to Studio: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with TWILIO_API_KEY and TWILIO_API_SECRET), or use --emulator.',
      );
    }
    const run = { ...readRunContext({}), workspace, eventName: 'cli', sha };
    lists = accountListsOfRun(settings, (m) => terminal.info(m), studio);
    const result = await runDeployMode({ settings, run, gh: undefined, studio, io, lists });
    if (values.markdown) process.stdout.write(table ? `${scrubber.scrub(table)}\n` : '');
    else process.stdout.write(scrubber.scrub(deployText(result.outcomes, sha, styleFor(process.stdout))));
    if (result.failure) {
      process.stderr.write(`\n${result.failure.replace(/ See the annotations and the job summary\.$/, '')}\n`);
      return 1;
    }
    return 0;
  } finally {
    await lists?.close();
    await studio?.close();
    await emulator?.close();
  }
}
