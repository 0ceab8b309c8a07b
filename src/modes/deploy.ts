/**
 * Deploy mode: check every flow to deploy first (nothing is written if any has an error), guard
 * against overwriting Console edits, then publish flow by flow with the commit SHA as the revision's
 * commit message, rolling back this run's writes if one fails.
 */
import { subflowsFirst } from '../deploy/order.ts';
import { publishAll, type DeployItem, type DeployOutcome, type StudioWriter } from '../deploy/publish.ts';
import { selectDeployFiles } from '../deploy/select.ts';
import { UserError } from '../errors.ts';
import type { Validator } from '../flows/check.ts';
import { diffDefinitions } from '../flows/diff.ts';
import { flowMatcher } from '../flows/discover.ts';
import { createFlowRefResolver } from '../flows/flow-ref-resolver.ts';
import { createLiveLookup, type StudioReader } from '../flows/live.ts';
import type { GitHub } from '../github/client.ts';
import type { RunContext } from '../github/event.ts';
import type { ModeIO } from '../io.ts';
import { toAnnotations } from '../report/annotations.ts';
import { countFindings, plural, renderCheckReport } from '../report/check-comment.ts';
import { renderDeploySummary } from '../report/deploy-summary.ts';
import type { Settings } from '../settings.ts';
import { environmentView } from '../config/environment.ts';
import { checkFlows, FLOWS_PER_REQUEST, limitStudioRequests, type CheckOutcome } from './check.ts';
import { traceDeploy } from './deploy-trace.ts';

export type DeployStudio = Validator & StudioReader & StudioWriter;

export interface DeployModeInput {
  settings: Settings;
  run: RunContext;
  gh: GitHub | undefined;
  studio: DeployStudio | undefined;
  io: ModeIO;
}

export interface DeployResult {
  outcomes: DeployOutcome[];
  failure?: string;
}

/** True when a revision's commit message is one this action writes (a deploy or a rollback). */
export function isOurCommitMessage(message: string | null, template: string): boolean {
  if (!message) return false;
  const escaped = template.split('{sha}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[0-9a-f]{40}')}$`).test(message) || /^Rollback by studio-flow-ci of [0-9a-f]{40}\b/.test(message);
}

function driftMessage(item: DeployItem): string {
  const live = item.live!;
  const latest = live.draftRevision ?? live.revision;
  return `${item.path}: the latest revision of "${live.friendlyName}" (r${latest}, ${live.sid}) was not made by studio-flow-ci (commit message: ${JSON.stringify(live.latestCommitMessage ?? '')}); it was probably edited in the Studio Console.`;
}

/**
 * A draft deploy writes on top of the latest revision, not the published one: a flow whose latest
 * (draft) revision already holds this definition is unchanged, so a re-run writes no second draft.
 */
async function compareWithLatestDraft(studio: StudioReader, items: DeployItem[]): Promise<void> {
  for (const item of items) {
    const live = item.live;
    if (!live?.draftRevision || item.pendingRefs) continue;
    const draft = await studio.getRevision(live.sid, live.draftRevision);
    item.unchanged = diffDefinitions(draft.definition, item.definition).identical;
  }
}

function finish(io: ModeIO, outcomes: DeployOutcome[], failure?: string): DeployResult {
  io.setOutput('deployed', JSON.stringify(outcomes));
  return failure ? { outcomes, failure } : { outcomes };
}

export async function runDeployMode({ settings, run, gh, studio, io }: DeployModeInput): Promise<DeployResult & Partial<CheckOutcome>> {
  if (!studio) throw new UserError("Deploy mode needs Twilio credentials: set 'twilio-account-sid' with 'twilio-api-key' and 'twilio-api-secret' (or 'twilio-auth-token').");
  const sha = run.push?.after || run.sha;
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new UserError(`Deploy mode needs the full commit SHA of the run (GITHUB_SHA), got '${sha}'.`);
  const selection = await selectDeployFiles(settings, run, gh);
  io.info(`Deploying ${plural(selection.changes.length, 'flow file')}: ${selection.reason}.`);

  // 1. Check everything first: lint, Validate and the live lookup. Any error: nothing is written.
  const environment = await environmentView(run.workspace, settings.configPath, settings.environment);
  // `concurrency` bounds the Studio requests in flight, not the flows being checked (as in check mode).
  const limited = limitStudioRequests(studio, settings.concurrency);
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
    refs: createFlowRefResolver({ workspace: run.workspace, isFlowFile: flowMatcher(settings.flows), ...(environment ? { environment } : {}), lookup, deploying }),
    // A placeholder left unresolved would reach Studio as literal text: in a deploy it is an error.
    requireVariables: true,
  });
  for (const a of toAnnotations(checks)) io.annotate(a);
  if (countFindings(checks).errors > 0) {
    const report = { flows: checks, removed: selection.removed, online: true, studioHost: new URL(settings.studioUrl).host, sha };
    await io.summary(renderCheckReport(report));
    const bad = checks.filter((c) => c.findings.some((f) => f.severity === 'error')).map((c) => c.path);
    const outcomes = checks.map((c): DeployOutcome => ({ path: c.path, friendlyName: c.friendlyName ?? c.path, status: 'not-attempted' }));
    return finish(io, outcomes, `Nothing was deployed: ${plural(bad.length, 'flow')} failed the check (${bad.join(', ')}). See the annotations and the job summary.`);
  }

  const { ordered: items, cycle } = subflowsFirst(checks.map((c): DeployItem => ({
    path: c.path,
    friendlyName: c.friendlyName ?? c.path,
    definition: c.definition,
    live: c.comparison?.live ?? null,
    unchanged: c.comparison?.diff?.identical === true,
    ...(c.pendingRefs ? { pendingRefs: c.pendingRefs } : {}),
    ...(c.complete ? { complete: c.complete } : {}),
  })));
  if (settings.deploy.status === 'draft') await compareWithLatestDraft(studio, items);
  if (cycle) {
    return finish(io, [], `Nothing was deployed: ${cycle.join(' → ')} call each other through \${flow:…} references, and a flow in that cycle is not in Studio yet, so none can be written first. Deploy one of them without the call first, then add it back.`);
  }

  // 2. Refuse before any write what the settings forbid: creating flows, overwriting Console edits.
  const missing = items.filter((i) => !i.live);
  if (missing.length > 0 && !settings.deploy.allowCreate) {
    return finish(io, [], `Nothing was deployed: ${missing.map((i) => `${i.path} ("${i.friendlyName}")`).join(', ')} not found in Studio, and 'allow-create' is false. Add "sid" to the file or set allow-create: true.`);
  }
  const drifted = items.filter((i) => i.live && !i.unchanged && !isOurCommitMessage(i.live.latestCommitMessage, settings.deploy.commitMessage));
  let note: string | undefined;
  if (drifted.length > 0 && settings.deploy.onDrift === 'fail') {
    return finish(io, [], `Nothing was deployed: ${drifted.map(driftMessage).join(' ')} Set on-drift: overwrite (or warn) to replace it, or copy the Console change into git first.`);
  }
  if (drifted.length > 0) {
    for (const d of drifted) if (settings.deploy.onDrift === 'warn') io.warning(`Overwriting a Console edit: ${driftMessage(d)}`);
    note = `> [!WARNING]\n> Overwrote ${plural(drifted.length, 'flow')} edited outside git (on-drift: ${settings.deploy.onDrift}).`;
  }

  // 3. Publish, in subflow order.
  const outcomes = await publishAll(studio, items, {
    status: settings.deploy.status,
    commitMessage: settings.deploy.commitMessage.replaceAll('{sha}', sha),
    rollbackMessage: (previous) => `Rollback by studio-flow-ci of ${sha}: restore r${previous}`,
    onFailure: settings.deploy.onFailure,
    log: (line) => io.info(line),
  });
  const table = renderDeploySummary(outcomes, { sha, reason: selection.reason, ...(note ? { note } : {}) });
  await io.summary(table);
  await traceDeploy({ gh, run, settings, outcomes, sha, table, io });
  const failed = outcomes.find((o) => o.status === 'failed');
  if (!failed) return finish(io, outcomes);
  const deployed = outcomes.filter((o) => o.status === 'created' || o.status === 'updated').map((o) => o.path);
  const after = settings.deploy.onFailure === 'rollback'
    ? 'Every flow this run had deployed was rolled back.'
    : `Left deployed: ${deployed.length ? deployed.join(', ') : 'none'}.`;
  return finish(io, outcomes, `Deploy stopped: ${failed.path} failed (${failed.error}). ${after} Not attempted: ${outcomes.filter((o) => o.status === 'not-attempted').length}.`);
}
