/**
 * End to end, the check's handling of flow tests (dist/index.js, fake GitHub, emulator): fail-on, the failure
 * message, the `tests` and `junit-report` outputs, a test-only PR, review comments on the test file's diff lines,
 * a test file whose flow does not exist, a removed test file, and a deploy blocked by a failing test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction, writeEvent } from '../support/run-action.ts';
import { commandsIn } from '../support/workflow-commands.ts';

const ACCOUNT = `AC${'c3'.repeat(16)}`;
const TOKEN_TW = 'flow-tests-check-auth-token';
const GH_TOKEN = 'ghs_flowTestsCheckToken00000000000000';
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const FLOW = readFileSync(path.join(ROOT, 'examples/main-ivr.json'), 'utf8');
/** Pressing 1 no longer reaches sales. */
const BROKEN = FLOW.replace('"value": "1"', '"value": "3"');

const scenario = (name: string, key: string, widget: string) =>
  [
    `  - name: ${name}`,
    '    trigger:',
    '      call: { From: "+15555550100", To: "+15555550199" }',
    '    contact:',
    `      - { press: "${key}", at: gather_menu }`,
    '    mocks:',
    `      ${widget}: { event: callCompleted }`,
    '    expect:',
    `      path: [Trigger, gather_menu, split_choice, ${widget}]`,
  ].join('\n');
const TESTS = `scenarios:\n${scenario('Caller presses 1 and reaches sales', '1', 'connect_sales')}\n${scenario('Caller presses 2 and reaches support', '2', 'connect_support')}\n`;
/** The test file's line of the sales scenario's `path:` expectation. */
const SALES_PATH_LINE = TESTS.split('\n').findIndex((l) => l.includes('connect_sales]')) + 1;

let studio: EmulatorHandle;
let github: FakeGitHub;
let pr = 70;

const wholeFilePatch = (text: string) =>
  `@@ -0,0 +1,${text.split('\n').length - 1} @@\n${text
    .split('\n')
    .slice(0, -1)
    .map((l) => `+${l}`)
    .join('\n')}`;

async function checkPR(input: { files: Record<string, string>; changed: FakeFile[]; inputs?: Record<string, string> }) {
  const number = ++pr;
  github.pullFiles.set(number, input.changed);
  github.contents.set(HEAD_SHA, new Map(Object.entries(input.files)));
  const workspace = await makeWorkspace(input.files);
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  const run = await runAction({
    workspace,
    eventName: 'pull_request',
    eventPath,
    apiUrl: github.url,
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
      ...input.inputs,
    },
  });
  const comment = github.comments.get(number)?.[0]?.body ?? '';
  return { run, comment, workspace, reviews: github.reviewComments.get(number) ?? [] };
}

const files = (flow: string, tests = TESTS) => ({ 'flows/main-ivr.json': flow, 'flows/main-ivr.test.yaml': tests });
const changedFlow: FakeFile[] = [{ filename: 'flows/main-ivr.json', status: 'modified' }];

before(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  github = await startFakeGitHub({ token: GH_TOKEN });
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('flow tests in the check', () => {
  test('a failing test fails the step under fail-on error and warning, not never; outputs and JUnit file', async () => {
    for (const failOn of ['error', 'warning']) {
      const { run, workspace } = await checkPR({
        files: files(BROKEN),
        changed: changedFlow,
        inputs: { 'fail-on': failOn, 'junit-report': 'out/junit.xml' },
      });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        new RegExp(
          `::error::Studio flow check failed \\(fail-on: ${failOn}\\): flows/main-ivr\\.json \\(1 error, 0 warnings; 1 failing flow test\\)`,
        ),
      );
      const tests = JSON.parse(run.outputs.tests ?? 'null') as unknown;
      assert.deepEqual(tests, [
        {
          path: 'flows/main-ivr.json',
          testPath: 'flows/main-ivr.test.yaml',
          passed: 1,
          failed: 1,
          problems: 0,
          transitions: 7,
          taken: 4,
          coverage: 57,
        },
      ]);
      assert.equal(run.outputs['junit-report'], 'out/junit.xml');
      const junit = await readFile(path.join(workspace, 'out/junit.xml'), 'utf8');
      assert.match(junit, /<testsuite name="flows\/main-ivr\.test\.yaml" tests="2" failures="1"/);
      const annotation = commandsIn(run.stdout).find((c) => c.startsWith('::error') && c.includes('test.yaml'));
      assert.match(annotation ?? '', new RegExp(`file=flows/main-ivr\\.test\\.yaml,line=${SALES_PATH_LINE},`));
    }
    const never = await checkPR({ files: files(BROKEN), changed: changedFlow, inputs: { 'fail-on': 'never' } });
    assert.equal(never.run.code, 0, never.run.stdout);
    assert.equal(never.run.outputs.valid, 'false');
    assert.equal(never.run.outputs['junit-report'], undefined, 'no JUnit file asked for, none named');
    assert.match(never.comment, /\| Tests \|/);
    assert.match(never.comment, /1 passed, 1 failed · 4 of 7 transitions \(57 %\)/);
  });

  test('a PR changing only the test file checks its flow; a review comment on the test file line in the diff', async () => {
    const { run, comment, reviews } = await checkPR({
      files: files(BROKEN),
      changed: [{ filename: 'flows/main-ivr.test.yaml', status: 'modified', patch: wholeFilePatch(TESTS) }],
    });
    assert.equal(run.code, 1, run.stdout);
    assert.match(comment, /Caller presses 1 and reaches sales/);
    assert.deepEqual(
      reviews.map((r) => [r.path, r.line]),
      [['flows/main-ivr.test.yaml', SALES_PATH_LINE]],
    );
    // The same failure with the test file's lines not in the diff (only the flow changed): no review comment.
    const flowOnly = await checkPR({
      files: files(BROKEN),
      changed: [{ filename: 'flows/main-ivr.json', status: 'modified', patch: wholeFilePatch(BROKEN) }],
    });
    assert.equal(flowOnly.run.code, 1);
    assert.deepEqual(flowOnly.reviews, []);
  });

  test('a test file whose flow file does not exist is one error naming both; a removed test file runs nothing', async () => {
    const orphan = await checkPR({
      files: { 'flows/main-ivr.json': FLOW, 'flows/gone.test.yaml': TESTS },
      changed: [{ filename: 'flows/gone.test.yaml', status: 'added' }],
    });
    assert.equal(orphan.run.code, 1, orphan.run.stdout);
    assert.match(orphan.comment, /flows\/gone\.test\.yaml tests flows\/gone\.json, which does not exist/);
    assert.match(orphan.run.stdout, /::error title=.*file=flows\/gone\.test\.yaml::/);
    const removed = await checkPR({
      files: { 'flows/main-ivr.json': FLOW },
      changed: [{ filename: 'flows/main-ivr.test.yaml', status: 'removed' }],
    });
    assert.equal(removed.run.code, 0, removed.run.stdout);
    assert.match(removed.run.stdout, /Checking 0 flow file\(s\)/);
    assert.equal(removed.run.outputs.tests, '[]');
  });
});

test('deploy: a failing flow test blocks the deploy, nothing is published', async () => {
  const before = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
  github.compareFiles.set(`${before}...${HEAD_SHA}`, [{ filename: 'flows/main-ivr.json', status: 'modified' }]);
  const workspace = await makeWorkspace(files(BROKEN));
  const eventPath = await writeEvent({
    ref: 'refs/heads/master',
    before,
    after: HEAD_SHA,
    repository: { id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
  });
  const run = await runAction({
    workspace,
    eventName: 'push',
    eventPath,
    apiUrl: github.url,
    env: { GITHUB_SHA: HEAD_SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
    },
  });
  assert.equal(run.code, 1, run.stdout);
  assert.match(run.stdout, /Nothing was deployed: 1 flow failed the check \(flows\/main-ivr\.json\)/);
  assert.match(run.stdout, /::error title=.*file=flows\/main-ivr\.test\.yaml,line=\d+/);
  assert.equal(studio.store.list().length, 0, 'nothing created in Studio');
  // Fixed, the same deploy publishes.
  const fixed = await makeWorkspace(files(FLOW));
  const ok = await runAction({
    workspace: fixed,
    eventName: 'push',
    eventPath,
    apiUrl: github.url,
    env: { GITHUB_SHA: HEAD_SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
    },
  });
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(studio.store.list().length, 1);
});
