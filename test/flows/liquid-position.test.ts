/**
 * Where a Liquid finding lands in the file: at the line and column where the bad expression starts inside the
 * string (escapes, unicode, CRLF, a BOM and a definition held as a JSON string taken into account), through the
 * same check the action and the CLI run (checkFlowFile); and hostile templates never crash or stall the lint.
 */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkFlowFile } from '../../src/check/flow-check.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { MAX_TEMPLATE_TAGS } from '../../src/lint/liquid-rules.ts';

let workspace: string;
before(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'sfci-liquid-'));
  await mkdir(path.join(workspace, 'flows'));
});

/** The file's text with a say-play whose `say` is `rawSay` (JSON string contents, escapes as written). */
const flowText = (rawSay: string, eol = '\n') =>
  [
    '{',
    '  "initial_state": "Trigger",',
    '  "states": [',
    '    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "hello"}], "properties": {}},',
    `    {"name": "hello", "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "${rawSay}"}}`,
    '  ]',
    '}',
    '',
  ].join(eol);
const SAY_COLUMN = flowText('').split('\n')[4]!.indexOf('"say": "') + '"say": "'.length + 1;

async function liquidFindings(text: string | Buffer, extra: Partial<Parameters<typeof checkFlowFile>[0]> = {}) {
  await writeFile(path.join(workspace, 'flows/f.json'), text);
  const result = await checkFlowFile({
    workspace,
    change: { path: 'flows/f.json', status: 'modified' },
    validator: undefined,
    onValidateFailure: () => assert.fail('Validate was not asked'),
    ...extra,
  });
  for (const f of result.findings) assert.equal('at' in f, false, 'the string the lint read never rides on a finding');
  return result.findings.filter((f) => f.rule.startsWith('liquid')).map((f) => `${f.line}:${f.column} ${f.rule}`);
}

describe('Liquid findings: line and column inside the string', () => {
  it('points at the expression, not at the property', async () => {
    assert.deepEqual(await liquidFindings(flowText('Hi {{widgets.nope.x}}')), [`5:${SAY_COLUMN + 5} liquid-widget`]);
  });

  it('counts escapes as written in the file: \\n, \\", \\u00e9, and astral characters as JavaScript does', async () => {
    // Value: 'a\n"é𝄞 {{widgets.nope.x}}'; in the file: a \n \" \u00e9 𝄞 are 1+2+2+6+2 characters.
    assert.deepEqual(await liquidFindings(flowText('a\\n\\"\\u00e9𝄞 {{widgets.nope.x}}')), [
      `5:${SAY_COLUMN + 1 + 2 + 2 + 6 + 2 + 1 + 2} liquid-widget`,
    ]);
  });

  it('places a syntax error where liquidjs stops, in CRLF files and after a BOM', async () => {
    const text = flowText('ok {% if trigger.call %}never closed', '\r\n');
    assert.deepEqual(await liquidFindings(text), [`5:${SAY_COLUMN + 3} liquid-syntax`]);
    assert.deepEqual(await liquidFindings(`\ufeff${text}`), [`5:${SAY_COLUMN + 3} liquid-syntax`]);
  });

  it('falls back to the property when a ${var.} placeholder changed the text', async () => {
    const text = flowText('${var.GREETING} {{widgets.nope.x}}');
    const found = await liquidFindings(text, {
      environment: { name: 'prod', variables: { GREETING: 'Hello there' }, targetOf: () => ({}) },
    });
    assert.deepEqual(found, [`5:${SAY_COLUMN - 8} liquid-widget`]);
  });

  it("reads ${var.} placeholders inside {{ }} and {{ }} inside a variable's value as Studio will get them", async () => {
    const environment = {
      name: 'prod',
      variables: { WIDGET: 'nope', TEXT: '{{widgets.gone.x}}', OK: 'trigger' },
      targetOf: () => ({}),
    };
    const inside = await liquidFindings(flowText('{{widgets.${var.WIDGET}.x}} {{ ${var.OK}.call.From }}'), {
      environment,
    });
    assert.deepEqual(inside, [`5:${SAY_COLUMN - 8} liquid-widget`]);
    assert.deepEqual(await liquidFindings(flowText('Hi ${var.TEXT}'), { environment }), [
      `5:${SAY_COLUMN - 8} liquid-widget`,
    ]);
  });

  it('puts a finding in a definition held as a JSON string at the "definition" key', async () => {
    const definition = JSON.parse(flowText('{{widgets.nope.x}}')) as unknown;
    const text = `{\n  "friendly_name": "f",\n  "definition": ${JSON.stringify(JSON.stringify(definition))}\n}\n`;
    assert.deepEqual(await liquidFindings(text), ['3:3 liquid-widget']);
  });
});

describe('hostile templates', () => {
  const flow = () => JSON.parse(flowText('')) as { states: { properties: Record<string, unknown> }[] };
  const withSay = (say: unknown) => {
    const definition = flow();
    definition.states[1]!.properties['say'] = say;
    return definition;
  };
  const rules = (say: unknown) => lintDefinition(withSay(say)).map((i) => i.rule);

  it(`lints ${MAX_TEMPLATE_TAGS.toLocaleString('en-US')} expressions in one string, and says it skips 10,000`, () => {
    const started = performance.now();
    assert.deepEqual(rules('{{trigger.call.From}} '.repeat(MAX_TEMPLATE_TAGS)), []);
    assert.deepEqual(rules('{{widgets.nope.x}} '.repeat(10_000)), ['liquid-size']);
    assert.ok(performance.now() - started < 5_000, 'bounded time');
  });

  it('caps the findings of 10,000 strings with a bad expression at the per-rule limit', () => {
    const definition = withSay('{{widgets.nope.x}}');
    for (let i = 0; i < 10_000; i++) definition.states[1]!.properties[`p${i}`] = `{{widgets.nope${i}.x}}`;
    const issues = lintDefinition(definition).filter((i) => i.rule === 'liquid-widget');
    assert.equal(issues.length, 51);
    // No widget's name is near "nopeN": a reference left behind, a warning each (see the next describe for typos).
    assert.match(issues.at(-1)?.message ?? '', /9,951 more warnings|9951 more warnings/);
  });

  it('copes with raw blocks, nested raw, markup, newlines, a huge name and non-strings', () => {
    assert.deepEqual(rules('{% raw %}{{ {% raw %} {% endraw %}'), []);
    assert.deepEqual(rules('{% raw %}{% raw %}{% endraw %}{% endraw %}'), ['liquid-syntax']);
    assert.deepEqual(rules('<script>{{ widgets["<b>x</b>\n::error::y"].z }}</script>'), ['liquid-widget']);
    const huge = lintDefinition(withSay(`{{widgets.${'a'.repeat(100_000)}.x}}`));
    assert.ok((huge[0]?.message.length ?? 0) < 300, 'a huge name is cut in the message');
    assert.deepEqual(rules({ nested: ['{{widgets.nope.x}}', 7, null, { deep: '{% if %}' }] }).sort(), [
      'liquid-syntax',
      'liquid-widget',
    ]);
    assert.deepEqual(rules('\u0000{{\u2028trigger.call.From\u2029}}\ud800'), []);
  });
});
