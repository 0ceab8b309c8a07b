import type { FlowCheck } from '../check/flow-check.ts';
import { BODY_LIMIT, markerScope } from '../github/comment.ts';
import { code, text } from './escape.ts';
import { displayName, hasSection, icon, renderFlowSection, type Detail } from './flow-section.ts';
import { revisionCell } from './revision-line.ts';
import { testsCell } from './flow-tests.ts';
import { plural } from './words.ts';

export const CHECK_MARKER = '<!-- studio-flow-ci:check -->';

/** The sticky comment's hidden marker: one comment per environment, so a matrix of environments never overwrites itself. */
export function checkMarker(environment?: string): string {
  return environment ? `<!-- studio-flow-ci:check:${markerScope(environment)} -->` : CHECK_MARKER;
}
/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = BODY_LIMIT;

/** Everything a check report shows. Plain data; rendering is pure. */
export interface CheckReport {
  flows: FlowCheck[];
  /** Flow files the change deletes (Studio flows are never deleted by a check). */
  removed: string[];
  /** True when Twilio's Validate was asked; false for the offline lint only. */
  online: boolean;
  /** Why the check ran offline, when it did. */
  offlineReason?: string;
  studioHost: string;
  sha: string;
  runUrl?: string;
  /** The config file's environment the flows were resolved for, when one was chosen. */
  environment?: string;
}

export function countFindings(flows: FlowCheck[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of flows) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

function verdict(flow: FlowCheck): string {
  const { errors, warnings } = countFindings([flow]);
  const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
  if (errors > 0) return `❌ ${counts}`;
  const validated = flow.validate === 'valid' ? 'valid' : 'passes offline lint';
  return `${icon(flow)} ${validated}${counts ? `, ${counts}` : ''}`;
}

function headline(report: CheckReport): string {
  const line = headlineText(report);
  return report.environment ? line.replace('Studio flows:', `Studio flows (${text(report.environment)}):`) : line;
}

function headlineText(report: CheckReport): string {
  const { errors, warnings } = countFindings(report.flows);
  const invalid = report.flows.filter((f) => f.findings.some((x) => x.severity === 'error')).length;
  const n = report.flows.length;
  if (n === 0) return '### ✅ Studio flows: no flow files changed';
  if (errors > 0) return `### ❌ Studio flows: ${invalid} of ${plural(n, 'flow')} invalid (${plural(errors, 'error')})`;
  const warn = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  const drifted = report.flows.filter((f) => f.comparison?.drift).length;
  const drift = drifted > 0 ? `, ${drifted} drifted in Studio` : '';
  const passes = report.online ? 'valid' : n === 1 ? 'passes the offline lint' : 'pass the offline lint';
  return `### ${warnings > 0 || drifted > 0 ? '⚠️' : '✅'} Studio flows: ${plural(n, 'flow')} ${passes}${warn}${drift}`;
}

function table(flows: FlowCheck[]): string {
  // A Tests column only when a flow has tests: reports of repositories without any stay as they were.
  const tests = flows.some((f) => f.tests !== undefined);
  const rows = flows.map(
    (f) =>
      `| ${text(displayName(f))} | ${code(f.path, { inTable: true })} | ${f.change} | ${revisionCell(f)} | ${verdict(f)} |${tests ? ` ${testsCell(f.tests)} |` : ''}`,
  );
  const header = tests
    ? ['| Flow | File | Change | Studio | Result | Tests |', '| --- | --- | --- | --- | --- | --- |']
    : ['| Flow | File | Change | Studio | Result |', '| --- | --- | --- | --- | --- |'];
  return [...header, ...rows].join('\n');
}

function footer(report: CheckReport): string {
  const mode = report.online
    ? `Validated with Twilio Studio (${code(report.studioHost)}) and the offline lint; diffs are against the live (latest published) revision.`
    : `⚠️ Offline lint only: ${text(report.offlineReason ?? 'no Twilio credentials')}. Twilio's Validate was not asked and nothing was compared with Studio.`;
  const run = report.runUrl ? ` · [workflow run](${report.runUrl})` : '';
  return `${mode}\n\n<sub>studio-flow-ci · ${code(report.sha.slice(0, 7) || 'local')}${run}</sub>`;
}

export interface RenderOptions {
  /** Hard cap on the body's size, in `unit`s. */
  limit?: number;
  /**
   * What the limit counts: `chars` (a comment: GitHub counts characters) or `bytes` of UTF-8 (the job
   * summary: GitHub's 1 MiB is bytes, and a Japanese IVR is three bytes a character). Default `chars`.
   */
  unit?: 'chars' | 'bytes';
}

function summaryLink(report: CheckReport): string {
  return report.runUrl ? `the [job summary](${report.runUrl})` : 'the job summary';
}

/**
 * Render the check report as Markdown for the sticky PR comment or the job summary. Within `limit`
 * it shows everything; past it, it first collapses the details (diffs, pictures), then cuts whole
 * flows with a visible note that sends readers to the job summary, which carries the full report.
 */
export function renderCheckReport(report: CheckReport, options: RenderOptions = {}): string {
  const limit = options.limit ?? Infinity;
  const size = options.unit === 'bytes' ? (md: string) => Buffer.byteLength(md, 'utf8') : (md: string) => md.length;
  const head = [
    checkMarker(report.environment),
    headline(report),
    ...(report.flows.length ? [table(report.flows)] : []),
  ];
  if (report.removed.length > 0) {
    head.push(
      `Removed flow files (their Studio flows are left as they are): ${report.removed.map((p) => code(p)).join(', ')}`,
    );
  }
  const tail = footer(report);
  const withSection = report.flows.filter(hasSection);
  const assemble = (sections: string[], note?: string) =>
    [...head, ...sections, ...(note ? [note] : []), tail].join('\n\n');

  for (const detail of ['full', 'compact'] as Detail[]) {
    const body = assemble(withSection.map((f) => renderFlowSection(f, detail)));
    if (size(body) <= limit) return body;
  }
  // Still too long: keep whole compact sections while they fit, then say what was left out.
  const kept: string[] = [];
  const noteFor = (left: number) =>
    left > 0
      ? `> [!NOTE]\n> ${plural(left, 'more flow')} not shown: this comment has a size limit. See ${summaryLink(report)} for the full report.`
      : undefined;
  for (const [i, flow] of withSection.entries()) {
    const section = renderFlowSection(flow, 'compact');
    if (size(assemble([...kept, section], noteFor(withSection.length - i - 1))) > limit) break;
    kept.push(section);
  }
  const body = assemble(kept, noteFor(withSection.length - kept.length));
  if (size(body) <= limit) return body;
  const bare = `> [!NOTE]\n> The report is too large for a comment. See ${summaryLink(report)} for the full report.`;
  return [checkMarker(report.environment), headline(report), bare, tail].join('\n\n');
}
