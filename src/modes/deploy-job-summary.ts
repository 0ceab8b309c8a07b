/** The deploy's job summary: the deploy report, then the check details, cut to fit GitHub's byte limit. */
import type { FlowCheck } from '../check/flow-check.ts';
import type { DeployRecord } from '../deploy/record.ts';
import { renderCheckReport } from '../report/check-comment.ts';
import { fitDeployReport } from '../report/deploy-summary.ts';

/** The job summary's limit is 1 MiB in bytes; this leaves room for what other steps write. */
const SUMMARY_BYTES = 1_000_000;

/**
 * The job summary: the deploy report first (what is live now, what was not written and why), then the
 * check details, without the PR's "→ rN on merge" plan; both cut to fit the summary's byte limit.
 */
export function summaryOf(
  record: DeployRecord,
  checks: FlowCheck[],
  meta: { removed: string[]; studioHost: string; runUrl: string | undefined },
): string {
  const report = fitDeployReport(record, {
    limit: 400_000,
    pointer: "see the step's `deployed` output for every flow",
  });
  const flows = checks.map(({ comparison: _plan, ...rest }): FlowCheck => rest);
  const open = record.flows.some((f) => f.reason?.startsWith('failed the check')) ? ' open' : '';
  for (let limit = 500_000; ; limit = Math.floor(limit / 2)) {
    const details = renderCheckReport(
      {
        flows,
        removed: meta.removed,
        online: true,
        studioHost: meta.studioHost,
        sha: record.sha,
        ...(meta.runUrl ? { runUrl: meta.runUrl } : {}),
      },
      { limit },
    );
    const summary = `${report}\n\n<details${open}><summary>Check details</summary>\n\n${details}\n\n</details>\n`;
    if (Buffer.byteLength(summary) <= SUMMARY_BYTES || limit < 5_000) return summary;
  }
}
