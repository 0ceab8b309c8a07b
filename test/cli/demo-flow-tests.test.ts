/**
 * `npm run demo` (dist/cli.js demo) shows the examples' flow tests as the README's "Try it" says: the Tests column
 * per flow, main-ivr and after-hours passing with every transition taken, and the broken sms-survey's failing
 * scenario at the test file's line (the line the README names).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { ROOT } from '../support/run-action.ts';
import { runCli, type CliRun } from './run-cli.ts';

const FAILING = 'A low score alerts the manager';

/** The comment's table row of a flow: its cells. */
function row(comment: string, flowName: string): string[] {
  const line = comment.split('\n').find((l) => l.startsWith(`| ${flowName} |`));
  assert.ok(line, `no row for ${flowName} in:\n${comment.slice(0, 1500)}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
}

/** 1-based line of the scenario's failing `visits:` in the test file. */
async function failingLine(): Promise<number> {
  const lines = (await readFile(path.join(ROOT, 'examples/sms-survey.test.yaml'), 'utf8')).split('\n');
  const name = lines.findIndex((l) => l.includes(`name: ${FAILING}`));
  const visits = lines.findIndex((l, i) => i > name && l.trim().startsWith('visits:'));
  assert.ok(name >= 0 && visits > name);
  return visits + 1;
}

describe('the demo shows the flow tests of the examples', () => {
  let run: CliRun;
  before(async () => {
    run = await runCli(['demo', '--no-progress']);
  });

  test('the Tests column: main-ivr and after-hours pass with full coverage, sms-survey fails one', () => {
    assert.equal(run.code, 0, run.stderr);
    const header = run.stdout.split('\n').find((l) => l.startsWith('| Flow |')) ?? '';
    assert.match(header, /\| Tests \|$/);
    assert.equal(row(run.stdout, 'Main IVR').at(-1), '✅ 6/6 · 100 %');
    assert.equal(row(run.stdout, 'After Hours').at(-1), '✅ 6/6 · 100 %');
    assert.equal(row(run.stdout, 'sms-survey').at(-1), '❌ 6/7 · 100 %');
  });

  test("the broken flow's failing scenario, at the test file's line the README names", async () => {
    const line = await failingLine();
    const at = `examples/sms-survey.test.yaml:${line}`;
    const item = run.stdout.split('\n').find((l) => l.includes(FAILING)) ?? '';
    assert.match(item, /^- ❌ /, run.stdout);
    assert.ok(item.includes(`\`${at}\``), item);
    assert.match(item, /notify\\?_manager/);
    assert.match(item, /escalate\\?_low\\?_score/);
    assert.ok(run.stderr.includes(`${at}:`) && run.stderr.includes(`Flow test "${FAILING}" failed`), run.stderr);
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('## Use it in a workflow'));
    assert.ok(tryIt.includes(`\`${at}\``), `README's "Try it" does not name ${at}`);
    assert.ok(tryIt.includes(FAILING));
  });

  test('the passing flows say so, with their test files', () => {
    for (const name of ['main-ivr', 'after-hours']) {
      const block = run.stdout.split('\n').find((l) => l.includes(`(\`examples/${name}.test.yaml\`)`)) ?? '';
      assert.match(block, /^✅ \*\*Flow tests\*\* .*: \d+ passed · (\d+) of \1 transitions \(100 %\)$/, block);
    }
  });
});
