import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { changePicture, escapeMermaidLabel, renderChangePicture } from '../../src/report/picture.ts';
import type { FlowDiff, WidgetChange } from '../../src/diff/diff-types.ts';

type State = {
  name: string;
  type: string;
  transitions: { event: string; next?: string }[];
  properties: Record<string, unknown>;
};
type Definition = { description: string; states: State[]; initial_state: string; flags: Record<string, unknown> };

const mainIvr = (): Definition =>
  (
    JSON.parse(readFileSync(new URL('../../examples/main-ivr.json', import.meta.url), 'utf8')) as {
      definition: Definition;
    }
  ).definition;
const diffOf = (widgets: WidgetChange[], layoutOnly: string[] = []): FlowDiff => ({
  widgets,
  layoutOnly,
  flags: [],
  operations: [],
  identical: false,
});
const widget = (
  name: string,
  kind: WidgetChange['kind'],
  type: string,
  transitions: WidgetChange['transitions'] = [],
): WidgetChange => ({ name, kind, type, properties: [], transitions });
const state = (name: string, ...edges: [string, string?][]): State => ({
  name,
  type: 'say-play',
  transitions: edges.map(([event, next]) => (next ? { event, next } : { event })),
  properties: { offset: { x: 0, y: 0 } },
});
const flow = (...states: State[]): Definition => ({
  description: 'test',
  states,
  initial_state: states[0]?.name ?? '',
  flags: {},
});
const snapshot = (name: string) => new URL(`./__snapshots__/${name}`, import.meta.url).pathname;
const lines = (picture: string | undefined): string[] => (picture ?? '').split('\n').map((line) => line.trim());

/** main-ivr with say_welcome inserted after the Trigger, connect_support removed and its "match" transition dropped. */
function mainIvrChange() {
  const before = mainIvr();
  const after = structuredClone(before);
  const trigger = after.states.find((s) => s.name === 'Trigger') as State;
  (trigger.transitions.find((t) => t.event === 'incomingCall') as { next?: string }).next = 'say_welcome';
  after.states.splice(1, 0, {
    name: 'say_welcome',
    type: 'say-play',
    transitions: [{ event: 'audioComplete', next: 'gather_menu' }],
    properties: { say: 'Welcome!', offset: { x: 0, y: 120 } },
  });
  after.states = after.states.filter((s) => s.name !== 'connect_support');
  const split = after.states.find((s) => s.name === 'split_choice') as State;
  split.transitions = split.transitions.filter((t) => t.next !== 'connect_support');
  const diff = diffOf([
    widget('Trigger', 'changed', 'trigger', [{ event: 'incomingCall', before: 'gather_menu', after: 'say_welcome' }]),
    widget('connect_support', 'removed', 'connect-call-to'),
    widget('say_welcome', 'added', 'say-play', [{ event: 'audioComplete', after: 'gather_menu' }]),
    widget('split_choice', 'changed', 'split-based-on', [{ event: 'match#2', before: 'connect_support' }]),
  ]);
  return { before, after, diff };
}

/** The Mermaid node id whose label starts with the widget name. */
const idOf = (picture: string | undefined, name: string): string | undefined =>
  lines(picture)
    .map((line) => /^(n\d+)\["(.*)"\]$/u.exec(line))
    .find((m) => m?.[2]?.split('<br/>')[0] === name)?.[1];

describe('renderChangePicture', () => {
  it('draws a realistic main-ivr change (snapshot)', (t) => {
    const { before, after, diff } = mainIvrChange();
    const picture = renderChangePicture(before, after, diff);
    assert.ok(picture);
    t.assert.fileSnapshot(picture, snapshot('picture-main-ivr.md'), { serializers: [(v) => String(v)] });
  });

  it('draws the rewired transition as the new thick edge plus the dashed old one, with the event as label', () => {
    const { before, after, diff } = mainIvrChange();
    const picture = renderChangePicture(before, after, diff);
    const [trigger, welcome, gather, split, support] = [
      'Trigger',
      'say_welcome',
      'gather_menu',
      'split_choice',
      'connect_support',
    ].map((n) => idOf(picture, n));
    const all = lines(picture);
    assert.ok(all.includes(`${trigger} ==>|"incomingCall"| ${welcome}`));
    assert.ok(all.includes(`${trigger} -.->|"incomingCall"| ${gather}`));
    assert.ok(all.includes(`${welcome} ==>|"audioComplete"| ${gather}`));
    assert.ok(all.includes(`${split} -.->|"match"| ${support}`), 'the removed transition is dashed');
    assert.ok(all.includes(`${gather} -->|"keypress"| ${split}`), 'an unchanged transition is a plain arrow');
    assert.equal(all.filter((line) => line.includes(`-.->|"incomingCall"|`)).length, 1);
  });

  it('gives each kind its own class, the removed one dashed', () => {
    const { before, after, diff } = mainIvrChange();
    const picture = renderChangePicture(before, after, diff);
    const all = lines(picture);
    const id = (name: string) => idOf(picture, name) as string;
    assert.ok(all.includes(`class ${id('say_welcome')} added`));
    assert.ok(all.includes(`class ${[id('Trigger'), id('split_choice')].sort().join(',')} changed`));
    assert.ok(all.includes(`class ${id('connect_support')} removed`));
    assert.match(all.find((line) => line.startsWith('classDef removed')) ?? '', /stroke-dasharray/u);
    assert.match(all.find((line) => line.startsWith('classDef added')) ?? '', /fill:#dafbe1/u);
  });

  it('includes neighbours in either direction but not widgets two steps away', () => {
    // a → b → c → d → e; only c changed: b (incoming) and d (outgoing) are neighbours, a and e are not.
    const definition = flow(
      state('a', ['next', 'b']),
      state('b', ['next', 'c']),
      state('c', ['next', 'd']),
      state('d', ['next', 'e']),
      state('e'),
    );
    const picture = renderChangePicture(definition, definition, diffOf([widget('c', 'changed', 'say-play')]));
    for (const name of ['b', 'c', 'd']) assert.ok(idOf(picture, name), `${name} is drawn`);
    for (const name of ['a', 'e']) assert.equal(idOf(picture, name), undefined, `${name} is not drawn`);
    assert.equal(lines(picture).filter((line) => line.includes('-->')).length, 2);
    assert.ok(lines(picture).includes(`class ${idOf(picture, 'b')},${idOf(picture, 'd')} neighbour`));
  });

  it('finds neighbours in the before definition too (the old target of a removed transition)', () => {
    const before = flow(state('a', ['next', 'old']), state('old'), state('new'));
    const after = flow(state('a', ['next', 'new']), state('old'), state('new'));
    const picture = renderChangePicture(
      before,
      after,
      diffOf([widget('a', 'changed', 'say-play', [{ event: 'next', before: 'old', after: 'new' }])]),
    );
    assert.ok(lines(picture).includes(`${idOf(picture, 'a')} -.->|"next"| ${idOf(picture, 'old')}`));
    assert.ok(lines(picture).includes(`${idOf(picture, 'a')} ==>|"next"| ${idOf(picture, 'new')}`));
  });

  it('never lets hostile names or events out raw, and uses generated node ids', () => {
    const hostile = [
      '"]; click n0 call alert()',
      '</details>',
      '@everyone',
      'back`tick```',
      'pi|pe',
      'line\nbreak\r\u2028x',
    ];
    const states = hostile.map((name, i) => ({
      ...state(name, [`ev|"@x</a>${i}\``, hostile[(i + 1) % hostile.length]]),
      type: 'x"<b>@y',
    }));
    const definition = flow(...states);
    const picture = renderChangePicture(
      definition,
      definition,
      diffOf(hostile.map((name) => widget(name, 'changed', 'x'))),
    );
    assert.ok(picture);
    assert.ok(!picture.replaceAll('<br/>', '').includes('<'), 'no raw < apart from the generated line breaks');
    for (const bad of ['</', '@', '`', '\r', '\u2028'])
      assert.ok(!picture.includes(bad), `no raw ${JSON.stringify(bad)}`);
    assert.ok(!picture.replace(/\|"[^"]*"\|/gu, '').includes('|'), 'pipes appear only around quoted edge labels');
    for (const line of lines(picture).slice(1)) {
      assert.match(
        line,
        /^(n\d+\["[^"\n]*"\]|n\d+ (-->|==>|-\.->)\|"[^"\n]*"\| n\d+|classDef \w+ [^"]*|class [n\d,]+ \w+|linkStyle [\d,]+ [^"]*)$/u,
        line,
      );
    }
    assert.equal(lines(picture).filter((line) => /^n\d+\[/u.test(line)).length, hostile.length);
    assert.ok(picture.includes('#quot;#93;; click n0 call alert()'));
    assert.ok(picture.includes('#lt;/details#gt;'));
    assert.ok(picture.includes('#64;everyone'));
  });

  it('escapes labels with Mermaid entity codes and caps their length', () => {
    assert.equal(escapeMermaidLabel('a"b<c>d`e|f@g#h\ni'), 'a#quot;b#lt;c#gt;d#96;e#124;f#64;g#35;h i');
    const long = escapeMermaidLabel('x'.repeat(200));
    assert.equal(Array.from(long).length, 60);
    assert.ok(long.endsWith('…'));
  });

  it('returns undefined past maxNodes or maxEdges, and a picture at the cap', () => {
    const { before, after, diff } = mainIvrChange();
    const picture = renderChangePicture(before, after, diff) as string;
    const nodes = lines(picture).filter((line) => /^n\d+\[/u.test(line)).length;
    const edges = lines(picture).filter((line) => /^n\d+ \S+ n\d+$/u.test(line)).length;
    assert.deepEqual([nodes, edges], [7, 8]);
    assert.equal(renderChangePicture(before, after, diff, { maxNodes: nodes, maxEdges: edges }), picture);
    assert.equal(renderChangePicture(before, after, diff, { maxNodes: nodes - 1 }), undefined);
    assert.equal(renderChangePicture(before, after, diff, { maxEdges: edges - 1 }), undefined);
  });

  it('applies the default caps of 40 widgets and 80 transitions', () => {
    const chain = (n: number) =>
      flow(
        ...Array.from({ length: n }, (_, i) =>
          state(`w${String(i).padStart(3, '0')}`, ['next', `w${String(i + 1).padStart(3, '0')}`]),
        ),
      );
    const changedAll = (n: number) =>
      diffOf(Array.from({ length: n }, (_, i) => widget(`w${String(i).padStart(3, '0')}`, 'changed', 'say-play')));
    assert.ok(renderChangePicture(chain(39), chain(39), changedAll(39)), '39 widgets + 1 missing target = 40');
    assert.equal(renderChangePicture(chain(40), chain(40), changedAll(40)), undefined);
    const fan = (n: number) =>
      flow(state('hub', ...Array.from({ length: n }, (_, i): [string, string] => [`e${i}`, 'leaf'])), state('leaf'));
    const hub = diffOf([widget('hub', 'changed', 'say-play')]);
    assert.ok(renderChangePicture(fan(80), fan(80), hub));
    assert.equal(renderChangePicture(fan(81), fan(81), hub), undefined);
  });

  it('changePicture says why there is no picture: the widgets and transitions it would have, and the caps', () => {
    const fan = (n: number) =>
      flow(state('hub', ...Array.from({ length: n }, (_, i): [string, string] => [`e${i}`, 'leaf'])), state('leaf'));
    const hub = diffOf([widget('hub', 'changed', 'say-play')]);
    assert.deepEqual(changePicture(fan(81), fan(81), hub), {
      omitted: { nodes: 2, edges: 81, maxNodes: 40, maxEdges: 80 },
    });
    const chain = (n: number) => flow(...Array.from({ length: n }, (_, i) => state(`w${i}`, ['next', `w${i + 1}`])));
    const all = (n: number) => diffOf(Array.from({ length: n }, (_, i) => widget(`w${i}`, 'changed', 'say-play')));
    assert.deepEqual(changePicture(chain(57), chain(57), all(57)), {
      omitted: { nodes: 58, edges: 57, maxNodes: 40, maxEdges: 80 },
    });
    assert.equal(typeof (changePicture(fan(80), fan(80), hub) as { mermaid: string }).mermaid, 'string');
    assert.equal(
      changePicture(fan(3), fan(3), diffOf([])),
      undefined,
      'nothing changed: no picture and nothing to say',
    );
    assert.equal(changePicture(null, 'x', { nonsense: true } as unknown as FlowDiff), undefined, 'any input is safe');
  });

  it('returns undefined when nothing but the layout changed, or nothing at all', () => {
    const before = mainIvr();
    const after = structuredClone(before);
    (after.states[1] as State).properties['offset'] = { x: 999, y: 999 };
    assert.equal(renderChangePicture(before, after, diffOf([], ['gather_menu'])), undefined);
    assert.equal(renderChangePicture(before, before, { ...diffOf([]), identical: true }), undefined);
  });

  it('never throws on garbage definitions, diffs or options', () => {
    const { diff } = mainIvrChange();
    const garbageDiff = {
      widgets: [null, 1, { name: 7 }, { name: 'x', kind: 'weird' }, { name: 'Trigger', kind: 'changed' }],
    } as unknown as FlowDiff;
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (before, after) => {
        for (const d of [diffOf([]), diff, garbageDiff, null as unknown as FlowDiff]) {
          const picture = renderChangePicture(before, after, d);
          assert.ok(picture === undefined || picture.startsWith('flowchart TD\n'));
        }
        assert.equal(renderChangePicture(before, after, diffOf([])), undefined);
      }),
      { numRuns: 300 },
    );
    assert.doesNotThrow(() => renderChangePicture(mainIvr(), mainIvr(), diff, { maxNodes: Number.NaN, maxEdges: -1 }));
    assert.ok(renderChangePicture(mainIvr(), mainIvr(), garbageDiff)?.includes('class n0 changed'));
  });
});
