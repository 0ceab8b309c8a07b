/**
 * End to end: a hostile pull request. dist/index.js runs on a real pull_request payload whose changed
 * "flow files" are symbolic links to secrets (outside the workspace, and inside it) or paths that
 * climb out of the workspace. Every one must be refused by name, and no secret — from those files,
 * or the Twilio credentials given as inputs — may reach GitHub (any part of any request), the log,
 * the job summary or the outputs. A proxy in front of the fake GitHub records every request raw.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { startRecordingProxy, type RawServer } from '../support/raw-server.ts';
import { makeWorkspace, prPayload, ROOT, runAction, type ActionRun } from '../support/run-action.ts';

const ACCOUNT = `AC${'c3'.repeat(16)}`;
const TWILIO_TOKEN = 'hostile-e2e-auth-token-4f7a9c';
const GITHUB_TOKEN = 'ghs_hostileE2eToken0000000000000000000';
const OUTSIDE_SECRET = 'sk_live_FAKEoutsideWorkspace0123456789';
const INSIDE_SECRET = 'AKIAFAKEINSIDE000001';
const CLIMB_SECRET = 'climb-secret-9d2e-never-read';
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

let studio: EmulatorHandle;
let github: FakeGitHub;
let proxy: RawServer;
/** Where the links point (its name must not show up anywhere). */
let linkTargets: string;
/** Outside the workspace, reached by a `..` path. */
let climbTarget: string;

before(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TWILIO_TOKEN } });
  github = await startFakeGitHub({ token: GITHUB_TOKEN });
  proxy = await startRecordingProxy(github.url);
  linkTargets = await mkdtemp(path.join(tmpdir(), 'sfci-link-targets-'));
  await writeFile(path.join(linkTargets, 'secret.env'), `AUTH_TOKEN=${OUTSIDE_SECRET}\n`);
  // A flow-shaped file: were it read, its text would be validated, diffed and quoted.
  const flow = {
    initial_state: 'Trigger',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingCall', next: CLIMB_SECRET }],
        properties: { say: CLIMB_SECRET },
      },
    ],
  };
  await writeFile(
    path.join(linkTargets, 'flow.json'),
    JSON.stringify({ friendly_name: CLIMB_SECRET, definition: flow }),
  );
  climbTarget = await mkdtemp(path.join(tmpdir(), 'sfci-climb-'));
  await writeFile(
    path.join(climbTarget, 'secret.json'),
    JSON.stringify({ friendly_name: CLIMB_SECRET, definition: flow }),
  );
});
after(async () => {
  await studio.close();
  await proxy.close();
  await github.close();
});
beforeEach(() => {
  proxy.exchanges.length = 0;
  studio.requests.length = 0;
});

const added = (filename: string): FakeFile => ({
  filename,
  status: 'added',
  patch: '@@ -0,0 +1,3 @@\n+{\n+  "x": 1\n+}',
});

/** The hostile paths of the PR, and the refusal each must get. */
function hostilePaths(): { path: string; refusal: RegExp }[] {
  return [
    { path: 'flows/leak.json', refusal: /The file is a symbolic link; flow files must be regular files\./ },
    { path: 'flows/inner.json', refusal: /The file is a symbolic link; flow files must be regular files\./ },
    {
      path: 'flows/linked-dir/flow.json',
      refusal: /The file resolves outside the workspace \(through a linked folder\)\./,
    },
    { path: `flows/../../${path.basename(climbTarget)}/secret.json`, refusal: /The path is outside the workspace\./ },
  ];
}

/** A workspace with one valid flow and the links of a hostile PR; the PR lists them all. */
async function hostilePR(number: number): Promise<{ workspace: string; eventPath: string }> {
  const workspace = await makeWorkspace({
    'flows/main-ivr.json': { copy: path.join(ROOT, 'examples/main-ivr.json') },
    'config/secrets.env': `AWS_ACCESS_KEY_ID=${INSIDE_SECRET}\n`,
  });
  await symlink(path.join(linkTargets, 'secret.env'), path.join(workspace, 'flows/leak.json')); // (a) out of the workspace
  await symlink('../config/secrets.env', path.join(workspace, 'flows/inner.json')); // (b) inside it, not a flow
  await symlink(linkTargets, path.join(workspace, 'flows/linked-dir')); // a linked folder
  await mkdir(path.join(workspace, 'flows/sub'));
  github.pullFiles.set(number, [
    { filename: 'flows/main-ivr.json', status: 'modified' },
    ...hostilePaths().map((h) => added(h.path)),
  ]);
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  return { workspace, eventPath };
}

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'twilio-account-sid': ACCOUNT,
    'twilio-auth-token': TWILIO_TOKEN,
    flows: 'flows/**/*.json',
    'studio-url': studio.url,
    'github-token': GITHUB_TOKEN,
    mode: 'auto',
    'fail-on': 'error',
    ...extra,
  };
}

/** The log as a reader sees it: the runner consumes ::add-mask:: lines. */
const visible = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

/** Every byte GitHub received, and everything a reader of the run can see. */
function everything(run: ActionRun): { github: string; shown: string; twilio: string } {
  return {
    github: JSON.stringify(
      proxy.exchanges.map((e) => ({ method: e.method, url: e.url, headers: e.headers, body: e.body })),
    ),
    shown: [visible(run.stdout), run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n'),
    twilio: JSON.stringify(studio.requests),
  };
}

describe('a hostile pull request', () => {
  test('symlinked and climbing "flow files" are refused by name; no secret reaches GitHub, the log or Twilio', async () => {
    const { workspace, eventPath } = await hostilePR(31);
    const run = await runAction({
      workspace,
      inputs: inputs(),
      eventName: 'pull_request',
      eventPath,
      apiUrl: proxy.url,
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);

    // Each refusal names its file: an annotation at the file, a row and a section in the comment, the results output.
    const comment = github.comments.get(31)?.[0]?.body ?? '';
    assert.match(comment, /4 of 5 flows invalid/);
    const results = JSON.parse(run.outputs.results ?? '[]') as {
      path: string;
      validate: string;
      findings: { rule: string; message: string }[];
    }[];
    for (const { path: file, refusal } of hostilePaths()) {
      const line = run.stdout.split('\n').find((l) => l.startsWith('::error ') && l.includes(`file=${file}::`));
      assert.ok(line, `an annotation at ${file}`);
      assert.match(line, /title=Studio flow read \(unreadable-file\)/);
      assert.match(line, refusal);
      assert.ok(comment.includes(`\`${file}\``), `the comment names ${file}`);
      const result = results.find((r) => r.path === file);
      assert.equal(result?.validate, 'skipped');
      assert.match(result?.findings[0]?.message ?? '', refusal);
    }
    assert.match(
      comment,
      /\*\*Error\*\* file: The file is a symbolic link; flow files must be regular files\. — \*Fix:\* Replace the link with the flow JSON itself\./,
    );
    assert.equal(results.find((r) => r.path === 'flows/main-ivr.json')?.validate, 'valid');

    // Twilio was used (with the credentials) for the one real flow only.
    assert.ok(studio.requests.some((r) => r.path === '/v2/Flows/Validate'));
    assert.equal(studio.requests.filter((r) => r.path === '/v2/Flows/Validate').length, 1);

    const seen = everything(run);
    assert.ok(
      proxy.exchanges.some((e) => e.method === 'POST' && e.url.endsWith('/issues/31/comments')),
      'the comment went through the recording proxy',
    );
    for (const secret of [
      OUTSIDE_SECRET,
      INSIDE_SECRET,
      CLIMB_SECRET,
      'AUTH_TOKEN=',
      'AWS_ACCESS_KEY_ID',
      TWILIO_TOKEN,
      basic(ACCOUNT, TWILIO_TOKEN),
    ]) {
      assert.ok(!seen.github.includes(secret), `GitHub never receives ${secret}`);
      assert.ok(!seen.shown.includes(secret), `the log, summary and outputs never show ${secret}`);
    }
    for (const secret of [OUTSIDE_SECRET, INSIDE_SECRET, CLIMB_SECRET])
      assert.ok(!seen.twilio.includes(secret), `Twilio never receives ${secret}`);
    // Where the links point is not said either.
    assert.ok(!seen.github.includes(path.basename(linkTargets)) && !seen.shown.includes(path.basename(linkTargets)));
    // The GitHub token only ever travels in the Authorization header.
    assert.ok(
      proxy.exchanges.every(
        (e) =>
          e.headers.authorization === `token ${GITHUB_TOKEN}` &&
          !e.body.includes(GITHUB_TOKEN) &&
          !e.url.includes(GITHUB_TOKEN),
      ),
    );
    assert.ok(!seen.shown.includes(GITHUB_TOKEN));
  });

  test('wrong Twilio credentials: the run stops with Twilio error 20003 and how to fix it; the wrong token never leaks', async () => {
    const wrong = 'wrong-auth-token-77c1e0';
    const { workspace, eventPath } = await hostilePR(32);
    const run = await runAction({
      workspace,
      inputs: inputs({ 'twilio-auth-token': wrong }),
      eventName: 'pull_request',
      eventPath,
      apiUrl: proxy.url,
    });
    assert.equal(run.code, 1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(
      errors[0] ?? '',
      /^::error::Twilio rejected the credentials \(Twilio error 20003\)\. The Auth Token or API key secret is wrong, expired .*Fix: create an API key in the Twilio Console/,
    );
    assert.ok(
      studio.requests.some((r) => r.status === 401),
      'Twilio was asked, and refused',
    );
    assert.match(
      run.stdout,
      new RegExp(`^::add-mask::${wrong}$`, 'm'),
      'the token is masked in the log the moment it is read',
    );
    const seen = everything(run);
    for (const secret of [wrong, basic(ACCOUNT, wrong), OUTSIDE_SECRET, INSIDE_SECRET, CLIMB_SECRET]) {
      assert.ok(!seen.github.includes(secret), `GitHub never receives ${secret}`);
      assert.ok(!seen.shown.includes(secret), `the log never shows ${secret}`);
    }
  });
});
