/** Write-back: the live definition written into a flow file's own text, shape and formatting, editing only what differs. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { editBudget, writeBack, WriteBackError } from '../../src/sync/write-back.ts';
import { sampleDefinition } from '../support/sample-flows.ts';

type Def = ReturnType<typeof sampleDefinition> & { states: Array<Record<string, any>> };

function edited(text = 'Hi there'): Def {
  const def = sampleDefinition() as Def;
  def.states[1]!.properties.body = text;
  return def;
}

/** 1-based numbers of the lines of `before` that a line diff removes or changes (a minimal LCS diff). */
function changedLines(before: string, after: string): number[] {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: number[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) [i, j] = [i + 1, j + 1];
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push(++i);
    else j++;
  }
  while (i < a.length) out.push(++i);
  return out;
}

/** The line span (1-based, inclusive) of the widget named `name` in a pretty-printed file. */
function widgetSpan(text: string, name: string): [number, number] {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => l.includes(`"name": ${JSON.stringify(name)}`));
  assert.ok(at >= 0, `widget ${name} in the file`);
  let start = at;
  while (!/^\s*\{\s*$/.test(lines[start]!)) start--;
  const indent = /^\s*/.exec(lines[start]!)![0];
  let end = at;
  while (!lines[end]!.startsWith(`${indent}}`)) end++;
  return [start + 1, end + 1];
}

test('an unchanged definition gives the very same bytes, in each shape', () => {
  const def = sampleDefinition();
  const texts = [
    `${JSON.stringify(def, null, 2)}\n`,
    JSON.stringify({ sid: `FW${'a'.repeat(32)}`, friendly_name: 'X', definition: def, status: 'published' }, null, 4),
    `${JSON.stringify({ friendlyName: 'X', accountSid: 'AC1', definition: def }, null, '\t')}\n`,
    JSON.stringify({ friendly_name: 'X', definition: JSON.stringify(def) }, null, 2),
    `${JSON.stringify(def, null, 2).replaceAll('\n', '\r\n')}\r\n`,
    // Keys in an order of the file's own, numbers written as 1.0, one-line objects.
    '{"states":[{"properties":{"offset":{"x":0.0,"y":0}},"transitions":[{"next":"greet","event":"incomingMessage"}],"type":"trigger","name":"Trigger"},{"name":"greet","type":"send-message","transitions":[{"event":"sent"}],"properties":{"body":"Hello {{flow.data.name}}"}}],"initial_state":"Trigger","description":"Sample flow","flags":{"allow_concurrent_calls":true}}',
  ];
  for (const text of texts) assert.equal(writeBack(text, def), text);
});

test('a one-widget edit changes only that widget lines; indent, CRLF and the final newline are kept', () => {
  const def = sampleDefinition();
  const cases = [
    { text: `${JSON.stringify(def, null, 2)}\n`, indent: '  ', eol: '\n' },
    { text: JSON.stringify({ friendly_name: 'X', definition: def }, null, 4), indent: '    ', eol: '\n' },
    { text: `${JSON.stringify({ friendlyName: 'X', definition: def }, null, '\t')}\n`, indent: '\t', eol: '\n' },
    { text: `${JSON.stringify(def, null, 2).replaceAll('\n', '\r\n')}\r\n`, indent: '  ', eol: '\r\n' },
  ];
  for (const { text, indent, eol } of cases) {
    const after = writeBack(text, edited());
    assert.notEqual(after, text);
    assert.deepEqual(JSON.parse(after).definition ?? JSON.parse(after), edited());
    const span = widgetSpan(text, 'greet');
    const lines = changedLines(text, after);
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(line >= span[0] && line <= span[1], `line ${line} outside ${span}`);
    assert.equal(after.endsWith('\n'), text.endsWith('\n'), 'final newline as the file had it');
    if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), 'CRLF stays CRLF');
    assert.ok(after.includes(`\n${indent}`), 'indent kept');
  }
});

test('a new widget goes in as a block of its own, in Studio key order; a removed one goes; other fields untouched', () => {
  const def = sampleDefinition();
  const text = `${JSON.stringify({ friendly_name: 'X', definition: def, commit_message: 'abc', custom: [1, 2] }, null, 2)}\n`;
  const live = sampleDefinition() as Def;
  live.states.push({
    name: 'bye',
    type: 'say-play',
    transitions: [{ event: 'audioComplete' }],
    properties: { say: 'Bye' },
  });
  const after = writeBack(text, live);
  const parsed = JSON.parse(after);
  assert.deepEqual(parsed.definition, live);
  assert.deepEqual(Object.keys(parsed.definition.states[2]), ['name', 'type', 'transitions', 'properties']);
  assert.equal(parsed.commit_message, 'abc');
  assert.deepEqual(parsed.custom, [1, 2]);
  assert.ok(changedLines(text, after).every((l) => l >= widgetSpan(text, 'greet')[1]));
  // and back: removing it restores the original bytes
  assert.equal(writeBack(after, def), text);
});

test('keys the file has keep their order; a new key goes where the live definition has it', () => {
  const text = `${JSON.stringify({ states: sampleDefinition().states, initial_state: 'Trigger', description: 'Sample flow' }, null, 2)}\n`;
  const after = writeBack(text, sampleDefinition());
  assert.deepEqual(Object.keys(JSON.parse(after)), ['states', 'initial_state', 'description', 'flags']);
});

test('a definition stored as a JSON string stays a string (compact stays compact)', () => {
  const text = `${JSON.stringify({ friendly_name: 'X', definition: JSON.stringify(sampleDefinition()) }, null, 2)}\n`;
  const after = writeBack(text, edited());
  const parsed = JSON.parse(after);
  assert.equal(typeof parsed.definition, 'string');
  assert.deepEqual(JSON.parse(parsed.definition), edited());
  assert.ok(!parsed.definition.includes('\n'));
});

test('the demo example: the Console edits of examples/live touch only the widgets they changed', async () => {
  const text = await readFile('examples/main-ivr.json', 'utf8');
  const live = JSON.parse(await readFile('examples/live/main-ivr.json', 'utf8')).definition;
  const after = writeBack(text, live);
  assert.deepEqual(JSON.parse(after).definition, live);
  const untouched = ['Trigger', 'connect_sales', 'connect_support'].map((n) => widgetSpan(text, n));
  for (const line of changedLines(text, after))
    assert.ok(!untouched.some(([a, b]) => line >= a && line <= b), `line ${line} is in an unchanged widget`);
});

test('hostile: not JSON, a definition that is not an object, a top level that is not an object', () => {
  for (const text of [
    '{ "states": [',
    'not json',
    '[]',
    '"x"',
    JSON.stringify({ friendly_name: 'X', definition: 42 }),
    JSON.stringify({ definition: null }),
  ])
    assert.throws(() => writeBack(text, sampleDefinition()), WriteBackError, text);
  assert.throws(
    () => writeBack(JSON.stringify({ definition: '{nope' }), sampleDefinition()),
    /"definition" string is not JSON/,
  );
});

test('hostile: widget names and texts with newlines, markup, our marker and odd characters round-trip exactly', () => {
  const text = `${JSON.stringify(sampleDefinition(), null, 2)}\n`;
  const live = sampleDefinition() as Def;
  const odd = 'line1\nline2\r\n<!-- studio-flow-ci --> <script>x</script> ::error ::x \u2028 \u0000 "q" \\ 👋🏽 e\u0301';
  live.states[1]!.name = odd;
  live.states[0]!.transitions[0]!.next = odd;
  live.states[1]!.properties.body = odd;
  const after = writeBack(text, live);
  assert.deepEqual(JSON.parse(after), live);
  assert.equal(writeBack(after, live), after);
});

test('a 5 MB flow with one edit: only that edit, quickly', () => {
  const def = sampleDefinition() as Def;
  for (let i = 0; i < 8000; i++)
    def.states.push({
      name: `w${i}`,
      type: 'say-play',
      transitions: [{ event: 'audioComplete' }],
      properties: { say: 'x'.repeat(560) },
    });
  const text = `${JSON.stringify(def, null, 2)}\n`;
  assert.ok(text.length > 5_000_000);
  const live = structuredClone(def);
  live.states[4000]!.properties.say = 'changed';
  const start = performance.now();
  const after = writeBack(text, live);
  assert.ok(performance.now() - start < 20_000);
  const [a, b] = [text.split('\n'), after.split('\n')];
  assert.equal(a.length, b.length);
  const lines = a.flatMap((line, i) => (line === b[i] ? [] : [i]));
  assert.equal(lines.length, 1);
  assert.equal(after.length, text.length - 560 + 'changed'.length);
});

test("a big flow changed everywhere is written whole, in the file's indent, without an edit per value", () => {
  const def = sampleDefinition() as Def;
  for (let i = 0; i < 3000; i++)
    def.states.push({ name: `w${i}`, type: 'say-play', transitions: [], properties: { say: `x${i}` } });
  const text = `${JSON.stringify(def, null, 4)}\n`;
  const live = structuredClone(def);
  for (const state of live.states) state.properties.say = 'changed';
  assert.equal(writeBack(text, live), `${JSON.stringify(live, null, 4)}\n`);
  // Each edit re-parses the text: a big file gets few before it is written whole (time is measured by the bench).
  assert.ok(editBudget(text) < 30 && editBudget('{}') === 400 && editBudget('x'.repeat(50_000_000)) === 1);
});
