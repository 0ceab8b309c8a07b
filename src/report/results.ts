import type { FlowCheck } from '../check/flow-check.ts';
import type { Finding } from '../document/types.ts';
import { coveragePercent, testCounts } from './flow-tests.ts';

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

/** One entry of the `tests` output: a flow's tests in numbers (the same record the comment and JUnit show). */
export interface FlowTestsResult {
  path: string;
  testPath: string;
  passed: number;
  failed: number;
  /** Problems of the test file itself (it could not be read, a widget not in the flow, …). */
  problems: number;
  transitions: number;
  taken: number;
  /** Whole percent of the transitions taken, rounded down; null when the flow has none. */
  coverage: number | null;
}

/** The `tests` output: one entry per flow that has tests. */
export function testsResultOf(flows: readonly FlowCheck[]): FlowTestsResult[] {
  return flows.flatMap((flow) => {
    if (!flow.tests) return [];
    const counts = testCounts(flow.tests);
    const { passed, failed, problems, transitions, taken } = counts;
    const coverage = coveragePercent(counts) ?? null;
    return [{ path: flow.path, testPath: flow.tests.testPath, passed, failed, problems, transitions, taken, coverage }];
  });
}
