/**
 * src/diff/diff.ts on small hand-made definitions, compared whole (every field of the FlowDiff but the raw
 * operations): the keyed form (duplicate names and events, unnamed widgets, odd shapes), JSON-pointer escaping
 * of hostile names, names that are Object.prototype's, the counts of each group, the order of the result,
 * and each kind of change a reviewer must see.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDefinitions, normalizeDefinition } from '../../src/diff/diff.ts';

const w = (name: unknown, type: unknown, transitions: unknown, properties: unknown = {}) => ({
  name,
  type,
  transitions,
  properties,
});
const def = (states: unknown[], extra: Record<string, unknown> = {}) => ({
  description: 'd',
  states,
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  ...extra,
});
/** The diff without its raw operations. */
const diffOf = (before: unknown, after: unknown) => {
  const { operations, ...rest } = diffDefinitions(before, after);
  return { ...rest, operationCount: operations.length };
};
const counts = (c: Partial<Record<string, number>>) => ({
  widgets: 0,
  layoutOnly: 0,
  initialState: 0,
  description: 0,
  flags: 0,
  other: 0,
  ...c,
});

describe('the keyed form', () => {
  it('widgets by name (duplicates and unnamed get #n), transitions by event (repeated ones event#n)', () => {
    const n = normalizeDefinition({
      states: [
        w('A', 'split-based-on', [
          { event: 'match', next: 'B' },
          { event: 'match', next: 'C' },
          { event: 'noMatch' },
          { next: 'X' },
        ]),
        w('A', 'say-play', []),
        { type: 'say-play', transitions: [] },
        w('', 'say-play', 'not a list'),
        'not a widget',
        { name: 'B', type: 't', transitions: [], properties: {}, extra: 1 },
        { name: 'C', type: 't', transitions: [] },
        { name: 'D', type: 't', transitions: [], note: 'n' },
      ],
      initial_state: 'A',
    });
    assert.deepEqual(n, {
      initial_state: 'A',
      states: {
        A: {
          type: 'split-based-on',
          transitions: {
            'match#1': { event: 'match', next: 'B' },
            'match#2': { event: 'match', next: 'C' },
            noMatch: { event: 'noMatch' },
            '#4': { next: 'X' },
          },
          properties: {},
        },
        'A#2': { type: 'say-play', transitions: {}, properties: {} },
        '#3': { type: 'say-play', transitions: {} },
        '#4': { name: '', type: 'say-play', properties: {}, transitions: {} },
        '#5': { transitions: {} },
        B: { type: 't', properties: {}, extra: 1, transitions: {} },
        C: { type: 't', transitions: {} },
        D: { type: 't', note: 'n', transitions: {} },
      },
    });
    assert.deepEqual(normalizeDefinition(null), { states: {} });
    assert.deepEqual(normalizeDefinition([1, 2]), { states: {} });
    assert.deepEqual(normalizeDefinition({ states: 'x', a: 1 }), { a: 1, states: {} });
  });

  it('a key that collides with a generated one gets the next free number', () => {
    const n = normalizeDefinition({ states: [w('x#2', 't', []), w('x', 't', []), w('x', 't', [])] });
    assert.deepEqual(Object.keys(n.states), ['x#2', 'x', 'x#3']);
    const t = normalizeDefinition({ states: [w('A', 't', [{ event: 'e#2' }, { event: 'e' }, { event: 'e' }])] });
    assert.deepEqual(Object.keys(t.states.A!.transitions), ['e#2', 'e#1', 'e#2#2']);
  });

  it("names that are Object.prototype's own, and __proto__, are widgets like any other", () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const before = def(names.map((n) => w(n, 'say-play', [], { say: 'a' })));
    const after = def(names.map((n) => w(n, 'say-play', [], { say: 'b' })));
    const diff = diffOf(before, after);
    assert.deepEqual(
      diff.widgets.map((c) => [c.name, c.kind, c.properties]),
      names.map((n) => [n, 'changed', [{ path: '/say', before: 'a', after: 'b' }]]),
    );
    const added = diffOf(def([]), def([w('__proto__', 'say-play', [{ event: 'audioComplete', next: 'toString' }])]));
    assert.deepEqual(added.widgets, [
      {
        name: '__proto__',
        type: 'say-play',
        kind: 'added',
        properties: [],
        transitions: [{ event: 'audioComplete', after: 'toString' }],
        operationCount: 1,
      },
    ]);
    assert.equal(Object.getPrototypeOf(normalizeDefinition(before).states), Object.prototype);
  });
});

describe('each kind of change, whole', () => {
  const base = () =>
    def([
      w('Trigger', 'trigger', [{ event: 'incomingCall', next: 'menu' }], { offset: { x: 0, y: 0 } }),
      w('menu', 'gather-input-on-call', [{ event: 'keypress', next: 'a/b~c' }, { event: 'timeout' }], {
        say: 'hi',
        offset: { x: 1, y: 1 },
      }),
      w('a/b~c', 'say-play', [], { say: 'bye' }),
    ]);

  it('identical definitions: nothing, and identical', () => {
    assert.deepEqual(diffOf(base(), base()), {
      widgets: [],
      layoutOnly: [],
      flags: [],
      identical: true,
      operationCounts: counts({}),
      operationCount: 0,
    });
  });

  it('a moved widget, the initial state, the description, a flag and a new top-level field, each in its group', () => {
    const after = base();
    (after.states[1] as { properties: { offset: unknown } }).properties.offset = { x: 5, y: 6 };
    Object.assign(after, {
      initial_state: 'menu',
      description: 'e',
      flags: { allow_concurrent_calls: false },
      extra: { k: 1 },
    });
    assert.deepEqual(diffOf(base(), after), {
      widgets: [],
      layoutOnly: ['menu'],
      initialState: { before: 'Trigger', after: 'menu' },
      description: { before: 'd', after: 'e' },
      flags: [{ path: '/allow_concurrent_calls', before: true, after: false }],
      other: [{ path: '/extra', after: { k: 1 } }],
      identical: false,
      operationCounts: counts({ layoutOnly: 2, initialState: 1, description: 1, flags: 1, other: 1 }),
      operationCount: 6,
    });
  });

  it('a widget with a hostile name changed, one added, one removed: escaped paths read back, kinds in order', () => {
    const after = base();
    after.states[2] = w('a/b~c', 'say-play', [{ event: 'audioComplete', next: null }], { say: 'bye!', loop: [1, 2] });
    after.states[0] = w(
      'Trigger',
      'trigger',
      [
        { event: 'incomingCall', next: 'menu' },
        { event: 'incomingMessage', next: { x: 1 } },
      ],
      { offset: { x: 0, y: 0 } },
    );
    after.states.splice(1, 1);
    after.states.push(w('new', { odd: 'type' }, [{ event: 'e', next: 'a/b~c' }]));
    const diff = diffOf(base(), after);
    assert.deepEqual(diff.widgets, [
      {
        name: 'new',
        type: '{"odd":"type"}',
        kind: 'added',
        properties: [],
        transitions: [{ event: 'e', after: 'a/b~c' }],
        operationCount: 1,
      },
      {
        name: 'menu',
        type: 'gather-input-on-call',
        kind: 'removed',
        properties: [],
        transitions: [
          { event: 'keypress', before: 'a/b~c' },
          { event: 'timeout', before: null },
        ],
        operationCount: 1,
      },
      {
        name: 'Trigger',
        type: 'trigger',
        kind: 'changed',
        properties: [],
        transitions: [{ event: 'incomingMessage', before: undefined, after: '{"x":1}' }],
        operationCount: 1,
      },
      {
        name: 'a/b~c',
        type: 'say-play',
        kind: 'changed',
        properties: [
          { path: '/say', before: 'bye', after: 'bye!' },
          { path: '/loop', after: [1, 2] },
        ],
        transitions: [{ event: 'audioComplete', before: undefined, after: null }],
        operationCount: 3,
      },
    ]);
    assert.deepEqual(diff.operationCounts, counts({ widgets: 6 }));
  });

  it('a change inside an array shows the whole array once; a transition whose condition changed says so', () => {
    const before = def([
      w('split', 'split-based-on', [{ event: 'match', next: 'x', conditions: [{ value: '1' }] }], { list: [1, 2, 3] }),
    ]);
    const after = def([
      w('split', 'split-based-on', [{ event: 'match', next: 'y', conditions: [{ value: '2' }] }], {
        list: [3, 2, 1, 0],
      }),
    ]);
    const diff = diffOf(before, after);
    assert.deepEqual(diff.widgets, [
      {
        name: 'split',
        type: 'split-based-on',
        kind: 'changed',
        properties: [{ path: '/list', before: [1, 2, 3], after: [3, 2, 1, 0] }],
        transitions: [{ event: 'match', before: 'x', after: 'y', detailsChanged: true }],
        operationCount: diff.operationCounts!.widgets,
      },
    ]);
    const nextOnly = diffOf(
      before,
      def([
        w('split', 'split-based-on', [{ event: 'match', next: 'z', conditions: [{ value: '1' }] }], {
          list: [1, 2, 3],
        }),
      ]),
    );
    assert.deepEqual(nextOnly.widgets[0]!.transitions, [{ event: 'match', before: 'x', after: 'z' }]);
  });

  it('a type change keeps the type before; transitions that stop being a list show every event that was there', () => {
    const before = def([
      w('x', 'say-play', [
        { event: 'audioComplete', next: 'y' },
        { event: 'failed', next: 'z' },
      ]),
    ]);
    const after = def([w('x', 'play', 'none')]);
    const [change] = diffOf(before, after).widgets;
    assert.equal(change!.typeBefore, 'say-play');
    assert.equal(change!.type, 'play');
    assert.deepEqual(change!.transitions, [
      { event: 'audioComplete', before: 'y', after: undefined },
      { event: 'failed', before: 'z', after: undefined },
    ]);
    const missing = diffOf(
      def([{ name: 'x', transitions: [] }]),
      def([{ name: 'x', transitions: [], properties: {} }]),
    );
    assert.equal(missing.widgets[0]!.type, '');
  });

  it('property keys with / and ~ are escaped in paths; a value that turns from array to object shows whole', () => {
    const before = def([w('x', 't', [], { 'a/b~c': 1, list: ['a'] })]);
    const after = def([w('x', 't', [], { 'a/b~c': 2, list: { 0: 'b' } })]);
    assert.deepEqual(diffOf(before, after).widgets[0]!.properties, [
      { path: '/a~1b~0c', before: 1, after: 2 },
      { path: '/list', before: ['a'], after: { 0: 'b' } },
    ]);
  });

  it('a transition field other than next (a label) changed is a detail change; widgets moved are listed in file order', () => {
    const before = def([w('x', 't', [{ event: 'e', next: 'y', label: 'a' }])]);
    const after = def([w('x', 't', [{ event: 'e', next: 'y', label: 'b' }])]);
    assert.deepEqual(diffOf(before, after).widgets[0]!.transitions, [
      { event: 'e', before: 'y', after: 'y', detailsChanged: true },
    ]);
    const at = (x: number) => ({ offset: { x, y: 0 } });
    const names = ['m1', 'm2', 'm3'];
    const moved = diffOf(def(names.map((n) => w(n, 't', [], at(0)))), def(names.map((n) => w(n, 't', [], at(9)))));
    assert.deepEqual(moved.layoutOnly, names);
  });
});
