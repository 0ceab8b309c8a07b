/** Budgets in the unit of the limit: the job summary's 1 MiB is bytes, a comment's 65,536 is characters. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import { COMMENT_LIMIT, renderCheckReport, type CheckReport } from '../../src/report/check-comment.ts';

const MIB = 1024 * 1024;
// A Japanese IVR's prompts: three UTF-8 bytes per character.
const PROMPT = 'お電話ありがとうございます。ご用件の番号を押してください。'.repeat(5);
const flow = (i: number): FlowCheck => ({
  path: `flows/ivr-${i}.json`,
  change: 'modified',
  friendlyName: `日本語 IVR ${i}`,
  validate: 'invalid',
  findings: Array.from({ length: 400 }, (_, j) => ({
    severity: 'error' as const,
    source: 'validate' as const,
    rule: 'studio-validate',
    message: `${PROMPT} (${j})`,
    line: j + 1,
    column: 1,
  })),
});
const report: CheckReport = {
  flows: Array.from({ length: 12 }, (_, i) => flow(i)),
  removed: [],
  online: true,
  studioHost: 'studio.twilio.com',
  sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
  runUrl: 'https://github.com/o/r/actions/runs/1',
};

describe('renderCheckReport budgets', () => {
  it('the job summary (bytes): a Japanese report under 1 MiB in characters but not in bytes is cut to fit the bytes', () => {
    const whole = renderCheckReport(report);
    assert.ok(
      whole.length < MIB - 1024 && Buffer.byteLength(whole) > MIB,
      `the case needs chars < 1 MiB < bytes (${whole.length}, ${Buffer.byteLength(whole)})`,
    );
    const summary = renderCheckReport(report, { limit: MIB - 1024, unit: 'bytes' });
    assert.ok(Buffer.byteLength(summary) <= MIB - 1024, String(Buffer.byteLength(summary)));
    assert.match(summary, /not shown: this comment has a size limit|compact|\*\*Error\*\*/);
  });

  it('a comment (characters): the same report fits 65,536 characters, however many bytes that is', () => {
    const body = renderCheckReport(report, { limit: COMMENT_LIMIT });
    assert.ok(body.length <= COMMENT_LIMIT && body.length > COMMENT_LIMIT / 2, String(body.length));
  });
});
