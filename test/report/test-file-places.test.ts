/** A flow test's finding sits in its test file: annotations there, review comments only on that file's diff lines. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toAnnotations } from '../../src/report/annotations.ts';
import { reviewNotes } from '../../src/report/review-notes.ts';
import { renderFlowSection } from '../../src/report/flow-section.ts';
import { sampleRun, testedFlow } from '../support/flow-test-runs.ts';

const lint = {
  severity: 'error' as const,
  source: 'lint' as const,
  rule: 'transition-target',
  message: 'Transition goes nowhere.',
  line: 4,
  column: 3,
};

test("annotations of a test failure name the test file and its line; the flow's own stay on the flow", () => {
  const annotations = toAnnotations([testedFlow(sampleRun(), [lint])]);
  assert.deepEqual(
    annotations.map((a) => [a.file, a.line, a.column]),
    [
      ['flows/main-ivr.json', 4, 3],
      ['flows/main-ivr.test.yaml', 46, 9],
    ],
  );
});

/** A patch adding lines 44–47 of a file. */
const patch = '@@ -40,3 +40,7 @@\n a\n b\n c\n+d\n+e\n+f\n+g';

test('a review comment on the test file only when the PR diff holds that line of it', () => {
  const flow = testedFlow(sampleRun(), [lint]);
  assert.deepEqual(
    reviewNotes([flow], new Map([['flows/main-ivr.json', patch]])),
    [],
    "the flow file's patch does not place a test finding (line 46 of the flow is not line 46 of the test)",
  );
  const notes = reviewNotes([flow], new Map([['flows/main-ivr.test.yaml', patch]]));
  assert.deepEqual(
    notes.map((n) => [n.path, n.line]),
    [['flows/main-ivr.test.yaml', 46]],
  );
  assert.match(notes[0]?.body ?? '', /studio-flow-ci test/);
  assert.deepEqual(reviewNotes([flow], new Map()), [], 'a test file not in the diff gets none');
});

test('a finding in another file is placed by that file in the findings list', () => {
  const unreadable = {
    severity: 'error' as const,
    source: 'test' as const,
    rule: 'test-unreadable',
    message: 'The flow tests could not be run: EACCES.',
    file: 'flows/main-ivr.test.yaml',
    line: 2,
  };
  const md = renderFlowSection({ ...testedFlow(), tests: undefined, findings: [unreadable] }, 'full');
  assert.match(md, /- \*\*Error\*\* `flows\/main-ivr\.test\.yaml`, line 2: The flow tests could not be run/);
});
