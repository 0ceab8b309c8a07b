/**
 * What the diff of a changed widget promises beyond type, properties and transitions (src/diff/diff.ts):
 * a change to any other field of the widget is shown, never dropped; and the transitions and properties
 * that changed are listed in the order of the file, as a reviewer reads it, whatever order the patch had.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDefinitions } from '../../src/diff/diff.ts';

const widget = (extra: Record<string, unknown>, transitions: unknown[] = []) => ({
  name: 'route',
  type: 'split-based-on',
  transitions,
  properties: { input: '{{trigger.message.Body}}', offset: { x: 0, y: 0 } },
  ...extra,
});
const flow = (...states: unknown[]) => ({ description: 'd', states, initial_state: 'route', flags: {} });
const changedOf = (before: unknown, after: unknown) => {
  const diff = diffDefinitions(before, after);
  assert.equal(diff.widgets.length, 1, JSON.stringify(diff.widgets));
  return diff.widgets[0]!;
};

describe("a widget's non-standard fields", () => {
  it('a changed, added or removed field beside type/properties/transitions is listed with before and after', () => {
    const w = changedOf(flow(widget({ note: 'old', gone: 1 })), flow(widget({ note: 'new <b>@x</b>', added: [1] })));
    assert.equal(w.kind, 'changed');
    assert.deepEqual(
      [...(w.otherFields ?? [])].sort((a, b) => a.path.localeCompare(b.path)),
      [
        { path: '/added', after: [1] },
        { path: '/gone', before: 1 },
        { path: '/note', before: 'old', after: 'new <b>@x</b>' },
      ],
    );
    assert.deepEqual(w.properties, []);
    assert.deepEqual(w.transitions, []);
  });

  it('a nested change is shown at its path; a change inside an array shows the whole array', () => {
    const w = changedOf(
      flow(widget({ meta: { owner: 'a', tags: ['x', 'y'] } })),
      flow(widget({ meta: { owner: 'b', tags: ['y', 'x', 'z'] } })),
    );
    assert.deepEqual(
      [...(w.otherFields ?? [])].sort((a, b) => a.path.localeCompare(b.path)),
      [
        { path: '/meta/owner', before: 'a', after: 'b' },
        { path: '/meta/tags', before: ['x', 'y'], after: ['y', 'x', 'z'] },
      ],
    );
  });

  it('a widget with only standard fields that changes nothing else has no otherFields at all', () => {
    const before = flow(widget({}));
    const after = flow({ ...widget({}), type: 'say-play' });
    const w = changedOf(before, after);
    assert.equal(Object.hasOwn(w, 'otherFields'), false);
    assert.equal(w.typeBefore, 'split-based-on');
  });
});

describe('order inside a changed widget', () => {
  const events = ['noMatch', 'match', 'timeout', 'deliveryFailure', 'incomingMessage'];
  const to = (next: string) => events.map((event) => ({ event, next: `${next}_${event}` }));

  it('changed transitions are listed in the order of the file, not of the patch', () => {
    const w = changedOf(flow(widget({}, to('a'))), flow(widget({}, to('b'))));
    assert.deepEqual(
      w.transitions.map((t) => [t.event, t.before, t.after]),
      events.map((e) => [e, `a_${e}`, `b_${e}`]),
    );
  });

  it("the after file's order wins; a transition only in the before file keeps its place there", () => {
    const before = to('a');
    const after = to('b').reverse().slice(1); // incomingMessage removed, the rest reversed
    const w = changedOf(flow(widget({}, before)), flow(widget({}, after)));
    assert.deepEqual(
      w.transitions.map((t) => [t.event, t.after ?? 'none']),
      [
        ['deliveryFailure', 'b_deliveryFailure'],
        ['timeout', 'b_timeout'],
        ['match', 'b_match'],
        ['noMatch', 'b_noMatch'],
        ['incomingMessage', 'none'],
      ],
    );
  });

  it('changed properties are listed in the order of the file', () => {
    const keys = ['zeta', 'alpha', 'mid', 'beta', 'omega'];
    const props = (v: string) => Object.fromEntries(keys.map((k) => [k, `${v}-${k}`]));
    const before = flow({ ...widget({}), properties: props('1') });
    const after = flow({ ...widget({}), properties: props('2') });
    assert.deepEqual(
      changedOf(before, after).properties.map((p) => p.path),
      keys.map((k) => `/${k}`),
    );
  });
});
