import type { FlowCheck } from '../check/flow-check.ts';
import type { Finding } from '../document/types.ts';

/** One entry of the `results` output: what scripts need, without the definitions and raw patches. */
export interface FlowResult {
  path: string;
  previousPath?: string;
  change: FlowCheck['change'];
  friendlyName?: string;
  sid?: string;
  validate: FlowCheck['validate'];
  /** 'created' when the flow is not in Studio yet, 'unchanged' when the PR equals the live flow. */
  studio?: 'created' | 'unchanged' | 'changed';
  liveRevision?: number;
  drift?: boolean;
  findings: Finding[];
}

export function resultOf(flow: FlowCheck): FlowResult {
  const result: FlowResult = { path: flow.path, change: flow.change, validate: flow.validate, findings: flow.findings };
  if (flow.previousPath) result.previousPath = flow.previousPath;
  if (flow.friendlyName !== undefined) result.friendlyName = flow.friendlyName;
  const cmp = flow.comparison;
  const sid = flow.sid ?? cmp?.live?.sid;
  if (sid) result.sid = sid;
  if (cmp) {
    result.studio = !cmp.live ? 'created' : cmp.diff?.identical ? 'unchanged' : 'changed';
    if (cmp.live) result.liveRevision = cmp.live.revision;
    result.drift = cmp.drift !== undefined;
  }
  return result;
}
