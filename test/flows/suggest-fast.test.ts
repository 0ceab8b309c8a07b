/**
 * The quick did-you-mean of the Liquid rules (src/lint/suggest.ts `closestLowered`, and `editDistance` at a limit of
 * one edit, checked in linear time) answers exactly what the plain search answers, on generated names with case
 * variants, near misses and characters whose lower case differs in length (İ) or is ASCII (the Kelvin sign).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  closestLowered,
  closestName,
  editDistance,
  loweredNames,
  MAX_SUGGESTION_CANDIDATES,
} from '../../src/lint/suggest.ts';

const char = fc.constantFrom('a', 'b', 'A', 'B', '_', '1', 'İ', 'i', '\u212a', 'k', 'é', '𝄞');
const word = fc.array(char, { maxLength: 9 }).map((cs) => cs.join(''));

/** The search the Liquid rules made before: every name lower-cased, then closestName over them. */
function plain(wanted: string, names: string[]): string | undefined {
  const lowered = loweredNames(names);
  const found = closestName(wanted.toLowerCase(), lowered.keys());
  return found === undefined ? undefined : lowered.get(found);
}

describe('the quick did-you-mean', () => {
  it('agrees with the plain search on generated names', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), word, (names, wanted) => {
        assert.equal(closestLowered(wanted, loweredNames(names)), plain(wanted, names));
        // Names as a map's keys (the widgets by name), used as they are when all are lower case already.
        const byName = new Map(names.map((n, i) => [n, i]));
        assert.equal(closestLowered(wanted, loweredNames(byName)), plain(wanted, [...byName.keys()]));
        const lower = new Map(names.map((n, i) => [n.toLowerCase(), i]));
        assert.equal(closestLowered(wanted, loweredNames(lower)), plain(wanted, [...lower.keys()]));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees past the candidate limit, where only a case-insensitive match early enough counts', () => {
    const names = Array.from({ length: MAX_SUGGESTION_CANDIDATES + 5 }, (_, i) => `widget_${i}`);
    for (const wanted of ['WIDGET_7', 'widget_7x', `widget_${MAX_SUGGESTION_CANDIDATES + 2}`, 'nothing'])
      assert.equal(closestLowered(wanted, loweredNames(names)), plain(wanted, names), wanted);
  });

  it('finds the near miss a deleted widget leaves among 2,000 names', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `step_${String(i).padStart(4, '0')}`).filter(
      (n) => n !== 'step_1605',
    );
    assert.equal(closestLowered('step_1605', loweredNames(names)), plain('step_1605', names));
    assert.equal(closestLowered('STEP_1604', loweredNames(names)), 'step_1604');
  });

  it('editDistance within one edit is the full distance, capped', () => {
    fc.assert(
      fc.property(word, word, fc.constantFrom(0, 1), (a, b, limit) => {
        assert.equal(editDistance(a, b, limit), Math.min(editDistance(a, b), limit + 1), `${a} ${b} ${limit}`);
      }),
      { numRuns: 5000 },
    );
  });
});
