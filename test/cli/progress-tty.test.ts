/**
 * On a terminal the [n/total] progress line is cleared before a finding is printed, so the finding starts
 * its own line (it used to be glued to `[2/2] examples/main-ivr.json` in `npm run demo`). Run under
 * script(1), which gives the CLI a pseudo-terminal.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { ROOT } from '../support/run-action.ts';
import { CLI } from './run-cli.ts';

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The CLI's terminal output (stdout and stderr, as a user sees them) when run in a pseudo-terminal. */
function inTerminal(args: string[]): Promise<string> {
  const line = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      'script',
      ['-qec', line, '/dev/null'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', TERM: 'xterm' }, timeout: 60_000 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve(stdout);
      },
    );
  });
}

describe('progress on a terminal', { skip: hasScript() ? false : 'script(1) is not installed' }, () => {
  test('demo: each progress line is cleared before the findings that follow it', async () => {
    const out = await inTerminal(['demo']);
    const ticks = [...out.matchAll(/\[(\d+)\/(\d+)\] examples\/[\w-]+\.json/g)];
    assert.ok(ticks.length >= 2, `expected progress lines, got ${JSON.stringify(out.slice(0, 300))}`);
    for (const tick of ticks) {
      const after = out.slice((tick.index ?? 0) + tick[0].length, (tick.index ?? 0) + tick[0].length + 4);
      assert.equal(after.slice(0, 4), '\r\x1b[K', `after ${JSON.stringify(tick[0])} came ${JSON.stringify(after)}`);
    }
    // Every finding starts a line of its own.
    // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence is what is looked for
    assert.match(out, /(^|\n|\x1b\[K)examples\/sms-survey\.json:\d+:\d+: error: /);
    assert.doesNotMatch(out, /\.json[^\s:]*examples\/sms-survey\.json:\d+/);
  });

  test('lint of a folder with findings: the same', async () => {
    const out = await inTerminal(['lint', '--progress', 'examples/sms-survey.json', 'examples/main-ivr.json']);
    // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence is what is looked for
    assert.doesNotMatch(out, /\[\d+\/\d+\] examples\/[\w-]+\.json(?!\r\x1b\[K)/);
    assert.match(out, /examples\/sms-survey\.json:\d+:\d+: error: /);
  });
});
