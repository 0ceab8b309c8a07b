/**
 * A write counts only when Studio holds it. Create and update go through `verifiedWrite`:
 *
 * 1. The write is sent (retried by the policy only where that cannot make a second revision).
 * 2. Its answer confirms it when it is a 2xx flow resource with the expected SID, a revision above the
 *    previous one and what was sent (verify.ts). A create's answer is confirmed by reading that SID back
 *    (many creates at once: by one list of the flows, create-claims.ts).
 * 3. Any other answer (`200 {}`, 204, empty, not JSON, another flow's SID, the same revision, another
 *    definition, a redirect) is never success: the flow is read back (an update: GET the flow; a create: the
 *    flows listed under its name).
 *    - Studio holds the write → success with the read-back flow (said through `onRetry`, type `confirmed`);
 *    - Studio does not hold it → StudioWriteNotAppliedError (nothing changed: the deploy's `failed`);
 *    - the read-back fails → StudioUnconfirmedWriteError (state unknown: the deploy's `unknown`).
 */
import { StudioBadAnswerError, StudioUnconfirmedWriteError, StudioWriteNotAppliedError } from './errors.ts';
import { toFlowResource } from './resources.ts';
import type { AttemptContext, RetryPolicy } from './retry.ts';
import type { FlowResource, StudioRequest, StudioResponse } from './types.ts';
import { heldMismatch, shownSid, writeAnswerProblem } from './verify.ts';
import type { WriteExpectation } from './verify.ts';

/** What the client lends a write. */
export interface WriteDeps {
  policy: RetryPolicy;
  attempt: (req: StudioRequest, context: AttemptContext) => Promise<StudioResponse>;
  getFlow: (sid: string) => Promise<FlowResource>;
  listFlows: () => Promise<FlowResource[]>;
  /** A log line for people (the client's `onRetry`). */
  note: (req: StudioRequest, message: string) => void;
}

export interface WriteSpec {
  req: StudioRequest;
  /** For messages, e.g. `update flow "Sales IVR"`. */
  what: string;
  flowName: string;
  expected: WriteExpectation;
}

export type Answer = { flow: FlowResource } | { problem: string };

/** Send a create or update and return the flow only when Studio holds the write; see the file comment. */
export async function verifiedWrite(deps: WriteDeps, spec: WriteSpec): Promise<FlowResource> {
  const answer = await sendWrite(deps, spec);
  if (!('flow' in answer)) return readBack(deps, spec, answer.problem);
  return spec.expected.sid === undefined ? confirmCreate(deps, spec, answer.flow) : answer.flow;
}

/** Steps 1–2: send the write (retried by the policy where safe) and judge its answer, without reading back. */
export async function sendWrite(deps: WriteDeps, spec: WriteSpec): Promise<Answer> {
  const { req, expected } = spec;
  return deps.policy.run<Answer>({
    method: req.method,
    path: req.path,
    what: spec.what,
    ...(expected.sid === undefined ? {} : { sid: expected.sid }),
    idempotent: false,
    attempt: async (context) => judge(deps, spec, context),
    landed: async () => {
      const held = await findHeld(deps, spec);
      return held.flow
        ? { value: { flow: held.flow }, note: `flow ${held.flow.sid} holds it (r${held.flow.revision})` }
        : undefined;
    },
  });
}

/** A create whose answer `claimed` a new flow: that SID read back, else the flows named like it (step 3). */
export async function confirmCreate(deps: WriteDeps, spec: WriteSpec, claimed: FlowResource): Promise<FlowResource> {
  const confirmed = await confirmCreated(deps, spec, claimed);
  return 'flow' in confirmed ? confirmed.flow : readBack(deps, spec, confirmed.problem);
}

/** One attempt, and whether its answer confirms the write. A transport failure still throws (the policy retries it). */
async function judge(deps: WriteDeps, spec: WriteSpec, context: AttemptContext): Promise<Answer> {
  let response: StudioResponse;
  try {
    response = await deps.attempt(spec.req, context);
  } catch (error) {
    // A redirect or a 2xx that is not JSON: an answer, but not a confirmation.
    if (error instanceof StudioBadAnswerError) return { problem: error.answer };
    throw error;
  }
  const problem = writeAnswerProblem(response.status, response.body, spec.expected);
  return problem === undefined ? { flow: toFlowResource(response.body) } : { problem };
}

/** A create's answer names a new SID: it counts once that flow, read back, holds what was sent. */
async function confirmCreated(deps: WriteDeps, spec: WriteSpec, claimed: FlowResource): Promise<Answer> {
  try {
    const held = await deps.getFlow(claimed.sid);
    const mismatch = heldMismatch(held, spec.expected.input);
    if (mismatch === undefined) return { flow: held };
    return { problem: `answered with flow ${shownSid(claimed.sid)}, but ${mismatch}` };
  } catch (error) {
    return {
      problem: `answered with flow ${shownSid(claimed.sid)}, which could not be read back (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** After an answer that does not confirm the write: does Studio hold it? */
export async function readBack(deps: WriteDeps, spec: WriteSpec, problem: string): Promise<FlowResource> {
  const { req, expected } = spec;
  const sid = expected.sid;
  let held: { flow?: FlowResource; mismatch: string };
  try {
    held = await findHeld(deps, spec);
  } catch (checkError) {
    throw new StudioUnconfirmedWriteError({
      method: req.method,
      path: req.path,
      what: spec.what,
      ...(sid ? { sid } : {}),
      writeError: undefined,
      checkError,
      answer: problem,
    });
  }
  if (held.flow) {
    deps.note(
      req,
      `Twilio Studio ${req.method} ${req.path} (${spec.what}) ${problem}; reading it back shows Studio holds the write: flow ${held.flow.sid} r${held.flow.revision}.`,
    );
    return held.flow;
  }
  throw new StudioWriteNotAppliedError({
    method: req.method,
    path: req.path,
    flowName: spec.flowName,
    ...(sid ? { sid } : {}),
    answer: problem,
    held: held.mismatch,
  });
}

/** The flow that holds the write, or why none does. An update reads its flow; a create the flows named like it, newest first. */
async function findHeld(deps: WriteDeps, spec: WriteSpec): Promise<{ flow?: FlowResource; mismatch: string }> {
  const { sid, input } = spec.expected;
  if (sid !== undefined) {
    const flow = await deps.getFlow(sid);
    const mismatch = heldMismatch(flow, input);
    return mismatch === undefined ? { flow, mismatch: '' } : { mismatch };
  }
  const named = (await deps.listFlows()).filter((flow) => flow.friendlyName === input.friendlyName);
  // Newest first: a flow this call created is the last one listed.
  for (const candidate of named.reverse()) {
    const flow = await getIfExists(deps, candidate.sid);
    if (flow && heldMismatch(flow, input) === undefined) return { flow, mismatch: '' };
  }
  return {
    mismatch:
      named.length === 0
        ? 'no flow with that name'
        : `none of the ${named.length} flow(s) with that name holds this definition`,
  };
}

async function getIfExists(deps: WriteDeps, sid: string): Promise<FlowResource | undefined> {
  try {
    return await deps.getFlow(sid);
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status === 404) return undefined;
    throw error;
  }
}
