/**
 * The Liquid rules reuse what the graph rules built (src/lint/graph.ts `graphCheck`): the transition graph and the
 * post-order walk from the Trigger. Both must be exactly what paths.ts builds on its own, on any definition, or the
 * dominance and reachability the Liquid rules read would differ from the lint run without the graph rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchFlows } from '../../scripts/bench/big-flow.ts';
import { graphCheck } from '../../src/lint/graph.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { liquidIssues } from '../../src/lint/liquid-rules.ts';
import { flowGraph, postOrder } from '../../src/lint/paths.ts';
import { liquidZoo, randomFlow } from './lint-pinned-flows.ts';

const hostile: Record<string, unknown>[] = [
  {},
  { states: 'no' },
  { states: [null, 7, [], 'x', { name: ['a'] }], initial_state: 'x' },
  { states: [{ name: 'a', type: 'say-play', transitions: [{ next: 'a' }, null, { next: 'zz' }] }], initial_state: 'a' },
  {
    states: [
      { name: '', type: 'trigger', transitions: 'none' },
      { name: 'b', type: 'trigger' },
    ],
  },
  {
    states: [
      { name: 'T', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'd' }] },
      { name: 'd', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'T' }] },
      { name: 'd', type: 'say-play', transitions: [] },
    ],
    initial_state: 'T',
  },
];

describe('the graph the Liquid rules share', () => {
  const definitions = [
    ...hostile,
    liquidZoo(),
    benchFlows().after,
    ...Array.from({ length: 200 }, (_, i) => randomFlow(1000 + i)),
  ];

  it('is the graph paths.ts builds, with its post-order, on hostile, random and the bench flows', () => {
    for (const [i, definition] of definitions.entries()) {
      const { graph } = graphCheck(definition);
      const own = flowGraph(definition);
      assert.deepEqual(
        { names: graph.names, byName: graph.byName, next: graph.next, start: graph.start },
        own,
        `definition #${i}`,
      );
      assert.deepEqual(graph.order, postOrder(own), `definition #${i}`);
    }
  });

  it('gives the Liquid rules the same findings as a graph of their own', () => {
    for (const [i, definition] of definitions.entries())
      assert.deepEqual(liquidIssues(definition, graphCheck(definition).graph), liquidIssues(definition), `#${i}`);
  });

  it('the bench flow reports each finding once per place: the split input and its condition are two strings', () => {
    const issues = lintDefinition(benchFlows().after);
    const places = issues.map((i) => `${i.rule} ${i.pointer} ${i.at?.offset}`);
    assert.equal(new Set(places).size, places.length);
    const step6 = issues.filter((i) => i.widget === 'step_0006').map((i) => i.pointer);
    assert.deepEqual(step6.sort(), ['/states/6/properties/input', '/states/6/transitions/1/conditions/0/arguments/0']);
  });
});
