import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import jsonpatch from 'fast-json-patch';
import { diffDefinitions, normalizeDefinition } from '../../src/diff/diff.ts';
import { flowArbitrary, flowPairArbitrary, fc } from './diff-arbitraries.ts';

const ivr = JSON.parse(readFileSync(new URL('../../examples/main-ivr.json', import.meta.url), 'utf8')).definition;
const clone = <T>(v: T): T => structuredClone(v);
const state = (def: any, name: string) => def.states.find((s: any) => s.name === name);

test('reordering states and transitions of different events is not a change', () => {
  const after = clone(ivr);
  after.states.reverse();
  after.states[0].transitions.reverse();
  const diff = diffDefinitions(ivr, after);
  assert.equal(diff.identical, true);
  assert.deepEqual(diff.widgets, []);
  assert.deepEqual(diff.operations, []);
});

test('a renamed widget is a removal and an addition', () => {
  const after = clone(ivr);
  state(after, 'say_goodbye').name = 'say_bye';
  const diff = diffDefinitions(ivr, after);
  assert.deepEqual(
    diff.widgets.map((w) => [w.kind, w.name, w.type]),
    [
      ['added', 'say_bye', 'say-play'],
      ['removed', 'say_goodbye', 'say-play'],
    ],
  );
});

test('a widget that only moved is layout only', () => {
  const after = clone(ivr);
  state(after, 'split_choice').properties.offset = { x: 500, y: 900 };
  const diff = diffDefinitions(ivr, after);
  assert.deepEqual(diff.widgets, []);
  assert.deepEqual(diff.layoutOnly, ['split_choice']);
  assert.equal(diff.identical, false);
  assert.equal(diff.operationCounts?.layoutOnly, 2);
});

test('a rewired transition names its old and new target', () => {
  const after = clone(ivr);
  state(after, 'gather_menu').transitions[2].next = 'connect_support';
  state(after, 'gather_menu').properties.offset.x = 1;
  const [w, ...rest] = diffDefinitions(ivr, after).widgets;
  assert.deepEqual(rest, []);
  assert.equal(w?.kind, 'changed');
  assert.deepEqual(w?.properties, [], 'the move is not a property change');
  assert.deepEqual(w?.transitions, [{ event: 'timeout', before: 'say_goodbye', after: 'connect_support' }]);
});

test('a property change has a pointer relative to properties and both values', () => {
  const after = clone(ivr);
  state(after, 'say_goodbye').properties.say = 'Bye now.';
  state(after, 'gather_menu').properties.timeout = 8;
  delete state(after, 'gather_menu').properties.loop;
  const diff = diffDefinitions(ivr, after);
  const byName = new Map(diff.widgets.map((w) => [w.name, w]));
  assert.deepEqual(byName.get('say_goodbye')?.properties, [
    { path: '/say', before: state(ivr, 'say_goodbye').properties.say, after: 'Bye now.' },
  ]);
  assert.deepEqual(
    byName.get('gather_menu')?.properties.sort((a, b) => a.path.localeCompare(b.path)),
    [
      { path: '/loop', before: 1 },
      { path: '/timeout', before: 5, after: 8 },
    ],
  );
});

test('an array inside properties is reported as one change of the whole array', () => {
  const before = {
    states: [
      { name: 'w', type: 'make-http-request', transitions: [], properties: { params: [{ k: 'a' }, { k: 'b' }] } },
    ],
  };
  const after = clone(before);
  after.states[0]!.properties.params.shift();
  const [w] = diffDefinitions(before, after).widgets;
  assert.deepEqual(w?.properties, [{ path: '/params', before: [{ k: 'a' }, { k: 'b' }], after: [{ k: 'b' }] }]);
});

test('initial_state, description and flags changes', () => {
  const after = {
    ...clone(ivr),
    initial_state: 'gather_menu',
    description: 'x',
    flags: { allow_concurrent_calls: false },
  };
  const diff = diffDefinitions(ivr, after);
  assert.deepEqual(diff.initialState, { before: 'Trigger', after: 'gather_menu' });
  assert.deepEqual(diff.description, { before: ivr.description, after: 'x' });
  assert.deepEqual(diff.flags, [{ path: '/allow_concurrent_calls', before: true, after: false }]);
  assert.deepEqual(diff.widgets, []);
});

test('several match transitions are keyed match#1, match#2', () => {
  const normalized = normalizeDefinition(ivr);
  assert.deepEqual(Object.keys(normalized.states.split_choice!.transitions), ['noMatch', 'match#1', 'match#2']);
  const after = clone(ivr);
  const split = state(after, 'split_choice');
  split.transitions[2].next = 'say_goodbye';
  split.transitions[1].conditions[0].value = '9';
  const [w] = diffDefinitions(ivr, after).widgets;
  assert.deepEqual(
    w?.transitions.sort((x, y) => x.event.localeCompare(y.event)),
    [
      { event: 'match#1', before: 'connect_sales', after: 'connect_sales', detailsChanged: true },
      { event: 'match#2', before: 'connect_support', after: 'say_goodbye' },
    ],
  );
});

test('garbage input falls back to index keys and never throws', () => {
  assert.equal(diffDefinitions(null, 'x').identical, true);
  assert.deepEqual(
    Object.keys(normalizeDefinition({ states: [{ type: 'a' }, 7, { name: 'n' }, { name: 'n' }] }).states),
    ['#1', '#2', 'n', 'n#2'],
  );
  const diff = diffDefinitions(
    { states: 'nope', extra: 1 },
    { states: [{ name: '__proto__', transitions: 'x' }], extra: 2 },
  );
  assert.deepEqual(
    diff.widgets.map((w) => [w.kind, w.name]),
    [['added', '__proto__']],
  );
  assert.deepEqual(diff.other, [{ path: '/extra', before: 1, after: 2 }]);
});

// Its speed is a row of `npm run bench` (measured there, in one run), never a timed test: under load a timer fails
// for reasons that are not the code's.
test('a 2,000-widget, 1 MB flow: 1,998 canvas moves are counted, the two real changes listed', () => {
  const big = (seed: number) => ({
    initial_state: 'w0',
    flags: { allow_concurrent_calls: true },
    states: Array.from({ length: 2000 }, (_, i) => ({
      name: `w${i}`,
      type: 'say-play',
      transitions: [
        { event: 'audioComplete', next: `w${(i + 1) % 2000}` },
        { event: 'match', next: 'w0' },
        { event: 'match', next: 'w1' },
      ],
      properties: {
        offset: { x: i, y: i * seed },
        say: `Widget ${i} says ${'lorem ipsum '.repeat(30)}`,
        voice: 'Polly.Joanna',
      },
    })),
  });
  const before = big(1);
  const after = big(2);
  after.states[5]!.properties.say = 'changed';
  after.states.push({ ...after.states[0]!, name: 'extra' });
  assert.ok(JSON.stringify(before).length > 1_000_000);
  const diff = diffDefinitions(before, after);
  assert.equal(diff.layoutOnly.length, 1998);
  assert.equal(diff.widgets.length, 2);
});

test('property: every raw operation is in exactly one group', () => {
  fc.assert(
    fc.property(flowPairArbitrary, ([before, after]) => {
      const diff = diffDefinitions(before, after);
      const counts = diff.operationCounts!;
      const total =
        counts.widgets + counts.layoutOnly + counts.initialState + counts.description + counts.flags + counts.other;
      assert.equal(total, diff.operations.length);
      assert.equal(
        diff.widgets.reduce((n, w) => n + (w.operationCount ?? 0), 0),
        counts.widgets,
      );
      // Independently of the grouping: operations per widget name, from the pointers alone.
      const perName = new Map<string, number>();
      for (const op of diff.operations) {
        const [top, name] = op.path
          .split('/')
          .slice(1)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
        if (top === 'states') perName.set(name!, (perName.get(name!) ?? 0) + 1);
      }
      const grouped = [...diff.widgets.map((w) => w.name), ...diff.layoutOnly];
      assert.deepEqual(new Set(grouped).size, grouped.length, 'a widget is in one group only');
      assert.deepEqual(new Set(grouped), new Set(perName.keys()));
      for (const w of diff.widgets) assert.equal(w.operationCount, perName.get(w.name));
      assert.equal(
        counts.layoutOnly,
        diff.layoutOnly.reduce((n, name) => n + (perName.get(name) ?? 0), 0),
      );
      assert.equal(counts.initialState > 0, diff.initialState !== undefined);
      assert.equal(counts.description > 0, diff.description !== undefined);
      assert.equal(counts.flags > 0, diff.flags.length > 0);
      assert.equal(diff.identical, diff.operations.length === 0);
    }),
    { numRuns: 300 },
  );
});

test('property: applying the operations to normalize(before) gives normalize(after)', () => {
  fc.assert(
    fc.property(flowPairArbitrary, ([before, after]) => {
      const { operations } = diffDefinitions(before, after);
      const patched = jsonpatch.applyPatch(jsonpatch.deepClone(normalizeDefinition(before)), operations).newDocument;
      assert.deepEqual(patched, normalizeDefinition(after));
    }),
    { numRuns: 300 },
  );
});

test('property: a flow compared with a reordering of itself is identical', () => {
  fc.assert(
    fc.property(
      flowArbitrary.chain((flow) =>
        fc.tuple(fc.constant(flow), fc.shuffledSubarray(flow.states, { minLength: flow.states.length })),
      ),
      ([flow, states]) => {
        assert.equal(diffDefinitions(flow, { ...flow, states }).identical, true);
      },
    ),
  );
});

test('property: never throws on arbitrary JSON', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      diffDefinitions(a, b);
      diffDefinitions({ states: [a] }, { states: [b], initial_state: a });
    }),
    { numRuns: 500 },
  );
});
