/**
 * Rollback on demand (workflow_dispatch with mode: rollback): re-publish a past revision's
 * definition of one flow as a new revision whose commit message says so. The flow is found by the
 * same identity rules as a deploy (src/targets): the `environment` input and the config apply.
 */
import { environmentView } from '../config/environment.ts';
import { rollbackCommitMessage } from '../deploy/ownership.ts';
import { isUnconfirmedWrite, type DeployOutcome, type StudioWriter } from '../deploy/publish.ts';
import { messageOf, UserError } from '../errors.ts';
import { diffDefinitions } from '../diff/diff.ts';
import { createLiveLookup, latestRevision, type LiveFlow, type LiveLookup, type StudioReader } from '../studio/live.ts';
import { parseFlowText } from '../document/parse.ts';
import { readFlowFile } from '../document/read.ts';
import type { RunContext } from '../github/event.ts';
import type { ModeIO } from '../io.ts';
import { renderDeploySummary } from '../report/deploy-summary.ts';
import type { Settings } from '../settings.ts';
import type { FlowRevision } from '../studio/types.ts';
import { shownText } from '../document/file-fields.ts';
import { identityFinding } from '../targets/findings.ts';
import { resolveIdentity } from '../targets/identity.ts';
import { intentOf, type EnvironmentView } from '../targets/intent.ts';

const FLOW_SID = /^FW[0-9a-f]{32}$/;

interface Target {
  live: LiveFlow;
  /** The flow file the user named, when they named one. */
  path?: string;
}

const inEnvironment = (environment: string) => (environment ? ` in the environment "${environment}"` : '');

/** The flow the user named: a SID, a flow file (by the identity rules), or an exact friendly name. */
async function findTarget(
  flow: string,
  context: { run: RunContext; settings: Settings; environment: EnvironmentView | undefined; lookup: LiveLookup },
): Promise<Target> {
  const { lookup, settings } = context;
  const where = inEnvironment(settings.environment);
  if (FLOW_SID.test(flow)) {
    const live = await lookup.flow(flow);
    if (!live)
      throw new UserError(
        `Input 'flow': no Studio flow has the SID ${flow}. Copy the SID from the Studio Console, or name the flow file.`,
      );
    return { live };
  }
  const read = await readFlowFile(context.run.workspace, flow);
  if (read.ok) {
    const parsed = parseFlowText(flow, read.text);
    if (!parsed.ok)
      throw new UserError(
        `Input 'flow': ${flow} is not a valid flow file (${parsed.findings[0]?.message ?? 'it does not parse'}). Fix it, or give the flow's SID (FW…).`,
      );
    const identity = await resolveIdentity(
      intentOf({ path: flow, own: parsed, environment: context.environment }),
      lookup,
    );
    if (identity.state === 'found') return { live: identity.live, path: flow };
    if (identity.state === 'absent')
      throw new UserError(
        `Input 'flow': ${flow} is the flow ${shownText(identity.intent.friendlyName)}, which is not in Studio${where}: there is nothing to roll back.`,
      );
    const stop = identityFinding(identity, settings.environment || undefined);
    throw new UserError(
      `Input 'flow': ${flow}: ${stop?.message ?? 'its flow cannot be found'} ${stop?.fix ?? ''}`.trim(),
    );
  }
  if (/\.json$/i.test(flow) || flow.includes('/')) {
    throw new UserError(
      `Input 'flow': ${shownText(flow)} names no flow file in the workspace (${read.message}) Give a flow file's path from the repository root, a flow SID (FW…) or an exact friendly name.`,
    );
  }
  const sids = await lookup.named(flow);
  if (sids.length > 1)
    throw new UserError(
      `Input 'flow': ${sids.length} Studio flows are named ${shownText(flow)} (${sids.join(', ')}); give the SID (FW…) of the one to roll back.`,
    );
  const live = sids[0] === undefined ? undefined : await lookup.flow(sids[0]);
  if (!live)
    throw new UserError(
      `Input 'flow': no Studio flow is named ${shownText(flow)}. Give a flow SID (FW…), a flow file or an exact friendly name.`,
    );
  return { live };
}

function isMissingRevision(error: unknown): boolean {
  const e = error as { status?: number; code?: number | null } | null;
  return e?.status === 404 || e?.code === 81021 || e?.code === 20404;
}

/** The revision to restore, or a clear error when the flow has no such revision. */
async function revisionToRestore(studio: StudioReader, live: LiveFlow, revision: number): Promise<FlowRevision> {
  const latest = latestRevision(live);
  const name = `${shownText(live.friendlyName)} (${live.sid})`;
  const missing = () =>
    new UserError(
      `Flow ${name} has no revision ${revision}; its revisions are 1..${latest}. Set 'revision' to one of them (the Studio Console lists them under Revision history).`,
    );
  if (revision > latest) throw missing();
  let found: FlowRevision;
  try {
    found = await studio.getRevision(live.sid, revision);
  } catch (error) {
    if (isMissingRevision(error)) throw missing();
    throw error;
  }
  if (!found.definition)
    throw new UserError(
      `Revision ${revision} of the flow ${name} has no definition to restore. Pick another revision.`,
    );
  return found;
}

export async function runRollbackMode(input: {
  settings: Settings;
  run: RunContext;
  studio: (StudioReader & StudioWriter) | undefined;
  io: ModeIO;
}): Promise<{ failure?: string }> {
  const { settings, run, studio, io } = input;
  const { flow, revision } = settings.rollback;
  if (!flow || revision === undefined) {
    throw new UserError(
      "Mode 'rollback' needs the inputs 'flow' (a flow file, friendly name or SID) and 'revision' (the revision number to restore).",
    );
  }
  if (!Number.isSafeInteger(revision) || revision < 1)
    throw new UserError(`Input 'revision' must be a revision number (1, 2, …), got '${String(revision)}'.`);
  if (!studio)
    throw new UserError(
      "Mode 'rollback' needs Twilio credentials (twilio-account-sid with an API key and secret, or the auth token).",
    );
  const environment = await environmentView(run.workspace, settings);
  const lookup = createLiveLookup(studio);
  const { live, path } = await findTarget(flow, { run, settings, environment, lookup });
  const target = await revisionToRestore(studio, live, revision);
  const base: DeployOutcome = {
    path: path ?? flow,
    friendlyName: live.friendlyName,
    sid: live.sid,
    previousRevision: live.revision,
    revision: live.revision,
    status: 'unchanged',
  };
  const reason = `rollback of ${live.friendlyName} to r${revision}${inEnvironment(settings.environment)}`;
  // Already live only when the flow runs that definition: a never-published flow runs nothing, and a draft on
  // top means the latest revision is another one.
  if (!live.draftOnly && !live.draftRevision && diffDefinitions(live.definition, target.definition).identical) {
    io.info(
      `${live.friendlyName} (${live.sid}): r${live.revision} already holds the definition of r${revision}; nothing was written.`,
    );
    io.setOutput('deployed', JSON.stringify([base]));
    await io.summary(renderDeploySummary([base], { sha: run.sha, reason: `${reason}: already live, nothing written` }));
    return {};
  }
  let restored;
  try {
    restored = await studio.updateFlow(live.sid, {
      friendlyName: live.friendlyName,
      status: 'published',
      definition: target.definition,
      commitMessage: rollbackCommitMessage(run.sha || 'a manual dispatch', revision),
      // The write counts only above the latest revision (a draft on top included): the client checks the answer.
      previousRevision: latestRevision(live),
    });
  } catch (error) {
    // A write whose answer was lost and could not be read back may have landed: unknown, never "still runs rN".
    const unknown = isUnconfirmedWrite(error);
    const { revision: _unknownNow, ...unsure } = base;
    const failed: DeployOutcome = unknown
      ? { ...unsure, status: 'unknown', error: messageOf(error) }
      : { ...base, status: 'failed', error: messageOf(error) };
    io.setOutput('deployed', JSON.stringify([failed]));
    await io.summary(renderDeploySummary([failed], { sha: run.sha, reason }));
    return {
      failure: unknown
        ? `Rollback of ${live.friendlyName} (${live.sid}) to r${revision} may or may not have been applied: ${messageOf(error)}. Look at the flow's latest revision in Studio before running it again.`
        : `Rollback of ${live.friendlyName} (${live.sid}) to r${revision} failed: ${messageOf(error)}. Studio still runs r${live.revision}.`,
    };
  }
  const outcome: DeployOutcome = { ...base, revision: restored.revision, status: 'rolled-back' };
  io.info(
    `${live.friendlyName} (${live.sid}): r${live.revision} → r${restored.revision}, the definition of r${revision}.`,
  );
  io.setOutput('deployed', JSON.stringify([outcome]));
  await io.summary(renderDeploySummary([outcome], { sha: run.sha, reason }));
  return {};
}
