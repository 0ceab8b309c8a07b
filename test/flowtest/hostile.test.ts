/** Test-file values are hostile: markup, newlines, mentions, our comment markers, huge sizes stay data, cut. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowTestFindings } from '../../src/flowtest/api.ts';
import { runYaml } from './kit.ts';

const HOSTILE = '<!-- studio-flow-ci:comment --> @octocat <img src=x onerror=alert(1)> **bold**\r\n::error::pwned';
const yamlString = (text: string) => JSON.stringify(text); // a JSON string is a YAML double-quoted string

function assertPlain(messages: readonly string[]): void {
  for (const message of messages) {
    assert.doesNotMatch(message, /[\r\n]/, 'one line: newlines shown as escapes');
    assert.ok(message.length < 1200, `cut: ${message.length} characters`);
  }
}

describe('hostile test files', () => {
  it('a hostile scenario name and texts: kept as data in the findings, on one line, not escaped twice', async () => {
    const yaml = `scenarios:
  - name: ${yamlString(HOSTILE)}
    trigger: { message: { From: ${yamlString(HOSTILE)} } }
    expect:
      messages: [${yamlString(HOSTILE)}]
`;
    const run = await runYaml(yaml);
    const findings = flowTestFindings(run);
    assert.equal(findings.length, 1);
    const message = findings[0]?.message ?? '';
    assertPlain([message]);
    assert.ok(message.startsWith(`Flow test ${JSON.stringify(HOSTILE)} failed: message 1: expected`), message);
    assert.ok(
      message.includes('<img src=x onerror=alert(1)>') && message.includes('@octocat'),
      'raw: the renderers escape',
    );
    assert.ok(!message.includes('&lt;'), 'not escaped here');
  });

  it('60,000-character values (a widget name, a sent text) and a 1,000-character key are cut in messages', async () => {
    const huge = 'w'.repeat(60_000);
    const yaml = `scenarios:
  - name: huge
    trigger: message
    expect:
      path: [Trigger, ${huge}]
  - name: long text
    trigger: { message: { From: "${'9'.repeat(60_000)}" } }
    expect:
      messages: [short]
  - name: long key
    trigger: message
    ${'k'.repeat(1000)}: 1
`;
    const run = await runYaml(yaml);
    const findings = flowTestFindings(run);
    assertPlain(findings.map((f) => f.message));
    assert.ok(findings.some((f) => f.message.includes('(60000 characters)') && /no widget/.test(f.message)));
    assert.ok(findings.some((f) => /^Flow test "long text" failed: message 1: expected "short"/.test(f.message)));
    assert.ok(findings.some((f) => /is not a known key/.test(f.message)));
    for (const s of run.scenarios) assert.ok((s.failure?.actual ?? '').length <= 1100, 'actual cut as well');
  });

  it('__proto__ and constructor as widget, mock and variable names: plain names, nothing polluted', async () => {
    const yaml = `scenarios:
  - name: proto
    trigger: message
    contact: [{ reply: "YES" }]
    mocks:
      __proto__: { event: success }
      lookup: { body: { status: shipped } }
    expect:
      variables: { __proto__: x, constructor: y }
`;
    const run = await runYaml(yaml);
    assert.deepEqual(
      run.problems.map((p) => p.message),
      ['Scenario "proto": the flow has no widget `__proto__`.'],
    );
    assert.equal(({} as Record<string, unknown>)['event'], undefined, 'Object.prototype untouched');
  });
});
