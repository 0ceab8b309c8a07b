/**
 * A few of the bad-input catalogue's cases as a user meets them at a terminal: `studio-flow-ci lint`
 * (dist/cli.js) prints `file:line:column: error: message` for each, and never a stack trace.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { makeWorkspace, ROOT } from '../support/run-action.ts';

const CLI = path.join(ROOT, 'dist/cli.js');
const SECRET = 'sk_live_CliOutsideSecret0123456789';
const TRIGGER = '{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {}}';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function lint(workspace: string, flows = 'flows/*.json'): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'lint', '--flows', flows, '--workspace', workspace],
      { cwd: workspace, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

let run: CliRun;

before(async () => {
  const outside = await mkdtemp(path.join(tmpdir(), 'sfci-cli-outside-'));
  await writeFile(path.join(outside, 'secret.env'), `AUTH_TOKEN=${SECRET}\n`);
  const workspace = await makeWorkspace({
    'flows/empty.json': '',
    'flows/trailing.json': '{\n  "initial_state": "Trigger",\n}\n',
    'flows/list.json': '[\n  {"name": "Trigger"}\n]\n',
    'flows/deep.json': `{"states": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    'flows/duplicate.json': `{\n  "initial_state": "Trigger",\n  "initial_state": "Trigger",\n  "states": [${TRIGGER}]\n}\n`,
  });
  await symlink(path.join(outside, 'secret.env'), path.join(workspace, 'flows/linked.json'));
  run = await lint(workspace);
});

test('exit code 1 and one file:line:column line per problem', () => {
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stderr.split('\n').filter((l) => /^flows\//.test(l) && / (error|warning): /.test(l));
  assert.deepEqual(lines.sort(), [
    'flows/deep.json:1:139: error: JSON nesting deeper than 128 levels',
    'flows/duplicate.json:3:3: error: Duplicate key "initial_state" (first defined at line 2); Twilio would silently keep only this last one',
    'flows/empty.json:1:1: error: The file is empty',
    'flows/linked.json: error: The file is a symbolic link; flow files must be regular files.',
    'flows/list.json:1:1: error: The top level is an array, not a JSON object',
    'flows/trailing.json:2:29: error: Unexpected trailing comma before "}"',
  ]);
});

test('no stack trace, and nothing of the file a link points at', () => {
  const all = run.stdout + run.stderr;
  assert.doesNotMatch(all, /\n\s+at |TypeError|RangeError|Maximum call stack/);
  assert.ok(!all.includes(SECRET) && !all.includes('AUTH_TOKEN'), all);
  assert.ok(!all.includes('sfci-cli-outside-'), 'the link target is not named');
});
