/**
 * End to end, the check's handling of flow tests (dist/index.js, fake GitHub, emulator): fail-on, the failure
 * message, the `tests` and `junit-report` outputs, a test-only PR, review comments on the test file's diff lines,
 * a test file whose flow does not exist, a removed test file, and a deploy blocked by a failing test.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { FakeFile } from '../support/fake-github.ts';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';
import { commandsIn } from '../support/workflow-commands.ts';
import { BROKEN, FLOW, flowTestsRig, HEAD_SHA, twilioInputs } from './flow-tests-rig.ts';

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

const rig = flowTestsRig(70);

const wholeFilePatch = (text: string) =>
  `@@ -0,0 +1,${text.split('\n').length - 1} @@\n${text
    .split('\n')
    .slice(0, -1)
    .map((l) => `+${l}`)
    .join('\n')}`;

const checkPR = rig.checkPR;

const files = (flow: string, tests = TESTS) => ({ 'flows/main-ivr.json': flow, 'flows/main-ivr.test.yaml': tests });
const changedFlow: FakeFile[] = [{ filename: 'flows/main-ivr.json', status: 'modified' }];

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
  const github = rig.github();
  const studio = rig.studio();
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
    inputs: twilioInputs(studio),
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
    inputs: twilioInputs(studio),
  });
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(studio.store.list().length, 1);
});
