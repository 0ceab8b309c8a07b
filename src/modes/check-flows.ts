/**
 * Checking many flow files at once: bounded concurrency, a gate on the Studio requests in flight, and what a
 * failed Validate call becomes.
 */
import { mapLimit, requestGate } from '../concurrency.ts';
import { UserError } from '../errors.ts';
import {
  checkFlowFile,
  type CheckFileInput,
  type FlowCheck,
  type ValidateFailure,
  type Validator,
} from '../check/flow-check.ts';
import type { StudioReader } from '../studio/live.ts';
import type { FlowChange } from '../targets/previous.ts';
import { repositoryConflicts } from '../targets/conflicts.ts';
import type { Finding } from '../document/types.ts';
import { describeStudioFailure } from '../studio/explain.ts';

/** Validate calls in flight at once: well under Twilio's concurrency limits. */
export const VALIDATE_CONCURRENCY = 4;

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
