/**
 * A bad flag value is one line on stderr naming the flag, the value and the form expected, exit code 2:
 * never the whole usage, never a stack trace, never a raw newline or a page of the value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from './run-cli.ts';

const HOSTILE = [
  'notasha',
  'abc\n::error::injected',
  `<img src=x onerror=alert(1)>`,
  'x'.repeat(100_000),
  '\u202e\u001bü\ud800',
  'ABCDEF0123456789ABCDEF0123456789ABCDEF01', // upper-case hex: git never prints it so
];

function assertOneLine(stderr: string, flag: string): void {
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `${flag}: expected one line, got ${lines.length}: ${stderr.slice(0, 500)}`);
  assert.match(lines[0] as string, new RegExp(`^studio-flow-ci: .*${flag}`), stderr.slice(0, 500));
  assert.doesNotMatch(stderr, /Usage:|\n\s+at |node:internal/, stderr.slice(0, 500));
  assert.ok(stderr.length < 1000, `${flag}: ${stderr.length} characters`);
  assert.doesNotMatch(stderr, /^::/m);
  // eslint-disable-next-line no-control-regex -- control characters are what must not get through
  assert.doesNotMatch(stderr, /[\u0000-\u0009\u000b-\u001f\u007f]/, 'a control character reached the terminal');
}

describe('bad flag values', () => {
  test('--sha notasha: one line naming --sha, the value and a full commit SHA', async () => {
    const run = await runCli(['deploy', '--sha', 'notasha', '--emulator', 'examples/main-ivr.json']);
    assert.equal(run.code, 2);
    assertOneLine(run.stderr, '--sha');
    assert.match(run.stderr, /"notasha"/);
    assert.match(run.stderr, /40-character commit SHA/);
    assert.equal(run.stdout, '');
  });

  for (const value of HOSTILE) {
    const label = JSON.stringify(value.slice(0, 30));
    test(`--sha ${label}: one line, exit 2`, async () => {
      const run = await runCli(['deploy', '--sha', value, '--emulator', 'examples/main-ivr.json']);
      assert.equal(run.code, 2);
      assertOneLine(run.stderr, '--sha');
    });
  }

  test('emulator --port and --fault-share with hostile values: one line each, exit 2', async () => {
    for (const flag of ['--port', '--fault-share']) {
      for (const value of HOSTILE.slice(1, 5)) {
        const run = await runCli(['emulator', flag, value]);
        assert.equal(run.code, 2, `${flag} ${JSON.stringify(value.slice(0, 30))}`);
        const lines = run.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, run.stderr.slice(0, 300));
        assert.match(lines[0] as string, new RegExp(`^studio-flow-ci emulator: ${flag}`));
        assert.ok(run.stderr.length < 1000, `${run.stderr.length} characters`);
        // eslint-disable-next-line no-control-regex -- control characters are what must not get through
        assert.doesNotMatch(run.stderr, /[\u0000-\u0009\u000b-\u001f\u007f]/);
      }
    }
  });

  for (const [command, flag] of [
    ['lint', '--concurrency'],
    ['lint', '--fail-on'],
    ['validate', '--timeout'],
    ['deploy', '--status'],
    ['deploy', '--on-drift'],
  ] as const) {
    test(`${command} ${flag} with hostile values: one line each, exit 2`, async () => {
      for (const value of HOSTILE.slice(1, 4)) {
        const run = await runCli([command, flag, value, 'examples/main-ivr.json']);
        assert.equal(run.code, 2, `${flag} ${JSON.stringify(value.slice(0, 30))}`);
        assertOneLine(run.stderr, flag);
      }
    });
  }
});
