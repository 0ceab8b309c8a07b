/**
 * Creates read back in batches. `createFlow` reads every create's answer back with one GET (writes.ts); a deploy
 * of a level of new flows sends them with `createUnconfirmed` and then reads them all back with `confirmClaims`:
 *
 * 1. A claim already confirmed (its answer was not a confirmation, and reading back found the flow) is ok at once.
 * 2. The others, when more than one: ONE list of the flows (all pages). A claim is ok with the listed flow of
 *    its SID when that flow holds what was sent (heldMismatch: name, status, commit message; the definition too
 *    when the list carries one), at the revision and creation date the answer gave, listed once, no other claim
 *    names that SID and no other listed flow has its name. Studio's lists carry no definition: the last rules
 *    stand in for it, so an answer naming an older flow of the same name (another creation date) does not
 *    confirm by the list. The flow returned is the listed one, with the definition the create's answer was
 *    checked to hold (what was sent).
 * 3. Anything else (one claim alone, the SID not listed yet, a mismatch, the list failing) goes the way
 *    `createFlow` goes: GET the SID, then the flows named like it, so the result is what `createFlow` would have
 *    given — the flow, or StudioWriteNotAppliedError / StudioUnconfirmedWriteError.
 *
 * `confirmClaims` never throws: every claim gets a result, in order. No claim to list → no request.
 */
import { createFlowRequest } from './requests.ts';
import type { CreateClaim, CreateConfirmation, CreateFlowInput, FlowResource } from './types.ts';
import { FLOW_SID, heldMismatch } from './verify.ts';
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
  const results: (CreateConfirmation | undefined)[] = claims.map((claim, index) => {
    if (!isClaim(claim))
      return { ok: false, error: new TypeError(`confirmCreates: claim ${index + 1} ${NOT_A_CLAIM}`) };
    return claim.confirmed ? { ok: true, flow: claim.flow } : undefined;
  });
  if (results.every((result) => result !== undefined)) return results;
  // One claim left: its GET is one request too, and it reads the definition, which a list does not carry.
  const listed = results.filter((result) => result === undefined).length > 1 ? await listedFlows(deps) : undefined;
  const claimsOfSid = countBy(claims.filter(isClaim), (claim) => claim.flow.sid);
  for (const [index, claim] of claims.entries()) {
    if (results[index] !== undefined) continue;
    const flow = listed?.bySid.get(claim.flow.sid);
    const confirmed =
      flow !== undefined &&
      claimsOfSid.get(claim.flow.sid) === 1 &&
      listed?.namesakes.get(flow.friendlyName) === 1 &&
      listedHolds(flow, claim);
    results[index] = confirmed
      ? { ok: true, flow: { ...flow, definition: flow.definition ?? claim.flow.definition } }
      : await confirmOne(deps, claim);
  }
  return results as CreateConfirmation[];
}

const NOT_A_CLAIM = 'is not a create claim (what createFlowUnconfirmed returns); nothing was read back for it';

/** A caller's claim is read only when it has the shape createFlowUnconfirmed gives. */
function isClaim(claim: unknown): claim is CreateClaim {
  if (claim === null || typeof claim !== 'object') return false;
  const { flow, input, confirmed } = claim as Partial<Record<keyof CreateClaim, unknown>>;
  const named = (value: unknown, key: string) =>
    value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)[key] === 'string';
  if (typeof confirmed !== 'boolean' || !named(flow, 'sid') || !named(input, 'friendlyName')) return false;
  return FLOW_SID.test((flow as FlowResource).sid);
}

interface Listed {
  /** Flows listed once, by SID (a SID listed twice is not trusted: neither entry confirms anything). */
  bySid: Map<string, FlowResource>;
  /** How many listed flows have each name. */
  namesakes: Map<string, number>;
}

/** The flows listed; undefined when the list failed (every claim is then read back on its own). */
async function listedFlows(deps: WriteDeps): Promise<Listed | undefined> {
  let flows: FlowResource[];
  try {
    flows = await deps.listFlows();
  } catch {
    return undefined;
  }
  const sids = countBy(flows, (flow) => flow.sid);
  const bySid = new Map(flows.filter((flow) => sids.get(flow.sid) === 1).map((flow) => [flow.sid, flow]));
  return { bySid, namesakes: countBy(flows, (flow) => flow.friendlyName) };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Whether the listed flow is the claimed create: what was sent, at the revision its answer gave. */
function listedHolds(flow: FlowResource, claim: CreateClaim): boolean {
  if (flow.revision !== claim.flow.revision || flow.dateCreated !== claim.flow.dateCreated) return false;
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
