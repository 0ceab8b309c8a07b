/**
 * Write the planned flows to Studio one by one; on a failed write, stop and either roll back what
 * this run deployed or leave it, and say exactly what is live afterwards.
 */
import { messageOf } from '../errors.ts';
import type { PendingRef } from '../flows/flow-refs.ts';
import type { LiveFlow } from '../flows/live.ts';
import type { FlowResource, FlowStatus } from '../studio/types.ts';

/** The Studio writes a deploy makes; StudioClient provides them. */
export interface StudioWriter {
  createFlow(input: { friendlyName: string; status: FlowStatus; definition: unknown; commitMessage?: string }): Promise<FlowResource>;
  updateFlow(sid: string, input: { friendlyName?: string; status: FlowStatus; definition?: unknown; commitMessage?: string; previousRevision?: number }): Promise<FlowResource>;
  deleteFlow(sid: string): Promise<void>;
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
  /** The PR's definition equals the live one: nothing to write. */
  unchanged: boolean;
  /** `${flow:PATH}` references to flows this deploy creates first. */
  pendingRefs?: PendingRef[];
  /** The definition to write, given the SIDs of the flows created so far (by path). */
  complete?: (created: ReadonlyMap<string, string>) => unknown;
}

export type DeployStatus = 'created' | 'updated' | 'unchanged' | 'rolled-back' | 'failed' | 'not-attempted';

export interface DeployOutcome {
  path: string;
  friendlyName: string;
  sid?: string;
  revision?: number;
  previousRevision?: number;
  status: DeployStatus;
  error?: string;
}

export interface PublishOptions {
  status: FlowStatus;
  commitMessage: string;
  /** Commit message of a rollback revision. */
  rollbackMessage: (previousRevision: number) => string;
  onFailure: 'rollback' | 'stop';
  log: (line: string) => void;
}

function outcomeOf(item: DeployItem, status: DeployStatus): DeployOutcome {
  const o: DeployOutcome = { path: item.path, friendlyName: item.friendlyName, status };
  if (item.live) Object.assign(o, { sid: item.live.sid, revision: item.live.revision, previousRevision: item.live.revision });
  return o;
}

/** The definition to write: with the SIDs of the subflows this run created in place of their `${flow:PATH}`. */
function definitionToWrite(item: DeployItem, created: ReadonlyMap<string, string>): unknown {
  const missing = (item.pendingRefs ?? []).filter((ref) => !created.has(ref.path));
  if (missing.length > 0) {
    throw new Error(`it calls ${[...new Set(missing.map((m) => m.path))].join(', ')}, which this deploy did not create`);
  }
  return item.complete ? item.complete(created) : item.definition;
}

async function write(studio: StudioWriter, item: DeployItem, options: PublishOptions, created: Map<string, string>): Promise<DeployOutcome> {
  const input = { friendlyName: item.friendlyName, status: options.status, definition: definitionToWrite(item, created), commitMessage: options.commitMessage };
  if (!item.live) {
    const flow = await studio.createFlow(input);
    created.set(item.path, flow.sid);
    return { path: item.path, friendlyName: item.friendlyName, sid: flow.sid, revision: flow.revision, status: 'created' };
  }
  const updated = await studio.updateFlow(item.live.sid, { ...input, previousRevision: item.live.draftRevision ?? item.live.revision });
  return { ...outcomeOf(item, 'updated'), revision: updated.revision, previousRevision: item.live.revision };
}

/** Undo one flow this run wrote: re-publish its previous definition, or delete a flow it created. */
async function undo(studio: StudioWriter, item: DeployItem, done: DeployOutcome, options: PublishOptions): Promise<DeployOutcome> {
  try {
    if (!item.live) {
      await studio.deleteFlow(done.sid as string);
      const { revision: _deleted, ...rest } = done;
      return { ...rest, status: 'rolled-back' };
    }
    const restored = await studio.updateFlow(item.live.sid, {
      friendlyName: item.live.friendlyName,
      status: 'published',
      definition: item.live.definition,
      commitMessage: options.rollbackMessage(item.live.revision),
    });
    return { ...done, status: 'rolled-back', revision: restored.revision };
  } catch (error) {
    return { ...done, error: `rollback failed: ${messageOf(error)}` };
  }
}

/** Deploy the items in order. Never throws for a Studio failure: the outcomes say what happened. */
export async function publishAll(studio: StudioWriter, items: DeployItem[], options: PublishOptions): Promise<DeployOutcome[]> {
  const outcomes: DeployOutcome[] = [];
  const created = new Map<string, string>();
  for (const [i, item] of items.entries()) {
    if (item.unchanged) {
      outcomes.push(outcomeOf(item, 'unchanged'));
      continue;
    }
    try {
      const done = await write(studio, item, options, created);
      options.log(`${item.path}: ${done.status} ${item.friendlyName} → r${done.revision} (${done.sid})`);
      outcomes.push(done);
    } catch (error) {
      outcomes.push({ ...outcomeOf(item, 'failed'), error: messageOf(error) });
      for (const rest of items.slice(i + 1)) outcomes.push(outcomeOf(rest, 'not-attempted'));
      if (options.onFailure === 'rollback') {
        studio.extendDeadline?.(ROLLBACK_GRACE_MS);
        for (const [j, done] of outcomes.entries()) {
          if (done.status !== 'created' && done.status !== 'updated') continue;
          outcomes[j] = await undo(studio, items[j] as DeployItem, done, options);
          options.log(`${done.path}: rolled back (${outcomes[j]?.error ?? `r${outcomes[j]?.revision ?? 'deleted'}`})`);
        }
      }
      break;
    }
  }
  return outcomes;
}
