/**
 * Writes in flight: run a level's work in order with at most `limit` calls at once, and start none once the
 * deploy stopped (`go()` false). Calls already running finish; the ones not started are simply never called.
 */
export async function eachLimited<T>(
  items: readonly T[],
  input: { limit: number; go?: () => boolean; each: (item: T) => Promise<void> },
): Promise<void> {
  const { limit, go = () => true, each } = input;
  let next = 0;
  const worker = async (): Promise<void> => {
    // `go()` is asked right before each start, so a failure seen by any worker stops every other one.
    while (next < items.length && go()) await each(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The writes in flight a deploy allows: a whole number of at least 1 (default 1). */
export function inFlightLimit(concurrency: number | undefined): number {
  return Number.isInteger(concurrency) && (concurrency as number) >= 1 ? (concurrency as number) : 1;
}
