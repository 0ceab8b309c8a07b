/**
 * The sync pull request's body and the drift report's job summary: per flow the live revision, its status,
 * when and its commit message, the per-widget diff (file → live) and the Mermaid picture — the renderers of
 * the check comment — and every placeholder whose live value changed, as a warning (never baked in
 * silently). Pure; every string from Studio or a file is escaped; cut to fit `limit`.
 */
import { BODY_LIMIT, markerScope } from '../github/comment.ts';
import type { PlaceholderChange, SyncFile, SyncPlan, SyncProblem } from '../sync/plan.ts';
import { renderFlowDiff, summarizeDiff } from './diff-markdown.ts';
import { code, htmlCode, htmlText, plainLine, text } from './escape.ts';
import { changePicture } from './picture.ts';
import { commitLabel } from './revision-line.ts';
import { plural } from './words.ts';

/** The PR body's hidden first line: one sync PR per environment. */
export function syncMarker(environment: string | undefined): string {
  return `<!-- studio-flow-ci:sync:${markerScope(environment || 'default')} -->`;
}

/** The files that differ from Studio (what a sync PR changes, what the drift report lists). */
export function driftedFiles(plan: SyncPlan): SyncFile[] {
  return plan.files.filter((f) => f.changed);
}

/** The PR title: plain text, one line. */
export function syncTitle(plan: SyncPlan): string {
  const n = driftedFiles(plan).length;
  const env = plan.environment ? ` (${plainLine(plan.environment).slice(0, 60)})` : '';
  return `Studio sync${env}: ${plural(n, 'flow')} edited in Studio`;
}

function when(file: SyncFile): string {
  return file.dateUpdated ? text(file.dateUpdated.slice(0, 19).replace('T', ' ')) : 'unknown';
}

function changeCell(file: SyncFile): string {
  if (file.isNew) return 'new file';
  if (!file.changed) return 'no changes';
  return file.diff ? text(summarizeDiff(file.diff)) : 'changed';
}

function table(files: SyncFile[]): string {
  const rows = files.map(
    (f) =>
      `| ${code(f.path, { inTable: true })} | ${text(f.friendlyName)} | r${f.revision} ${f.status} | ${when(f)} | ${changeCell(f)}${f.placeholders.length ? ' ⚠️' : ''} |`,
  );
  return ['| File | Flow | Live revision | Updated | Change |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function placeholderRows(files: SyncFile[]): string[] {
  const rows = files.flatMap((f) =>
    f.placeholders
      .filter((p) => p.written === undefined)
      .map(
        (p: PlaceholderChange) =>
          `| ${code(f.path, { inTable: true })} | ${p.widget === undefined ? '—' : code(p.widget, { inTable: true })} | ${code(p.placeholder, { inTable: true })} | ${code(p.expected, { inTable: true })} | ${code(p.live, { inTable: true })} |`,
      ),
  );
  if (rows.length === 0) return referenceRows(files);
  return [
    `> [!WARNING]\n> ${plural(rows.length, 'placeholder')} no longer match${rows.length === 1 ? 'es' : ''} the live value. The files keep the placeholder; the live value is **not** written into git. Change the environment's value (or the file) by hand if the live one is right.`,
    [
      '| File | Widget | Placeholder | Value in this environment | Live value |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
    ...referenceRows(files),
  ];
}

/** Name references whose live SID changed: written back as the name that gives it, or as the SID (and why). */
function referenceRows(files: SyncFile[]): string[] {
  const rows = files.flatMap((f) =>
    f.placeholders
      .filter((p) => p.written !== undefined)
      .map(
        (p: PlaceholderChange) =>
          `| ${code(f.path, { inTable: true })} | ${p.widget === undefined ? '—' : code(p.widget, { inTable: true })} | ${code(p.placeholder, { inTable: true })} | ${code(p.live, { inTable: true })} | ${code(p.written ?? '', { inTable: true })}${p.reason ? ` (${text(p.reason)})` : ''} |`,
      ),
  );
  if (rows.length === 0) return [];
  return [
    `> [!NOTE]\n> ${plural(rows.length, 'name reference')} now resolve${rows.length === 1 ? 's' : ''} to another live value. The files name what Studio now uses: the name that resolves to it, or the SID itself when no name does (review it).`,
    ['| File | Widget | Reference | Live value | Written back as |', '| --- | --- | --- | --- | --- |', ...rows].join(
      '\n',
    ),
  ];
}

function section(file: SyncFile, detail: 'full' | 'compact'): string {
  const by = commitLabel(file.commitMessage);
  const head = `${text(file.friendlyName)} · ${code(file.flowSid)} · live r${file.revision} (${file.status}, updated ${when(file)}${by ? `, ${by}` : ', no commit message'})`;
  const parts = [head];
  if (file.isNew) parts.push(`A new flow in Studio: written to ${code(file.path)}.`);
  else if (file.diff && detail === 'full') {
    parts.push(renderFlowDiff(file.diff, { headline: false }));
    const picture = changePicture(file.fileDefinition, file.liveDefinition, file.diff);
    if (picture && 'mermaid' in picture) parts.push(`\`\`\`mermaid\n${picture.mermaid}\n\`\`\``);
  } else if (file.diff) parts.push(`**Changes:** ${text(summarizeDiff(file.diff))}`);
  const summary = file.isNew ? 'new file' : file.diff ? htmlText(summarizeDiff(file.diff)) : 'changed';
  return `<details open><summary>${htmlText(file.friendlyName)} — ${htmlCode(file.path)}: ${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

export interface SyncBodyOptions {
  /** Characters (default BODY_LIMIT); the job summary passes its own. */
  limit?: number;
  /** Link to the workflow run. */
  runUrl?: string;
  /** 'pr': the PR body (marker first); 'summary': the drift report of the job summary. */
  kind?: 'pr' | 'summary';
  /** The sync PR, when the summary can link it. */
  prUrl?: string;
}

function problemLine(p: SyncProblem): string {
  const where = p.path ? `${code(p.path)}: ` : p.flow ? `${text(p.flow)}: ` : '';
  return `- ${p.level === 'error' ? '❌' : '⚠️'} ${where}${text(p.message)} — *Fix:* ${text(p.fix)}`;
}

function headOf(plan: SyncPlan, options: SyncBodyOptions): string[] {
  const drifted = driftedFiles(plan);
  const env = plan.environment ? ` in environment ${code(plan.environment)}` : '';
  const which = plan.status === 'latest' ? 'latest revisions (drafts included)' : 'published revisions';
  const lines =
    options.kind === 'summary'
      ? [`### Studio drift${env}: ${plural(drifted.length, 'flow')} differ${drifted.length === 1 ? 's' : ''} from git`]
      : [
          syncMarker(plan.environment),
          `### Studio sync${env}`,
          `${plural(drifted.length, 'flow')} in Studio differ${drifted.length === 1 ? 's' : ''} from the files (${which}). Merging this pull request brings them into git; the deploy of that merge writes nothing to Studio.`,
        ];
  if (options.prUrl) lines.push(`Sync pull request: ${options.prUrl}`);
  // Errors first (a plan with one writes nothing: the summary says why), then warnings.
  const problems = [...plan.problems].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  if (problems.length > 0) lines.push(problems.map(problemLine).join('\n'));
  if (drifted.length > 0) lines.push(table(drifted), ...placeholderRows(drifted));
  return lines;
}

/** The body (or summary) with everything that fits: full sections, else compact ones, else a note. */
export function renderSyncBody(plan: SyncPlan, options: SyncBodyOptions = {}): string {
  const limit = options.limit ?? BODY_LIMIT;
  const head = headOf(plan, options);
  const tail = options.runUrl ? `<sub>[studio-flow-ci run](${options.runUrl})</sub>` : '<sub>studio-flow-ci</sub>';
  const drifted = driftedFiles(plan);
  for (const detail of ['full', 'compact'] as const) {
    const body = [...head, ...drifted.map((f) => section(f, detail)), tail].join('\n\n');
    if (body.length <= limit) return body;
  }
  const note = `> [!NOTE]\n> The per-flow details do not fit here (${plural(drifted.length, 'flow')}); the file changes of this pull request show them all.`;
  const body = [...head, note, tail].join('\n\n');
  if (body.length <= limit) return body;
  return [head[0], `${plural(drifted.length, 'flow')} differ from git; too many to list here.`, tail].join('\n\n');
}
