import type { FlowCheck } from '../flows/check.ts';
import type { Finding } from '../flows/types.ts';
import { code, text } from './escape.ts';

export const CHECK_MARKER = '<!-- studio-flow-ci:check -->';
/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

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

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function icon(flow: FlowCheck): string {
  const { errors, warnings } = countFindings([flow]);
  return errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
}

function verdict(flow: FlowCheck): string {
  const { errors, warnings } = countFindings([flow]);
  if (errors > 0) return `❌ ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`;
  const validated = flow.validate === 'valid' ? 'valid' : 'passes offline lint';
  return warnings > 0 ? `⚠️ ${validated}, ${plural(warnings, 'warning')}` : `✅ ${validated}`;
}

function displayName(flow: FlowCheck): string {
  return flow.friendlyName ?? flow.path.split('/').pop() ?? flow.path;
}

function place(f: Finding): string {
  const at = f.line !== undefined ? `line ${f.line}${f.column !== undefined ? `:${f.column}` : ''}` : 'file';
  return f.widget !== undefined ? `${at}, widget ${code(f.widget)}` : at;
}

function findingLine(f: Finding): string {
  const label = f.severity === 'error' ? '**Error**' : '**Warning**';
  const source = f.source === 'validate' ? ' (Twilio Validate)' : '';
  const fix = f.fix ? ` — *Fix:* ${text(f.fix)}` : '';
  return `- ${label} ${place(f)}${source}: ${text(f.message)}${fix}`;
}

function flowDetails(flow: FlowCheck): string {
  const renamed = flow.previousPath ? ` (renamed from ${code(flow.previousPath)})` : '';
  const head = `${icon(flow)} ${text(displayName(flow))} — ${code(flow.path)}${renamed}`;
  const body = flow.findings.map(findingLine).join('\n');
  return `<details${flow.findings.some((f) => f.severity === 'error') ? ' open' : ''}><summary>${head}</summary>\n\n${body}\n\n</details>`;
}

function headline(report: CheckReport): string {
  const { errors, warnings } = countFindings(report.flows);
  const invalid = report.flows.filter((f) => f.findings.some((x) => x.severity === 'error')).length;
  const n = report.flows.length;
  if (n === 0) return '### ✅ Studio flows: no flow files changed';
  if (errors > 0) return `### ❌ Studio flows: ${invalid} of ${plural(n, 'flow')} invalid (${plural(errors, 'error')})`;
  const warn = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  return `### ${warnings > 0 ? '⚠️' : '✅'} Studio flows: ${plural(n, 'flow')} ${report.online ? 'valid' : n === 1 ? 'passes the offline lint' : 'pass the offline lint'}${warn}`;
}

/** The table, one row a flow. */
function table(flows: FlowCheck[]): string {
  const rows = flows.map((f) => `| ${text(displayName(f))} | ${code(f.path)} | ${f.change} | ${verdict(f)} |`);
  return ['| Flow | File | Change | Result |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function footer(report: CheckReport): string {
  const mode = report.online
    ? `Validated with Twilio Studio (${code(report.studioHost)}) and the offline lint.`
    : `⚠️ Offline lint only: ${text(report.offlineReason ?? 'no Twilio credentials')}. Twilio's Validate was not asked.`;
  const run = report.runUrl ? ` · [workflow run](${report.runUrl})` : '';
  return `${mode}\n\n<sub>studio-flow-ci · ${code(report.sha.slice(0, 7) || 'local')}${run}</sub>`;
}

export interface RenderOptions {
  /** Include the per-flow details (errors and warnings with their lines). */
  details?: boolean;
  /** Hard cap on the body's length. */
  limit?: number;
}

/** Render the check report as Markdown for the sticky PR comment or the job summary. */
export function renderCheckReport(report: CheckReport, options: RenderOptions = {}): string {
  const parts = [CHECK_MARKER, headline(report)];
  if (report.flows.length > 0) parts.push(table(report.flows));
  const withFindings = report.flows.filter((f) => f.findings.length > 0);
  const details = withFindings.map(flowDetails);
  if (report.removed.length > 0) {
    parts.push(`Removed flow files (their Studio flows are left as they are): ${report.removed.map(code).join(', ')}`);
  }
  const tail = footer(report);
  const limit = options.limit ?? Infinity;
  const base = parts.join('\n\n');
  if (options.details === false || details.length === 0) return `${base}\n\n${tail}`;
  const full = `${base}\n\n${details.join('\n\n')}\n\n${tail}`;
  if (full.length <= limit) return full;
  // Too long for a comment: keep the table, send readers to the job summary for the details.
  const note = `> [!NOTE]\n> The details are too long for a comment; ${report.runUrl ? `see the [job summary](${report.runUrl})` : 'see the job summary'}.`;
  const short = `${base}\n\n${note}\n\n${tail}`;
  return short.length <= limit ? short : `${CHECK_MARKER}\n\n${headline(report)}\n\n${note}\n\n${tail}`;
}
