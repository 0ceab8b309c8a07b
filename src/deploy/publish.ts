/**
 * Write the planned flows to Studio one by one, moving each entry of the deploy record through its
 * states (see record.ts); on a failed write, stop and either roll back what this run confirmed or leave
 * it. A write whose outcome cannot be established is `unknown`: never rolled back, never called done.
 */
import { messageOf } from '../errors.ts';
import type { PendingRef } from '../resolve/flow-refs.ts';
import { latestRevision, type LiveFlow } from '../studio/live.ts';
import { StudioDeadlineError, StudioUnconfirmedWriteError } from '../studio/errors.ts';
import { classifyFailure } from '../studio/retry.ts';
import type { CreateClaim, CreateConfirmation, CreateFlowInput, FlowResource, FlowStatus } from '../studio/types.ts';
import { transition, type FlowEntry } from './record.ts';

export type { DeployOutcome, DeployStatus } from './record.ts';

/** The Studio writes a deploy makes; StudioClient provides them. */
export interface StudioWriter {
  createFlow(input: {
    friendlyName: string;
    status: FlowStatus;
    definition: unknown;
    commitMessage?: string;
  }): Promise<FlowResource>;
  updateFlow(
    sid: string,
    input: {
      friendlyName?: string;
      status: FlowStatus;
      definition?: unknown;
      commitMessage?: string;
      previousRevision?: number;
    },
  ): Promise<FlowResource>;
  deleteFlow(sid: string): Promise<void>;
  /**
   * A create whose answer is checked but not read back yet (see CreateClaim); throws as createFlow does. With
   * `confirmCreates`, a level's creates are read back by one list instead of one GET each.
   */
  createFlowUnconfirmed?(input: CreateFlowInput): Promise<CreateClaim>;
  /** Read many claims back with one list of the flows (all pages): one result per claim, in the same order. */
  confirmCreates?(claims: readonly CreateClaim[]): Promise<CreateConfirmation[]>;
  /** Allow the calls that follow at least `ms` more than the run's time limit left (undoing a failed deploy). */
  extendDeadline?(ms: number): void;
}

/** Time a rollback is given even when the run's time limit ('timeout') is what stopped the deploy. */
export const ROLLBACK_GRACE_MS = 120_000;

export interface DeployItem {
  path: string;
  friendlyName: string;
  definition: unknown;
  /** null: not in Studio yet. */
  live: LiveFlow | null;
  /**
   * Studio already holds exactly what the deploy would write (same definition, same name, and a published
   * revision for a published deploy): nothing to write. See deploy/plan.ts.
   */
  unchanged: boolean;
  /** The latest revision holds this definition and name: the write only publishes it (never drift). */
  onlyPublish?: boolean;
  /** What the write changes besides the definition, for the reports (e.g. renamed, published for the first time). */
  why?: string;
  /** `${flow:PATH}` references to flows this deploy creates first. */
  pendingRefs?: PendingRef[];
  /** The definition to write, given the SIDs of the flows created so far (by path). */
  complete?: (created: ReadonlyMap<string, string>) => unknown;
}

export interface PublishOptions {
  status: FlowStatus;
  commitMessage: string;
  /** Commit message of a rollback revision. */
  rollbackMessage: (previousRevision: number) => string;
  onFailure: 'rollback' | 'stop';
  /**
   * Writes in flight at once within one dependency level (default 1). After a failure no new write starts;
   * writes in flight finish and are recorded with their real outcome; the rest are `not-attempted`.
   */
  concurrency?: number;
  log: (line: string) => void;
}

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

async function write(
  studio: StudioWriter,
  item: DeployItem,
  entry: FlowEntry,
  ctx: { options: PublishOptions; created: Map<string, string> },
): Promise<void> {
  const definition = definitionToWrite(item, ctx.created);
  const input = {
    friendlyName: item.friendlyName,
    status: ctx.options.status,
    definition,
    commitMessage: ctx.options.commitMessage,
  };
  transition(entry, 'written');
  const flow = item.live
    ? await studio.updateFlow(item.live.sid, { ...input, previousRevision: latestRevision(item.live) })
    : await studio.createFlow(input);
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
    return;
  }
  transition(entry, 'confirmed', { sid: flow.sid, revision: flow.revision, writtenRevision: flow.revision });
}

/** Undo one flow this run confirmed: re-publish its previous definition, or delete a flow it created. */
async function undo(studio: StudioWriter, item: DeployItem, entry: FlowEntry, options: PublishOptions): Promise<void> {
  try {
    if (!item.live) {
      await studio.deleteFlow(entry.sid as string);
      delete entry.revision;
      transition(entry, 'rolled-back', { deleted: true });
      return;
    }
    const restored = await studio.updateFlow(item.live.sid, {
      friendlyName: item.live.friendlyName,
      // A flow that was never published gets its draft back: a rollback must not put it live.
      status: item.live.draftOnly ? 'draft' : 'published',
      definition: item.live.definition,
      commitMessage: options.rollbackMessage(item.live.revision),
      previousRevision: entry.writtenRevision,
    });
    transition(entry, 'rolled-back', { revision: restored.revision });
  } catch (error) {
    const left = isUnconfirmedWrite(error)
      ? 'the rollback may or may not have been applied: look at the latest revision in Studio'
      : item.live
        ? entry.draft
          ? `draft r${entry.writtenRevision} of this deploy is still the latest revision (not live)`
          : `r${entry.writtenRevision} of this deploy is still live`
        : `the flow this deploy created (${entry.sid}) still exists`;
    transition(entry, 'rollback-failed', { reason: `rollback failed: ${messageOf(error)}; ${left}` });
  }
}

/**
 * Deploy the items in order, recording each flow's state in `entries` (same order as `items`).
 * Never throws for a Studio failure: the entries say what happened.
 */
export async function publishAll(
  studio: StudioWriter,
  items: DeployItem[],
  input: { entries: FlowEntry[]; options: PublishOptions },
): Promise<void> {
  const { entries, options } = input;
  const created = new Map<string, string>();
  for (const [i, item] of items.entries()) {
    const entry = entries[i] as FlowEntry;
    if (item.unchanged) {
      transition(entry, 'unchanged');
      continue;
    }
    try {
      await write(studio, item, entry, { options, created });
      options.log(
        `${item.path}: ${entry.action === 'create' ? 'created' : 'updated'} ${item.friendlyName} → ${entry.draft ? `draft r${entry.writtenRevision}` : `r${entry.revision}`} (${entry.sid})${item.why ? `: ${item.why}` : ''}`,
      );
    } catch (error) {
      const unknown = entry.state === 'written' && isUnconfirmedWrite(error);
      // Still `checked`: refused before sending (e.g. too large), so nothing was written either.
      transition(entry, unknown ? 'unknown' : 'failed', { reason: messageOf(error) });
      if (!unknown && item.live) entry.revision = item.live.revision;
      if (unknown) delete entry.revision;
      for (const [j, rest] of entries.entries()) {
        if (j > i && rest.state === 'checked')
          transition(rest, 'not-attempted', {
            reason: `not attempted: ${item.path} ${unknown ? 'may or may not have been written' : 'failed'} before it`,
          });
      }
      if (options.onFailure === 'rollback') await rollBack(studio, { items, entries, options });
      break;
    }
  }
}

/** Roll back, latest first, every flow this run confirmed. */
async function rollBack(
  studio: StudioWriter,
  input: { items: DeployItem[]; entries: FlowEntry[]; options: PublishOptions },
): Promise<void> {
  const { items, entries, options } = input;
  studio.extendDeadline?.(ROLLBACK_GRACE_MS);
  for (let j = entries.length - 1; j >= 0; j -= 1) {
    const entry = entries[j] as FlowEntry;
    if (entry.state !== 'confirmed') continue;
    await undo(studio, items[j] as DeployItem, entry, options);
    const after = entries[j] as FlowEntry; // the same entry, in its new state
    options.log(
      `${after.path}: ${after.state === 'rolled-back' ? `rolled back (${after.deleted ? 'created flow deleted' : `r${after.revision} restores r${after.previousRevision}`})` : after.reason}`,
    );
  }
}
