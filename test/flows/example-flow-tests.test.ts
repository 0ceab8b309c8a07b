/**
 * The flow tests shipped with the project (examples/*.test.yaml and the real flows' tests in
 * test/fixtures/real-flows/) run on the real runner and simulator, and hold: every scenario passes but the one the
 * demo's broken flow fails on purpose, and the transitions each test file covers stay covered. An engine change
 * that breaks a scenario, or stops taking a transition, fails here and names it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { documentOf } from '../../src/document/document.ts';
import { runFlowTests } from '../../src/flowtest/api.ts';
import type { FlowTestRun } from '../../src/flowtest/types.ts';
import { resolveDocument } from '../../src/resolve/document.ts';
import { ROOT } from '../support/run-action.ts';

/** Scenarios that fail on purpose, by test file: the name, the failing expectation and what its message names. */
const FAILS_ON_PURPOSE: Record<string, { name: string; kind: string; says: RegExp }[]> = {
  // The demo's broken pull request: check_score's "low" branch names escalate_low_score, a widget that does not exist,
  // so notify_manager (the `visits` expectation) never runs.
  'examples/sms-survey.test.yaml': [
    { name: 'A low score alerts the manager', kind: 'visits', says: /notify_manager.*check_score.*escalate_low_score/ },
  ],
};

/** Transitions no scenario can take, by test file (`widget event`): only ones no transition leads to. */
const UNREACHABLE: Record<string, string[]> = {
  // loop_checker: no transition names it (the lint's unreachable-widget warning on this flow).
  'test/fixtures/real-flows/twilio-webchat-react-app.test.yaml': ['loop_checker noMatch', 'loop_checker match'],
};

/** The real flows whose licence lets us write tests from them (ORIGIN.md). */
const REAL_TESTS = [
  'test/fixtures/real-flows/mbarry-owl-OrderLookupIVR.test.yaml',
  'test/fixtures/real-flows/twilio-labs-function-templates-patient-appointment.test.yaml',
  'test/fixtures/real-flows/twilio-webchat-react-app.test.yaml',
];

const testFiles = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.test.yaml'))
    .map((f) => `${dir}/${f}`);

/** Runs a test file the way the check does: against the flow file's checked definition (offline: stand-ins for names). */
async function run(testPath: string): Promise<FlowTestRun> {
  const flowPath = testPath.replace(/\.test\.yaml$/, '.json');
  const { document, findings } = documentOf(flowPath, readFileSync(path.join(ROOT, flowPath), 'utf8'));
  assert.ok(document, `${flowPath} does not parse: ${findings.map((f) => f.message).join('; ')}`);
  const resolved = await resolveDocument(document, { path: flowPath, variables: undefined });
  const result = await runFlowTests({ workspace: ROOT, flowPath, definition: resolved.checked });
  assert.ok(result, `no test file found for ${flowPath}`);
  return result;
}

describe('the flow tests shipped with the examples and the real flows', () => {
  const files = [...testFiles('examples'), ...testFiles('test/fixtures/real-flows')];

  it('finds every test file this checks (three examples, three licensed real flows)', () => {
    assert.deepEqual(files.sort(), [
      'examples/after-hours.test.yaml',
      'examples/main-ivr.test.yaml',
      'examples/sms-survey.test.yaml',
      ...REAL_TESTS,
    ]);
  });

  for (const file of files) {
    it(`${file}: every scenario passes (but those failing on purpose), every reachable transition taken`, async () => {
      const result = await run(file);
      assert.equal(result.testPath, file);
      assert.deepEqual(result.problems, [], 'the test file itself has problems');
      assert.ok(result.scenarios.length >= 5, `only ${result.scenarios.length} scenarios`);
      const failed = result.scenarios
        .filter((s) => s.status === 'failed')
        .map((s) => ({ name: s.name, kind: s.failure?.kind, message: s.failure?.message ?? '' }));
      const expected = FAILS_ON_PURPOSE[file] ?? [];
      assert.deepEqual(
        failed.map(({ name, kind }) => ({ name, kind })),
        expected.map(({ name, kind }) => ({ name, kind })),
        `scenarios that failed: ${JSON.stringify(failed, null, 1)}`,
      );
      expected.forEach((e, i) => assert.match(failed[i]?.message ?? '', e.says));
      const { transitions, taken } = result.coverage;
      assert.ok(transitions.length > 0);
      const missed = transitions.filter((_, i) => !taken[i]).map((t) => `${t.widget} ${t.event}`);
      assert.deepEqual(missed, UNREACHABLE[file] ?? [], 'transitions no scenario takes');
    });
  }

  it('the demo failure names the missing widget, at the step where the flow goes wrong', async () => {
    const result = await run('examples/sms-survey.test.yaml');
    const low = result.scenarios.find((s) => s.name === 'A low score alerts the manager');
    assert.equal(low?.status, 'failed');
    assert.match(low?.failure?.message ?? '', /escalate_low_score/);
    assert.deepEqual(low?.path.slice(0, 3), ['Trigger', 'ask_score', 'check_score']);
    // The scenario's own lines: its `name:` and the failure at or after it, inside the file.
    const lines = readFileSync(path.join(ROOT, 'examples/sms-survey.test.yaml'), 'utf8').split('\n');
    const nameLine = lines.findIndex((l) => l.includes('name: A low score alerts the manager')) + 1;
    assert.equal(low?.at.line, nameLine);
    assert.ok((low?.failure?.line ?? 0) >= nameLine && (low?.failure?.line ?? 0) <= lines.length);
  });
});
