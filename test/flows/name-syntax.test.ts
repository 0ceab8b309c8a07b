/** The text of name references (src/resolve/name-syntax.ts): what is a reference, what is not, and round trips. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  findNameRefs,
  formatNameRef,
  functionPartForKey,
  mayHoldNameRef,
  parseNameRef,
  type NameRef,
} from '../../src/resolve/name-syntax.ts';

describe('name references: finding them in a string', () => {
  test('each kind, with spaces in friendly names, in order and with its index', () => {
    const text = 'x ${function:hours/api/hours} ${workflow:Assign to Anyone} ${channel:voice} ${flow-name:Main IVR}';
    const found = findNameRefs(text);
    assert.deepEqual(
      found.map((m) => [m.kind, m.index, m.ref]),
      [
        ['function', 2, { kind: 'function', service: 'hours', path: '/api/hours' }],
        ['workflow', 30, { kind: 'workflow', name: 'Assign to Anyone' }],
        ['channel', 59, { kind: 'channel', name: 'voice' }],
        ['flow-name', 76, { kind: 'flow-name', name: 'Main IVR' }],
      ],
    );
    for (const m of found) assert.equal(text.slice(m.index, m.index + m.text.length), m.text);
  });

  test('"$${…}" is the literal text, never a reference', () => {
    const [m] = findNameRefs('$${workflow:Assign to Anyone}');
    assert.equal(m?.escaped, true);
    assert.equal(m?.ref, undefined);
    assert.equal(m?.problem, undefined);
  });

  test('Liquid, ${var.}, ${flow:} and look-alikes are not name references', () => {
    for (const text of [
      '{{widgets.function.parsed.url}}',
      '{% if flow.channel == "voice" %}',
      '${var.WORKFLOW}',
      '${flow:flows/main.json}',
      '${functions:svc/x}',
      '${ workflow:x}',
      '$workflow:x}',
      '{workflow:x}',
    ]) {
      assert.deepEqual(findNameRefs(text), [], text);
    }
    assert.equal(mayHoldNameRef('{{flow.variables.x}}'), false);
  });

  test('malformed references say why and how to write them', () => {
    const cases: [string, RegExp][] = [
      ['${workflow:Assign', /not closed/],
      ['${workflow:}', /names nothing/],
      ['${channel:   }', /names nothing/],
      ['${function:hours}', /service and a function path/],
      ['${function:/api/hours}', /service and a function path/],
      ['${function:hours/}', /service and a function path/],
      ['${function:hours/api#sid}', /"#sid"/],
    ];
    for (const [text, why] of cases) {
      const [m] = findNameRefs(text);
      assert.equal(m?.ref, undefined, text);
      assert.match(m?.problem?.error ?? '', why, text);
      assert.match(m?.problem?.fix ?? '', /Write \$\{|End it with one of #service_sid/, text);
    }
  });

  test('a line break inside a name is refused (it could not be written back)', () => {
    const parsed = parseNameRef('workflow', 'Assign\nto all');
    assert.ok('problem' in parsed);
    assert.equal(parsed.problem.error, 'holds a line break');
  });

  test('the #part of a Function reference; a path keeps its slashes', () => {
    assert.deepEqual(parseNameRef('function', 'svc/a/b/c#url'), {
      ref: { kind: 'function', service: 'svc', path: '/a/b/c', part: 'url' },
    });
    assert.deepEqual(parseNameRef('function', 'svc/a#function_sid'), {
      ref: { kind: 'function', service: 'svc', path: '/a', part: 'function_sid' },
    });
  });

  test('run-function fields name their part; other keys do not', () => {
    assert.equal(functionPartForKey('service_sid'), 'service_sid');
    assert.equal(functionPartForKey('url'), 'url');
    assert.equal(functionPartForKey('flow_sid'), undefined);
    assert.equal(functionPartForKey('__proto__'), undefined);
  });

  test('10,000 references in one string are all found, quickly enough to be linear', () => {
    const text = '${channel:voice} '.repeat(10_000);
    assert.equal(findNameRefs(text).length, 10_000);
  });
});

describe('name references: formatting round-trips with parsing', () => {
  const refs: NameRef[] = [
    { kind: 'function', service: 'hours', path: '/api/hours' },
    { kind: 'function', service: 'hours', path: '/api/hours', part: 'url' },
    { kind: 'workflow', name: 'Assign to Anyone' },
    { kind: 'channel', name: 'voice' },
    { kind: 'flow-name', name: 'Main IVR <b>@team</b>' },
  ];
  for (const ref of refs) {
    test(`${JSON.stringify(ref)}`, () => {
      const text = formatNameRef(ref);
      assert.ok(text);
      const [m] = findNameRefs(text);
      assert.deepEqual(m?.ref, ref);
      assert.equal(m?.text, text);
    });
  }

  test('names a reference cannot hold give no text (never a reference that means something else)', () => {
    assert.equal(formatNameRef({ kind: 'workflow', name: 'a}b' }), undefined);
    assert.equal(formatNameRef({ kind: 'workflow', name: 'line\nbreak' }), undefined);
    assert.equal(formatNameRef({ kind: 'channel', name: '  ' }), undefined);
    assert.equal(formatNameRef({ kind: 'function', service: 'a/b', path: '/x' }), undefined);
    assert.equal(formatNameRef({ kind: 'function', service: 'svc', path: 'x' }), undefined);
    assert.equal(formatNameRef({ kind: 'function', service: 'svc', path: '/x#url' }), undefined);
  });
});
