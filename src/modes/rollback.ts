/**
 * Rollback on demand (workflow_dispatch with mode: rollback): re-publish a past revision's
 * definition of one flow as a new revision whose commit message says so.
 */
import type { DeployOutcome, StudioWriter } from '../deploy/publish.ts';
import { UserError } from '../errors.ts';
import type { StudioReader } from '../flows/live.ts';
import { parseFlowText } from '../flows/parse.ts';
import { readFlowFile } from '../flows/read.ts';
import type { RunContext } from '../github/event.ts';
import type { ModeIO } from '../io.ts';
import { renderDeploySummary } from '../report/deploy-summary.ts';
import type { Settings } from '../settings.ts';

const FLOW_SID = /^FW[0-9a-f]{32}$/;

/** The SID of the flow the user named: a SID, a flow file (its sid or friendly name), or a friendly name. */
async function resolveSid(flow: string, run: RunContext, studio: StudioReader): Promise<string> {
  if (FLOW_SID.test(flow)) return flow;
  let name = flow;
  const read = await readFlowFile(run.workspace, flow);
  if (read.ok) {
    const parsed = parseFlowText(flow, read.text);
    if (parsed.ok && parsed.sid) return parsed.sid;
    if (parsed.ok) name = parsed.friendlyName;
  }
  const matches = (await studio.listFlows()).filter((f) => f.friendlyName === name);
  if (matches.length === 1) return (matches[0] as { sid: string }).sid;
  throw new UserError(
    matches.length === 0
      ? `Input 'flow': no Studio flow is named "${name}". Give a flow SID (FW…), a flow file or an exact friendly name.`
      : `Input 'flow': ${matches.length} Studio flows are named "${name}"; give its SID (FW…) instead.`,
  );
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
    throw new UserError("Mode 'rollback' needs the inputs 'flow' (a flow file, friendly name or SID) and 'revision' (the revision number to restore).");
  }
  if (!studio) throw new UserError("Mode 'rollback' needs Twilio credentials (twilio-account-sid with an API key and secret, or the auth token).");
  const sid = await resolveSid(flow, run, studio);
  const [target, current] = await Promise.all([studio.getRevision(sid, revision), studio.getFlow(sid)]);
  if (!target.definition) throw new UserError(`Revision ${revision} of ${sid} has no definition to restore.`);
  const restored = await studio.updateFlow(sid, {
    friendlyName: current.friendlyName,
    status: 'published',
    definition: target.definition,
    commitMessage: `Rollback by studio-flow-ci of ${run.sha || 'a manual dispatch'}: restore r${revision}`,
  });
  const outcome: DeployOutcome = {
    path: flow,
    friendlyName: current.friendlyName,
    sid,
    previousRevision: current.revision,
    revision: restored.revision,
    status: 'rolled-back',
  };
  io.info(`${current.friendlyName} (${sid}): r${current.revision} → r${restored.revision}, the definition of r${revision}.`);
  io.setOutput('deployed', JSON.stringify([outcome]));
  await io.summary(renderDeploySummary([outcome], { sha: run.sha, reason: `rollback of ${current.friendlyName} to r${revision}` }));
  return {};
}
