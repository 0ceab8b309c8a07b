/**
 * Markdown for a flow diff in a pull request comment. Pure. Every string that comes from a flow goes
 * through text() or code(); long values become a ```diff block whose fence outruns any backtick run.
 * Values are shown with credentials masked (mask.ts), using the key they are stored under.
 */
import type { FlowDiff, TransitionChange, ValueChange, WidgetChange } from '../diff/diff-types.ts';
import { code, plainLine, text } from './escape.ts';
import { isSensitiveKey, maskValue } from '../secrets/mask.ts';
import { plural } from './words.ts';

export interface FlowDiffOptions {
  /** Lines of a unified text diff shown before "… N more lines" (default 20). */
  maxTextLines?: number;
  /** false: leave out the bold summary line (a `<summary>` above already says it). Default true. */
  headline?: boolean;
}

const INLINE_LIMIT = 80;
const CONTEXT = 2;

/** The one-line summary, plain text with numbers only (no flow strings), e.g. for a table cell. */
export function summarizeDiff(diff: FlowDiff): string {
  if (diff.identical) return 'no changes';
  const counts = (['added', 'removed', 'changed'] as const)
    .map((kind) => [kind, diff.widgets.filter((w) => w.kind === kind).length] as const)
    .filter(([, n]) => n > 0);
  const widgets = counts.map(([kind, n], i) => (i === 0 ? `${plural(n, 'widget')} ${kind}` : `${n} ${kind}`));
  let head = widgets.join(', ');
  const moved = diff.layoutOnly.length;
  if (moved > 0)
    head = head ? `${head}; ${moved} moved on the canvas` : `${plural(moved, 'widget')} moved on the canvas`;
  const parts = head ? [head] : [];
  if (diff.initialState) parts.push('initial widget changed');
  if (diff.description) parts.push('description changed');
  if (diff.flags.length > 0) parts.push(`${plural(diff.flags.length, 'flag')} changed`);
  if (diff.other?.length) parts.push(`${plural(diff.other.length, 'other field')} changed`);
  return parts.join('; ') || 'no semantic changes';
}

/** A value as one short string, or the lines to diff when it is long or multi-line. */
function shown(value: unknown): { inline?: string; lines: string[] } {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (raw.length <= INLINE_LIMIT && !/[\r\n]/.test(raw)) return { inline: raw, lines: [raw] };
  const long = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return { lines: long.split(/\r\n|\r|\n/) };
}

const inline = (s: string): string => (s === '' ? '_(empty)_' : code(s));

/** Line diff by longest common subsequence after trimming the common ends; huge inputs get a plain -/+. */
function lineDiff(before: string[], after: string[]): string[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const b = before.slice(start, endB);
  const a = after.slice(start, endA);
  let middle: string[];
  if (b.length * a.length > 250_000) middle = [...b.map((l) => `- ${l}`), ...a.map((l) => `+ ${l}`)];
  else {
    const lcs = Array.from({ length: b.length + 1 }, () => new Uint32Array(a.length + 1));
    for (let i = b.length - 1; i >= 0; i--) {
      for (let j = a.length - 1; j >= 0; j--) {
        lcs[i]![j] = b[i] === a[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    middle = [];
    let i = 0;
    let j = 0;
    while (i < b.length || j < a.length) {
      if (i < b.length && j < a.length && b[i] === a[j]) {
        middle.push(`  ${b[i++]}`);
        j++;
      } else if (j < a.length && (i === b.length || lcs[i + 1]![j]! < lcs[i]![j + 1]!)) middle.push(`+ ${a[j++]}`);
      else middle.push(`- ${b[i++]}`);
    }
  }
  const full = [...before.slice(0, start).map((l) => `  ${l}`), ...middle, ...before.slice(endB).map((l) => `  ${l}`)];
  return collapse(full);
}

/** Runs of unchanged lines shrink to CONTEXT lines either side of a change and one `@@ N unchanged lines @@`. */
function collapse(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i]!.startsWith('  ')) {
      out.push(lines[i++]!);
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.startsWith('  ')) end++;
    const keepHead = i === 0 ? 0 : CONTEXT;
    const keepTail = end === lines.length ? 0 : CONTEXT;
    if (end - i > keepHead + keepTail + 1) {
      out.push(...lines.slice(i, i + keepHead), `@@ ${plural(end - i - keepHead - keepTail, 'unchanged line')} @@`);
      out.push(...lines.slice(end - keepTail, end));
    } else out.push(...lines.slice(i, end));
    i = end;
  }
  return out;
}

/** A fenced ```diff block indented under a list item, capped at `max` lines. */
function diffBlock(before: unknown, after: unknown, max: number): string[] {
  const lines = lineDiff(
    before === undefined ? [] : shown(before).lines,
    after === undefined ? [] : shown(after).lines,
  );
  const kept = lines.slice(0, Math.max(1, max)).map(plainLine);
  const longest = Math.max(0, ...kept.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const out = [`  ${fence}diff`, ...kept.map((l) => `  ${l}`), `  ${fence}`];
  if (lines.length > kept.length) out.push(`  _… ${lines.length - kept.length} more lines_`);
  return out;
}

/** The key a changed value is shown under, for masking: the first credential-like segment of its path, else the last. */
function contextKey(path: string): string | undefined {
  const segments = path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.find(isSensitiveKey) ?? segments.at(-1);
}

const MASKED_NOTE = '_(a masked credential changed)_';

/** One bullet (plus an optional diff block) for a changed value labelled `label`; `key` says what it is, for masking. */
function valueLines(label: string, change: { before?: unknown; after?: unknown }, max: number, key?: string): string[] {
  const before = change.before === undefined ? undefined : maskValue(change.before, key);
  const after = change.after === undefined ? undefined : maskValue(change.after, key);
  const hiddenChange =
    before !== undefined &&
    after !== undefined &&
    JSON.stringify(before) === JSON.stringify(after) &&
    JSON.stringify(change.before) !== JSON.stringify(change.after);
  const b = before === undefined ? undefined : shown(before);
  const a = after === undefined ? undefined : shown(after);
  if ((b && b.inline === undefined) || (a && a.inline === undefined)) {
    return [`- ${label}:${hiddenChange ? ` ${MASKED_NOTE}` : ''}`, ...diffBlock(before, after, max)];
  }
  if (b === undefined) return [`- ${label} added: ${inline(a?.inline ?? '')}`];
  if (a === undefined) return [`- ${label} removed (was ${inline(b.inline ?? '')})`];
  return [`- ${label}: ${inline(b.inline ?? '')} → ${inline(a.inline ?? '')}${hiddenChange ? ` ${MASKED_NOTE}` : ''}`];
}

const pathLabel = (change: ValueChange, whole: string): string =>
  change.path === '' ? whole : code(change.path.slice(1));
const target = (next: string | null | undefined): string => (next ? code(next) : '_(end of flow)_');

function transitionLine(widget: WidgetChange, t: TransitionChange): string {
  const arrow = `${code(widget.name)} --${text(t.event)}-->`;
  if (widget.kind === 'added') return `- ${arrow} ${target(t.after)}`;
  if (t.before === undefined) return `- ${arrow} ${target(t.after)} (new)`;
  if (t.after === undefined) return `- ${arrow} ${target(t.before)} (removed)`;
  if (t.before === t.after) return `- ${arrow} ${target(t.after)} (details changed)`;
  return `- ${arrow} ${target(t.after)} (was ${target(t.before)})${t.detailsChanged ? ', details changed' : ''}`;
}

function widgetSection(w: WidgetChange, max: number): string[] {
  const type = w.type === '' ? '_(no type)_' : code(w.type);
  const kind = { added: 'Added', removed: 'Removed', changed: 'Changed' }[w.kind];
  const typeText = w.typeBefore !== undefined ? `type ${inline(w.typeBefore)} → ${type}` : type;
  const lines = [`**${kind}** ${code(w.name)} · ${typeText}`, ''];
  const body: string[] = [];
  for (const p of w.properties) body.push(...valueLines(pathLabel(p, 'properties'), p, max, contextKey(p.path)));
  for (const f of w.otherFields ?? [])
    body.push(...valueLines(`field ${pathLabel(f, 'widget')}`, f, max, contextKey(f.path)));
  for (const t of w.transitions) {
    if (w.kind === 'changed' || (w.kind === 'added' && t.after)) body.push(transitionLine(w, t));
  }
  return body.length > 0 ? [...lines, ...body, ''] : lines;
}

/** The Markdown body for one flow's diff: summary line, flow-level changes, then one section per widget. */
export function renderFlowDiff(diff: FlowDiff, options: FlowDiffOptions = {}): string {
  const max = options.maxTextLines ?? 20;
  const out = options.headline === false ? [] : [`**${summarizeDiff(diff)}**`, ''];
  const flow: string[] = [];
  if (diff.initialState) flow.push(...valueLines('Initial widget', diff.initialState, max));
  if (diff.description) flow.push(...valueLines('Description', diff.description, max));
  for (const f of diff.flags) flow.push(...valueLines(`Flag ${pathLabel(f, 'flags')}`, f, max, contextKey(f.path)));
  for (const o of diff.other ?? [])
    flow.push(...valueLines(`Field ${pathLabel(o, 'definition')}`, o, max, contextKey(o.path)));
  if (flow.length > 0) out.push(...flow, '');
  for (const w of diff.widgets) out.push(...widgetSection(w, max));
  return out.join('\n').trimEnd();
}
