/**
 * Check mode: select the flow files, check them, then report to the PR comment, annotations, job summary and
 * outputs.
 */
import type { FlowCheck, Validator } from '../check/flow-check.ts';
import { createFlowRefResolver } from '../targets/flow-ref-resolver.ts';
import { createLiveLookup, type StudioReader } from '../studio/live.ts';
import { withPreviousIdentities } from '../targets/previous.ts';
import { createLiveGate, type LiveGate } from '../targets/visibility.ts';
import { readFileAt } from '../github/contents.ts';
import { publishToPullRequest } from './check-publish.ts';
import { flowMatcher } from '../document/discover.ts';
import type { GitHub } from '../github/client.ts';
import { runUrl, type RunContext } from '../github/event.ts';
import type { ModeIO } from '../io.ts';
import { toAnnotations } from '../report/annotations.ts';
import { COMMENT_LIMIT, countFindings, renderCheckReport, type CheckReport } from '../report/check-comment.ts';
import { plural } from '../report/words.ts';
import { resultOf, testsResultOf } from '../report/results.ts';
import { orphanTestCheck } from './test-select.ts';
import { junitOrWarn } from './check-junit.ts';
import { baseEnvironmentView, environmentView } from '../config/environment.ts';
import type { FailOn, Settings } from '../settings.ts';
import { checkFlows, FLOWS_PER_REQUEST, limitStudioRequests, type Progress } from './check-flows.ts';
import { selectFlowFiles } from './check-select.ts';
import { shareFlowList } from './shared-flow-list.ts';
import type { AccountLists } from '../studio/account-types.ts';

/** GitHub caps the job summary at 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;

/** Each path read at most once (the live gate and the drift check both read the base file). */
function readOnce(read: (path: string) => Promise<string | undefined>): (path: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>();
  return (path) => {
    let hit = cache.get(path);
    if (!hit) cache.set(path, (hit = read(path)));
    return hit;
  };
}

export function shouldFail(failOn: FailOn, flows: FlowCheck[]): boolean {
  const { errors, warnings } = countFindings(flows);
  return failOn === 'error' ? errors > 0 : failOn === 'warning' ? errors + warnings > 0 : false;
}

export interface CheckOutcome {
  report: CheckReport;
  failed: boolean;
  /** Why the step fails, naming the files. */
  failure?: string;
}

function failureMessage(flows: FlowCheck[], failOn: FailOn): string {
  const bad = flows.filter((f) => f.findings.some((x) => failOn === 'warning' || x.severity === 'error'));
  const list = bad.map((f) => {
    const { errors, warnings } = countFindings([f]);
    const failing = f.tests ? f.tests.scenarios.filter((s) => s.status === 'failed').length : 0;
    const problems = f.tests?.problems.length ?? 0;
    const tests = [
      ...(failing ? [`${failing} failing flow test${failing === 1 ? '' : 's'}`] : []),
      ...(problems ? [plural(problems, 'test file problem')] : []),
    ];
    return `${f.path} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${tests.length ? `; ${tests.join(', ')}` : ''})`;
  });
  return `Studio flow check failed (fail-on: ${failOn}): ${list.join('; ')}. See the annotations and the job summary.`;
}

export interface CheckModeInput {
  settings: Settings;
  run: RunContext;
  gh: GitHub | undefined;
  /** The Studio client; undefined offline (no credentials). */
  studio: (Validator & StudioReader) | undefined;
  io: ModeIO;
  /** The run's credential scrubber, for what leaves the process outside `io` (the JUnit file). */
  scrub?: (text: string) => string;
  /** Per-flow progress (the CLI shows it on a terminal). */
  onProgress?: Progress;
  /** false: compare with the live flows but skip Twilio Validate (the CLI's `diff`). Default true. */
  validate?: boolean;
  /** Flow files a `${flow:PATH}` reference may name besides those `flows` selects (the CLI: files on disk). */
  refTargets?: readonly string[];
  /** The account's Serverless, TaskRouter and Studio lists for name references; undefined offline. */
  lists?: AccountLists | undefined;
}

/** Check mode: select, check, then report to the PR comment, annotations, job summary and outputs. */
export async function runCheckMode({
  settings,
  run,
  gh,
  studio,
  io,
  onProgress,
  validate = true,
  refTargets = [],
  lists: accountLists,
  scrub,
}: CheckModeInput): Promise<CheckOutcome> {
  const selection = await selectFlowFiles(settings, run, gh);
  io.info(`Checking ${selection.changes.length} flow file(s); ${selection.removed.length} removed.`);
  const pr = run.pullRequest;
  // The base commit (a PR's base, a merge group's): renamed files keep its flows; a PR also diffs against it.
  const baseSha = pr?.baseSha ?? run.mergeGroup?.baseSha;
  const readAtBase =
    baseSha && gh
      ? readOnce((path: string) => readFileAt(gh, { owner: run.owner, repo: run.repo }, path, baseSha))
      : undefined;
  const readBase = pr ? readAtBase : undefined;
  const environment = await environmentView(run.workspace, settings);
  // `concurrency` bounds the Studio requests in flight, not the flows being checked.
  // One listing of the Studio flows serves both the flow identity and `${flow-name:…}` references.
  const shared = studio
    ? shareFlowList(limitStudioRequests(studio, settings.concurrency), accountLists)
    : { reader: undefined, lists: undefined };
  const limited = shared.reader;
  const lookup = limited ? createLiveLookup(limited) : undefined;
  // The base branch's definitions are resolved with the base commit's config (its variables and targets):
  // a PR that changes only a variable's value does not make the live flow look edited in the Console.
  const baseEnvironment = readAtBase
    ? await baseEnvironmentView({
        readBase: readAtBase,
        configPath: settings.configPath,
        environment: settings.environment,
        stepEnv: settings.stepEnv,
        fallback: environment,
      })
    : undefined;
  // A renamed file keeps the flow its old path was: that file's identity at the base commit.
  const changes = readAtBase
    ? await withPreviousIdentities(selection.changes, { readBase: readAtBase, environment: baseEnvironment })
    : selection.changes;
  const liveGate: LiveGate | undefined =
    readBase && lookup ? createLiveGate({ readBase, environment: baseEnvironment, lookup }) : undefined;
  const selected = flowMatcher(settings.flows);
  const isFlowFile = (path: string) => selected(path) || refTargets.includes(path);
  const baseRefs = readBase
    ? createFlowRefResolver({
        workspace: run.workspace,
        isFlowFile,
        ...(baseEnvironment ? { environment: baseEnvironment } : {}),
        ...(lookup ? { lookup } : {}),
      })
    : undefined;
  const flows = await checkFlows({
    ...(environment ? { environment } : {}),
    workspace: run.workspace,
    changes,
    concurrency: settings.concurrency * FLOWS_PER_REQUEST,
    validator: validate ? limited : undefined,
    ...(lookup ? { lookup } : {}),
    flows: settings.flows,
    ...(liveGate ? { liveGate } : {}),
    ...(shared.lists ? { lists: shared.lists } : {}),
    refs: createFlowRefResolver({
      workspace: run.workspace,
      isFlowFile,
      ...(environment ? { environment } : {}),
      ...(lookup ? { lookup } : {}),
    }),
    ...(readBase ? { readBase, base: { environment: baseEnvironment, ...(baseRefs ? { refs: baseRefs } : {}) } } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  // Changed test files whose flow file does not exist: an entry each, with the error naming both paths.
  flows.push(...(selection.orphanTests ?? []).map(orphanTestCheck));
  const report: CheckReport = {
    flows,
    removed: selection.removed,
    online: studio !== undefined,
    studioHost: new URL(settings.studioUrl).host,
    sha: run.sha,
    ...(settings.environment ? { environment: settings.environment } : {}),
    ...(studio ? {} : { offlineReason: 'no Twilio credentials were given (normal for pull requests from forks)' }),
    ...(runUrl(run) ? { runUrl: runUrl(run) } : {}),
  };
  for (const flow of flows) {
    const { errors, warnings } = countFindings([flow]);
    io.info(`${flow.path}: ${errors} error(s), ${warnings} warning(s), Validate: ${flow.validate}`);
  }
  for (const a of toAnnotations(flows)) io.annotate(a);
  if (!report.online) io.warning('No Twilio credentials: ran the offline lint only; Twilio Validate was skipped.');

  // The outputs come first: they exist whatever GitHub answers to the summary or the comments below.
  const { errors } = countFindings(flows);
  io.setOutput('valid', String(errors === 0));
  io.setOutput('results', JSON.stringify(flows.map(resultOf)));
  io.setOutput('tests', JSON.stringify(testsResultOf(flows)));
  // The JUnit file is written before anything can fail below (also when the step fails).
  if (settings.junitReport)
    await junitOrWarn({
      workspace: run.workspace,
      relPath: settings.junitReport,
      flows,
      io,
      ...(scrub ? { scrub } : {}),
    });
  await io.summary(renderCheckReport(report, { limit: SUMMARY_LIMIT, unit: 'bytes' }));
  if (run.pullRequest && gh) {
    const body = renderCheckReport(report, { limit: COMMENT_LIMIT });
    await publishToPullRequest({
      gh,
      run: { ...run, pullRequest: run.pullRequest },
      flows,
      changes: [...selection.changes, ...(selection.tests ?? [])],
      body,
      io,
      ...(settings.environment ? { environment: settings.environment } : {}),
    });
  }
  const failed = shouldFail(settings.failOn, flows);
  return failed ? { report, failed, failure: failureMessage(flows, settings.failOn) } : { report, failed };
}
