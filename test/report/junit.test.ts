/** JUnit XML of the flow tests: its structure, read back with a real XML parser, and every text escaped for XML 1.0. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { renderJUnit, xmlText } from '../../src/report/junit.ts';
import { failed, passed, sampleRun } from '../support/flow-test-runs.ts';

function parse(xml: string) {
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const all = (name: string) => DomUtils.getElementsByTagName(name, doc) as Element[];
  return { doc, all };
}

/** Characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets). */
const XML_CHARS = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

test('one testsuite per test file, one testcase per scenario, failures with message and detail', () => {
  const other = sampleRun({
    flowPath: 'flows/sms.json',
    testPath: 'flows/sms.test.yml',
    scenarios: [passed('Reply YES', 4)],
    problems: [
      { message: 'Widget "nope" is not in the flow.', fix: 'Name a widget of flows/sms.json.', line: 9, column: 7 },
    ],
    durationMs: 3,
  });
  const xml = renderJUnit([sampleRun(), other]);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const { all } = parse(xml);
  const [root] = all('testsuites');
  assert.deepEqual(
    { tests: root?.attribs.tests, failures: root?.attribs.failures, errors: root?.attribs.errors },
    { tests: '7', failures: '1', errors: '1' },
  );
  const suites = all('testsuite');
  assert.deepEqual(
    suites.map((s) => [s.attribs.name, s.attribs.tests, s.attribs.failures, s.attribs.errors, s.attribs.time]),
    [
      ['flows/main-ivr.test.yaml', '5', '1', '0', '0.013'],
      ['flows/sms.test.yml', '2', '0', '1', '0.003'],
    ],
  );
  const cases = all('testcase');
  assert.equal(cases.length, 7);
  assert.ok(
    cases.every(
      (c) =>
        c.attribs.classname === (c.attribs.file === 'flows/sms.test.yml' ? 'flows/sms.json' : 'flows/main-ivr.json'),
    ),
  );
  const [failure] = all('failure');
  assert.equal((failure?.parent as Element).attribs.name, 'Caller presses 2 and reaches support');
  assert.match(failure?.attribs.message ?? '', /Expected step 3 to be "sales"/);
  assert.equal(failure?.attribs.type, 'path');
  const detail = DomUtils.textContent(failure!);
  assert.match(detail, /^flows\/main-ivr\.test\.yaml:46:9\n/);
  assert.match(detail, /\nexpected: sales\nactual: support\n/);
  const [error] = all('error');
  assert.equal(error?.attribs.message, 'Widget "nope" is not in the flow.');
  assert.match(DomUtils.textContent(error!), /^flows\/sms\.test\.yml:9:7\n.*\nfix: Name a widget/);
});

test('hostile names and values: well-formed XML 1.0 that reads back as written (control characters shown)', () => {
  const evil = [
    'a]]>b<c>&d"e\'f',
    'line\none\r\ntwo\ttab',
    '\u0000\u0001\u0008\u000b\u000c\u001b[31mred\u007f',
    'lone \ud800 surrogate \udfff and \ufffe\uffff',
    '<![CDATA[x]]><!-- c --><?pi?>',
    'x'.repeat(60_000),
  ];
  const scenarios = evil.flatMap((name, i) => [failed(name, i * 10 + 1), passed(name, i * 10 + 5)]);
  for (const s of scenarios)
    if (s.failure) Object.assign(s.failure, { message: evil[0], expected: evil[2], actual: evil[3] });
  const run = sampleRun({ flowPath: 'flows/<a&b>.json', testPath: 'flows/"q".test.yaml', scenarios });
  const xml = renderJUnit([run]);
  assert.match(xml, XML_CHARS, 'only characters XML 1.0 allows');
  assert.ok(!xml.includes(']]>'), 'no CDATA end');
  const { all } = parse(xml);
  const cases = all('testcase');
  assert.equal(cases.length, evil.length * 2, 'no name broke out of its element');
  assert.equal(all('failure').length, evil.length);
  assert.equal(cases[0]?.attribs.name, evil[0]);
  assert.equal(cases[2]?.attribs.name, evil[1], 'line breaks and tabs survive in attributes');
  assert.equal(cases[4]?.attribs.name, '‹U+0000›‹U+0001›‹U+0008›‹U+000B›‹U+000C›‹U+001B›[31mred\u007f');
  assert.equal(cases[6]?.attribs.name, 'lone ‹U+D800› surrogate ‹U+DFFF› and ‹U+FFFE›‹U+FFFF›');
  assert.equal(cases[8]?.attribs.classname, 'flows/<a&b>.json');
  assert.equal(all('testsuite')[0]?.attribs.name, 'flows/"q".test.yaml');
});

test('credentials in a value are masked', () => {
  const token = '0123456789abcdef'.repeat(2);
  const xml = xmlText(`Authorization: Bearer ${token}`);
  assert.ok(!xml.includes(token), xml);
});

test('no runs: an empty testsuites element', () => {
  const { all } = parse(renderJUnit([]));
  assert.equal(all('testsuites')[0]?.attribs.tests, '0');
  assert.equal(all('testsuite').length, 0);
});
