/**
 * One flow's write and how its entry of the deploy record moves: sent (`written`), then `confirmed` when Studio
 * holds it, `failed` when it does not, `unknown` when that cannot be established. A create may be sent as a claim
 * (StudioWriter.createFlowUnconfirmed) and confirmed later with its level's other claims (`confirmClaims`).
 */
import { messageOf } from '../errors.ts';
import { latestRevision } from '../studio/live.ts';
import { StudioDeadlineError, StudioUnconfirmedWriteError } from '../studio/errors.ts';
import { classifyFailure } from '../studio/retry.ts';
import type { CreateClaim, CreateConfirmation, FlowResource } from '../studio/types.ts';
import { transition, type FlowEntry } from './record.ts';
import type { DeployItem, PublishOptions, StudioWriter } from './types.ts';

/**
 * True when a failed write may still have been applied, so Studio's state is not known: the client could
 * not check it after a lost answer, or the last attempt (or the one the time limit cut short) failed in a
 * way that can hide an applied write (no answer, a timeout, a server error).
 */
export function isUnconfirmedWrite(error: unknown): boolean {
  if (error instanceof StudioUnconfirmedWriteError) return true;
  const last = error instanceof StudioDeadlineError ? error.cause : error;
  return classifyFailure(last)?.ambiguous === true;
}

/** What a write needs besides the flow: the options, and the SIDs of the flows this run created (confirmed). */
export interface WriteContext {
  options: PublishOptions;
  created: Map<string, string>;
}

/** A create Studio answered for, waiting for its level's read-back. */
export interface PendingClaim {
  item: DeployItem;
  entry: FlowEntry;
  claim: CreateClaim;
}

/** The definition to write: with the SIDs of the subflows this run created in place of their `${flow:PATH}`. */
function definitionToWrite(item: DeployItem, created: ReadonlyMap<string, string>): unknown {
  const missing = (item.pendingRefs ?? []).filter((ref) => !created.has(ref.path));
  if (missing.length > 0) {
    throw new Error(
      `it calls ${[...new Set(missing.map((m) => m.path))].join(', ')}, which this deploy did not create`,
    );
  }
  return item.complete ? item.complete(created) : item.definition;
}

/** Our own check of a write's answer (the client verifies it too): the flow we meant, a revision above the last. */
function confirmation(item: DeployItem, flow: FlowResource): string | undefined {
  if (item.live && flow?.sid !== item.live.sid)
    return `Studio answered with flow ${String(flow?.sid)}, not ${item.live.sid}`;
  if (!item.live && !/^FW[0-9a-f]{32}$/.test(String(flow?.sid))) return `Studio answered without the new flow's SID`;
  if (!Number.isInteger(flow?.revision)) return 'Studio answered without a revision';
  if (item.live && flow.revision <= latestRevision(item.live))
    return `Studio answered revision ${flow.revision}, not one above r${latestRevision(item.live)}`;
  return undefined;
}

/** A write that did not hold: `unknown` when it was sent and may have been applied, else `failed`. */
export function recordFailure(item: DeployItem, entry: FlowEntry, error: unknown): void {
  const unknown = entry.state === 'written' && isUnconfirmedWrite(error);
  // Still `checked`: refused before sending (e.g. too large), so nothing was written either.
  transition(entry, unknown ? 'unknown' : 'failed', { reason: messageOf(error) });
  if (!unknown && item.live) entry.revision = item.live.revision;
  if (unknown) delete entry.revision;
}

/** Studio holds the write (`flow`): the entry is confirmed, a created flow's SID is known to its callers. */
function recordConfirmed(item: DeployItem, entry: FlowEntry, input: { flow: FlowResource; ctx: WriteContext }): void {
  const { flow, ctx } = input;
  const wrong = confirmation(item, flow);
  if (wrong) throw new Error(wrong);
  if (!item.live) ctx.created.set(item.path, flow.sid);
  if (ctx.options.status === 'draft') {
    // A draft is not what runs: `revision` stays the published one (none for a flow never published).
    const live = item.live && !item.live.draftOnly ? item.live.revision : undefined;
    if (live === undefined) delete entry.revision;
    transition(entry, 'confirmed', {
      sid: flow.sid,
      writtenRevision: flow.revision,
      draft: true,
      ...(live !== undefined ? { revision: live } : {}),
    });
  } else {
    transition(entry, 'confirmed', { sid: flow.sid, revision: flow.revision, writtenRevision: flow.revision });
  }
  ctx.options.log(
    `${item.path}: ${entry.action === 'create' ? 'created' : 'updated'} ${item.friendlyName} → ${entry.draft ? `draft r${entry.writtenRevision}` : `r${entry.revision}`} (${entry.sid})${item.why ? `: ${item.why}` : ''}`,
  );
}

/**
 * Write one flow. Returns the create's claim when the writer reads creates back in batches (`confirmClaims`
 * settles it), else undefined with the entry settled. Never throws: a failure is in the entry.
 */
export async function writeFlow(
  studio: StudioWriter,
  item: DeployItem,
  input: { entry: FlowEntry; ctx: WriteContext },
): Promise<PendingClaim | undefined> {
  const { entry, ctx } = input;
  try {
    const definition = definitionToWrite(item, ctx.created);
    const body = {
      friendlyName: item.friendlyName,
      status: ctx.options.status,
      definition,
      commitMessage: ctx.options.commitMessage,
    };
    transition(entry, 'written');
    if (item.live) {
      const flow = await studio.updateFlow(item.live.sid, { ...body, previousRevision: latestRevision(item.live) });
      recordConfirmed(item, entry, { flow, ctx });
      return undefined;
    }
    if (studio.createFlowUnconfirmed && studio.confirmCreates) {
      const claim = await studio.createFlowUnconfirmed(body);
      const wrong = confirmation(item, claim?.flow);
      if (wrong) throw new Error(wrong);
      return { item, entry, claim };
    }
    recordConfirmed(item, entry, { flow: await studio.createFlow(body), ctx });
  } catch (error) {
    recordFailure(item, entry, error);
  }
  return undefined;
}

/** When the read-back itself broke its promise (threw, or gave no result for a claim): Studio's state is not known. */
function unread(claim: CreateClaim, error: unknown): CreateConfirmation {
  const sid = String(claim?.flow?.sid);
  return {
    ok: false,
    error: new StudioUnconfirmedWriteError({
      method: 'POST',
      path: '/v2/Flows',
      what: `create of flow "${claim.input.friendlyName}"`,
      sid,
      writeError: undefined,
      checkError: error,
      answer: `answered with flow ${sid} (not read back yet)`,
    }),
  };
}

/** A result of the shape the contract promises (anything else says nothing about Studio). */
function isConfirmation(value: unknown): value is CreateConfirmation {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; flow?: unknown };
  return r.ok === false || (r.ok === true && typeof r.flow === 'object' && r.flow !== null);
}

/** Settle a level's claims with one read-back: each entry `confirmed`, `failed` (nothing created) or `unknown`. */
export async function confirmClaims(
  studio: StudioWriter,
  input: { pending: readonly PendingClaim[]; ctx: WriteContext },
): Promise<void> {
  const { pending, ctx } = input;
  if (pending.length === 0) return;
  const claims = pending.map((p) => p.claim);
  let results: CreateConfirmation[];
  try {
    results = await studio.confirmCreates!(claims);
    if (!Array.isArray(results)) throw new Error('the read-back gave no list of results');
  } catch (error) {
    results = claims.map((c) => unread(c, error));
  }
  for (const [i, { item, entry, claim }] of pending.entries()) {
    const given: unknown = results[i];
    const result = isConfirmation(given)
      ? given
      : unread(claim, new Error('the read-back gave no result for this create'));
    try {
      if (!result.ok) throw result.error;
      recordConfirmed(item, entry, { flow: result.flow, ctx });
    } catch (error) {
      recordFailure(item, entry, error);
    }
  }
}
