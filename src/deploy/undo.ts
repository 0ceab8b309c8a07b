/**
 * The rollback of a failed deploy: every flow this run confirmed is undone (its previous definition re-published,
 * or the flow it created deleted), callers before the subflows they call. An `unknown` write is never touched.
 */
import { messageOf } from '../errors.ts';
import { eachLimited } from './in-flight.ts';
import { transition, type FlowEntry } from './record.ts';
import type { DeployItem, PublishOptions, StudioWriter } from './types.ts';
import { isUnconfirmedWrite } from './write.ts';

/** Time a rollback is given even when the run's time limit ('timeout') is what stopped the deploy. */
export const ROLLBACK_GRACE_MS = 120_000;

/**
 * The callers of a flow this run created that may still call it: their write is `unknown` (it may hold the new
 * SID) or their own undo failed (it does). Deleting the flow would leave them live calling a flow that is gone.
 */
function liveCallers(item: DeployItem, input: { levels: readonly DeployItem[][]; entryOf: EntryOf }): string[] {
  return input.levels
    .flat()
    .filter((caller) => (caller.pendingRefs ?? []).some((ref) => ref.path === item.path))
    .map((caller) => input.entryOf.get(caller))
    .filter((e): e is FlowEntry => e?.state === 'unknown' || e?.state === 'rollback-failed')
    .map((e) => e.path);
}

type EntryOf = ReadonlyMap<DeployItem, FlowEntry>;

/** Undo one flow this run confirmed: re-publish its previous definition, or delete a flow it created. */
async function undo(
  studio: StudioWriter,
  item: DeployItem,
  input: { entry: FlowEntry; options: PublishOptions; callers: readonly string[] },
) {
  const { entry, options, callers } = input;
  if (!item.live && callers.length > 0) {
    const who = `${callers.join(', ')} ${callers.length === 1 ? 'calls' : 'call'} it`;
    transition(entry, 'rollback-failed', {
      reason: `not rolled back: ${who} and may still be live with this deploy's write (unknown, or its own rollback failed); the flow this deploy created (${entry.sid}) still exists: delete it once nothing calls it`,
    });
    return;
  }
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
 * Roll back every flow this run confirmed: the levels from the last (callers) to the first, within a level
 * latest first with at most `concurrency` undos in flight; a level starts when the one above it settled.
 */
export async function rollBack(
  studio: StudioWriter,
  input: { levels: readonly DeployItem[][]; entryOf: EntryOf; options: PublishOptions },
): Promise<void> {
  const { levels, entryOf, options } = input;
  studio.extendDeadline?.(ROLLBACK_GRACE_MS);
  for (const level of [...levels].reverse()) {
    const confirmed = [...level].reverse().filter((item) => entryOf.get(item)?.state === 'confirmed');
    await eachLimited(confirmed, {
      limit: options.concurrency ?? 1,
      each: async (item) => {
        const entry = entryOf.get(item) as FlowEntry;
        // Callers sit in the levels above, settled already: undone, or left live as the entries say.
        await undo(studio, item, { entry, options, callers: item.live ? [] : liveCallers(item, input) });
        options.log(
          `${entry.path}: ${entry.state === 'rolled-back' ? `rolled back (${entry.deleted ? 'created flow deleted' : `r${entry.revision} restores r${entry.previousRevision}`})` : entry.reason}`,
        );
      },
    });
  }
}
