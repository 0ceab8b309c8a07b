/**
 * End to end, flow tests in a pull request: dist/index.js on a real pull_request payload, a fake GitHub on loopback
 * and the emulator, with examples/main-ivr.json and its tests (examples/main-ivr.test.yaml) as the PR's files.
 * A PR that breaks a tested path (the sales condition changed) fails the step, the sticky comment names the failing
 * scenario and its first differing step, an annotation sits at the test file's line, the JUnit file lists the
 * failure; the same PR with the flow fixed passes; a PR changing only the test file runs it; hostile scenario
 * names stay text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../support/run-action.ts';
import { commandsIn } from '../support/workflow-commands.ts';
import { BROKEN, FLOW, flowTestsRig, SECRET } from './flow-tests-rig.ts';

const TESTS = readFileSync(path.join(ROOT, 'examples/main-ivr.test.yaml'), 'utf8');
const JUNIT = 'reports/flow-tests.xml';
const SALES = 'Caller presses 1 and is put through to sales';

/** 1-based line of the first line holding `text` at or after line `from`. */
function lineOf(text: string, needle: string, from = 1): number {
  const index = text.split('\n').findIndex((line, i) => i + 1 >= from && line.includes(needle));
  assert.ok(index >= 0, `no line holds ${needle}`);
  return index + 1;
}

const rig = flowTestsRig(40);

/** A check of a PR changing `changed`, with these flow and test texts in the workspace; the JUnit file's text too. */
const checkPR = (input: { flow: string; tests: string; changed: string[] }) =>
  rig.checkPR({
    files: { 'flows/main-ivr.json': input.flow, 'flows/main-ivr.test.yaml': input.tests },
    changed: input.changed,
    inputs: { mode: 'auto', 'fail-on': 'error', 'junit-report': JUNIT },
  });

describe('flow tests in a pull request', () => {
  test('a PR that breaks a tested path fails the step, names the scenario and its first differing step', async () => {
    assert.notEqual(BROKEN, FLOW);
    const { run, comment, junit } = await checkPR({ flow: BROKEN, tests: TESTS, changed: ['flows/main-ivr.json'] });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    // The comment: the failing scenario, where it went wrong (step 4: say_goodbye instead of connect_sales), and
    // the transition no passing scenario takes any more.
    assert.match(comment, /<!-- studio-flow-ci:check/);
    const line = comment.split('\n').find((l) => l.includes(SALES)) ?? '';
    assert.match(line, /❌/, comment);
    assert.match(line, /step 4/);
    assert.match(line, /connect_sales/);
    assert.match(line, /say_goodbye/);
    assert.match(comment, /5 passed, 1 failed/);
    assert.match(comment, /6 of 7 transitions/);
    // The annotation: at the failing expectation's line of the test file (the first scenario's `path:`).
    const at = lineOf(TESTS, 'path:', lineOf(TESTS, SALES));
    const annotations = commandsIn(run.stdout).filter(
      (c) => c.startsWith('::error') && c.includes('main-ivr.test.yaml'),
    );
    assert.equal(annotations.length, 1, annotations.join('\n'));
    assert.match(annotations[0] ?? '', new RegExp(`file=flows/main-ivr\\.test\\.yaml,line=${at},`));
    assert.ok(annotations[0]?.includes(SALES), annotations[0]);
    // The JUnit file: six cases, the sales one failed.
    assert.ok(junit, 'no JUnit file written');
    assert.match(junit, /<testsuite [^>]*tests="6"[^>]*>/);
    assert.match(junit, /<testsuite [^>]*failures="1"/);
    const failed = /<testcase [^>]*name="([^"]*)"[^>]*>\s*<failure/.exec(junit);
    assert.equal(failed?.[1], SALES);
    // The log as a reader sees it: the runner consumes ::add-mask:: lines.
    const log = run.stdout.replace(/^::add-mask::.*$/gm, '');
    assert.ok(![log, run.stderr, run.summary, comment, junit].some((t) => t.includes(SECRET)));
  });

  test('the same PR with the flow fixed passes', async () => {
    const { run, comment, junit } = await checkPR({ flow: FLOW, tests: TESTS, changed: ['flows/main-ivr.json'] });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(comment.includes('main-ivr.test.yaml'), comment);
    assert.match(comment, /6 (of 6 )?(scenarios )?passed/);
    assert.doesNotMatch(comment, /failed/i);
    assert.equal(commandsIn(run.stdout).filter((c) => c.startsWith('::error')).length, 0, run.stdout);
    assert.match(junit ?? '', /<testsuite [^>]*tests="6"[^>]*failures="0"/);
  });

  test('a PR that changes only the test file runs it against the unchanged flow', async () => {
    // The test now expects pressing 1 to reach support: the flow (unchanged) disagrees, and the check says so.
    const wrong = TESTS.replace(
      'path: [Trigger, gather_menu, split_choice, connect_sales]',
      'path: [Trigger, gather_menu, split_choice, connect_support]',
    );
    assert.notEqual(wrong, TESTS);
    const { run, comment, junit } = await checkPR({ flow: FLOW, tests: wrong, changed: ['flows/main-ivr.test.yaml'] });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.ok(comment.includes(SALES), comment);
    assert.match(junit ?? '', /<failure/);
    const passing = await checkPR({ flow: FLOW, tests: TESTS, changed: ['flows/main-ivr.test.yaml'] });
    assert.equal(passing.run.code, 0, passing.run.stdout + passing.run.stderr);
    assert.match(passing.junit ?? '', /<testsuite [^>]*tests="6"/);
  });

  test('hostile scenario names stay text: no workflow command, no markup, no mention', async () => {
    // In a double-quoted YAML string `\n` is a newline: the name carries a workflow command on its own line.
    const hostile = 'x\\n::error file=evil.json,line=1::forged </details><img src=x onerror=alert(1)> @octocat';
    const tests = TESTS.replace(`- name: ${SALES}`, `- name: "${hostile}"`);
    assert.notEqual(tests, TESTS);
    const { run, comment, junit } = await checkPR({ flow: BROKEN, tests, changed: ['flows/main-ivr.test.yaml'] });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.deepEqual(
      commandsIn(run.stdout).filter((c) => c.startsWith('::error file=evil')),
      [],
      'a forged annotation',
    );
    assert.ok(comment.includes('forged'), comment);
    assert.ok(!/<img|<a /i.test(comment.replace(/`[^`\n]*`/g, '')), `raw HTML outside code: ${comment}`);
    assert.ok(!comment.includes('@octocat'), 'a mention in the comment');
    assert.ok(junit?.includes('forged'), junit);
    assert.doesNotMatch(junit ?? '', /<img/);
  });

  test('a PR whose test file is not valid YAML fails with an error at its line, never a stack trace', async () => {
    // An unclosed flow sequence in the third scenario's `path:`, and a 200 KB line of junk after it.
    const broken = TESTS.replace(
      'path: [Trigger, gather_menu, split_choice, say_goodbye]',
      'path: [Trigger, gather_menu, split_choice, say_goodbye',
    );
    assert.notEqual(broken, TESTS);
    const tests = `${broken}\n# ${'\u202e<b>x</b>'.repeat(20_000)}\n`;
    const { run, comment } = await checkPR({ flow: FLOW, tests, changed: ['flows/main-ivr.test.yaml'] });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const errors = commandsIn(run.stdout).filter((c) => c.startsWith('::error') && c.includes('main-ivr.test.yaml'));
    assert.equal(errors.length, 1, run.stdout);
    const line = Number(/,line=(\d+),/.exec(errors[0] ?? '')?.[1]);
    const unclosed = lineOf(tests, 'path: [Trigger, gather_menu, split_choice, say_goodbye');
    assert.ok(
      line >= unclosed && line <= unclosed + 3,
      `annotation at line ${line}, the unclosed list is on ${unclosed}`,
    );
    assert.ok(comment.includes('flows/main-ivr.test.yaml'), comment);
    assert.ok(comment.length < 65_536);
    for (const text of [run.stdout, run.stderr, comment]) assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+\)?\n/);
  });
});
