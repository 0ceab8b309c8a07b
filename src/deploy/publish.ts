/**
 * Write the planned flows to Studio level by level (subflows before their callers, order.ts), moving each entry
 * of the deploy record through its states (record.ts). Within a level at most `concurrency` writes are in flight.
 * After a failed write no new write starts; writes in flight finish and are recorded as Studio holds them; then
 * the deploy either rolls back what this run confirmed (undo.ts) or leaves it. A write whose outcome cannot be
 * established is `unknown`: never rolled back, never called done.
 */
import { inFlightLimit, eachLimited } from './in-flight.ts';
import { dependencyLevels } from './order.ts';
import { transition, type FlowEntry } from './record.ts';
import type { DeployItem, PublishOptions, StudioWriter } from './types.ts';
import { rollBack } from './undo.ts';
import { confirmClaims, writeFlow, type PendingClaim, type WriteContext } from './write.ts';

export type { DeployOutcome, DeployStatus } from './record.ts';
export type { DeployItem, PublishOptions, StudioWriter } from './types.ts';
export { ROLLBACK_GRACE_MS } from './undo.ts';
export { isUnconfirmedWrite } from './write.ts';

const stopper = (e: FlowEntry) => e.state === 'failed' || e.state === 'unknown';

/** Flows a not-attempted reason names; more are counted (a level of 400 creates whose read-back failed). */
const NAMED_FAILURES = 5;

/** Why a flow was not attempted: the flows whose failure stopped the deploy, in record order. */
function notAttemptedReason(entries: readonly FlowEntry[]): string {
  const failures = entries
    .filter(stopper)
    .map((e) => `${e.path} ${e.state === 'unknown' ? 'may or may not have been written' : 'failed'}`);
  const more = failures.length - NAMED_FAILURES;
  const named = failures.slice(0, NAMED_FAILURES).join(', ');
  return `not attempted: ${named}${more > 0 ? ` (and ${more} more)` : ''} before it`;
}

/**
 * Deploy the items (in subflowsFirst's order), recording each flow's state in `entries` (same order as `items`).
 * A flow Studio already holds is `unchanged` at once: it has nothing to write and holds back no caller. The
 * others are written level by level; a level starts only when every write of the level below is settled (a
 * created subflow confirmed, so its caller's `${flow:PATH}` gets its SID). With a writer that reads creates
 * back in batches, a level's creates are sent as claims and confirmed by one `confirmCreates` once the level's
 * writes settled. Never throws for a Studio failure: the entries say what happened.
 */
export async function publishAll(
  studio: StudioWriter,
  items: DeployItem[],
  input: { entries: FlowEntry[]; options: PublishOptions },
): Promise<void> {
  const { entries } = input;
  const options = { ...input.options, concurrency: inFlightLimit(input.options.concurrency) };
  const entryOf = new Map(items.map((item, i) => [item, entries[i] as FlowEntry]));
  for (const item of items) if (item.unchanged) transition(entryOf.get(item) as FlowEntry, 'unchanged');
  const levels = dependencyLevels(items.filter((item) => !item.unchanged));
  const ctx: WriteContext = { options, created: new Map() };
  let stopped = false;
  for (const level of levels) {
    if (stopped) break;
    const pending: PendingClaim[] = [];
    await eachLimited(level, {
      limit: options.concurrency,
      go: () => !stopped,
      each: async (item) => {
        const entry = entryOf.get(item) as FlowEntry;
        const claim = await writeFlow(studio, item, { entry, ctx });
        if (claim) pending.push(claim);
        if (stopper(entry)) stopped = true;
      },
    });
    // The claims in record order, so that one read-back settles them the same way whatever order they came in.
    pending.sort((a, b) => entries.indexOf(a.entry) - entries.indexOf(b.entry));
    await confirmClaims(studio, { pending, ctx });
    if (pending.some((p) => stopper(p.entry))) stopped = true;
  }
  if (!stopped) return;
  const reason = notAttemptedReason(entries);
  for (const entry of entries) if (entry.state === 'checked') transition(entry, 'not-attempted', { reason });
  if (options.onFailure === 'rollback') await rollBack(studio, { levels, entryOf, options });
}
