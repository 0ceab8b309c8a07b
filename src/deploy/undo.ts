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

/** Undo one flow this run confirmed: re-publish its previous definition, or delete a flow it created. */
async function undo(studio: StudioWriter, item: DeployItem, input: { entry: FlowEntry; options: PublishOptions }) {
  const { entry, options } = input;
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
  input: { levels: readonly DeployItem[][]; entryOf: ReadonlyMap<DeployItem, FlowEntry>; options: PublishOptions },
): Promise<void> {
  const { levels, entryOf, options } = input;
  studio.extendDeadline?.(ROLLBACK_GRACE_MS);
  for (const level of [...levels].reverse()) {
    const confirmed = [...level].reverse().filter((item) => entryOf.get(item)?.state === 'confirmed');
    await eachLimited(confirmed, {
      limit: options.concurrency ?? 1,
      each: async (item) => {
        const entry = entryOf.get(item) as FlowEntry;
        await undo(studio, item, { entry, options });
        options.log(
          `${entry.path}: ${entry.state === 'rolled-back' ? `rolled back (${entry.deleted ? 'created flow deleted' : `r${entry.revision} restores r${entry.previousRevision}`})` : entry.reason}`,
        );
      },
    });
  }
}
