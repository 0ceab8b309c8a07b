/**
 * Liquid templates in a flow's widget properties: every string property that holds `{{` or `{%` is parsed
 * with liquidjs (Studio's text fields are Liquid, Shopify dialect) into either the syntax error and where it
 * starts, or the variables it reads (`widgets.NAME…`, `flow.variables.X`, …) with their offsets in the string.
 * The walk reads liquidjs's own analysis interface (`arguments()`, `children()`), but takes each variable's
 * offset from its token: liquidjs's `analyze` counts rows and columns from the start of the string for
 * every variable, which is quadratic in a string of 10,000 expressions.
 */
import { Liquid, toValueSync } from 'liquidjs';
import { fastScan } from './liquid-fast.ts';
import type { LiquidRef, Segment } from './liquid-fast.ts';

export type { LiquidRef, Segment } from './liquid-fast.ts';

export type TemplateScan = { ok: true; refs: LiquidRef[] } | { ok: false; message: string; offset: number };

/** A string property of a widget: where it is (`pointerOf` makes its JSON pointer) and its text. */
export interface TemplateString {
  state: number;
  /** Keys and indexes from the widget (`/states/N`) down to the string. */
  path: readonly (string | number)[];
  text: string;
}

let engine: Liquid | undefined;
/** One engine, made on first use (never at import). */
const liquid = (): Liquid => (engine ??= new Liquid({ cache: false }));

/** Does this text hold Liquid markup at all? Most strings do not and cost one search. */
export function hasLiquid(text: string): boolean {
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 123 /* { */ || next === 37 /* % */) return true;
  }
  return false;
}

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose | undefined =>
  value !== null && typeof value === 'object' ? (value as Loose) : undefined;

/** A property-access token's path (`widgets.a["b c"][0]`); nested accesses are walked as refs of their own. */
function accessPath(token: Loose, refs: LiquidRef[]): Segment[] {
  const path: Segment[] = [];
  const root = loose(token['variable']);
  if (root) path.push(segmentOf(root, refs));
  for (const prop of Array.isArray(token['props']) ? (token['props'] as unknown[]) : []) {
    const p = loose(prop);
    path.push(p ? segmentOf(p, refs) : undefined);
  }
  return path;
}

function segmentOf(token: Loose, refs: LiquidRef[]): Segment {
  if (Array.isArray(token['props'])) {
    collect(token, refs, { depth: 0, guarded: false }); // a[b.c]: b.c is read too
    return undefined;
  }
  const content = token['content'];
  if (typeof content === 'string' || typeof content === 'number') return content;
  return undefined;
}

/** Every variable read by a value, a filtered value, a range or a property access, in any nesting. */
function collect(value: unknown, refs: LiquidRef[], at: { depth: number; guarded: boolean }): void {
  const token = loose(value);
  if (!token || at.depth > 64) return;
  const deeper = { depth: at.depth + 1, guarded: at.guarded };
  if (Array.isArray(token['props'])) {
    const path = accessPath(token, refs);
    if (typeof token['begin'] === 'number')
      refs.push({ path, offset: token['begin'], ...(at.guarded ? { guarded: true } : {}) });
    return;
  }
  if ('lhs' in token || 'rhs' in token) {
    collect(token['lhs'], refs, deeper);
    collect(token['rhs'], refs, deeper);
  }
  const filters = Array.isArray(token['filters']) ? (token['filters'] as unknown[]) : [];
  // `{{ widgets.x.y | default: "…" }}` copes with an empty value.
  const defaulted = filters.some((f) => loose(f)?.['name'] === 'default');
  const initial = loose(token['initial']);
  if (initial && Array.isArray(initial['postfix']))
    for (const t of initial['postfix'] as unknown[])
      collect(t, refs, { depth: at.depth + 1, guarded: at.guarded || defaulted });
  for (const filter of filters) {
    const args = loose(filter)?.['args'];
    if (!Array.isArray(args)) continue;
    for (const arg of args as unknown[]) collect(Array.isArray(arg) ? arg[1] : arg, refs, deeper);
  }
}

/** Tags whose arguments are conditions: reading an empty value there is the template checking for it. */
const CONDITIONS = new Set(['if', 'unless', 'case']);

interface Node {
  name?: unknown;
  arguments?(): Iterable<unknown>;
  children?(partials: boolean, sync: boolean): unknown;
}

function walk(templates: readonly unknown[], refs: LiquidRef[]): void {
  const stack = [...templates];
  while (stack.length > 0) {
    const node = stack.pop() as Node | undefined;
    if (!node) continue;
    if (typeof node.arguments === 'function') {
      const guarded = typeof node.name === 'string' && CONDITIONS.has(node.name);
      for (const arg of node.arguments()) collect(arg, refs, { depth: 0, guarded });
    }
    if (typeof node.children === 'function') {
      const children: unknown = toValueSync(node.children(false, true));
      if (Array.isArray(children)) stack.push(...(children as unknown[]));
    }
  }
}

/** The first line of liquidjs's message, without its own ", line:1, col:5" (we place it ourselves). */
function messageOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return (raw.split('\n')[0] ?? '').replace(/, line:\d+, col:\d+$/, '').slice(0, 200);
}

/** Parse one template: its syntax error, or the variables it reads in the order they appear. */
export function scanTemplate(text: string): TemplateScan {
  const fast = fastScan(text);
  if (fast) return { ok: true, refs: fast };
  return liquidScan(text);
}

/** The same, always with liquidjs (exported for the test that compares it with the fast path). */
export function liquidScan(text: string): TemplateScan {
  let templates: unknown[];
  try {
    templates = liquid().parse(text);
  } catch (error) {
    const begin = loose(loose(error)?.['token'])?.['begin'];
    return { ok: false, message: messageOf(error), offset: typeof begin === 'number' ? begin : 0 };
  }
  const refs: LiquidRef[] = [];
  walk(templates, refs);
  return { ok: true, refs: refs.sort((a, b) => a.offset - b.offset) };
}

const escape = (segment: string | number) =>
  typeof segment === 'number'
    ? String(segment)
    : segment.includes('~') || segment.includes('/')
      ? segment.replaceAll('~', '~0').replaceAll('/', '~1')
      : segment;

interface Walk {
  /** The string being visited, handed to `each`: one object, its fields changed at each string. */
  at: { state: number; path: (string | number)[]; text: string };
  each: (s: TemplateString) => void;
}

function visit(walk: Walk, value: unknown, depth: number): void {
  if (typeof value === 'string') {
    if (hasLiquid(value)) {
      walk.at.text = value;
      walk.each(walk.at);
    }
    return;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return;
  const { path } = walk.at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      visit(walk, value[i], depth + 1);
      path.pop();
    }
    return;
  }
  // Own enumerable keys, as for…in with Object.hasOwn would give them.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    // Canvas layout (`properties.offset`) never holds text.
    if (depth === 0 && key === 'offset') continue;
    path.push(key);
    visit(walk, (value as Loose)[key], depth + 1);
    path.pop();
  }
}

/** The JSON pointer of a template string, relative to the definition. */
export function pointerOf(s: TemplateString): string {
  return `/states/${s.state}/${s.path.map(escape).join('/')}`;
}

/**
 * Every string holding Liquid under each widget's `properties` and `transitions` (split conditions), handed to
 * `each` as the walk meets it. The object handed over is the walk's own and changes at the next string: read it (its
 * pointer too) during the call, or copy it. Nothing is built for a template that has no finding.
 */
export function forEachTemplate(states: readonly unknown[], each: (s: TemplateString) => void): void {
  const walk: Walk = { at: { state: 0, path: [], text: '' }, each };
  for (let index = 0; index < states.length; index++) {
    const raw = states[index];
    const state = loose(raw);
    if (!state || Array.isArray(raw)) continue;
    walk.at.state = index;
    for (const key of ['properties', 'transitions']) {
      walk.at.path.push(key);
      visit(walk, state[key], 0);
      walk.at.path.pop();
    }
  }
}

/** Every string holding Liquid, as `forEachTemplate` meets them, each a copy of its own. */
export function templateStrings(states: readonly unknown[]): TemplateString[] {
  const found: TemplateString[] = [];
  forEachTemplate(states, (s) => found.push({ state: s.state, path: s.path.slice(), text: s.text }));
  return found;
}
