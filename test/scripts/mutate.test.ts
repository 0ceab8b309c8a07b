/**
 * `npm run mutate` (scripts/mutate.ts): its list of modules is the Stryker config's, every module and test
 * file it names exists, each listed equivalent mutant points at a real line of a listed module with a
 * reason; the score and the table it prints; its arguments, hostile ones included; and it stays out of
 * `npm test` and .ci/run.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { MUTATE_MODULES, REQUIRED_SCORE } from '../../scripts/mutate-modules.ts';
import { parseMutateArgs } from '../../scripts/mutate.ts';
import {
  failedModule,
  renderTable,
  scoreModule,
  type EquivalentMutant,
  type MutantOutcome,
} from '../../scripts/mutate-table.ts';
import { ROOT } from '../support/run-action.ts';

const config = (await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href)) as {
  default: { mutate: string[]; testRunner: string };
  equivalentMutants: EquivalentMutant[];
};

describe('the module list', () => {
  it("is the Stryker config's `mutate`, every file and test file exists, no module twice", () => {
    assert.deepEqual(
      MUTATE_MODULES.map((m) => m.file),
      config.default.mutate,
    );
    assert.equal(new Set(config.default.mutate).size, config.default.mutate.length);
    for (const m of MUTATE_MODULES) {
      assert.ok(existsSync(path.join(ROOT, m.file)), m.file);
      assert.ok(m.tests.length > 0, `${m.file} has tests`);
      for (const t of m.tests) assert.ok(existsSync(path.join(ROOT, t)) && t.endsWith('.test.ts'), `${m.file}: ${t}`);
    }
    assert.equal(config.default.testRunner, 'command');
    assert.equal(REQUIRED_SCORE, 90);
  });

  it('each equivalent mutant names a listed module, a line of it, a known mutator and why', () => {
    for (const e of config.equivalentMutants) {
      const where = `${e.file}:${e.line}`;
      assert.ok(config.default.mutate.includes(e.file), where);
      const lines = readFileSync(path.join(ROOT, e.file), 'utf8').split('\n');
      assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines.length, where);
      assert.match(e.mutator, /^[A-Z][A-Za-z]+$/, where);
      if (e.column !== undefined)
        assert.ok(Number.isInteger(e.column) && e.column >= 1 && e.column <= lines[e.line - 1]!.length, where);
      assert.ok(e.why.length >= 30, `${where}: say why no test can tell it apart`);
    }
  });

  it('mutation testing is not part of npm test nor of .ci/run', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.equal(pkg.scripts.mutate, 'node scripts/mutate.ts');
    for (const name of ['test', 'check']) assert.doesNotMatch(pkg.scripts[name] ?? '', /mutate|stryker/i, name);
    assert.doesNotMatch(readFileSync(path.join(ROOT, '.ci/run'), 'utf8'), /mutate|stryker/i);
  });
});

const mutant = (status: string, line: number, mutatorName = 'StringLiteral', replacement = '""'): MutantOutcome => ({
  status,
  mutatorName,
  replacement,
  location: { start: { line, column: 1 } },
});

describe('the score', () => {
  it('killed and timed out over all but equivalents and invalid mutants; one listed entry stands for one survivor', () => {
    const eq = (line: number, replacement?: string): EquivalentMutant => ({
      file: 'src/a.ts',
      line,
      mutator: 'StringLiteral',
      ...(replacement === undefined ? {} : { replacement }),
      why: 'no test can tell',
    });
    const listed = [eq(3), eq(9, '"x"'), { ...eq(3), file: 'src/b.ts' }, { ...eq(20), column: 5 }];
    const results = [
      ...Array.from({ length: 6 }, (_, i) => mutant('Killed', 10 + i)),
      mutant('Timeout', 20),
      mutant('Survived', 3),
      mutant('Survived', 3),
      mutant('Survived', 9),
      mutant('Survived', 20),
      mutant('NoCoverage', 30),
      mutant('CompileError', 31),
      mutant('Ignored', 32),
    ];
    const s = scoreModule('src/a.ts', results, listed);
    assert.deepEqual(
      { ...s, score: s.score?.toFixed(2) },
      {
        file: 'src/a.ts',
        mutants: 14,
        killed: 6,
        survived: 3,
        timeout: 1,
        noCoverage: 1,
        equivalent: 1,
        invalid: 2,
        score: ((100 * 7) / 11).toFixed(2),
        staleEquivalents: [eq(9, '"x"'), { ...eq(20), column: 5 }],
      },
    );
    assert.equal(scoreModule('src/a.ts', [], listed).score, null);
  });

  it('the table has one row a module, every count, the score and PASS or MISS against the required score', () => {
    const pass = scoreModule('src/pass.ts', [mutant('Killed', 1), mutant('Killed', 2), mutant('Timeout', 3)], []);
    const miss = scoreModule('src/miss.ts', [mutant('Killed', 1), mutant('Survived', 2)], []);
    const lines = renderTable([pass, miss], 90).split('\n');
    assert.match(
      lines[0]!,
      /^module\s+mutants\s+killed\s+survived\s+timeout\s+no coverage\s+equivalent\s+score\s+result$/,
    );
    assert.match(lines[2]!, /^src\/pass\.ts\s+3\s+2\s+0\s+1\s+0\s+0\s+100\.0 %\s+PASS$/);
    assert.match(lines[3]!, /^src\/miss\.ts\s+2\s+1\s+1\s+0\s+0\s+0\s+50\.0 %\s+MISS$/);
    assert.equal(lines.at(-1), 'required: 90 %');
    const exactly = scoreModule('src/x.ts', [...Array(9).fill(mutant('Killed', 1)), mutant('Survived', 2)], []);
    assert.match(renderTable([exactly], 90), /90\.0 %\s+PASS/);
    const failed = renderTable([failedModule('src/f.ts', 'There were failed tests in the initial test run.')], 90);
    assert.match(failed.split('\n')[2]!, /^src\/f\.ts\s+0\s+0\s+0\s+0\s+0\s+0\s+n\/a\s+ERROR$/);
  });
});

describe('arguments', () => {
  it('no module: every module with a score (those marked score: false are left out); the cores by default', () => {
    const args = parseMutateArgs([], {});
    assert.deepEqual(
      args.modules.map((m) => m.file),
      MUTATE_MODULES.filter((m) => m.score !== false).map((m) => m.file),
    );
    assert.ok(args.modules.some((m) => m.file === 'src/deploy/publish.ts'));
    assert.ok(args.concurrency >= 1);
  });

  it('named modules (./ and \\ tolerated), --concurrency N or =N over MUTATE_CONCURRENCY', () => {
    const args = parseMutateArgs(['./src/diff/diff.ts', 'src\\deploy\\publish.ts', '--concurrency', '1'], {
      MUTATE_CONCURRENCY: '3',
    });
    assert.deepEqual(
      args.modules.map((m) => m.file),
      ['src/diff/diff.ts', 'src/deploy/publish.ts'],
    );
    assert.equal(args.concurrency, 1);
    assert.equal(parseMutateArgs(['--concurrency=2'], {}).concurrency, 2);
    assert.equal(parseMutateArgs([], { MUTATE_CONCURRENCY: '3' }).concurrency, 3);
  });

  it('a bad module, option or concurrency is a one-line error naming it and the fix, however hostile', () => {
    const error = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      try {
        parseMutateArgs(argv, env);
      } catch (e) {
        return (e as Error).message;
      }
      assert.fail(`accepted ${JSON.stringify(argv)}`);
    };
    assert.match(
      error(['src/main.ts']),
      /^"src\/main\.ts" is not a module of scripts\/mutate-modules\.ts \(src\/egress\/gate\.ts, .*\): add it there with its unit tests, and to stryker\.config\.mjs$/,
    );
    const hostile = error([`${'x'.repeat(100_000)}\n::error::<b>@team</b>`]);
    assert.ok(!hostile.includes('\n') && hostile.length < 1200, hostile.slice(0, 200));
    assert.match(
      error(['--concurrency', '0']),
      /^--concurrency must be a whole number of test processes from 1 to 999 \(got "0"\)$/,
    );
    assert.match(error(['--concurrency']), /--concurrency must be .* \(got ""\)/);
    assert.match(error(['--concurrency=1e3']), /got "1e3"/);
    assert.match(
      error([], { MUTATE_CONCURRENCY: 'two\n::error::x' }),
      /^MUTATE_CONCURRENCY must be .* \(got "two\\n::error::x"\)$/,
    );
    assert.match(error(['--fast']), /^unknown option "--fast": use \[src\/x\.ts …\] \[--concurrency N\]$/);
  });
});
