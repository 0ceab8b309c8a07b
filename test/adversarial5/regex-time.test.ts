/**
 * A `{ regex }` matcher is written by whoever edits the test file; the nested-quantifier check refuses `(a+)+` but
 * not an alternation whose branches overlap (`(a|a)*`) or a chain of `.*`: both backtrack exponentially or
 * polynomially on a 40-character text the (also attacker-written) flow sends. The check must still finish.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInChild } from './child.ts';

function attack(pattern: string, status: string): string {
  const yaml = [
    'scenarios:',
    '  - name: a slow regex',
    '    trigger: request',
    `    mocks: { lookup: { body: { status: ${JSON.stringify(status)} } } }`,
    `    expect: { messages: [{ regex: ${JSON.stringify(pattern)} }] }`,
    '  - name: a quick one after it',
    '    trigger: request',
    '    mocks: { lookup: { body: { status: shipped } } }',
    '    expect: { messages: [{ regex: "^Your order is ship" }] }',
    '',
  ].join('\n');
  return `
    const { runYaml } = await import(ROOT + 'test/flowtest/kit.ts');
    const run = await runYaml(${JSON.stringify(yaml)});
    console.log(JSON.stringify(run.scenarios.map((s) => ({ status: s.status, message: s.failure?.message ?? '' }))));
  `;
}

describe('catastrophic regexes in { regex } matchers', () => {
  for (const [label, pattern, status] of [
    ['overlapping alternation', '^Your order is (a|a)*$', `${'a'.repeat(40)}b`],
    ['overlapping classes', '^Your order is (\\w|\\d)*$', `${'1'.repeat(40)}!`],
    ['a chain of .*', '^Your order is .*.*.*.*.*.*.*.*X$', 'y'.repeat(3000)],
  ] as const) {
    it(`${label}: the run ends in seconds, the scenario fails naming the slow regex, the next one still runs`, () => {
      const child = runInChild(attack(pattern, status), 60_000);
      assert.equal(child.timedOut, false, `the test file's run hung (killed after ${child.ms} ms)`);
      assert.ok(child.ms < 20_000, `took ${child.ms} ms`);
      const scenarios = child.result as { status: string; message: string }[];
      assert.ok(Array.isArray(scenarios), child.stderr.slice(0, 2000));
      assert.equal(scenarios[0]?.status, 'failed');
      assert.match(scenarios[0]?.message ?? '', /regex .*(too long|took|time)/i);
      assert.equal(scenarios[1]?.status, 'passed');
    });
  }
});
