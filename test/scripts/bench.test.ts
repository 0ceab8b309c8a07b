/** npm run bench: the shared timing helpers, the table, and clear errors for bad options (it used to crash). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { formatTable, median } from '../../scripts/bench/timing.ts';
import { ROOT } from '../support/run-action.ts';

function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'scripts/bench/main.ts'), ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe('timing helpers', () => {
  test('median of odd and even counts, unsorted input left as it was', () => {
    const xs = [5, 1, 3];
    assert.equal(median(xs), 3);
    assert.deepEqual(xs, [5, 1, 3]);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  test('the table aligns columns, prints PASS/MISS only for rows with a target, then the notes', () => {
    const text = formatTable([
      { rows: [{ name: 'a long benchmark name', measured: '1 ms', target: '< 2 ms', pass: true }], notes: ['first'] },
      {
        rows: [
          { name: '  sub', measured: '12345 ms', target: '< 2 ms', pass: false },
          { name: 'info', measured: 'x' },
        ],
        notes: ['second'],
      },
    ]);
    const lines = text.split('\n');
    assert.equal(lines[0], 'benchmark              measured  target  result');
    assert.equal(lines[2], 'a long benchmark name  1 ms      < 2 ms  PASS');
    assert.equal(lines[3], '  sub                  12345 ms  < 2 ms  MISS');
    assert.equal(lines[4], 'info                   x');
    assert.deepEqual(lines.slice(6, 8), ['- first', '- second']);
  });

  test('PASS/MISS stay in their column when a target is shorter than the widest', () => {
    const lines = formatTable([
      {
        rows: [
          { name: 'calls', measured: '3', target: '≤ 3', pass: true },
          { name: 'ratio', measured: '1.07', target: '≤ 1.25', pass: false },
        ],
        notes: [],
      },
    ]).split('\n');
    assert.equal(lines[2], 'calls  3     ≤ 3     PASS');
    assert.equal(lines[3], 'ratio  1.07  ≤ 1.25  MISS');
  });
});

describe('npm run bench', () => {
  test('--only size prints the dist/ row against the 3 MB limit', async () => {
    const run = await bench(['--only', 'size']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^dist\/ total size\s+\d+\.\d\d MB\s+< 3\.00 MB\s+(PASS|MISS)$/m);
  });

  test('--only simulate times a 1,000-step scenario of the offline simulator against its 50 ms target', async () => {
    const run = await bench(['--only', 'simulate', '--runs', '3']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^simulate 1000 steps \(median\)\s+\d+\.\d ms\s+< 50 ms\s+(PASS|MISS)$/m);
    assert.match(run.stdout, /^- simulate: 1000 steps, \d+ outputs; first run \d+ ms/m);
    assert.doesNotMatch(run.stdout, /did not run/);
  });

  test('--only sync syncs the mapped flows against the emulator: one list and one read per flow, the edited ones written', async () => {
    const run = await bench(['--only', 'sync', '--flows', '10', '--latency', '20', '--runs', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^sync 10 mapped flows, 2 edited, \+20 ms\/request, concurrency 4\s+wall \d+ ms$/m);
    assert.match(run.stdout, /^ {2}Studio reads per flow \(\+ list pages\)\s+1\.00 \+ 1\s+≤ 1 \+ 1\s+PASS$/m);
    assert.match(run.stdout, /^ {2}files written\s+2\s+2\s+PASS$/m);
    assert.match(
      run.stdout,
      /^ {2}ratio to floor \(1 list, then 10 reads ∥ 4: 80 ms; median of 1\)\s+\d+\.\d\d\s+≤ 1\.25\s+(PASS|MISS)$/m,
    );
  });

  test('--only names checks flows that each name a Function: the three Serverless lists once in all, no TaskRouter call', async () => {
    const run = await bench(['--only', 'names', '--flows', '6', '--latency', '10', '--runs', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^check 6 flows, each referencing a Function by name, \+10 ms\/request\s+wall \d+ ms$/m);
    assert.match(run.stdout, /^ {2}Serverless list calls in total \(\+ pages\)\s+3 \+ 0\s+≤ 3\s+PASS$/m);
    assert.match(run.stdout, /^ {2}TaskRouter calls\s+0\s+0\s+PASS$/m);
    assert.match(
      run.stdout,
      /^ {2}wall vs the plain check of the same 6 flows \(\d+ ms\)\s+\d+\.\d\d\s+≤ 1\.25\s+(PASS|MISS)$/m,
    );
    assert.match(
      run.stdout,
      /^- names: Serverless GET \/v1\/Services, GET \/v1\/Services\/…\/Environments, GET \/v1\/Services\/…\/Builds\/…; Studio \d+ requests/m,
    );
    assert.doesNotMatch(run.stdout, /not valid/);
  });

  test('--only deploy compares our deploy with the naive deployer in three scenarios, with both request counts', async () => {
    const run = await bench(['--only', 'deploy', '--flows', '5', '--latency', '10']);
    assert.equal(run.code, 0, run.stderr);
    const out = run.stdout;
    const ratio = (target: string) =>
      new RegExp(String.raw`^ {2}our wall / naive wall\s+\d+\.\d\d\s+≤ ${target}\s+(PASS|MISS)$`, 'm');
    const writes = (n: number) => new RegExp(String.raw`^ {2}writes\s+${n}\s+${n}\s+PASS$`, 'm');
    const header = (scenario: string) =>
      new RegExp(String.raw`^deploy ${scenario}, \+10 ms/request, concurrency 4\s+ours \d+ ms, naive \d+ ms$`, 'm');
    // Each scenario's rows, in order: its header, the ratio to the naive deployer, its own rows, its writes.
    const blocks = out.split(/^(?=deploy \()/m).slice(1);
    assert.equal(blocks.length, 3, out);
    const [a = '', b = '', c = ''] = blocks;
    assert.match(a, header(String.raw`\(a\) first deploy: 5 new flows`));
    assert.match(a, ratio(String.raw`0\.60`));
    assert.match(a, /^ {2}our wall \/ all-parallel floor \(\d+ calls: \d+ ms\)\s+\d+\.\d\d\s+≤ 1\.20\s+(PASS|MISS)$/m);
    assert.match(a, writes(5));
    assert.match(b, header(String.raw`\(b\) 1 of 5 changed`));
    assert.match(b, ratio(String.raw`0\.45`));
    assert.match(b, /^ {2}reads \+ Validate per flow \(\+ list pages\)\s+\d\.\d\d \+ 1\s+≤ 2 \+ 1\s+PASS$/m);
    assert.match(b, writes(1));
    assert.match(c, header(String.raw`\(c\) nothing changed of 5`));
    assert.match(c, ratio(String.raw`0\.35`));
    assert.match(c, writes(0));
    assert.doesNotMatch(out, /writes serial|failed|does not hold|said/);
    // The naive deployer: one list, then one write a flow (creates, then updates), never Validate.
    assert.match(
      out,
      /^- deploy \(a\): ours \d+ requests \(.*\); naive 6 requests \(1× GET \/v2\/Flows, 5× POST \/v2\/Flows\)\.$/m,
    );
    for (const scenario of ['b', 'c'])
      assert.match(
        out,
        new RegExp(
          String.raw`^- deploy \(${scenario}\): ours \d+ requests \(1× GET /v2/Flows, .*\); naive 6 requests \(1× GET /v2/Flows, 5× POST /v2/Flows/FW…\)\.$`,
          'm',
        ),
      );
  });

  test('an unknown benchmark or a bad number is a one-line error naming the option, not a RangeError', async () => {
    for (const [args, message] of [
      [
        ['--only', 'sizes'],
        /^bench: --only sizes: no such benchmark; choose from big-flow, check, names, deploy, sync, cold-start, size, simulate\.$/,
      ],
      [['--runs', 'many'], /^bench: --runs must be a whole number of at least 1\.$/],
      [['--flows', '0'], /^bench: --flows must be a whole number of at least 1\.$/],
      [['--latency=-5'], /^bench: --latency must be a whole number\.$/],
      [['--latency', '-5'], /^bench: Option '--latency' argument is ambiguous\. Usage: node scripts\/bench\/main\.ts /],
      [['--nope'], /^bench: Unknown option '--nope'.* Usage: /],
      [
        ['--dist', '/nonexistent/build', '--only', 'size'],
        /^bench: --dist \/nonexistent\/build: no index\.js there; run npm run build first/,
      ],
    ] as const) {
      const run = await bench([...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr.trim(), message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });
});
