/**
 * Every finding of the whole lint, pinned, so that speeding the lint up changes none of them: the real published
 * flows (test/fixtures/real-flows/), the examples, the benchmark's 1 MB flow, a flow that hits each Liquid and split
 * rule, and 300 random flows built from a fixed seed (their findings as one digest and counts per rule). Each
 * finding is written as severity, rule, pointer, offset in the string, widget, line:column, message and fix.
 * Update only for an intended change: `node --test --test-update-snapshots test/flows/lint-pinned.test.ts`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFlowText } from '../../src/document/parse.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import type { LintIssue } from '../../src/document/types.ts';
import { benchFlows } from '../../scripts/bench/big-flow.ts';
import { liquidZoo, randomFlow } from './lint-pinned-flows.ts';

const root = new URL('../../', import.meta.url);
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;
const snapshot = { serializers: [(v: unknown) => String(v)] };

const line = (i: LintIssue, at?: { line: number; column: number }) =>
  [
    `${i.severity} ${i.rule} ${i.pointer} @${i.at?.offset ?? '-'} ${i.widget ?? '-'}${at ? ` ${at.line}:${at.column}` : ''}`,
    `  ${i.message}`,
    `  ${i.fix}`,
  ].join('\n');

/** The findings of a flow file as the check places them: pointer (and offset in the string) → line:column. */
function fileFindings(file: string, text: string): string {
  const parsed = parseFlowText(file, text);
  assert.ok(parsed.ok, file);
  const issues = lintDefinition(parsed.definition);
  const lines = issues.map((i) => line(i, i.at ? parsed.locateInString(i.pointer, i.at) : parsed.locate(i.pointer)));
  return `## ${file} (${issues.length})\n\n${lines.join('\n')}\n`;
}

describe('lint findings, pinned', () => {
  const files = ['test/fixtures/real-flows', 'examples'].flatMap((dir) =>
    readdirSync(new URL(dir, root))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => `${dir}/${f}`),
  );

  it('of the real flows and the examples', (t) => {
    const text = files.map((f) => fileFindings(f, readFileSync(new URL(f, root), 'utf8'))).join('\n');
    t.assert.fileSnapshot(text, snap('lint-pinned-real-flows'), snapshot);
  });

  it("of the benchmark's 1 MB flow and of a flow that hits each Liquid and split rule", (t) => {
    const bench = fileFindings('bench.json', `${JSON.stringify(benchFlows().after, null, 2)}\n`);
    const zoo = fileFindings('zoo.json', `${JSON.stringify(liquidZoo(), null, 2)}\n`);
    t.assert.fileSnapshot(`${bench}\n${zoo}`, snap('lint-pinned-bench-zoo'), snapshot);
  });

  it('of 300 random flows from a fixed seed: one digest, and the count per rule', (t) => {
    const hash = createHash('sha256');
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= 300; seed++) {
      const issues = lintDefinition(randomFlow(seed));
      for (const i of issues) {
        hash.update(`${seed} ${line(i)}\n`);
        const key = `${i.severity} ${i.rule}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const perRule = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k}: ${n}`);
    // Enough of each Liquid rule for the digest to mean something.
    for (const rule of ['liquid-syntax', 'liquid-widget', 'liquid-widget-path', 'liquid-variable', 'split-condition'])
      assert.ok(
        perRule.some((l) => l.includes(` ${rule}: `) && Number(l.split(': ')[1]) >= 20),
        rule,
      );
    t.assert.fileSnapshot(
      `${perRule.join('\n')}\ndigest ${hash.digest('hex')}\n`,
      snap('lint-pinned-random'),
      snapshot,
    );
  });
});
