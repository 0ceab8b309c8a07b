/**
 * Deploy mode: check every flow to deploy first (nothing is written if any has an error), refuse to
 * overwrite Console edits or to go backwards, then publish level by level (subflows first, up to
 * `concurrency` writes at once) with the commit SHA as the revision's commit message, rolling back this
 * run's writes if one fails. Every flow's outcome is kept in one deploy record (deploy/record.ts); the
 * output, the reports and the final message are rendered from it.
 */
import { subflowsFirst } from '../deploy/order.ts';
import { judgeHistory } from '../deploy/history.ts';
import { rollbackCommitMessage } from '../deploy/ownership.ts';
import { compareWithLatestDraft, planItem } from '../deploy/plan.ts';
import { publishAll, type DeployItem, type StudioWriter } from '../deploy/publish.ts';
import {
  checkedEntry,
  outcomesOf,
  refusedRecord,
  type DeployOutcome,
  type DeployRecord,
  type FlowEntry,
} from '../deploy/record.ts';
import { selectDeployFiles } from '../deploy/select.ts';
import { UserError } from '../errors.ts';
import type { Validator } from '../check/flow-check.ts';
import { flowMatcher } from '../document/discover.ts';
import { createFlowRefResolver } from '../targets/flow-ref-resolver.ts';
import { createLiveLookup, latestRevision, type StudioReader } from '../studio/live.ts';
import { createAncestryLookup } from '../github/ancestry.ts';
import type { GitHub } from '../github/client.ts';
import { runUrl, type RunContext } from '../github/event.ts';
import type { ModeIO } from '../io.ts';
import { toAnnotations } from '../report/annotations.ts';
import { countFindings } from '../report/check-comment.ts';
import { plural } from '../report/words.ts';
import { deployFailure } from '../report/deploy-message.ts';
import type { Settings } from '../settings.ts';
import type { FlowRevision } from '../studio/types.ts';
import { environmentView } from '../config/environment.ts';
import type { CheckOutcome } from './check.ts';
import { checkFlows, FLOWS_PER_REQUEST, limitStudioRequests } from './check-flows.ts';
import { shareFlowList } from './shared-flow-list.ts';
import type { AccountLists } from '../studio/account-types.ts';
import { summaryOf } from './deploy-job-summary.ts';
import { traceDeploy } from './deploy-trace.ts';

/** `listRevisions`: the never-go-backwards rule reads a flow's history when a Console edit sits on top. */
export type DeployStudio = Validator &
  StudioReader &
  StudioWriter & { listRevisions(sid: string): Promise<FlowRevision[]> };

export interface DeployModeInput {
  settings: Settings;
  run: RunContext;
  gh: GitHub | undefined;
  studio: DeployStudio | undefined;
  io: ModeIO;
  /** The account's Serverless, TaskRouter and Studio lists for name references; undefined: none can resolve. */
  lists?: AccountLists | undefined;
}

export interface DeployResult {
  /** The one record of what happened to every flow. */
  record: DeployRecord;
  /** The `deployed` output: the record's flows. */
  outcomes: DeployOutcome[];
  /** The step's error, rendered from the record; undefined when the deploy succeeded. */
  failure?: string;
}

function driftMessage(item: DeployItem, why: string | undefined): string {
  const live = item.live!;
  const latest = latestRevision(live);
  return `${item.path}: the latest revision of "${live.friendlyName}" (r${latest}, ${live.sid}) was not made by studio-flow-ci (commit message: ${JSON.stringify(live.latestCommitMessage ?? '')}${why ? `; ${why}` : ''}); it was probably edited in the Studio Console.`;
}

async function finish(input: {
  io: ModeIO;
  record: DeployRecord;
  settings: Settings;
  summary: string;
}): Promise<DeployResult> {
  const { io, record, settings, summary } = input;
  const outcomes = outcomesOf(record);
  io.setOutput('deployed', JSON.stringify(outcomes));
  await io.summary(summary);
  const failure = deployFailure(record, settings.deploy.onFailure);
  return failure ? { record, outcomes, failure } : { record, outcomes };
}

export async function runDeployMode({
  settings,
  run,
  gh,
  studio,
  io,
  lists: accountLists,
}: DeployModeInput): Promise<DeployResult & Partial<CheckOutcome>> {
  if (!studio)
    throw new UserError(
      "Deploy mode needs Twilio credentials: set 'twilio-account-sid' with 'twilio-api-key' and 'twilio-api-secret' (or 'twilio-auth-token').",
    );
  // GITHUB_SHA is the commit: on an annotated-tag push the event's `after` is the tag object, not a commit.
  const sha = run.sha || run.push?.after || '';
  if (!/^[0-9a-f]{40}$/.test(sha))
    throw new UserError(`Deploy mode needs the full commit SHA of the run (GITHUB_SHA), got '${sha}'.`);
  const selection = await selectDeployFiles(settings, run, gh);
  io.info(`Deploying ${plural(selection.changes.length, 'flow file')}: ${selection.reason}.`);

  // 1. Check everything first: lint, Validate and the live lookup. Any error: nothing is written.
  const environment = await environmentView(run.workspace, settings);
  // `concurrency` bounds the Studio requests in flight, not the flows being checked (as in check mode).
  // One listing of the Studio flows serves both the flow identity and `${flow-name:…}` references.
  const { reader: limited, lists } = shareFlowList(limitStudioRequests(studio, settings.concurrency), accountLists);
  const lookup = createLiveLookup(limited);
  const deploying = new Set(selection.changes.map((c) => c.path));
  const checks = await checkFlows({
    ...(environment ? { environment } : {}),
    workspace: run.workspace,
    changes: selection.changes,
    concurrency: settings.concurrency * FLOWS_PER_REQUEST,
    validator: limited,
    validateOnlyChanged: settings.deploy.status === 'published',
    lookup,
    // Two flow files resolving to one Studio flow (over every flow file) fail the check: nothing is written.
    flows: settings.flows,
    refs: createFlowRefResolver({
      workspace: run.workspace,
      isFlowFile: flowMatcher(settings.flows),
      ...(environment ? { environment } : {}),
      lookup,
      deploying,
    }),
    ...(lists ? { lists } : {}),
    // A placeholder (or name reference) left unresolved would reach Studio as literal text: in a deploy it is an error.
    requireVariables: true,
  });
  for (const a of toAnnotations(checks)) io.annotate(a);
  const scope = selection.reason;
  const meta = { removed: selection.removed, studioHost: new URL(settings.studioUrl).host, runUrl: runUrl(run) };
  const refuse = async (input: { entries: FlowEntry[]; refusal: string; reasons?: Map<string, string> }) => {
    const record = refusedRecord({ sha, scope, ...input });
    const result = await finish({ io, record, settings, summary: summaryOf(record, checks, meta) });
    await traceDeploy({ gh, run, settings, record, io });
    return result;
  };
  if (countFindings(checks).errors > 0) {
    const bad = checks.filter((c) => c.findings.some((f) => f.severity === 'error'));
    const entries = checks.map((c) =>
      checkedEntry({ path: c.path, friendlyName: c.friendlyName ?? c.path, live: c.comparison?.live ?? null }),
    );
    const reasons = new Map(
      bad.map((c) => [
        c.path,
        `failed the check: ${c.findings.filter((f) => f.severity === 'error').length} error(s), see the annotations`,
      ]),
    );
    return refuse({
      entries,
      reasons,
      refusal: `${plural(bad.length, 'flow')} failed the check (${bad.map((c) => c.path).join(', ')}). See the annotations and the job summary.`,
    });
  }

  const { ordered: items, cycle } = subflowsFirst(checks.map((c) => planItem(c, settings.deploy.status)));
  if (settings.deploy.status === 'draft') await compareWithLatestDraft(studio, items);
  const entries = items.map((i) =>
    checkedEntry({ path: i.path, friendlyName: i.friendlyName, live: i.live, ...(i.why ? { why: i.why } : {}) }),
  );
  if (cycle) {
    const reasons = new Map(
      cycle.map((p) => [p, `in a \${flow:…} cycle through a flow not in Studio yet: ${cycle.join(' → ')}`]),
    );
    return refuse({
      entries,
      reasons,
      refusal: `${cycle.join(' → ')} call each other through \${flow:…} references, and a flow in that cycle is not in Studio yet, so none can be written first. Deploy one of them without the call first, then add it back.`,
    });
  }

  // 2. Refuse before any write what the settings forbid: creating flows, overwriting Console edits, going backwards.
  const missing = items.filter((i) => !i.live);
  if (missing.length > 0 && !settings.deploy.allowCreate) {
    const reasons = new Map(missing.map((i) => [i.path, "not in Studio, and 'allow-create' is false"]));
    return refuse({
      entries,
      reasons,
      refusal: `${missing.map((i) => `${i.path} ("${i.friendlyName}")`).join(', ')} not found in Studio, and 'allow-create' is false. ${settings.environment ? `Bind each to its flow with its SID under environments.${settings.environment}.sid in ${settings.configPath}` : 'Add "sid" to the file (or to its entry in the config file)'}, or set allow-create: true.`,
    });
  }
  const history = await judgeHistory(items, {
    template: settings.deploy.commitMessage,
    sha,
    ancestry: createAncestryLookup(gh, { owner: run.owner, repo: run.repo }, sha),
    revisions: (sid) => studio.listRevisions(sid),
  });
  const drift = (i: DeployItem) => driftMessage(i, history.driftWhy.get(i.path));
  for (const w of history.warnings) io.warning(w);
  if (history.backwards.size > 0) {
    const reasons = new Map(
      [...history.backwards.keys()].map((p) => [p, `going backwards: ${history.backwards.get(p)}`]),
    );
    return refuse({ entries, reasons, refusal: [...history.backwards.values()].join(' ') });
  }
  const drifted = history.drifted;
  let note: string | undefined;
  if (drifted.length > 0 && settings.deploy.onDrift === 'fail') {
    const reasons = new Map(drifted.map((i) => [i.path, `drift: ${drift(i)}`]));
    return refuse({
      entries,
      reasons,
      refusal: `${drifted.map(drift).join(' ')} Set on-drift: overwrite (or warn) to replace it, or copy the Console change into git first.`,
    });
  }
  if (drifted.length > 0) {
    for (const d of drifted)
      if (settings.deploy.onDrift === 'warn') io.warning(`Overwriting a Console edit: ${drift(d)}`);
    note = `> [!WARNING]\n> Overwrote ${plural(drifted.length, 'flow')} edited outside git (on-drift: ${settings.deploy.onDrift}).`;
  }

  // 3. Publish, level by level: subflows before their callers, independent flows side by side.
  await publishAll(studio, items, {
    entries,
    options: {
      status: settings.deploy.status,
      commitMessage: settings.deploy.commitMessage.replaceAll('{sha}', sha),
      rollbackMessage: (previous) => rollbackCommitMessage(sha, previous),
      onFailure: settings.deploy.onFailure,
      // Writes in flight within a dependency level: the same bound as every other Studio request of the run.
      concurrency: settings.concurrency,
      log: (line) => io.info(line),
    },
  });
  const record: DeployRecord = { sha, scope, flows: entries, ...(note ? { note } : {}) };
  const result = await finish({ io, record, settings, summary: summaryOf(record, checks, meta) });
  await traceDeploy({ gh, run, settings, record, io });
  return result;
}
