/**
 * A hostile flow loops two widgets (never 10 in a row) for Studio's 1,000 steps, each rendering Liquid of nested
 * 15-iteration loops: each render is bounded, the execution and the file were not. The check must still finish,
 * every scenario stopped with an error naming the Liquid time, and a file of many such scenarios a problem.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInChild } from './child.ts';

// 15^4 iterations: tens of ms a render, under liquidjs's renderLimit; 1,000 steps of them take over a minute.
const DEPTH = 4;
const heavy = `${'{% for a in (1..99) %}'.repeat(DEPTH)}x${'{% endfor %}'.repeat(DEPTH)}`;
const setter = (name: string, next: string) => ({
  name,
  type: 'set-variables',
  transitions: [{ event: 'next', next }],
  properties: { variables: [{ key: name, value: heavy }] },
});
const FLOW = {
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingRequest', next: 'A' }], properties: {} },
    setter('A', 'B'),
    setter('B', 'A'),
  ],
};

function scenarios(count: number): string {
  const one = (i: number) => `  - name: loop ${i}\n    trigger: request\n    expect: { end: A }\n`;
  return `scenarios:\n${Array.from({ length: count }, (_, i) => one(i)).join('')}`;
}

function attack(count: number): string {
  return `
    const { runYaml } = await import(ROOT + 'test/flowtest/kit.ts');
    const run = await runYaml(${JSON.stringify(scenarios(count))}, ${JSON.stringify(FLOW)});
    console.log(JSON.stringify({
      scenarios: run.scenarios.map((s) => ({ kind: s.failure?.kind, message: s.failure?.message ?? '', steps: s.path.length })),
      problems: run.problems.map((p) => ({ message: p.message, line: p.line })),
    }));
  `;
}

interface Out {
  scenarios: { kind?: string; message: string; steps: number }[];
  problems: { message: string; line?: number }[];
}

describe('Liquid time across a looping execution and a test file', () => {
  it('one scenario: stops with an error naming the Liquid time, in seconds', () => {
    const child = runInChild(attack(1), 60_000);
    assert.equal(child.timedOut, false, `the run hung (killed after ${child.ms} ms)`);
    assert.ok(child.ms < 15_000, `took ${child.ms} ms`);
    const out = child.result as Out;
    assert.ok(out?.scenarios, child.stderr.slice(0, 2000));
    assert.equal(out.scenarios[0]?.kind, 'error');
    assert.match(out.scenarios[0]?.message ?? '', /Liquid/);
    assert.ok((out.scenarios[0]?.steps ?? 1000) < 1000, `ran ${out.scenarios[0]?.steps} steps`);
    assert.match(out.scenarios[0]?.message ?? '', /Liquid rendering took over 2000 ms in this execution/);
  });

  it('40 scenarios: the file stops at its time limit with a problem at the first scenario not run', () => {
    const child = runInChild(attack(40), 90_000);
    assert.equal(child.timedOut, false, `the run hung (killed after ${child.ms} ms)`);
    assert.ok(child.ms < 40_000, `took ${child.ms} ms`);
    const out = child.result as Out;
    assert.ok(out?.scenarios, child.stderr.slice(0, 2000));
    assert.ok(out.scenarios.length < 40, `${out.scenarios.length} scenarios ran`);
    assert.equal(out.problems.length, 1);
    const first = out.scenarios.length;
    assert.match(
      out.problems[0]?.message ?? '',
      new RegExp(`over 20 s; this one and ${39 - first} after it were not run`),
    );
    assert.equal(out.problems[0]?.line, 2 + 3 * first);
  });
});
