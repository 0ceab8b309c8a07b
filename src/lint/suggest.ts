/** "Did you mean …?" for widget names: the closest existing name by edit distance, at a bounded cost. */

/**
 * Names read per search at most (Studio's own limit is 2,000 widgets): past it no suggestion is made, so a
 * hostile 20,000-widget flow costs one pass over 2,000 names, not 20,000 per typo.
 */
export const MAX_SUGGESTION_CANDIDATES = 2_000;
/** Distinct missing targets per flow that get a suggestion; the lint lists 50 findings of a rule anyway. */
export const MAX_SUGGESTED_TARGETS = 50;

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The existing name closest to `wanted`, when it is close enough to be a likely typo: a
 * case-insensitive match, or at most a third of the name's length (minimum 1, maximum 3) edits.
 */
export function closestName(wanted: string, names: Iterable<string>): string | undefined {
  const lower = wanted.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let read = 0;
  for (const name of names) {
    if (++read > MAX_SUGGESTION_CANDIDATES) return undefined;
    if (name.toLowerCase() === lower) return name;
    // Only a case-insensitive match beats a name one edit away: no distance left to compute.
    if (bestDistance === 1) continue;
    const distance = editDistance(lower, name.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
