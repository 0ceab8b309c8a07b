/**
 * Dominance on the transition graph (src/lint/paths.ts), checked against its definition on random graphs: `a`
 * dominates `b` when every path from the Trigger to `b` passes `a`, i.e. `b` cannot be reached once `a` is removed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dominance, flowGraph, pathAvoiding, reachableFrom } from '../../src/lint/paths.ts';
import type { FlowGraph } from '../../src/lint/paths.ts';

const graphOf = (edges: [number, number][], count: number): FlowGraph => ({
  names: Array.from({ length: count }, (_, i) => `w${i}`),
  byName: new Map(Array.from({ length: count }, (_, i) => [`w${i}`, i])),
  next: Array.from({ length: count }, (_, i) => edges.filter(([from]) => from === i).map(([, to]) => to)),
  start: 0,
});

function reachesWithout(graph: FlowGraph, to: number, removed: number): boolean {
  if (removed === 0) return false;
  const seen = reachableFrom(
    { ...graph, next: graph.next.map((t, i) => (i === removed ? [] : t.filter((x) => x !== removed))) },
    [0],
  );
  return seen.has(to);
}

describe('dominance', () => {
  it('a diamond, a loop and an unreachable widget', () => {
    // 0 → 1 → {2, 3} → 4 → 1 (loop); 5 unreachable → 4
    const g = graphOf(
      [
        [0, 1],
        [1, 2],
        [1, 3],
        [2, 4],
        [3, 4],
        [4, 1],
        [5, 4],
      ],
      6,
    );
    const d = dominance(g);
    assert.equal(d.dominates(1, 4), true);
    assert.equal(d.dominates(2, 4), false);
    assert.equal(d.dominates(0, 3), true);
    assert.equal(d.dominates(4, 1), false, 'the loop back does not make 4 run before 1');
    assert.equal(d.reachable(5), false);
    assert.equal(d.dominates(5, 4), false);
    assert.deepEqual(pathAvoiding(g, { to: 4, avoid: 2 }), ['w0', 'w1', 'w3', 'w4']);
    assert.equal(pathAvoiding(g, { to: 4, avoid: 1 }), undefined);
  });

  it('agrees with "unreachable once removed" on random graphs', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 }))),
        ([n, edges]) => {
          const g = graphOf(edges, n);
          const d = dominance(g);
          const reach = reachableFrom(g, [0]);
          for (let a = 0; a < n; a++)
            for (let b = 0; b < n; b++) {
              const expected = reach.has(a) && reach.has(b) && (a === b || !reachesWithout(g, b, a));
              assert.equal(d.dominates(a, b), expected, `${a} dom ${b} in ${JSON.stringify(edges)}`);
              if (reach.has(b) && !expected) {
                const path = pathAvoiding(g, { to: b, avoid: a });
                assert.ok(path && !path.includes(`w${a}`) && path[0] === 'w0' && path.at(-1) === `w${b}`);
              }
            }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a 5,000-widget chain neither overflows the stack nor takes long', () => {
    const n = 5_000;
    const g = graphOf(
      Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]),
      n,
    );
    const d = dominance(g);
    assert.equal(d.dominates(1, n - 1), true);
  });

  it('reads any JSON as a graph: junk states, missing targets, no trigger (initial_state)', () => {
    const g = flowGraph({
      initial_state: 'b',
      states: [
        null,
        7,
        { name: 'b', transitions: [{ next: 'c' }, { next: 'gone' }, null] },
        { name: 'c', transitions: 'x' },
      ],
    });
    assert.equal(g.start, 2);
    assert.deepEqual(g.next, [[], [], [3], []]);
    assert.equal(flowGraph({}).start, undefined);
    assert.equal(dominance(flowGraph({})).reachable(0), false);
  });
});
