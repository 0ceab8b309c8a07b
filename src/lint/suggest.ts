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
  if (limit <= 1) return a === b ? 0 : limit === 1 && oneEditApart(a, b) ? 1 : limit + 1;
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

/** Is `b` made from `a` (not equal, lengths at most one apart) by one substitution, insertion or deletion? */
function oneEditApart(a: string, b: string): boolean {
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  // Past the first difference the rest must match: shifted by one (insertion) or not (substitution).
  const skip = short.length === long.length ? 1 : 0;
  for (let j = i + skip; j < short.length; j++) if (short.charCodeAt(j) !== long.charCodeAt(j + 1 - skip)) return false;
  return true;
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

/** Lower-cased name → the name (the first of names differing in case only), for `closestLowered`. */
export interface Lowered {
  readonly size: number;
  get(lower: string): string | undefined;
  keys(): IterableIterator<string>;
}

/**
 * The names lower-cased. Names given as a map's keys that are all lower case already (widget names mostly are) are
 * used as they are, without a second map.
 */
export function loweredNames(names: Iterable<string> | ReadonlyMap<string, unknown>): Lowered {
  if (names instanceof Map) {
    const map = names as ReadonlyMap<string, unknown>;
    let lower = true;
    for (const name of map.keys())
      if (name.toLowerCase() !== name) {
        lower = false;
        break;
      }
    if (lower) return { size: map.size, get: (key) => (map.has(key) ? key : undefined), keys: () => map.keys() };
  }
  const lowered = new Map<string, string>();
  for (const name of names instanceof Map
    ? (names as ReadonlyMap<string, unknown>).keys()
    : (names as Iterable<string>)) {
    const lower = name.toLowerCase();
    if (!lowered.has(lower)) lowered.set(lower, name);
  }
  return lowered;
}

/**
 * What `closestName(wanted.toLowerCase(), lowered.keys())` answers, mapped back to the name, at less cost when the
 * name is missing: a case-insensitive match is one look-up, and without one the search stops at the first name one
 * edit away (nothing can beat it) and skips names whose length alone puts them too far.
 */
export function closestLowered(wanted: string, lowered: Lowered): string | undefined {
  const lower = wanted.toLowerCase();
  if (lowered.size > MAX_SUGGESTION_CANDIDATES) {
    const found = closestName(lower, lowered.keys());
    return found === undefined ? undefined : lowered.get(found);
  }
  const exact = lowered.get(lower);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(lower.length / 3))) + 1;
  for (const key of lowered.keys()) {
    if (Math.abs(key.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, key, bestDistance - 1);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
      if (distance <= 1) break;
    }
  }
  return best === undefined ? undefined : lowered.get(best);
}
