import { mapLimit } from '../concurrency.ts';
import { UserError } from '../errors.ts';
import {
  checkFlowFile,
  type CheckFileInput,
  type FlowCheck,
  type ValidateFailure,
  type Validator,
} from '../check/flow-check.ts';
import { createFlowRefResolver } from '../targets/flow-ref-resolver.ts';
import { createLiveLookup, type StudioReader } from '../studio/live.ts';
import { withPreviousIdentities, type FlowChange } from '../targets/previous.ts';
import { createLiveGate, type LiveGate } from '../targets/visibility.ts';
import { readFileAt } from '../github/contents.ts';
import { publishToPullRequest } from './check-publish.ts';
import { repositoryConflicts } from '../targets/conflicts.ts';
import { discoverFlowFiles, flowMatcher } from '../document/discover.ts';
import type { Finding } from '../document/types.ts';
import { listComparedFiles, listPullRequestFiles, type ChangedFile } from '../github/changes.ts';
import type { GitHub } from '../github/client.ts';
import { runUrl, type RunContext } from '../github/event.ts';
import type { ModeIO } from '../io.ts';
import { toAnnotations } from '../report/annotations.ts';
import { COMMENT_LIMIT, countFindings, plural, renderCheckReport, type CheckReport } from '../report/check-comment.ts';
import { resultOf } from '../report/results.ts';
import { baseEnvironmentView, environmentView } from '../config/environment.ts';
import { flowsAffectedByConfigChange } from '../config/changes.ts';
import type { FailOn, Settings } from '../settings.ts';
import { describeStudioFailure } from '../studio/explain.ts';

/** Validate calls in flight at once: well under Twilio's concurrency limits. */
export const VALIDATE_CONCURRENCY = 4;
/** GitHub caps the job summary at 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;

export interface Selection {
  changes: ChangedFile[];
  removed: string[];
}

async function selectAll(settings: Settings, run: RunContext): Promise<Selection> {
  const all = await discoverFlowFiles(run.workspace, settings.flows);
  return { changes: all.map((path) => ({ path, status: 'modified' })), removed: [] };
}

/** The flow files a run should check: the PR's (or merge group's) changed files, else all of them. */
export async function selectFlowFiles(settings: Settings, run: RunContext, gh: GitHub | undefined): Promise<Selection> {
  const isFlow = flowMatcher(settings.flows);
  const repo = { owner: run.owner, repo: run.repo };
  const listed =
    run.pullRequest && gh
      ? await listPullRequestFiles(gh, repo, run.pullRequest.number)
      : run.mergeGroup && gh
        ? await listComparedFiles(gh, repo, run.mergeGroup.baseSha, run.mergeGroup.headSha)
        : undefined;
  // Outside a PR or merge group, or when GitHub's list was capped, every flow file is checked.
  if (!listed?.complete) return selectAll(settings, run);
  const changes: ChangedFile[] = [];
  const removed: string[] = [];
  for (const c of listed.files) {
    if (c.status === 'removed') {
      if (isFlow(c.path)) removed.push(c.path);
    } else if (isFlow(c.path)) changes.push(c);
    else if (c.status === 'renamed' && c.previousPath && isFlow(c.previousPath)) removed.push(c.previousPath);
  }
  // A config change (a SID, a name, a variable's value) changes flows whose files did not change.
  const baseSha = run.pullRequest?.baseSha ?? run.mergeGroup?.baseSha;
  if (gh && baseSha) {
    const affected = await flowsAffectedByConfigChange({
      gh,
      repo,
      workspace: run.workspace,
      configPath: settings.configPath,
      environment: settings.environment,
      globs: settings.flows,
      baseSha,
      changedPaths: listed.files.map((f) => f.path),
    });
    const listedPaths = new Set(changes.map((c) => c.path));
    for (const a of affected) if (!listedPaths.has(a.path)) changes.push({ path: a.path, status: 'modified' });
  }
  return { changes, removed };
}

/** Each path read at most once (the live gate and the drift check both read the base file). */
function readOnce(read: (path: string) => Promise<string | undefined>): (path: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>();
  return (path) => {
    let hit = cache.get(path);
    if (!hit) cache.set(path, (hit = read(path)));
    return hit;
  };
}

/** A failed Validate call: bad credentials end the run; anything else is an error on that flow. */
export const validateFailure: ValidateFailure = (error): Finding => {
  const explained = describeStudioFailure(error);
  if (explained.fatal) throw new UserError(explained.message);
  return {
    severity: 'error',
    source: 'validate',
    rule: 'studio-request',
    message: explained.message,
    fix: explained.fix,
  };
};

/** Check every selected flow file: read, parse, lint, Validate (bounded concurrency, input order kept). */
export async function checkFlows(
  input: Omit<CheckFileInput, 'change' | 'onValidateFailure' | 'conflicts'> & {
    changes: FlowChange[];
    concurrency?: number;
    /** Called as each flow's check ends (in completion order): `done` of `total` are checked. */
    onProgress?: Progress;
    /**
     * The `flows` globs: every flow file they select is read to find two files resolving to one
     * Studio flow (an error on each changed one). Absent: no conflict check.
     */
    flows?: string[];
  },
): Promise<FlowCheck[]> {
  const { changes, concurrency, onProgress, flows, ...shared } = input;
  const conflicts = flows
    ? await repositoryConflicts({
        workspace: shared.workspace,
        globs: flows,
        environment: shared.environment,
        changes,
        lookup: shared.lookup,
      })
    : undefined;
  let done = 0;
  return mapLimit(changes, concurrency ?? VALIDATE_CONCURRENCY, async (change) => {
    const flow = await checkFlowFile({
      ...shared,
      change,
      onValidateFailure: validateFailure,
      ...(conflicts ? { conflicts } : {}),
    });
    onProgress?.(++done, changes.length, flow);
    return flow;
  });
}

/** Progress of a long run: `done` of `total` flows are checked, `flow` the latest. */
export type Progress = (done: number, total: number, flow: FlowCheck) => void;

/**
 * Flows in progress per allowed Studio request. A flow's check is serial (read, lint, look up the live
 * flow, Validate) with local work between its calls; with more flows than request slots under way, one
 * flow's local work overlaps another's request and the slots stay busy.
 */
export const FLOWS_PER_REQUEST = 2;

/** At most `limit` calls of the returned function's argument run at once; the others wait, in order. */
function requestGate(limit: number): <T>(call: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (call) => {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await call();
    } finally {
      const next = waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiting call
      else active -= 1;
    }
  };
}

/** The Studio calls a check makes, at most `limit` in flight however many flows are in progress. */
export function limitStudioRequests(studio: Validator & StudioReader, limit: number): Validator & StudioReader {
  const gate = requestGate(limit);
  return {
    listFlows: () => gate(() => studio.listFlows()),
    getFlow: (sid) => gate(() => studio.getFlow(sid)),
    getRevision: (sid, revision) => gate(() => studio.getRevision(sid, revision)),
    validateFlow: (input) => gate(() => studio.validateFlow(input)),
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
    return `${f.path} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
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
  /** Per-flow progress (the CLI shows it on a terminal). */
  onProgress?: Progress;
  /** false: compare with the live flows but skip Twilio Validate (the CLI's `diff`). Default true. */
  validate?: boolean;
  /** Flow files a `${flow:PATH}` reference may name besides those `flows` selects (the CLI: files on disk). */
  refTargets?: readonly string[];
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
  const environment = await environmentView(run.workspace, settings.configPath, settings.environment);
  // `concurrency` bounds the Studio requests in flight, not the flows being checked.
  const limited = studio ? limitStudioRequests(studio, settings.concurrency) : undefined;
  const lookup = limited ? createLiveLookup(limited) : undefined;
  // The base branch's definitions are resolved with the base commit's config (its variables and targets):
  // a PR that changes only a variable's value does not make the live flow look edited in the Console.
  const baseEnvironment = readAtBase
    ? await baseEnvironmentView({
        readBase: readAtBase,
        configPath: settings.configPath,
        environment: settings.environment,
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
    refs: createFlowRefResolver({
      workspace: run.workspace,
      isFlowFile,
      ...(environment ? { environment } : {}),
      ...(lookup ? { lookup } : {}),
    }),
    ...(readBase ? { readBase, base: { environment: baseEnvironment, ...(baseRefs ? { refs: baseRefs } : {}) } } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
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
  await io.summary(renderCheckReport(report, { limit: SUMMARY_LIMIT, unit: 'bytes' }));
  if (run.pullRequest && gh) {
    const body = renderCheckReport(report, { limit: COMMENT_LIMIT });
    await publishToPullRequest({
      gh,
      run: { ...run, pullRequest: run.pullRequest },
      flows,
      changes: selection.changes,
      body,
      io,
      ...(settings.environment ? { environment: settings.environment } : {}),
    });
  }
  const failed = shouldFail(settings.failOn, flows);
  return failed ? { report, failed, failure: failureMessage(flows, settings.failOn) } : { report, failed };
}
