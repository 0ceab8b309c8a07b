/**
 * Liquid rules: syntax errors in any template, `widgets.NAME` that is not a widget (error) or that has not run on
 * every path to here (warning, naming a path that skips it), `flow.variables.X` no Set Variables widget on a path
 * to here sets (warning). Studio's Liquid context: `trigger`, `widgets`, `flow` (`flow.data`, `flow.variables`,
 * `flow.channel`, `flow.flow_sid`, `flow.sid`), `contact` (https://www.twilio.com/docs/studio/user-guide/liquid-template-language).
 */
import type { LintIssue } from '../document/types.ts';
import { widgetRef } from '../document/widget-label.ts';
import { forEachTemplate, pointerOf, scanTemplate } from './liquid.ts';
import type { LiquidRef, TemplateScan, TemplateString } from './liquid.ts';
import { dominance, flowGraph, pathAvoiding, reachableFrom } from './paths.ts';
import type { Dominance, FlowGraph } from './paths.ts';
import { closestLowered, closestName, loweredNames, MAX_SUGGESTED_TARGETS } from './suggest.ts';
import type { Lowered } from './suggest.ts';

/**
 * `{{` and `{%` per string checked at most: liquidjs's parser is quadratic in the tokens of one string
 * (1,000 take ~10 ms, 10,000 a second), and no real widget property holds more than a few dozen.
 */
export const MAX_TEMPLATE_TAGS = 1_000;
/** Paths named per flow: each is a breadth-first search; the lint lists 50 findings of a rule anyway. */
const MAX_PATHS = 50;

interface Context {
  states: readonly unknown[];
  graph: FlowGraph;
  /** Dominance, computed on first use: a flow whose templates read no widget needs none. */
  dom(): Dominance;
  /** Variable → widgets (Set Variables) whose keys set it. */
  setters: ReadonlyMap<string, number[]>;
  reach: Map<string, Set<number>>;
  budget: { paths: number; suggestions: number };
  /** "Did you mean" per missing name, searched once ("w:" widgets, "v:" variables). */
  close: Map<string, string | undefined>;
  /** Lower-cased widget name → the name (the first of names differing in case only). */
  lowerNames?: Lowered;
}

/**
 * The closest widget name, searched among the names lower-cased once per flow (not once per search): a flow
 * of 2,000 widgets reading five missing ones.
 */
function closestWidget(ctx: Context, name: string): string | undefined {
  ctx.lowerNames ??= loweredNames(ctx.graph.byName);
  return closestLowered(name, ctx.lowerNames);
}

function suggest(ctx: Context, key: string, search: () => string | undefined): string | undefined {
  if (ctx.close.has(key)) return ctx.close.get(key);
  const found = ctx.budget.suggestions-- > 0 ? search() : undefined;
  ctx.close.set(key, found);
  return found;
}

/** `{{` and `{%` in the text, counted up to one past the limit. */
function tagsIn(text: string): number {
  let count = 0;
  for (let i = text.indexOf('{'); i >= 0 && count <= MAX_TEMPLATE_TAGS; i = text.indexOf('{', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 123 || next === 37) count++;
  }
  return count;
}

function setVariables(states: readonly unknown[]): Map<string, number[]> {
  const setters = new Map<string, number[]>();
  states.forEach((raw, index) => {
    const state = raw as { type?: unknown; properties?: { variables?: unknown } } | null;
    if (state?.type !== 'set-variables' || !Array.isArray(state.properties?.variables)) return;
    for (const entry of state.properties.variables as unknown[]) {
      const key = (entry as { key?: unknown } | null)?.key;
      if (typeof key !== 'string' || key === '') continue;
      setters.set(key, [...(setters.get(key) ?? []), index]);
    }
  });
  return setters;
}

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const quoted = (s: string) => JSON.stringify(short(s));

function widgetIssue(
  ctx: Context,
  at: { s: TemplateString; ref: LiquidRef; name: string; checked: boolean },
): LintIssue | undefined {
  const { s, ref, name } = at;
  const widget = ctx.graph.byName.get(name);
  // Most reads are of a widget that runs before: no finding, and nothing built for one.
  if (
    widget !== undefined &&
    (at.checked || widget === s.state || !ctx.dom().reachable(s.state) || ctx.dom().dominates(widget, s.state))
  )
    return undefined;
  const label = widgetRef(ctx.states, s.state).label;
  const base = { pointer: pointerOf(s), at: { offset: ref.offset, text: s.text } };
  const own = ctx.graph.names[s.state];
  const withName = own !== undefined ? { widget: own } : {};
  if (widget === undefined) {
    const close = suggest(ctx, `w:${name}`, () => closestWidget(ctx, name));
    // A near miss of a widget's name is a typo: an error. A name like none of them is a reference left behind by a
    // deleted widget, which Studio accepts and renders empty (a real published flow has one): a warning, so that a
    // flow that runs in production today is not refused a deploy.
    return {
      severity: close !== undefined ? 'error' : 'warning',
      rule: 'liquid-widget',
      ...base,
      ...withName,
      message: `${label}: {{widgets.${short(name)}…}} names no widget of this flow, so it is always empty`,
      fix:
        close !== undefined
          ? `Did you mean "${close}"? Name an existing widget (names are case-sensitive).`
          : 'Name an existing widget (names are case-sensitive), or remove the expression.',
    };
  }
  const path = ctx.budget.paths-- > 0 ? pathAvoiding(ctx.graph, { to: s.state, avoid: widget }) : undefined;
  const via = path ? `, e.g. ${path.map((p) => `"${p}"`).join(' → ')}` : '';
  return {
    severity: 'warning',
    rule: 'liquid-widget-path',
    ...base,
    ...withName,
    message: `${label}: {{widgets.${name}…}} is empty on paths that skip "${name}"${via}`,
    fix: `Read it only on paths through "${name}", or give it a fallback ({{widgets.${name}.… | default: "…"}}).`,
  };
}

function variableIssue(ctx: Context, at: { s: TemplateString; ref: LiquidRef; key: string }): LintIssue | undefined {
  const { s, ref, key } = at;
  if (!ctx.dom().reachable(s.state)) return undefined;
  let reach = ctx.reach.get(key);
  if (!reach) {
    reach = reachableFrom(ctx.graph, ctx.setters.get(key) ?? []);
    ctx.reach.set(key, reach);
  }
  if (reach.has(s.state)) return undefined;
  const close = suggest(ctx, `v:${key}`, () => closestName(key, ctx.setters.keys()));
  const own = ctx.graph.names[s.state];
  return {
    severity: 'warning',
    rule: 'liquid-variable',
    pointer: pointerOf(s),
    at: { offset: ref.offset, text: s.text },
    ...(own !== undefined ? { widget: own } : {}),
    message: `${widgetRef(ctx.states, s.state).label}: {{flow.variables.${short(key)}}} is set by no Set Variables widget on any path to here, so it is empty`,
    fix:
      close !== undefined
        ? `Did you mean "${close}"? Set Variables widgets set it on a path to here.`
        : `Set "${short(key)}" with a Set Variables widget before this one, or use a variable that is set.`,
  };
}

function syntaxIssue(ctx: Context, s: TemplateString, error: { message: string; offset: number }): LintIssue {
  const own = ctx.graph.names[s.state];
  return {
    severity: 'error',
    rule: 'liquid-syntax',
    pointer: pointerOf(s),
    at: { offset: error.offset, text: s.text },
    ...(own !== undefined ? { widget: own } : {}),
    message: `${widgetRef(ctx.states, s.state).label}: Liquid syntax error: ${quoted(error.message)}; Studio sends the text unrendered or fails the widget`,
    fix: 'Close every {{ with }} and every {% if %}/{% for %} with its {% endif %}/{% endfor %}; filters are written {{ value | filter: argument }}.',
  };
}

const NONE: ReadonlySet<string | undefined> = new Set();

/** What a reference reads, for the checks a text makes: `w:NAME` (a widget), `v:KEY` (a flow variable). */
function keyOf(ref: LiquidRef): string | undefined {
  const [root, name, third] = ref.path;
  if (root === 'widgets' && typeof name === 'string') return `w:${name}`;
  if (root === 'flow' && name === 'variables' && typeof third === 'string') return `v:${third}`;
  return undefined;
}

/**
 * The Liquid findings of a flow definition (any JSON value is safe here). `graph`: the transition graph the graph
 * rules built of the same definition (`graphCheck`), else it is built here.
 */
export function liquidIssues(definition: Record<string, unknown>, graph?: FlowGraph): LintIssue[] {
  const states = Array.isArray(definition['states']) ? (definition['states'] as unknown[]) : [];
  const issues: LintIssue[] = [];
  const scans = new Map<string, TemplateScan>();
  let ctx: Context | undefined;
  forEachTemplate(states, (s) => {
    // Built at the first template: a flow without any needs none of it.
    ctx ??= context(states, graph ?? flowGraph(definition));
    issues.push(...templateIssues(ctx, { s, scans }));
  });
  return issues;
}

function context(states: readonly unknown[], graph: FlowGraph): Context {
  let dom: Dominance | undefined;
  return {
    states,
    graph,
    dom: () => (dom ??= dominance(graph)),
    setters: setVariables(states),
    reach: new Map(),
    budget: { paths: MAX_PATHS, suggestions: MAX_SUGGESTED_TARGETS },
    close: new Map(),
  };
}

const NO_ISSUES: readonly LintIssue[] = [];

/** The findings of one template string (`scans`: what each distinct text read, shared by the flow's strings). */
function templateIssues(
  ctx: Context,
  { s, scans }: { s: TemplateString; scans: Map<string, TemplateScan> },
): readonly LintIssue[] {
  // Each tag starts at a character of its own, followed by one more: a shorter text cannot hold too many.
  if (s.text.length > MAX_TEMPLATE_TAGS + 1 && tagsIn(s.text) > MAX_TEMPLATE_TAGS)
    return [
      {
        severity: 'warning',
        rule: 'liquid-size',
        pointer: pointerOf(s),
        message: `${widgetRef(ctx.states, s.state).label}: this text holds more than ${MAX_TEMPLATE_TAGS.toLocaleString('en-US')} Liquid expressions; studio-flow-ci does not check its Liquid`,
        fix: 'Split the text, or build it in a Function.',
      },
    ];
  // The same text (a split's input and its conditions' argument) is read once.
  let scan = scans.get(s.text);
  if (!scan) {
    scan = scanTemplate(s.text);
    scans.set(s.text, scan);
  }
  if (!scan.ok) return [syntaxIssue(ctx, s, scan)];
  // A widget or variable the text checks (a condition, `| default:`) may be empty there: only a name that is
  // no widget at all is still reported.
  const checked = scan.refs.some((r) => r.guarded) ? new Set(scan.refs.filter((r) => r.guarded).map(keyOf)) : NONE;
  let issues: LintIssue[] | undefined;
  for (const ref of scan.refs) {
    const root = ref.path[0];
    const name = ref.path[1];
    const third = ref.path[2];
    const issue =
      root === 'widgets' && typeof name === 'string'
        ? widgetIssue(ctx, { s, ref, name, checked: checked !== NONE && checked.has(keyOf(ref)) })
        : root === 'flow' && name === 'variables' && typeof third === 'string' && !checked.has(keyOf(ref))
          ? variableIssue(ctx, { s, ref, key: third })
          : undefined;
    if (issue) (issues ??= []).push(issue);
  }
  return issues ?? NO_ISSUES;
}
