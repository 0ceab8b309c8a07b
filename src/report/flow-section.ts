/** One flow's part of the report: where it stands in Studio, what is wrong, what changes, a picture. */
import type { FlowCheck } from '../check/flow-check.ts';
import { changePicture, type PictureOmitted } from './picture.ts';
import type { Finding } from '../document/types.ts';
import { renderFlowDiff, summarizeDiff } from './diff-markdown.ts';
import { hideLiveOnly, hideLiveOnlyDefinition, liveOnlyOf } from './live-only.ts';
import { code, htmlCode, htmlText, text } from './escape.ts';
import { commitLabel, identityLine, revisionLine } from './revision-line.ts';
import { renderFlowTests } from './flow-tests.ts';

/** How much a section shows: everything, or the essentials when the comment must shrink. */
export type Detail = 'full' | 'compact';

const COMPACT_FINDINGS = 20;

export function displayName(flow: FlowCheck): string {
  return flow.friendlyName ?? flow.path.split('/').pop() ?? flow.path;
}

export function icon(flow: FlowCheck): string {
  if (flow.findings.some((f) => f.severity === 'error')) return '❌';
  if (flow.findings.length > 0 || flow.comparison?.drift) return '⚠️';
  return '✅';
}

/** True when the flow has anything worth a section: findings, drift, or a change in Studio. */
export function hasSection(flow: FlowCheck): boolean {
  const cmp = flow.comparison;
  return (
    flow.findings.length > 0 ||
    flow.tests !== undefined ||
    identityLine(flow) !== undefined ||
    (cmp !== undefined && !(cmp.live && cmp.diff?.identical))
  );
}

function place(f: Finding): string {
  const line = f.line !== undefined ? `line ${f.line}${f.column !== undefined ? `:${f.column}` : ''}` : 'file';
  // A finding in another file (a flow test's): that file is named, link-free.
  const at = f.file !== undefined ? `${code(f.file)}${f.line !== undefined ? `, ${line}` : ''}` : line;
  return f.widget !== undefined ? `${at}, widget ${code(f.widget)}` : at;
}

function findingLine(f: Finding): string {
  const label = f.severity === 'error' ? '**Error**' : '**Warning**';
  const source =
    f.source === 'validate'
      ? ' (Twilio Validate)'
      : f.alsoValidate !== undefined
        ? ' (studio-flow-ci lint and Twilio Validate)'
        : '';
  const also =
    f.alsoValidate !== undefined && f.alsoValidate !== f.message ? ` Twilio Validate: ${text(f.alsoValidate)}` : '';
  const fix = f.fix ? ` — *Fix:* ${text(f.fix)}` : '';
  return `- ${label} ${place(f)}${source}: ${text(f.message)}${also}${fix}`;
}

function findings(flow: FlowCheck, detail: Detail): string[] {
  // The tests' findings are shown by the tests block (src/report/flow-tests.ts), not twice.
  const own = flow.tests ? flow.findings.filter((f) => f.source !== 'test') : flow.findings;
  const shown = detail === 'full' ? own : own.slice(0, COMPACT_FINDINGS);
  const more = own.length - shown.length;
  return [...shown.map(findingLine), ...(more > 0 ? [`- … ${more} more in the job summary`] : [])];
}

function drift(flow: FlowCheck, detail: Detail): string[] {
  const d = flow.comparison?.drift;
  if (!d) return [];
  const by = commitLabel(d.commitMessage);
  const head =
    `> [!WARNING]\n> **Drift:** live r${d.revision}${by ? ` (${by})` : ''} differs from the base branch: it was edited ` +
    `outside git, e.g. in the Studio Console. Merging overwrites it: ${text(summarizeDiff(d.diff))}.`;
  if (detail === 'compact') return [head];
  const shown = hideLiveOnly(d.diff, liveOnlyOf(flow));
  return [
    head,
    `<details><summary>What the merge would overwrite (base branch → live)</summary>\n\n${renderFlowDiff(shown)}\n\n</details>`,
  ];
}

function changes(flow: FlowCheck, detail: Detail): string[] {
  const cmp = flow.comparison;
  if (!cmp?.live || !cmp.diff || cmp.diff.identical) return [];
  if (detail === 'compact') return [`**Changes:** ${text(summarizeDiff(cmp.diff))}`];
  // A `<summary>` line is an HTML block: HTML escaping there, not Markdown's.
  // Live values git never held are masked on the live side of the changes too.
  const mask = liveOnlyOf(flow);
  const shown = hideLiveOnly(cmp.diff, mask);
  // The summary line says what changed: the body starts with the widgets (not the same summary again).
  const parts = [
    `<details open><summary>Changes: ${htmlText(summarizeDiff(cmp.diff))}</summary>\n\n${renderFlowDiff(shown, { headline: false })}\n\n</details>`,
  ];
  const picture = changePicture(hideLiveOnlyDefinition(cmp.live.definition, mask), flow.document?.resolved, shown);
  if (picture && 'mermaid' in picture) parts.push(`\`\`\`mermaid\n${picture.mermaid}\n\`\`\``);
  else if (picture) parts.push(omittedLine(picture.omitted));
  return parts;
}

/** One line where a picture too big to draw would be, so that its absence is not a mystery. */
function omittedLine(o: PictureOmitted): string {
  const why =
    o.nodes > o.maxNodes
      ? `${o.nodes} widgets changed or next to a change, more than ${o.maxNodes} fit`
      : `${o.edges} transitions touch the changes, more than ${o.maxEdges} fit`;
  return `_Picture omitted: ${why}._`;
}

/** Subflows this flow names by file that are not in Studio yet: a merge creates them before this flow. */
function pendingCalls(flow: FlowCheck): string | undefined {
  const paths = [...new Set((flow.document?.pending ?? []).map((r) => r.path))];
  if (paths.length === 0) return undefined;
  return `Calls ${paths.map((p) => code(p)).join(', ')} by file: not in Studio yet, so a merge creates ${paths.length === 1 ? 'it' : 'them'} first and writes this flow with the new SID.`;
}

/** The section of one flow, as a collapsible block (open when it has errors or drift). */
export function renderFlowSection(flow: FlowCheck, detail: Detail): string {
  // The `<summary>` line is an HTML block: names and paths are HTML-escaped there, never Markdown code spans.
  const renamed = flow.previousPath ? ` (renamed from ${htmlCode(flow.previousPath)})` : '';
  const changed = flow.comparison?.diff && !flow.comparison.diff.identical;
  const open = icon(flow) !== '✅' || changed ? ' open' : '';
  const body = [
    revisionLine(flow, displayName(flow)),
    identityLine(flow),
    pendingCalls(flow),
    ...drift(flow, detail),
    findings(flow, detail).join('\n'),
    flow.tests && renderFlowTests(flow.tests, detail),
    ...changes(flow, detail),
  ].filter((part): part is string => Boolean(part));
  return `<details${open}><summary>${icon(flow)} ${htmlText(displayName(flow))} — ${htmlCode(flow.path)}${renamed}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
}
