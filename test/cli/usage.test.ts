/** The CLI's command line: help, unknown commands and flags, bad values — and the exit codes scripts rely on. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from './run-cli.ts';

describe('studio-flow-ci usage', () => {
  test('help prints the usage on stdout, naming every command, and exits 0', async () => {
    for (const args of [['help'], ['--help'], ['validate', '--help'], ['diff', '-h']]) {
      const run = await runCli(args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /^Usage: studio-flow-ci <command>/);
      for (const command of ['validate', 'check', 'lint', 'diff', 'demo', 'emulator'])
        assert.match(run.stdout, new RegExp(`^  ${command} `, 'm'));
      assert.equal(run.stderr, '');
    }
  });

  test('no command: the usage on stderr, exit 2', async () => {
    const run = await runCli([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Usage: studio-flow-ci/);
    assert.equal(run.stdout, '');
  });

  /** One line on stderr that points at the help instead of printing all of it. */
  const oneLine = (stderr: string, what: string) => {
    assert.equal(stderr.split('\n').filter(Boolean).length, 1, `${what}: ${stderr}`);
    assert.doesNotMatch(stderr, /Usage:/, what);
    assert.match(stderr, /Run 'studio-flow-ci help'/, what);
  };

  test('an unknown command: named in one line, exit 2', async () => {
    const run = await runCli(['publish']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command "publish"/);
    oneLine(run.stderr, 'publish');
  });

  test('an unknown flag: named in one line, exit 2 — for every command', async () => {
    for (const command of ['validate', 'check', 'lint', 'diff', 'deploy']) {
      const run = await runCli([command, '--no-such-flag']);
      assert.equal(run.code, 2, command);
      assert.match(run.stderr, /Unknown option '--no-such-flag'/);
      oneLine(run.stderr, command);
      assert.equal(run.stdout, '');
    }
  });

  test('a flag without its value is bad usage, in one line', async () => {
    const run = await runCli(['lint', '--flows']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--flows/);
    oneLine(run.stderr, '--flows');
  });

  test('a bad value names the option (not the action input) and the accepted values, exit 2', async () => {
    const run = await runCli(['lint', '--fail-on', 'sometimes', 'examples/main-ivr.json']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--fail-on is 'sometimes'; accepted values are: error, warning, never/);
    const concurrency = await runCli(['lint', '--concurrency', '99', 'examples/main-ivr.json']);
    assert.equal(concurrency.code, 2);
    assert.match(concurrency.stderr, /--concurrency must be a whole number from 1 to 32/);
  });

  test('options that do not fit the command are bad usage', async () => {
    const exitCode = await runCli(['validate', '--exit-code', 'examples/main-ivr.json']);
    assert.equal(exitCode.code, 2);
    assert.match(exitCode.stderr, /--exit-code is an option of diff/);
    const both = await runCli(['validate', '--emulator', '--studio-url', 'http://127.0.0.1:9']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--studio-url and --emulator exclude each other/);
  });

  test('a missing emulator seed folder is bad input, exit 2', async () => {
    const run = await runCli(['validate', '--emulator-seed', 'no/such/folder', 'examples/main-ivr.json']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--emulator-seed no\/such\/folder: .*ENOENT/);
  });

  test('the emulator command: a bad option is one line pointing at the emulator help, exit 2', async () => {
    const run = await runCli(['emulator', '--port', 'many']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--port must be an integer from 0 to 65535, got "many"/);
    assert.match(run.stderr, /studio-flow-ci emulator --help/);
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /Usage:/);
  });
});
