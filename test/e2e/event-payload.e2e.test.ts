/**
 * End to end: dist/index.js reads its run context through @actions/github, whose `context` parses the
 * event payload file when it is loaded. A broken or hostile payload file must still end in one clear
 * `::error::` naming GITHUB_EVENT_PATH, never a stack trace or "unexpected error"; a huge one must work.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction, type ActionRun } from '../support/run-action.ts';

const ACCOUNT = `AC${'c3'.repeat(16)}`;
const AUTH = 'event-payload-e2e-auth-token';
const TOKEN = 'ghs_eventPayloadE2eToken0000000000000';

let studio: EmulatorHandle;
let github: FakeGitHub;
before(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: AUTH } });
  github = await startFakeGitHub({ token: TOKEN });
});
after(async () => {
  await studio.close();
  await github.close();
});

const inputs = () => ({
  'twilio-account-sid': ACCOUNT,
  'twilio-auth-token': AUTH,
  'studio-url': studio.url,
  'github-token': TOKEN,
  flows: 'flows/**/*.json',
  mode: 'check',
});

async function eventFile(content: string | Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'sfci-event-')), 'event.json');
  await writeFile(file, content);
  return file;
}

async function runWith(eventPath: string, eventName = 'pull_request'): Promise<ActionRun> {
  const workspace = await makeWorkspace({ 'flows/main-ivr.json': { copy: path.join(ROOT, 'examples/main-ivr.json') } });
  return runAction({ workspace, inputs: inputs(), eventName, eventPath, apiUrl: github.url });
}

/** Failed once, with a message naming the payload, and nothing a user should not see. */
function failedClearly(run: ActionRun, message: RegExp): void {
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
  assert.equal(errors.length, 1, run.stdout);
  assert.match(errors[0] ?? '', message);
  assert.doesNotMatch(run.stdout + run.stderr, /unexpected error|\n\s+at |SyntaxError|TypeError/);
  assert.equal(studio.requests.length, 0, 'Studio was not asked anything');
}

describe('a broken event payload file', () => {
  test('not JSON (truncated, a BOM, UTF-16, a NUL) is a clear error naming GITHUB_EVENT_PATH, not a crash at load', async () => {
    for (const content of [
      '{"pull_request": {"number": 2',
      '\uFEFF{"inputs":{}}',
      Buffer.from('{"inputs":{}}', 'utf16le'),
      '{"a":"\u0000"',
      '',
    ]) {
      const eventPath = await eventFile(content);
      const run = await runWith(eventPath);
      failedClearly(
        run,
        /^::error::Cannot read the GitHub event payload at GITHUB_EVENT_PATH \(.*event\.json\): it is not valid JSON\./,
      );
    }
  });

  test('a file that does not exist, or a directory, is a clear error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sfci-event-'));
    failedClearly(
      await runWith(path.join(dir, 'missing.json')),
      /^::error::The GitHub event payload GITHUB_EVENT_PATH names \(.*missing\.json\) does not exist\./,
    );
    failedClearly(
      await runWith(dir),
      /^::error::Cannot read the GitHub event payload at GITHUB_EVENT_PATH \(.*\): EISDIR/,
    );
  });

  test('JSON that is not an object (null, an array) is a clear error, not "Cannot read properties of null"', async () => {
    for (const content of ['null', '[]']) {
      failedClearly(
        await runWith(await eventFile(content)),
        /^::error::The 'pull_request' event payload \(the file at GITHUB_EVENT_PATH\) has (null|an array) as its top level/,
      );
    }
  });

  test('a pull_request payload whose PR number is a string stops the run (it used to check as if no PR)', async () => {
    const eventPath = await prPayload((p) => (p.pull_request.number = '2'));
    failedClearly(
      await runWith(eventPath),
      /^::error::The 'pull_request' event payload .* has a string as pull_request\.number, where GitHub sends a positive whole number/,
    );
  });

  test('a workflow command in a payload SHA is refused, not echoed into the log', async () => {
    const eventPath = await prPayload((p) => (p.pull_request.head.sha = 'abc\n::error::pwned%0A'));
    const run = await runWith(eventPath);
    failedClearly(run, /pull_request\.head\.sha, where GitHub sends a commit SHA/);
    assert.doesNotMatch(run.stdout, /pwned/);
  });
});

describe('a huge but well-formed payload', () => {
  test('a 20 MB PR body is read and the check runs', async () => {
    github.pullFiles.set(2, [{ filename: 'flows/main-ivr.json', status: 'modified' }]);
    const eventPath = await prPayload((p) => {
      p.pull_request.body = `${'<b>@everyone</b> '.repeat(1_200_000)}`;
    });
    const run = await runWith(eventPath);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.valid, 'true');
    assert.doesNotMatch(run.stdout, /@everyone/);
  });
});
