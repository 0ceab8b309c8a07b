import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { renderFlowDiff, summarizeDiff } from '../../src/report/diff-markdown.ts';

const snapshot = { serializers: [(v: unknown) => String(v)] };
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;
const ivr = JSON.parse(readFileSync(new URL('../../examples/main-ivr.json', import.meta.url), 'utf8')).definition;
const state = (def: any, name: string) => def.states.find((s: any) => s.name === name);

/** A realistic edit of the example IVR: business hours message, support line dropped, menu reworded. */
function editedIvr() {
  const after = structuredClone(ivr);
  after.states = after.states.filter((s: any) => s.name !== 'connect_support');
  after.states.push({
    name: 'say_hours',
    type: 'say-play',
    transitions: [{ event: 'audioComplete', next: 'say_goodbye' }],
    properties: {
      offset: { x: 160, y: 720 },
      voice: 'Polly.Joanna',
      language: 'en-US',
      loop: 1,
      say: 'Support is open 9 to 5, Monday to Friday.',
    },
  });
  const split = state(after, 'split_choice');
  split.transitions[2].next = 'say_hours';
  const gather = state(after, 'gather_menu');
  gather.properties.say = [
    "Thanks for calling {{flow.data.company | default: 'Owl Bank'}}.",
    'Press 1 for sales.',
    'Press 2 to hear our support hours.',
  ].join('\n');
  gather.properties.timeout = 8;
  state(after, 'Trigger').properties.offset = { x: 20, y: -40 };
  return after;
}

test('a realistic change of the example IVR', (t) => {
  const diff = diffDefinitions(ivr, editedIvr());
  assert.equal(summarizeDiff(diff), '1 widget added, 1 removed, 2 changed; 1 moved on the canvas');
  t.assert.fileSnapshot(renderFlowDiff(diff), snap('diff-main-ivr'), snapshot);
});

test('flow-level changes, a type change and a capped text diff', (t) => {
  const before = structuredClone(ivr);
  state(before, 'say_goodbye').properties.say = Array.from(
    { length: 12 },
    (_, i) => `Line ${i + 1} of the goodbye.`,
  ).join('\n');
  const after = structuredClone(before);
  after.initial_state = 'gather_menu';
  after.description = 'Main IVR, now with a callback option';
  after.flags.allow_concurrent_calls = false;
  const goodbye = state(after, 'say_goodbye');
  goodbye.properties.say = goodbye.properties.say.replace('Line 3 ', 'Line three ').replace('Line 11 ', 'Line eleven ');
  goodbye.properties.voice = '';
  state(after, 'connect_sales').type = 'enqueue-call';
  const md = renderFlowDiff(diffDefinitions(before, after), { maxTextLines: 6 });
  assert.match(md, /… 6 more lines/);
  t.assert.fileSnapshot(md, snap('diff-flow-level'), snapshot);
});

test('no changes, and layout only', () => {
  assert.equal(renderFlowDiff(diffDefinitions(ivr, structuredClone(ivr))), '**no changes**');
  const moved = structuredClone(ivr);
  for (const s of moved.states) s.properties.offset.x += 100;
  assert.equal(renderFlowDiff(diffDefinitions(ivr, moved)), '**6 widgets moved on the canvas**');
});

/** Markdown with code spans and fenced blocks removed, or null when a span or a fence is left open. */
function outsideCode(md: string): string | null {
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const run = /^ *(`{3,})/.exec(line)?.[1];
    if (fence === null && run) fence = run;
    else if (fence !== null && run && line.trim() === fence) fence = null;
    else if (fence === null) kept.push(line);
  }
  if (fence !== null) return null;
  let out = '';
  const all = kept.join('\n');
  for (let i = 0; i < all.length;) {
    if (all[i] === '\\') {
      out += all.slice(i, i + 2);
      i += 2;
    } else if (all[i] === '`') {
      const open = /^`+/.exec(all.slice(i))![0];
      const close = new RegExp(`(?<!\`)${open}(?!\`)`, 'g');
      close.lastIndex = i + open.length;
      const end = close.exec(all);
      if (!end) return null;
      out += 'CODE';
      i = end.index + open.length;
    } else out += all[i++];
  }
  return out;
}

test('hostile names and values cannot break the comment', (t) => {
  const evil = '</details><b>@everyone</b>';
  const after = structuredClone(ivr);
  after.description = `${evil} | \`x\``;
  after.states.push({
    name: evil,
    type: '<script>',
    transitions: [{ event: '@everyone', next: 'a`|b' }],
    properties: { offset: { x: 0, y: 0 } },
  });
  const gather = state(after, 'gather_menu');
  gather.name = 'w```|@here';
  state(after, 'Trigger').transitions[1].next = gather.name;
  gather.transitions[0].event = '</summary>';
  const goodbye = state(after, 'say_goodbye');
  goodbye.properties.say = `${evil}\n\`\`\`\`\nstill inside\n| a | b |`;
  goodbye.properties.voice = '@everyone `|`';
  goodbye.transitions[0].event = 'x|@y';
  const md = renderFlowDiff(diffDefinitions(ivr, after));
  t.assert.fileSnapshot(md, snap('diff-hostile'), snapshot);
  const rest = outsideCode(md);
  assert.ok(rest !== null, 'every code span and fence is closed');
  assert.ok(!rest.includes('<'), 'no raw < outside code');
  assert.ok(!rest.includes('@'), 'no raw @ outside code');
  assert.ok(!/(^|[^\\])\|/.test(rest), 'no unescaped | outside code');
  assert.ok(md.includes('`````diff'), 'the fence outruns the ```` inside the text');
});

test('outsideCode notices an open span or fence', () => {
  assert.equal(outsideCode('a `b'), null);
  assert.equal(outsideCode('```\nx'), null);
  assert.equal(outsideCode('a \\`b `c` `` d`e ``'), 'a \\`b CODE CODE');
});
