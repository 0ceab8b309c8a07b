/**
 * The bad-input catalogue: one test per kind of broken or hostile flow file. Each must give a clear
 * finding at file:line:column (or naming the file), never a crash, a stack trace or a quote of the file.
 */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { checkFlowFile, type FlowCheck } from '../../src/check/flow-check.ts';
import type { LiveFlow } from '../../src/studio/live.ts';
import { lintDefinition, MAX_ISSUES_PER_RULE } from '../../src/lint/lint.ts';
import { MAX_FILE_BYTES } from '../../src/document/read.ts';
import { MAX_NESTING_DEPTH } from '../../src/document/syntax.ts';
import type { Finding } from '../../src/document/types.ts';
import { renderCheckReport } from '../../src/report/check-comment.ts';
import { UserError } from '../../src/errors.ts';
import { readSettings } from '../../src/settings.ts';

const snapshot = { serializers: [(v: unknown) => String(v)] };
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;

let workspace: string;
before(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'sfci-bad-input-'));
  await mkdir(path.join(workspace, 'flows'));
});

/** Check one file as the action does (read → parse → lint), offline. */
async function check(
  text: string | Buffer,
  name = 'flows/bad.json',
  extra: Partial<Parameters<typeof checkFlowFile>[0]> = {},
): Promise<FlowCheck> {
  await writeFile(path.join(workspace, name), text);
  const result = await checkFlowFile({
    workspace,
    change: { path: name, status: 'modified' },
    validator: undefined,
    onValidateFailure: (error) => assert.fail(`Validate was not asked: ${String(error)}`),
    ...extra,
  });
  assertClean(result.findings);
  return result;
}

/** No finding looks like a crash: no stack frame, JavaScript error name or stringified object. */
function assertClean(findings: Finding[]): void {
  for (const f of findings) {
    const all = `${f.message}\n${f.fix ?? ''}`;
    assert.doesNotMatch(
      all,
      /\n\s+at |\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|\[object Object\]|\bundefined\b|\bNaN\b/,
      all,
    );
    assert.ok(f.message.length < 400, `short message: ${f.message}`);
  }
}

/** `line:column rule: message` of each finding, for exact comparison. */
const where = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.column} ${f.rule}: ${f.message}`);

/** A minimal valid flow (trigger → say), as text with one widget per line. */
function flowText(
  states = [
    '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "hello"}], "properties": {}}',
    '{"name": "hello", "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "Hi"}}',
  ],
): string {
  return `{\n  "initial_state": "Trigger",\n  "states": [\n    ${states.join(',\n    ')}\n  ]\n}\n`;
}

describe('bad input: the file itself', () => {
  test('an empty file', async () => {
    assert.deepEqual(where((await check('')).findings), ['1:1 empty-file: The file is empty']);
  });

  test('a blank file (whitespace only)', async () => {
    assert.deepEqual(where((await check(' \n\t\n')).findings), ['1:1 empty-file: The file is empty']);
  });

  test('a byte order mark: a warning, and positions still count from the first character after it', async () => {
    const ok = await check(`\ufeff${flowText()}`);
    assert.deepEqual(where(ok.findings), ['1:1 bom: The file starts with a UTF-8 byte order mark']);
    assert.equal(ok.findings[0]?.severity, 'warning');
    const broken = await check('\ufeff{\n  "states": [],\n}');
    assert.deepEqual(where(broken.findings), [
      '1:1 bom: The file starts with a UTF-8 byte order mark',
      '2:15 json-syntax: Unexpected trailing comma before "}"',
    ]);
  });

  test('UTF-16 or binary content (NUL characters)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flowText(), 'utf16le')]);
    const { findings } = await check(utf16);
    // FF FE read as UTF-8 are two replacement characters; the first NUL follows the "{".
    assert.deepEqual(where(findings), [
      '1:4 encoding: The file is not UTF-8 JSON text: it holds NUL characters (it is UTF-16 or binary)',
    ]);
  });

  test('a file over the read limit is not read at all', async () => {
    const { findings } = await check(Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    assert.deepEqual(
      findings.map((f) => [f.rule, f.message]),
      [
        [
          'unreadable-file',
          `The file is ${MAX_FILE_BYTES + 1} bytes; Twilio refuses definitions over 1 MB, so it was not read.`,
        ],
      ],
    );
  });
});

describe('bad input: JSON syntax', () => {
  test('a trailing comma, in an object and in an array', async () => {
    assert.deepEqual(where((await check('{\n  "initial_state": "Trigger",\n}')).findings), [
      '2:29 json-syntax: Unexpected trailing comma before "}"',
    ]);
    assert.deepEqual(where((await check('{\n  "states": [\n    {},\n  ]\n}')).findings), [
      '3:7 json-syntax: Unexpected trailing comma before "]"',
    ]);
  });

  test('duplicate keys: at the second one, naming the first line', async () => {
    const text = flowText().replace(
      '"initial_state": "Trigger",',
      '"initial_state": "Trigger",\n  "initial_state": "hello",',
    );
    const { findings } = await check(text);
    assert.deepEqual(where(findings), [
      '3:3 duplicate-key: Duplicate key "initial_state" (first defined at line 2); Twilio would silently keep only this last one',
    ]);
    const inWidget = await check(
      flowText().replace('"event": "audioComplete"', '"event": "audioComplete", "event": "x"'),
    );
    assert.deepEqual(
      where(inWidget.findings).filter((f) => f.includes('duplicate-key')),
      [
        '5:86 duplicate-key: Duplicate key "event" (first defined at line 5); Twilio would silently keep only this last one',
      ],
    );
  });

  test('a duplicate key inside a definition stored as a JSON string', async () => {
    const { findings } = await check(
      JSON.stringify({ friendly_name: 'X', definition: '{"states": [], "states": []}' }),
    );
    assert.deepEqual(
      where(findings).filter((f) => f.includes('duplicate-key')),
      [
        '1:22 duplicate-key: Duplicate key "states" inside the "definition" string; Twilio would silently keep only the last one',
      ],
    );
  });

  test('a definition string that is not JSON: our message and position, never a quote of the string', async () => {
    const { findings } = await check(
      JSON.stringify({ friendly_name: 'X', definition: 'AUTH_TOKEN=hunter2-quoted-nowhere' }),
    );
    assert.deepEqual(where(findings), [
      '1:22 json-syntax: The "definition" string is not valid JSON: Unexpected character at line 1, column 1 of the string',
    ]);
    assert.ok(!JSON.stringify(findings).includes('hunter2'));
  });

  test('a syntax error never quotes the line it is on, in findings or in the comment', async () => {
    const line = '  "initial_state": "Trigger" "UNIQUE-LINE-CONTENT-7f3a"';
    const flow = await check(`{\n${line}\n}`);
    assert.deepEqual(where(flow.findings), [
      '2:30 json-syntax: Expected a comma',
      '3:1 json-syntax: Expected a colon after the property name',
    ]);
    assert.equal(flow.findings[0]?.fix, 'Add a comma after line 2, column 28, before this value.');
    const comment = renderCheckReport({
      flows: [flow],
      removed: [],
      online: false,
      studioHost: 'studio.twilio.com',
      sha: 'abc1234',
    });
    assert.ok(!comment.includes('UNIQUE-LINE-CONTENT'), comment);
    assert.match(
      comment,
      /\*\*Error\*\* line 2:30: Expected a comma — \*Fix:\* Add a comma after line 2, column 28, before this value\./,
    );
  });

  test('a wrong "sid" is quoted only when it is short and SID-like', async () => {
    const typo = await check(JSON.stringify({ sid: 'FW123', friendly_name: 'X', definition: {} }));
    assert.match(typo.findings.find((f) => f.rule === 'flow-sid')?.message ?? '', /got "FW123"$/);
    const odd = await check(
      JSON.stringify({ sid: `AUTH_TOKEN=${'x'.repeat(60)}`, friendly_name: 'X', definition: {} }),
    );
    assert.match(odd.findings.find((f) => f.rule === 'flow-sid')?.message ?? '', /got a string of 71 characters$/);
  });

  for (const [what, text, kind] of [
    ['an array', '[1, 2]', 'an array'],
    ['a string', '"flow"', 'a string'],
    ['a number', '42', 'a number'],
    ['null', 'null', 'null'],
    ['a boolean', 'true', 'a boolean'],
  ] as const) {
    test(`a root that is ${what}`, async () => {
      const { findings } = await check(`\n  ${text}\n`);
      assert.deepEqual(where(findings), [`2:3 flow-shape: The top level is ${kind}, not a JSON object`]);
    });
  }

  test('10,000 levels of nesting: refused before parsing, no stack overflow', async () => {
    const arrays = await check(`{"states": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    assert.deepEqual(where(arrays.findings), [
      `1:${12 + MAX_NESTING_DEPTH - 1} json-depth: JSON nesting deeper than ${MAX_NESTING_DEPTH} levels`,
    ]);
    const objects = await check(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    assert.equal(objects.findings[0]?.rule, 'json-depth');
    const inString = await check(
      JSON.stringify({ friendly_name: 'X', definition: `${'['.repeat(10_000)}${']'.repeat(10_000)}` }),
    );
    assert.deepEqual(where(inString.findings), [
      `1:22 json-depth: The "definition" string nests deeper than ${MAX_NESTING_DEPTH} levels`,
    ]);
  });
});

describe('bad input: the flow definition', () => {
  test('"states" that is not an array', async () => {
    for (const states of ['{"a": 1}', '"Trigger"', 'null', '7']) {
      const { findings } = await check(`{\n  "initial_state": "Trigger",\n  "states": ${states}\n}`);
      assert.deepEqual(
        where(findings).filter((f) => !f.includes('trigger-widget')),
        ['3:3 schema-type: Flow definition: "states" must be an array'],
        states,
      );
    }
  });

  test('a state without a name', async () => {
    const { findings } = await check(
      flowText([
        '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "hello"}], "properties": {}}',
        '{"type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "Hi"}}',
      ]),
    );
    assert.deepEqual(where(findings), [
      '4:86 transition-target: Widget "Trigger" (trigger): transition "incomingCall" goes to "hello", which is not a widget in this flow',
      '5:5 required-property: Widget #1 (say-play): field "name" is required',
    ]);
  });

  test('a state without a type', async () => {
    const { findings } = await check(
      flowText([
        '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "hello"}], "properties": {}}',
        '{"name": "hello", "transitions": [{"event": "audioComplete"}], "properties": {"say": "Hi"}}',
      ]),
    );
    assert.deepEqual(where(findings), ['5:5 required-property: Widget "hello": field "type" is required']);
  });

  test('null transitions, a null transition, and a transition with a null or numeric "next"', async () => {
    const nullList = await check(
      flowText(['{"name": "Trigger", "type": "trigger", "transitions": null, "properties": {}}']),
    );
    assert.deepEqual(where(nullList.findings), [
      '4:44 schema-type: Widget "Trigger" (trigger): "transitions" must be an array',
    ]);
    const nullItem = await check(
      flowText([
        '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": null}, null], "properties": {}}',
      ]),
    );
    assert.deepEqual(where(nullItem.findings), [
      '4:101 schema-type: Widget "Trigger" (trigger): "transitions[1]" must be an object',
    ]);
    const numeric = await check(
      flowText([
        '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": 7}], "properties": {}}',
      ]),
    );
    assert.deepEqual(where(numeric.findings), [
      '4:86 schema-type: Widget "Trigger" (trigger): "transitions[0].next" must be a string or null',
    ]);
  });

  test('a definition over 1 MB: the size error before any request', async () => {
    const big = flowText().replace('"say": "Hi"', `"say": "${'a'.repeat(1_100_000)}"`);
    const { findings } = await check(big);
    assert.deepEqual(where(findings), [
      '1:1 size-limit: The definition is 1,100,425 bytes when form-encoded; Twilio accepts at most 1,000,000 bytes per request',
    ]);
  });

  test('10,000 states: the 2,000-widget limit error, and every rule listed at most MAX_ISSUES_PER_RULE times', async () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w1' }], properties: {} },
    ];
    for (let i = 1; i < 10_000; i++)
      states.push({
        name: `w${i}`,
        type: 'say-play',
        transitions: [{ event: 'audioComplete', next: `w${i + 2}` }],
        properties: {},
      });
    const { findings } = await check(JSON.stringify({ initial_state: 'Trigger', states }));
    assert.ok(
      findings.some(
        (f) =>
          f.rule === 'schema' &&
          f.message ===
            `Flow definition: the flow has 10,000 widgets; Twilio's limit is 2,000 widgets per flow (Studio FAQ)`,
      ),
    );
    const perRule = new Map<string, number>();
    for (const f of findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    for (const [rule, n] of perRule) assert.ok(n <= MAX_ISSUES_PER_RULE + 1, `${rule}: ${n}`);
    assert.ok(
      findings.some((f) =>
        /^Flow definition: \d+ more (errors|warnings) of rule "unreachable-widget" like the 50 above are not listed one by one$/.test(
          f.message,
        ),
      ),
    );
    assert.ok(findings.length < 200, String(findings.length));
  });

  test('lint never throws on any JSON value in any place', () => {
    const odd: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { states: [null, 1, 'x', [], { transitions: 'x', properties: [] }] },
      { states: [{ name: {}, type: [], transitions: [{ event: null, next: {} }] }], initial_state: {} },
    ];
    for (const value of odd) assert.doesNotThrow(() => lintDefinition(value), JSON.stringify(value));
  });
});

describe('bad input: names that try to break the comment', () => {
  const HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '`tick``s`',
    'a|b|c',
    '@channel',
    'evil\u202Egnp.exe',
    '😀 party 🎉',
    '</details></summary>',
    '[link](https://evil.example)',
    '**bold** _it_',
  ];

  test('unicode and Markdown-hostile widget names render safely in the comment', async (t) => {
    const names = ['Trigger', ...HOSTILE];
    const liveStates = names.slice(0, 5).map((name, i) => ({
      name,
      type: i === 0 ? 'trigger' : 'say-play',
      transitions: [{ event: i === 0 ? 'incomingCall' : 'audioComplete', next: names[i + 1] ?? null }],
      properties: { say: `Widget ${i}` },
    }));
    const prStates = names.map((name, i) => ({
      name,
      type: i === 0 ? 'trigger' : 'say-play',
      transitions: [
        { event: i === 0 ? 'incomingCall' : 'audioComplete', next: names[i + 1] ?? 'missing <b>@here</b>' },
      ],
      properties: { say: i === 3 ? 'changed | `text` @team <script>' : `Widget ${i}` },
    }));
    const text = JSON.stringify(
      {
        friendly_name: 'Hostile <b>@everyone</b> \u202Eflow',
        definition: {
          description: 'x',
          initial_state: 'Trigger',
          states: prStates,
          flags: { allow_concurrent_calls: true },
        },
      },
      null,
      2,
    );
    const live: LiveFlow = {
      sid: `FW${'0'.repeat(32)}`,
      friendlyName: 'Hostile',
      revision: 2,
      definition: {
        description: 'x',
        initial_state: 'Trigger',
        states: liveStates,
        flags: { allow_concurrent_calls: true },
      },
      commitMessage: '@octocat `merge` <i>me</i>',
      latestCommitMessage: null,
      dateUpdated: '2026-01-02T03:04:05Z',
    };
    const flow = await check(text, 'flows/hostile.json', {
      lookup: { flow: async () => live, named: async () => [live.sid] },
    });
    assert.ok(flow.findings.some((f) => f.rule === 'transition-target'));
    const md = renderCheckReport({
      flows: [flow],
      removed: [],
      online: true,
      studioHost: 'studio.twilio.com',
      sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    });
    t.assert.fileSnapshot(md, snap('hostile-names'), snapshot);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(md), 'no bidi control is left in the comment');
    // Outside code (fences and spans, where GitHub shows text as is), only our own tags: the flow's section and its changes.
    const outside = md
      .replace(/```mermaid[\s\S]*?```/g, '')
      .replace(/```diff[\s\S]*?```/g, '')
      .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, 'CODE');
    assert.equal(outside.match(/<details/g)?.length, 2);
    assert.equal(outside.match(/<\/details>/g)?.length, 2);
    assert.equal(outside.match(/<\/summary>/g)?.length, 2);
    assert.ok(
      !/<(?!\/?(details|summary|sub|code)\b|!--)/.test(outside),
      'no raw HTML tag outside code but our own (<code> in a <summary> line)',
    );
    assert.ok(!/(?<!&#)@/.test(outside.replace(/&#64;/g, '')), 'no raw @ outside code');
    assert.ok(md.includes('😀 party 🎉'), 'emoji are kept as they are');
  });
});

describe("bad input: the action's inputs", () => {
  /** The UserError message readSettings throws for these inputs. */
  function inputError(inputs: Record<string, string>): string {
    try {
      readSettings(
        (name) => inputs[name] ?? '',
        () => {},
      );
    } catch (error) {
      assert.ok(error instanceof UserError, `a bad input is a UserError, got ${String(error)}`);
      assert.doesNotMatch(error.message, /\n\s+at /);
      return error.message;
    }
    return assert.fail('expected readSettings to throw');
  }

  test('an unknown value names the input and the accepted values', () => {
    assert.equal(
      inputError({ mode: 'depoly' }),
      "Input 'mode' is 'depoly'; accepted values are: auto, check, deploy, rollback, sync.",
    );
    assert.equal(
      inputError({ 'fail-on': 'warnings' }),
      "Input 'fail-on' is 'warnings'; accepted values are: error, warning, never.",
    );
    assert.equal(
      inputError({ 'on-drift': 'ignore' }),
      "Input 'on-drift' is 'ignore'; accepted values are: fail, warn, overwrite.",
    );
    assert.equal(
      inputError({ 'allow-create': 'yes' }),
      "Input 'allow-create' is 'yes'; accepted values are: true, false.",
    );
  });

  test('a malformed number, URL or SID names the input and what it must look like', () => {
    assert.equal(
      inputError({ concurrency: 'lots' }),
      "Input 'concurrency' must be a whole number from 1 to 32, got 'lots'.",
    );
    assert.equal(
      inputError({ 'studio-url': 'ftp://studio.twilio.com' }),
      "Input 'studio-url' must be an http(s) URL, got 'ftp:'.",
    );
    assert.equal(
      inputError({ 'twilio-account-sid': 'AC123', 'twilio-auth-token': 'x' }),
      "Input 'twilio-account-sid' must look like AC followed by 32 hex digits.",
    );
  });

  test('a bad input never echoes a secret given with it', () => {
    const secret = 'sk_live_inputSecret0123456789';
    const message = inputError({ 'twilio-account-sid': 'AC123', 'twilio-auth-token': secret });
    assert.ok(!message.includes(secret));
  });
});

describe('bad input: names quoted in messages', () => {
  test('a long or credential-like duplicate key is cut and masked, never quoted whole', async () => {
    const long = `k${'x'.repeat(200)}`;
    const longKey = await check(`{\n  "${long}": 1,\n  "${long}": 2\n}`);
    const message = longKey.findings.find((f) => f.rule === 'duplicate-key')?.message ?? '';
    assert.match(message, /^Duplicate key "kx{58}…" \(first defined at line 2\)/);
    const secretKey = await check(
      '{\n  "token=sk_live_DupKeySecret12345": 1,\n  "token=sk_live_DupKeySecret12345": 2\n}',
    );
    const masked = secretKey.findings.find((f) => f.rule === 'duplicate-key')?.message ?? '';
    assert.ok(masked.startsWith('Duplicate key "token=sk_live_••••••" (first defined at line 2)'), masked);
    assert.ok(!JSON.stringify(secretKey.findings).includes('DupKeySecret'));
  });
});
