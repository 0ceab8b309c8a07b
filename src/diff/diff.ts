/**
 * Semantic diff of two Studio flow definitions: both are normalized to a keyed form (widgets keyed by
 * name, transitions keyed by event) so that reordering is not a change, compared with fast-json-patch,
 * and the raw operations are grouped by widget. Never throws on JSON input, whatever its shape.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import type { FlowDiff, OperationCounts, TransitionChange, ValueChange, WidgetChange } from './diff-types.ts';

type Json = Record<string, unknown>;

/** A definition with `states` keyed by widget name and each widget's `transitions` keyed by event. */
export interface NormalizedDefinition {
  states: Record<string, NormalizedWidget>;
  [field: string]: unknown;
}

/** A widget without its `name` (the key); `transitions` keyed by `event`, or `event#n` when repeated. */
export interface NormalizedWidget {
  transitions: Record<string, unknown>;
  type?: unknown;
  properties?: unknown;
  [field: string]: unknown;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (v: unknown, key: string): unknown =>
  isObject(v) || Array.isArray(v) ? (Object.hasOwn(v, key) ? (v as Json)[key] : undefined) : undefined;

/** Sets a key, `__proto__` included, as an own enumerable property. */
function put(target: Json, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}#${n}`;
  taken.add(key);
  return key;
}

function keyTransitions(list: unknown): Json {
  const out: Json = {};
  if (!Array.isArray(list)) return out;
  const events: string[] = [];
  const total = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const event = own(list[i], 'event');
    const e = typeof event === 'string' ? event : `#${i + 1}`;
    events.push(e);
    total.set(e, (total.get(e) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const taken = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const e = events[i] as string;
    const n = (seen.get(e) ?? 0) + 1;
    seen.set(e, n);
    put(out, uniqueKey((total.get(e) ?? 0) > 1 ? `${e}#${n}` : e, taken), list[i]);
  }
  return out;
}

const STANDARD = new Set(['name', 'type', 'transitions', 'properties']);

function normalizeWidget(state: unknown, named: boolean): NormalizedWidget {
  const transitions = keyTransitions(own(state, 'transitions'));
  if (!isObject(state)) return { transitions };
  const keys = Object.keys(state);
  if (named && keys.length === 4 && keys.every((k) => STANDARD.has(k))) {
    return { type: state.type, transitions, properties: state.properties };
  }
  const out: Json = {};
  for (const k of keys) if (k !== 'transitions' && !(named && k === 'name')) put(out, k, state[k]);
  out.transitions = transitions;
  return out as NormalizedWidget;
}

/** The keyed form of a definition; anything that is not an object counts as an empty definition. */
export function normalizeDefinition(def: unknown): NormalizedDefinition {
  const out: Json = {};
  if (isObject(def)) for (const [k, v] of Object.entries(def)) if (k !== 'states') put(out, k, v);
  const states: Json = {};
  const taken = new Set<string>();
  const list = own(def, 'states');
  (Array.isArray(list) ? list : []).forEach((state, i) => {
    const name = own(state, 'name');
    const named = typeof name === 'string' && name !== '';
    put(states, uniqueKey(named ? name : `#${i + 1}`, taken), normalizeWidget(state, named));
  });
  out.states = states;
  return out as NormalizedDefinition;
}

const unescape = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');
const pointer = (segs: string[]): string => segs.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const segments = (path: string): string[] => {
  const segs = path.split('/').slice(1);
  return path.includes('~') ? segs.map(unescape) : segs;
};

/** The change at `segs` below two roots, widened to the enclosing array (array edits are index noise). */
function valueChange(before: unknown, after: unknown, segs: string[]): ValueChange {
  const kept: string[] = [];
  let b = before;
  let a = after;
  for (const seg of segs) {
    if (Array.isArray(b) || Array.isArray(a)) break;
    kept.push(seg);
    b = own(b, seg);
    a = own(a, seg);
  }
  const change: ValueChange = { path: pointer(kept) };
  if (b !== undefined) change.before = b;
  if (a !== undefined) change.after = a;
  return change;
}

function addUnique(list: ValueChange[], change: ValueChange): void {
  if (!list.some((c) => c.path === change.path)) list.push(change);
}

function nextOf(transition: unknown): string | null | undefined {
  if (transition === undefined) return undefined;
  const next = own(transition, 'next');
  if (next === undefined || next === null) return null;
  return typeof next === 'string' ? next : JSON.stringify(next);
}

const typeOf = (widget: unknown): string => {
  const type = own(widget, 'type');
  return typeof type === 'string' ? type : type === undefined ? '' : JSON.stringify(type);
};

function allTransitions(widget: unknown, side: 'before' | 'after'): TransitionChange[] {
  const transitions = own(widget, 'transitions') as Json;
  return Object.keys(transitions).map((event) => ({ event, [side]: nextOf(transitions[event]) }));
}

/** Position of each key in `after` (or, for keys only in `before`, in `before`): the order of the file. */
function keyOrder(before: unknown, after: unknown): Map<string, number> {
  const order = new Map<string, number>();
  if (isObject(before)) Object.keys(before).forEach((k, i) => order.set(k, i));
  if (isObject(after)) Object.keys(after).forEach((k, i) => order.set(k, i));
  return order;
}

function changedWidget(name: string, before: unknown, after: unknown, paths: string[][]): WidgetChange {
  const change: WidgetChange = { name, type: typeOf(after), kind: 'changed', properties: [], transitions: [] };
  const otherFields: ValueChange[] = [];
  const events = new Map<string, boolean>();
  const tb = own(before, 'transitions');
  const ta = own(after, 'transitions');
  for (const [field, ...rest] of paths) {
    if (field === 'type') change.typeBefore = typeOf(before);
    else if (field === 'properties' && rest[0] !== 'offset')
      addUnique(change.properties, valueChange(own(before, field), own(after, field), rest));
    else if (field === 'transitions') {
      const [key, part] = rest;
      const keys = key === undefined ? [...new Set([...Object.keys(tb as Json), ...Object.keys(ta as Json)])] : [key];
      for (const k of keys) {
        const bothExist = own(tb, k) !== undefined && own(ta, k) !== undefined;
        const details = bothExist && !(rest.length === 2 && part === 'next');
        events.set(k, (events.get(k) ?? false) || details);
      }
    } else if (field !== 'properties' && field !== undefined)
      addUnique(otherFields, valueChange(before, after, [field, ...rest]));
  }
  const propOrder = keyOrder(own(before, 'properties'), own(after, 'properties'));
  change.properties.sort(
    (x, y) => (propOrder.get(segments(x.path)[0] ?? '') ?? 0) - (propOrder.get(segments(y.path)[0] ?? '') ?? 0),
  );
  const eventOrder = keyOrder(tb, ta);
  const sorted = [...events].sort(([x], [y]) => (eventOrder.get(x) ?? 0) - (eventOrder.get(y) ?? 0));
  for (const [event, detailsChanged] of sorted) {
    const t: TransitionChange = { event, before: nextOf(own(tb, event)), after: nextOf(own(ta, event)) };
    if (detailsChanged) t.detailsChanged = true;
    change.transitions.push(t);
  }
  if (otherFields.length > 0) change.otherFields = otherFields;
  return change;
}

const KIND_ORDER = { added: 0, removed: 1, changed: 2 } as const;

/** Groups raw operations by widget; every operation lands in exactly one group of `operationCounts`. */
function group(before: NormalizedDefinition, after: NormalizedDefinition, operations: Operation[]): FlowDiff {
  const counts: OperationCounts = { widgets: 0, layoutOnly: 0, initialState: 0, description: 0, flags: 0, other: 0 };
  const byWidget = new Map<string, string[][]>();
  const diff: FlowDiff = { widgets: [], layoutOnly: [], flags: [], operations, identical: operations.length === 0 };
  const other: ValueChange[] = [];
  for (const op of operations) {
    const segs = segments(op.path);
    const [top, name, ...rest] = segs;
    if (top === 'states' && name !== undefined) {
      const paths = byWidget.get(name) ?? [];
      paths.push(rest);
      byWidget.set(name, paths);
    } else if (top === 'initial_state' || top === 'description') {
      counts[top === 'initial_state' ? 'initialState' : 'description']++;
      diff[top === 'initial_state' ? 'initialState' : 'description'] = {
        before: own(before, top),
        after: own(after, top),
      };
    } else if (top === 'flags') {
      counts.flags++;
      addUnique(diff.flags, valueChange(own(before, 'flags'), own(after, 'flags'), segs.slice(1)));
    } else {
      counts.other++;
      addUnique(other, valueChange(before, after, segs));
    }
  }
  const order = keyOrder(before.states, after.states);
  for (const [name, paths] of byWidget) {
    const b = own(before.states, name);
    const a = own(after.states, name);
    let change: WidgetChange;
    if (b === undefined)
      change = { name, type: typeOf(a), kind: 'added', properties: [], transitions: allTransitions(a, 'after') };
    else if (a === undefined)
      change = { name, type: typeOf(b), kind: 'removed', properties: [], transitions: allTransitions(b, 'before') };
    else if (paths.every(([field, key]) => field === 'properties' && key === 'offset')) {
      diff.layoutOnly.push(name);
      counts.layoutOnly += paths.length;
      continue;
    } else change = changedWidget(name, b, a, paths);
    change.operationCount = paths.length;
    counts.widgets += paths.length;
    diff.widgets.push(change);
  }
  const rank = (name: string): number => order.get(name) ?? 0;
  diff.widgets.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || rank(x.name) - rank(y.name));
  diff.layoutOnly.sort((x, y) => rank(x) - rank(y));
  if (other.length > 0) diff.other = other;
  diff.operationCounts = counts;
  return diff;
}

/** The semantic difference between two flow definitions (any JSON values; never throws on them). */
export function diffDefinitions(before: unknown, after: unknown): FlowDiff {
  const b = normalizeDefinition(before);
  const a = normalizeDefinition(after);
  return group(b, a, jsonpatch.compare(b, a));
}
