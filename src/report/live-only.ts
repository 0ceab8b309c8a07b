/**
 * Values only Studio holds. A pull request may show the live flow its base branch maps to the file, but a
 * value that git never held (a real key where git has `REPLACE_ME`, an internal URL, a number edited in the
 * Console, a widget added there and its name) is Studio's secret as much as anything: it is shown masked,
 * whatever its shape, in the drift, the changes and the picture.
 */
import type { FlowCheck } from '../check/flow-check.ts';
import type { FlowDiff, TransitionChange, ValueChange, WidgetChange } from '../diff/diff-types.ts';
import { MASK } from '../secrets/mask.ts';

/** What a live-only value shows instead. */
export const LIVE_ONLY = `${MASK} (only in Studio)`;

/** What only the live flow holds: strings (values and names), and a stand-in per widget name. */
export interface LiveOnly {
  strings: ReadonlySet<string>;
  /** Widget names only Studio has → `•••••• (only in Studio) #n`: distinct, so the picture still tells them apart. */
  names: ReadonlyMap<string, string>;
}

function collect(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (value !== null && typeof value === 'object' && depth < 64)
    for (const v of Object.values(value)) collect(v, out, depth + 1);
  return out;
}

/** Every value a diff shows on one side. */
function sideValues(diff: FlowDiff, side: 'before' | 'after'): unknown[] {
  const changes: ValueChange[] = [
    ...diff.flags,
    ...(diff.other ?? []),
    ...diff.widgets.flatMap((w) => [...w.properties, ...(w.otherFields ?? [])]),
  ];
  return [
    ...changes.map((c) => c[side]),
    diff.description?.[side],
    diff.initialState?.[side],
    ...diff.widgets.flatMap((w) => w.transitions.map((t) => t[side])),
  ];
}

/**
 * What only the live flow holds: values the drift (base branch → live) brought in, and the names of widgets
 * added live, that are neither a value the base had there nor anywhere in the PR's definition. Without drift
 * the live flow is the base branch's, and nothing is live-only.
 */
export function liveOnlyOf(flow: FlowCheck): LiveOnly {
  const drift = flow.comparison?.drift?.diff;
  if (!drift) return { strings: new Set(), names: new Map() };
  const inGit = collect(flow.document?.resolved, collect(sideValues(drift, 'before'), new Set()));
  const added = drift.widgets.filter((w) => w.kind === 'added').map((w) => w.name);
  const strings = new Set([...collect(sideValues(drift, 'after'), new Set()), ...added].filter((s) => !inGit.has(s)));
  const names = new Map(added.filter((n) => strings.has(n)).map((n, i) => [n, `${LIVE_ONLY} #${i + 1}`]));
  return { strings, names };
}

function hide(value: unknown, mask: LiveOnly, depth = 0): unknown {
  if (typeof value === 'string') return mask.strings.has(value) ? LIVE_ONLY : value;
  if (value === null || typeof value !== 'object' || depth >= 64) return value;
  if (Array.isArray(value)) return value.map((v) => hide(v, mask, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v, mask, depth + 1)]));
}

const nameOf = (name: string, mask: LiveOnly) => mask.names.get(name) ?? (mask.strings.has(name) ? LIVE_ONLY : name);
const target = (next: string | null | undefined, mask: LiveOnly) =>
  typeof next === 'string' ? nameOf(next, mask) : next;

const hideChange = (c: ValueChange, mask: LiveOnly): ValueChange => ({
  ...c,
  ...('before' in c ? { before: hide(c.before, mask) } : {}),
  ...('after' in c ? { after: hide(c.after, mask) } : {}),
});
const hideTransition = (t: TransitionChange, mask: LiveOnly): TransitionChange => ({
  ...t,
  ...('before' in t ? { before: target(t.before, mask) } : {}),
  ...('after' in t ? { after: target(t.after, mask) } : {}),
});

/** A copy of a diff in which every live-only value and widget name is masked. */
export function hideLiveOnly(diff: FlowDiff, mask: LiveOnly): FlowDiff {
  if (mask.strings.size === 0) return diff;
  const widget = (w: WidgetChange): WidgetChange => ({
    ...w,
    name: nameOf(w.name, mask),
    properties: w.properties.map((c) => hideChange(c, mask)),
    transitions: w.transitions.map((t) => hideTransition(t, mask)),
    ...(w.otherFields ? { otherFields: w.otherFields.map((c) => hideChange(c, mask)) } : {}),
  });
  return {
    ...diff,
    widgets: diff.widgets.map(widget),
    layoutOnly: diff.layoutOnly.map((n) => nameOf(n, mask)),
    flags: diff.flags.map((c) => hideChange(c, mask)),
    ...(diff.other ? { other: diff.other.map((c) => hideChange(c, mask)) } : {}),
    ...(diff.description
      ? { description: { before: hide(diff.description.before, mask), after: hide(diff.description.after, mask) } }
      : {}),
    ...(diff.initialState
      ? { initialState: { before: hide(diff.initialState.before, mask), after: hide(diff.initialState.after, mask) } }
      : {}),
  };
}

/** A copy of a definition (the live one, for the picture) with live-only names and values masked the same way. */
export function hideLiveOnlyDefinition(definition: unknown, mask: LiveOnly): unknown {
  if (mask.strings.size === 0 || definition === null || typeof definition !== 'object') return definition;
  const def = definition as { states?: unknown };
  if (!Array.isArray(def.states)) return hide(definition, mask);
  const states = def.states.map((raw: unknown) => {
    if (raw === null || typeof raw !== 'object') return raw;
    const state = raw as { name?: unknown; transitions?: unknown };
    const transitions = Array.isArray(state.transitions)
      ? state.transitions.map((t: unknown) =>
          t !== null && typeof t === 'object'
            ? {
                ...(hide(t, mask) as object),
                ...('next' in t ? { next: target((t as { next?: string | null }).next, mask) } : {}),
              }
            : t,
        )
      : state.transitions;
    return {
      ...(hide(state, mask) as object),
      ...(typeof state.name === 'string' ? { name: nameOf(state.name, mask) } : {}),
      transitions,
    };
  });
  return { ...(hide(definition, mask) as object), states };
}
