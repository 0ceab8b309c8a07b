/**
 * Values only Studio holds. A pull request may show the live flow its base branch maps to the file, but a
 * value that git never held (a real key where git has `REPLACE_ME`, an internal URL, a number edited in the
 * Console) is Studio's secret as much as anything: it is shown masked, whatever its shape.
 */
import type { FlowCheck } from '../flows/check.ts';
import type { FlowDiff, ValueChange, WidgetChange } from '../flows/diff-types.ts';
import { MASK } from './mask.ts';

/** What a live-only value shows instead. */
export const LIVE_ONLY = `${MASK} (only in Studio)`;

function collect(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (value !== null && typeof value === 'object' && depth < 64) for (const v of Object.values(value)) collect(v, out, depth + 1);
  return out;
}

/** Every value a diff shows on one side, with the changes that hold them. */
function sideValues(diff: FlowDiff, side: 'before' | 'after'): unknown[] {
  const changes: ValueChange[] = [...diff.flags, ...(diff.other ?? []), ...diff.widgets.flatMap((w) => [...w.properties, ...(w.otherFields ?? [])])];
  return [...changes.map((c) => c[side]), diff.description?.[side], diff.initialState?.[side]];
}

/**
 * The strings that only the live flow holds: values the drift (base branch → live) brought in that are
 * neither a value the base had there nor anywhere in the PR's definition. Without drift the live flow is
 * the base branch's, and nothing is live-only.
 */
export function liveOnlyStrings(flow: FlowCheck): Set<string> {
  const drift = flow.comparison?.drift?.diff;
  if (!drift) return new Set();
  const inGit = collect(flow.definition, collect(sideValues(drift, 'before'), new Set()));
  return new Set([...collect(sideValues(drift, 'after'), new Set())].filter((s) => !inGit.has(s)));
}

function hide(value: unknown, hidden: ReadonlySet<string>, depth = 0): unknown {
  if (typeof value === 'string') return hidden.has(value) ? LIVE_ONLY : value;
  if (value === null || typeof value !== 'object' || depth >= 64) return value;
  if (Array.isArray(value)) return value.map((v) => hide(v, hidden, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v, hidden, depth + 1)]));
}

const hideChange = (c: ValueChange, hidden: ReadonlySet<string>): ValueChange => ({ ...c, ...('before' in c ? { before: hide(c.before, hidden) } : {}), ...('after' in c ? { after: hide(c.after, hidden) } : {}) });

/** A copy of a diff in which every value that is a hidden string (at any depth) shows LIVE_ONLY. */
export function hideLiveOnly(diff: FlowDiff, hidden: ReadonlySet<string>): FlowDiff {
  if (hidden.size === 0) return diff;
  const widget = (w: WidgetChange): WidgetChange => ({
    ...w,
    properties: w.properties.map((c) => hideChange(c, hidden)),
    ...(w.otherFields ? { otherFields: w.otherFields.map((c) => hideChange(c, hidden)) } : {}),
  });
  return {
    ...diff,
    widgets: diff.widgets.map(widget),
    flags: diff.flags.map((c) => hideChange(c, hidden)),
    ...(diff.other ? { other: diff.other.map((c) => hideChange(c, hidden)) } : {}),
    ...(diff.description ? { description: { before: hide(diff.description.before, hidden), after: hide(diff.description.after, hidden) } } : {}),
  };
}
