/**
 * A Split Based On… `regex` condition is written by the flow's author (a hostile PR): the simulator refuses
 * `(a+)+` but not an overlapping alternation (`(a|a)*`) or a chain of `.*`, and searches inputs up to 100,000
 * characters; a 40-character message body then hung the check. It must stop with an error naming the regex.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInChild } from './child.ts';

const flow = (pattern: string) => ({
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'split' }], properties: {} },
    {
      name: 'split',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch' },
        {
          event: 'match',
          next: 'yes',
          conditions: [
            { friendly_name: 'slow', arguments: ['{{trigger.message.Body}}'], type: 'regex', value: pattern },
          ],
        },
      ],
      properties: { input: '{{trigger.message.Body}}' },
    },
    {
      name: 'yes',
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: { body: 'ok' },
    },
  ],
});

function attack(pattern: string, body: string): string {
  const yaml = [
    'scenarios:',
    '  - name: a slow split',
    `    trigger: { message: { Body: ${JSON.stringify(body)} } }`,
    '    expect: { end: split }',
    '',
  ].join('\n');
  return `
    const { runYaml } = await import(ROOT + 'test/flowtest/kit.ts');
    const run = await runYaml(${JSON.stringify(yaml)}, ${JSON.stringify(flow(pattern))});
    console.log(JSON.stringify(run.scenarios.map((s) => ({ kind: s.failure?.kind, message: s.failure?.message ?? '' }))));
  `;
}

describe('catastrophic regexes in a split condition', () => {
  for (const [label, pattern, body] of [
    ['overlapping alternation', '^(a|a)*$', `${'a'.repeat(40)}b`],
    ['a chain of .*', '^.*.*.*.*.*.*.*.*X$', 'y'.repeat(3000)],
  ] as const) {
    it(`${label}: the execution stops with an error naming the regex, in seconds`, () => {
      const child = runInChild(attack(pattern, body), 60_000);
      assert.equal(child.timedOut, false, `the run hung (killed after ${child.ms} ms)`);
      assert.ok(child.ms < 15_000, `took ${child.ms} ms`);
      const scenarios = child.result as { kind?: string; message: string }[];
      assert.ok(Array.isArray(scenarios), child.stderr.slice(0, 2000));
      assert.equal(scenarios[0]?.kind, 'error');
      assert.match(scenarios[0]?.message ?? '', /regex .*took over/);
    });
  }
});
