/**
 * A test file of 1 MB can hold 60,000 unknown keys or 200,000 empty scenarios: each was a problem placed in the
 * file one by one (seconds to minutes: placing a node walks the document), then a finding, an annotation, a JUnit
 * testcase each. The problems of a file's shape are capped, the rest counted in one more.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInChild } from './child.ts';

function attack(yaml: string): string {
  return `
    const { runYaml } = await import(ROOT + 'test/flowtest/kit.ts');
    const run = await runYaml(${JSON.stringify(yaml)});
    console.log(JSON.stringify({ problems: run.problems.map((p) => p.message), scenarios: run.scenarios.length }));
  `;
}

const CASES = [
  [
    '60,000 unknown top-level keys',
    `scenarios: []\n${Array.from({ length: 60_000 }, (_, i) => `k${i}: 1\n`).join('')}`,
  ],
  ['200,000 empty scenarios', `scenarios:\n${'- {}\n'.repeat(200_000)}`],
  ['20,000 repeated keys', `scenarios: []\n${'k: 1\n'.repeat(20_000)}`],
] as const;

describe('a file with very many problems', () => {
  for (const [label, yaml] of CASES) {
    it(`${label}: a capped list, the rest counted, in seconds`, () => {
      const child = runInChild(attack(yaml), 120_000);
      assert.equal(child.timedOut, false, `the run hung (killed after ${child.ms} ms)`);
      assert.ok(child.ms < 20_000, `took ${child.ms} ms`);
      const out = child.result as { problems: string[]; scenarios: number };
      assert.ok(out?.problems, child.stderr.slice(0, 2000));
      assert.ok(out.problems.length > 1 && out.problems.length <= 51, `${out.problems.length} problems`);
      assert.equal(out.scenarios, 0);
      assert.ok(
        out.problems.some((m) => /and \d+ more problems/.test(m)),
        out.problems.slice(0, 3).join('\n'),
      );
    });
  }
});
