/**
 * Split Based On… conditions that can never match (src/lint/split-rules.ts). Studio tests the transitions in
 * order and follows the first that matches, else noMatch; "Less Than" / "Greater Than" compare numbers
 * (https://www.twilio.com/docs/studio/widget-library/split-based-on). A Gather's Digits holds the keys pressed
 * (https://www.twilio.com/docs/studio/widget-library/gather-input-call).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDefinition } from '../../src/lint/lint.ts';

type Cond = { type: string; value: string; argument?: string };
const INPUT = '{{widgets.menu.Digits}}';
function flow(conditions: (Cond | Cond[])[]) {
  return {
    description: 'split',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [
          { event: 'incomingCall', next: 'menu' },
          { event: 'incomingMessage' },
          { event: 'incomingRequest' },
        ],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'menu',
        type: 'gather-input-on-call',
        transitions: [{ event: 'keypress', next: 'split' }, { event: 'speech' }, { event: 'timeout' }],
        properties: { say: 'Press 1', number_of_digits: 1, offset: { x: 0, y: 0 } },
      },
      {
        name: 'split',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch' },
          ...conditions.map((c, i) => ({
            event: 'match',
            conditions: (Array.isArray(c) ? c : [c]).map((one) => ({
              friendly_name: `c${i}`,
              arguments: [one.argument ?? INPUT],
              type: one.type,
              value: one.value,
            })),
          })),
        ],
        properties: { input: INPUT, offset: { x: 0, y: 0 } },
      },
    ],
  };
}
const dead = (conditions: (Cond | Cond[])[]) =>
  lintDefinition(flow(conditions))
    .filter((i) => i.rule === 'split-condition')
    .map((i) => [i.severity, i.pointer, /can never be followed: (.*)$/.exec(i.message)?.[1]]);

describe('split-based-on: conditions that can never match (warning)', () => {
  it('a duplicate of an earlier condition', () => {
    assert.deepEqual(
      dead([
        { type: 'equal_to', value: '1' },
        { type: 'equal_to', value: '2' },
        { type: 'equal_to', value: '1' },
      ]),
      [['warning', '/states/2/transitions/3/conditions', 'transition #1 has the same condition and is tested first']],
    );
  });

  it('any condition after a catch-all regex', () => {
    assert.deepEqual(
      dead([
        { type: 'regex', value: '.*' },
        { type: 'equal_to', value: '2' },
      ]),
      [['warning', '/states/2/transitions/2/conditions', 'transition #1 before it matches any input']],
    );
  });

  it('a numeric comparison against a value that is not a number', () => {
    assert.deepEqual(
      dead([
        { type: 'greater_than', value: 'ten' },
        { type: 'less_than', value: ' -2.5 ' },
      ]),
      [['warning', '/states/2/transitions/1/conditions', '"greater_than" compares numbers, and "ten" is not a number']],
    );
  });

  it("equal_to / matches_any_of of a Gather's Digits against words, not keys", () => {
    assert.deepEqual(
      dead([
        { type: 'equal_to', value: 'yes' },
        { type: 'matches_any_of', value: 'one, two' },
        { type: 'matches_any_of', value: 'one, 2' },
        { type: 'equal_to', value: '*9#' },
      ]).map((d) => d[1]),
      ['/states/2/transitions/1/conditions', '/states/2/transitions/2/conditions'],
    );
  });

  it('leaves alone: Liquid values, other inputs, distinct conditions, AND-ed pairs that differ', () => {
    assert.deepEqual(
      dead([
        { type: 'equal_to', value: '{{flow.variables.choice}}' },
        { type: 'greater_than', value: '{{flow.data.limit}}' },
        { type: 'equal_to', value: 'yes', argument: '{{trigger.message.Body}}' },
        { type: 'equal_to', value: 'yes', argument: '{{widgets.nope.Digits}}' },
        [
          { type: 'equal_to', value: '1' },
          { type: 'is_not_blank', value: '' },
        ],
        { type: 'equal_to', value: '1' },
        { type: 'regex', value: '^1.*' },
      ]),
      [],
    );
  });

  it('copes with hostile shapes: no conditions array, junk entries, huge values', () => {
    const definition = flow([{ type: 'less_than', value: 'x'.repeat(100_000) }]);
    const split = definition.states[2] as { transitions: unknown[] };
    split.transitions.push({ event: 'match', conditions: 'nope' }, { event: 'match', conditions: [null, 7, {}] }, null);
    const issues = lintDefinition(definition).filter((i) => i.rule === 'split-condition');
    assert.equal(issues.length, 1);
    assert.ok((issues[0]?.message.length ?? 0) < 300);
  });
});
