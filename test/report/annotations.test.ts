/** Annotations: GitHub shows 10 of each level per step; past that we say how many more there are, not thousands of lines. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import type { Finding } from '../../src/document/types.ts';
import { ANNOTATIONS_PER_LEVEL, toAnnotations } from '../../src/report/annotations.ts';

const finding = (severity: Finding['severity'], i: number): Finding => ({
  severity,
  source: 'validate',
  rule: 'studio-validate',
  message: `problem ${i}`,
  line: i + 1,
  column: 1,
});
const flow = (path: string, findings: Finding[]): FlowCheck => ({
  path,
  change: 'modified',
  findings,
  validate: 'invalid',
});

describe('toAnnotations', () => {
  it('keeps every annotation when each level has at most the number GitHub shows', () => {
    const flows = [
      flow('flows/a.json', [
        ...Array.from({ length: 10 }, (_, i) => finding('error', i)),
        ...Array.from({ length: 3 }, (_, i) => finding('warning', i)),
      ]),
    ];
    const annotations = toAnnotations(flows);
    assert.equal(annotations.length, 13);
    assert.ok(annotations.every((a) => /^problem \d+$/.test(a.message)));
  });

  it('10,000 Validate errors: ten error annotations, the last saying how many more and in which files', () => {
    const flows = [
      flow(
        'flows/a.json',
        Array.from({ length: 9_990 }, (_, i) => finding('error', i)),
      ),
      flow('flows/b.json', [
        ...Array.from({ length: 10 }, (_, i) => finding('error', i)),
        ...Array.from({ length: 25 }, (_, i) => finding('warning', i)),
      ]),
    ];
    const annotations = toAnnotations(flows);
    const errors = annotations.filter((a) => a.level === 'error');
    const warnings = annotations.filter((a) => a.level === 'warning');
    assert.equal(errors.length, ANNOTATIONS_PER_LEVEL);
    assert.equal(warnings.length, ANNOTATIONS_PER_LEVEL);
    assert.equal(ANNOTATIONS_PER_LEVEL, 10);
    const lastError = errors.at(-1)!;
    assert.equal(
      lastError.message,
      '9,991 more errors in flows/a.json, flows/b.json are not shown as annotations (GitHub shows 10 per step): see the job summary.',
    );
    assert.equal(lastError.file, 'flows/a.json');
    assert.equal(
      warnings.at(-1)!.message,
      '16 more warnings in flows/b.json are not shown as annotations (GitHub shows 10 per step): see the job summary.',
    );
    assert.deepEqual(
      errors.slice(0, 9).map((a) => a.message),
      Array.from({ length: 9 }, (_, i) => `problem ${i}`),
    );
  });
});
