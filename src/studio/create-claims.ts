/**
 * Creates read back in batches. `createFlow` reads every create's answer back with one GET (writes.ts); a deploy
 * of a level of new flows sends them with `createUnconfirmed` and then reads them all back with `confirmClaims`:
 *
 * 1. A claim already confirmed (its answer was not a confirmation, and reading back found the flow) is ok at once.
 * 2. The others: ONE list of the flows (all pages). A claim is ok with the listed flow of its SID when that
 *    flow holds what was sent (heldMismatch: name, status, commit message; the definition too when the list
 *    carries one — Studio's lists do not, so the definition is the one the create's answer was checked to hold),
 *    at the revision the answer gave, and no other claim names that SID.
 * 3. Anything else (the SID not listed yet, a mismatch, the list failing) goes the way `createFlow` goes: GET the
 *    SID, then the flows named like it, so the result is what `createFlow` would have given — the flow, or
 *    StudioWriteNotAppliedError / StudioUnconfirmedWriteError.
 *
 * `confirmClaims` never throws: every claim gets a result, in order. No claim to list → no request.
 */
import { createFlowRequest } from './requests.ts';
import type { CreateClaim, CreateConfirmation, CreateFlowInput, FlowResource } from './types.ts';
import { heldMismatch } from './verify.ts';
import { confirmCreate, readBack, sendWrite } from './writes.ts';
import type { WriteDeps, WriteSpec } from './writes.ts';

/** What a create sends and must find held: a new flow (no SID), above revision 0. */
export function createSpec(input: CreateFlowInput): WriteSpec {
  return {
    req: createFlowRequest(input),
    what: `create flow ${JSON.stringify(input.friendlyName)}`,
    flowName: input.friendlyName,
    expected: { input: { ...input, previousRevision: 0 } },
  };
}

/**
 * `createFlow` up to its read-back: an answer that confirms the create is returned unread (`confirmed: false`);
 * any other answer is read back at once as `createFlow` does (`confirmed: true`, or its error thrown).
 */
export async function createUnconfirmed(deps: WriteDeps, input: CreateFlowInput): Promise<CreateClaim> {
  const spec = createSpec(input);
  const answer = await sendWrite(deps, spec);
  if ('flow' in answer) return { flow: answer.flow, input, confirmed: false };
  return { flow: await readBack(deps, spec, answer.problem), input, confirmed: true };
}

/** One result per claim, in order; see the file comment. Never throws. */
export async function confirmClaims(deps: WriteDeps, claims: readonly CreateClaim[]): Promise<CreateConfirmation[]> {
  const results: (CreateConfirmation | undefined)[] = claims.map((claim) =>
    claim.confirmed ? { ok: true, flow: claim.flow } : undefined,
  );
  if (results.every((result) => result !== undefined)) return results;
  const listed = await listedBySid(deps);
  const claimsOfSid = countSids(claims);
  for (const [index, claim] of claims.entries()) {
    if (results[index] !== undefined) continue;
    const flow = listed?.get(claim.flow.sid);
    const confirmed = flow !== undefined && claimsOfSid.get(claim.flow.sid) === 1 && listedHolds(flow, claim);
    results[index] = confirmed ? { ok: true, flow } : await confirmOne(deps, claim);
  }
  return results as CreateConfirmation[];
}

/** The flows listed, by SID; undefined when the list failed (every claim is then read back on its own). */
async function listedBySid(deps: WriteDeps): Promise<Map<string, FlowResource> | undefined> {
  try {
    const flows = await deps.listFlows();
    const bySid = new Map<string, FlowResource>();
    // A SID listed twice is not trusted: neither entry confirms anything.
    const twice = new Set<string>();
    for (const flow of flows) {
      if (bySid.has(flow.sid)) twice.add(flow.sid);
      bySid.set(flow.sid, flow);
    }
    for (const sid of twice) bySid.delete(sid);
    return bySid;
  } catch {
    return undefined;
  }
}

/** How many claims (confirmed or not) name each SID: a SID two claims name confirms neither by the list. */
function countSids(claims: readonly CreateClaim[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const claim of claims) counts.set(claim.flow.sid, (counts.get(claim.flow.sid) ?? 0) + 1);
  return counts;
}

/** Whether the listed flow is the claimed create: what was sent, at the revision its answer gave. */
function listedHolds(flow: FlowResource, claim: CreateClaim): boolean {
  if (flow.revision !== claim.flow.revision) return false;
  const { definition, ...rest } = claim.input;
  const checked = flow.definition === null ? rest : { ...rest, definition };
  return heldMismatch(flow, { ...checked, previousRevision: 0 }) === undefined;
}

/** The path `createFlow` takes after a confirming answer: GET the SID, else the flows named like it. */
async function confirmOne(deps: WriteDeps, claim: CreateClaim): Promise<CreateConfirmation> {
  try {
    return { ok: true, flow: await confirmCreate(deps, createSpec(claim.input), claim.flow) };
  } catch (error) {
    return { ok: false, error };
  }
}
