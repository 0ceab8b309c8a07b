/**
 * Rules the schema cannot express: widget names unique, transitions and initial_state pointing at
 * existing widgets, exactly one Trigger, widgets reachable from it, events the widget type emits.
 * Every access is guarded, so any JSON value is safe here.
 */
import { closestName, MAX_SUGGESTED_TARGETS } from './suggest.ts';
import type { LintIssue } from '../document/types.ts';
import { WIDGETS, widgetSpec } from './widgets.ts';
import type { WidgetSpec } from './widgets.ts';
import { widgetRef } from '../document/widget-label.ts';
import type { WidgetRef } from '../document/widget-label.ts';
import { postOrder } from './paths.ts';
import type { FlowGraph } from './paths.ts';

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function issue(ref: WidgetRef | undefined, fields: Omit<LintIssue, 'widget'>): LintIssue {
  const result: LintIssue = { ...fields };
  if (ref?.name !== undefined) result.widget = ref.name;
  return result;
}

interface Edge {
  from: number;
  transition: number;
  event: unknown;
  next: string;
}

function suggestion(target: string, names: ReadonlyMap<string, number>, search: boolean): string {
  const close = search ? closestName(target, names.keys()) : undefined;
  return close !== undefined
    ? `Did you mean "${close}"? Point the transition at an existing widget.`
    : 'Point the transition at an existing widget, or remove "next" to end the flow there.';
}

/** Fix for an unknown widget type: the catalogue's closest type when it looks like a typo ("start-conversaton"). */
function typeFix(type: string, search: boolean): string {
  const close = search ? closestName(type, Object.keys(WIDGETS)) : undefined;
  const check = "Check the type against the Studio widget library; Twilio's Validate will still check it.";
  return close !== undefined ? `Did you mean "${close}"? ${check}` : check;
}

function remember(cache: Map<string, string>, key: string, value: string): string {
  cache.set(key, value);
  return value;
}

/** The message and fix for an event the widget type does not emit, or undefined when the event is fine. */
function unknownEvent(spec: WidgetSpec, event: string): { message: string; fix: string } | undefined {
  if (spec.events.includes(event)) return undefined;
  const close = closestName(event, spec.events);
  // Past an open (not fully documented) event list, only a near miss of a listed event is flagged.
  if (spec.openEvents && close === undefined) return undefined;
  const known = spec.openEvents ? 'known events include' : 'expected one of';
  return {
    message: `"${event}" is not an event this widget type emits (${known} ${spec.events.join(', ')})`,
    fix:
      close !== undefined
        ? `Did you mean "${close}"? Studio never follows a transition on an event the widget does not emit.`
        : 'Use one of the listed events; Studio never follows the others.',
  };
}

export function graphIssues(definition: Record<string, unknown>): LintIssue[] {
  return graphCheck(definition).issues;
}

/**
 * The graph rules' findings, and the transition graph they read (the one walk of the widgets and transitions the
 * Liquid rules share: `liquidIssues` takes it rather than building it again).
 */
export function graphCheck(definition: Record<string, unknown>): { issues: LintIssue[]; graph: FlowGraph } {
  const states = definition['states'];
  if (!Array.isArray(states))
    return {
      issues: [],
      graph: { names: [], byName: new Map(), next: [], start: undefined, order: new Int32Array(0) },
    };
  const issues: LintIssue[] = [];
  const names: (string | undefined)[] = [];
  const byName = new Map<string, number>();
  const edges: Edge[] = [];
  const triggers: number[] = [];
  // Each distinct unknown type is searched once, and only the first MAX_SUGGESTED_TARGETS of them.
  const typeFixes = new Map<string, string>();

  states.forEach((raw: unknown, index) => {
    const state = record(raw);
    names[index] = undefined;
    if (!state) return;
    const ref = widgetRef(states, index);
    names[index] = ref.name;
    if (ref.name !== undefined) {
      const first = byName.get(ref.name);
      if (first === undefined) byName.set(ref.name, index);
      else
        issues.push(
          issue(ref, {
            severity: 'error',
            rule: 'duplicate-widget-name',
            pointer: `/states/${index}/name`,
            message: `${ref.label}: the name "${ref.name}" is already used by widget #${first}; widget names must be unique`,
            fix: `Rename one of the two "${ref.name}" widgets (and the transitions that point at it).`,
          }),
        );
    }
    const spec = widgetSpec(state['type']);
    if (typeof state['type'] === 'string' && state['type'] !== '' && !spec) {
      issues.push(
        issue(ref, {
          severity: 'warning',
          rule: 'unknown-widget-type',
          pointer: `/states/${index}/type`,
          message: `${ref.label}: unknown widget type "${state['type']}"; studio-flow-ci cannot check it offline`,
          fix:
            typeFixes.get(state['type']) ??
            remember(typeFixes, state['type'], typeFix(state['type'], typeFixes.size < MAX_SUGGESTED_TARGETS)),
        }),
      );
    }
    if (state['type'] === 'trigger') triggers.push(index);
    const transitions = state['transitions'];
    if (!Array.isArray(transitions)) return;
    transitions.forEach((rawTransition: unknown, j) => {
      const transition = record(rawTransition);
      if (!transition) return;
      const event = transition['event'];
      const eventIssue = spec && typeof event === 'string' && event !== '' ? unknownEvent(spec, event) : undefined;
      if (eventIssue)
        issues.push(
          issue(ref, {
            severity: 'warning',
            rule: 'transition-event',
            pointer: `/states/${index}/transitions/${j}/event`,
            message: `${ref.label}: ${eventIssue.message}`,
            fix: eventIssue.fix,
          }),
        );
      const next = transition['next'];
      if (typeof next === 'string' && next !== '') edges.push({ from: index, transition: j, event, next });
    });
  });

  const fixes = new Map<string, string>();
  for (const edge of edges) {
    if (byName.has(edge.next)) continue;
    // Each distinct missing target is searched once, and only the first MAX_SUGGESTED_TARGETS of them.
    const fix = fixes.get(edge.next) ?? suggestion(edge.next, byName, fixes.size < MAX_SUGGESTED_TARGETS);
    fixes.set(edge.next, fix);
    const ref = widgetRef(states, edge.from);
    const eventText = typeof edge.event === 'string' ? `"${edge.event}"` : `#${edge.transition}`;
    issues.push(
      issue(ref, {
        severity: 'error',
        rule: 'transition-target',
        pointer: `/states/${edge.from}/transitions/${edge.transition}/next`,
        message: `${ref.label}: transition ${eventText} goes to "${edge.next}", which is not a widget in this flow`,
        fix,
      }),
    );
  }

  const initial = definition['initial_state'];
  if (typeof initial === 'string' && initial !== '' && !byName.has(initial)) {
    const close = closestName(initial, byName.keys());
    issues.push({
      severity: 'error',
      rule: 'initial-state',
      pointer: '/initial_state',
      message: `Flow definition: initial_state "${initial}" is not a widget in this flow`,
      fix:
        close !== undefined
          ? `Did you mean "${close}"? initial_state must name the Trigger widget.`
          : 'Set initial_state to the name of the Trigger widget.',
    });
  }

  if (triggers.length === 0) {
    issues.push({
      severity: 'error',
      rule: 'trigger-widget',
      pointer: '/states',
      message:
        'Flow definition: there is no Trigger widget (type "trigger"); every Studio flow starts with exactly one',
      fix: 'Add a widget of type "trigger" and name it in initial_state.',
    });
  }
  for (const extra of triggers.slice(1)) {
    const ref = widgetRef(states, extra);
    issues.push(
      issue(ref, {
        severity: 'error',
        rule: 'trigger-widget',
        pointer: `/states/${extra}/type`,
        message: `${ref.label}: a flow has exactly one Trigger widget, and this is another one`,
        fix: 'Remove the extra Trigger widget and connect its transitions from the first one.',
      }),
    );
  }

  // Targets of each widget's transitions to existing widgets, in transition order (edges are in that order).
  const targets: number[][] = Array.from({ length: states.length }, () => []);
  for (const edge of edges) {
    const target = byName.get(edge.next);
    if (target !== undefined) targets[edge.from]?.push(target);
  }
  const start = triggers[0] ?? (typeof initial === 'string' ? byName.get(initial) : undefined);
  const graph: FlowGraph = { names, byName, next: targets, start };
  // The walk that finds unreachable widgets, in the order the dominance of the Liquid rules needs.
  graph.order = postOrder(graph);
  issues.push(...unreachable(states, graph));
  return { issues, graph };
}

function unreachable(states: unknown[], graph: FlowGraph): LintIssue[] {
  const { byName, start } = graph;
  if (start === undefined) return [];
  const seen = new Uint8Array(graph.next.length);
  for (const node of graph.order ?? postOrder(graph)) seen[node] = 1;
  // In widget order (`/states/9` before `/states/10`), sorted by index: no collator to load at every start.
  const never = [...byName].filter(([, index]) => !seen[index]).sort((a, b) => a[1] - b[1]);
  return never.map(([name, index]) => {
    const ref = widgetRef(states, index);
    return issue(ref, {
      severity: 'warning',
      rule: 'unreachable-widget',
      pointer: `/states/${index}`,
      message: `${ref.label}: no transition leads here from the Trigger, so it never runs`,
      fix: `Connect a transition to "${name}" or delete the widget.`,
    });
  });
}
