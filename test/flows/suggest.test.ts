/** "Did you mean" stays cheap on hostile flows: the search reads a bounded number of names, for a bounded number of typos. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphIssues } from '../../src/lint/graph.ts';
import { closestName, MAX_SUGGESTION_CANDIDATES, MAX_SUGGESTED_TARGETS } from '../../src/lint/suggest.ts';

/** An iterable that counts how many names were read from it. */
function counted(names: string[]): { names: Iterable<string>; read: () => number } {
  let read = 0;
  return {
    names: {
      *[Symbol.iterator]() {
        for (const n of names) {
          read += 1;
          yield n;
        }
      },
    },
    read: () => read,
  };
}

describe('closestName', () => {
  it('finds a likely typo', () => {
    assert.equal(closestName('say_goodbey', ['say_hello', 'say_goodbye', 'gather']), 'say_goodbye');
    assert.equal(closestName('SAY_HELLO', ['say_hello']), 'say_hello');
    assert.equal(closestName('zzz', ['say_hello']), undefined);
  });

  it(`reads at most ${'MAX_SUGGESTION_CANDIDATES'} names, and suggests nothing past them`, () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `widget_${i}`);
    const source = counted(many);
    assert.equal(closestName('widget_19999x', source.names), undefined);
    assert.ok(source.read() <= MAX_SUGGESTION_CANDIDATES + 1, `read ${source.read()} names`);
  });
});

describe('graphIssues suggestions', () => {
  it(`suggest a widget for the first ${'MAX_SUGGESTED_TARGETS'} missing targets only`, () => {
    const names = Array.from({ length: 80 }, (_, i) => `step_number_${i}`);
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: names[0] }], properties: {} },
      ...names.map((name, i) => ({
        name,
        type: 'send-message',
        transitions: [{ event: 'sent', next: `${names[i]}x` }],
        properties: {},
      })),
    ];
    const issues = graphIssues({ initial_state: 'Trigger', states }).filter((i) => i.rule === 'transition-target');
    assert.equal(issues.length, 80);
    const suggested = issues.filter((i) => i.fix?.startsWith('Did you mean'));
    assert.equal(suggested.length, MAX_SUGGESTED_TARGETS);
    assert.deepEqual(
      suggested.map((i) => i.pointer),
      issues.slice(0, MAX_SUGGESTED_TARGETS).map((i) => i.pointer),
    );
  });
});
