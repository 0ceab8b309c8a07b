/**
 * The execution loop: from the initial state, run a widget, take the transition with the event it emitted, go
 * on with the widget it names, until a transition without `next` ends the execution
 * (https://www.twilio.com/docs/studio/user-guide/get-started: a widget's transitions name the next widget).
 *
 * Limits (Studio FAQ, https://www.twilio.com/docs/studio/user-guide/studio-faq): "Each Execution ends after
 * 1,000 steps": the 1,000th widget runs, and the execution stops instead of running a 1,001st. "If the same
 * widget runs 10 times in a row during an Execution, that Execution will stop": the 10th run in a row happens,
 * and the execution stops instead of following its transition to another run (Twilio error 81001, "Widget has
 * exceeded max steps in a loop").
 */
import type { FlowState } from '../document/types.ts';
import { makeRenderer } from './liquid-render.ts';
import { runMock, type MockRuns } from './mocks.ts';
import { makeStep, shown, widgetLabel } from './step.ts';
import { triggerContext } from './trigger-context.ts';
import type { Output, SimEnd, SimStep, SimulationInput, SimulationResult } from './types.ts';
import { runWidget } from './widgets.ts';

export const STEP_LIMIT = 1000;
export const SAME_WIDGET_LIMIT = 10;

type Loose = Record<string, unknown>;
const loose = (v: unknown): Loose | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;

/** The definition's widgets by name (the first of a duplicated name), each with a safe shape. */
function statesOf(definition: unknown): Map<string, FlowState> {
  const states = new Map<string, FlowState>();
  const list = loose(definition)?.['states'];
  for (const raw of Array.isArray(list) ? list : []) {
    const s = loose(raw);
    const name = s?.['name'];
    if (!s || typeof name !== 'string' || states.has(name)) continue;
    const transitions = Array.isArray(s['transitions'])
      ? (s['transitions'] as unknown[]).map((t) => loose(t) ?? {}).map((t) => ({ ...t, event: String(t['event']) }))
      : [];
    states.set(name, {
      name,
      type: typeof s['type'] === 'string' ? s['type'] : String(s['type']),
      transitions,
      properties: loose(s['properties']) ?? {},
    });
  }
  return states;
}

const NO_DEFINITION = {};
const cacheKey = (definition: unknown): object =>
  definition !== null && typeof definition === 'object' ? definition : NO_DEFINITION;

function limitOf(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : fallback;
}

const quote = (text: string) => JSON.stringify(text.slice(0, 120));

export function run(input: SimulationInput): SimulationResult {
  const states = statesOf(input.definition);
  const maxSteps = limitOf(input.limits?.steps, STEP_LIMIT);
  const sameLimit = limitOf(input.limits?.sameWidgetInARow, SAME_WIDGET_LIMIT);
  const now = input.now === undefined ? new Date() : new Date(input.now);
  const context = triggerContext(input.trigger);
  const step = makeStep(input, context, makeRenderer({ now, definition: cacheKey(input.definition) }));
  const steps: SimStep[] = [];
  const outputs: Output[] = [];
  const mockRuns: MockRuns = new Map();
  const finish = (end: SimEnd): SimulationResult => ({
    steps,
    end,
    outputs,
    variables: Object.fromEntries(Object.entries(context.flow.variables)),
    consumed: step.consumed,
    // Every mocked widget, run or not (0): a test can tell which of its mocks the execution never reached.
    mocksUsed: Object.fromEntries(
      Object.entries(input.mocks).map(([name, list]) => [name, Math.min(mockRuns.get(name) ?? 0, list.length)]),
    ),
  });

  const initial = loose(input.definition)?.['initial_state'];
  if (typeof initial !== 'string' || !states.has(initial))
    return finish({
      kind: 'error',
      widget: typeof initial === 'string' ? initial : '',
      message:
        typeof initial === 'string'
          ? `the flow's initial_state ${quote(initial)} names no widget of the flow`
          : 'the flow has no initial_state (the name of its Trigger widget)',
    });
  if (Number.isNaN(now.getTime()))
    return finish({
      kind: 'error',
      widget: initial,
      message: `"now" ${quote(String(input.now))} is not an ISO 8601 date-time`,
    });

  let name = initial;
  let previous: string | undefined;
  let inARow = 0;
  for (;;) {
    const state = states.get(name) as FlowState;
    if (steps.length >= maxSteps) return finish({ kind: 'limit', widget: name, limit: 'steps', count: steps.length });
    inARow = previous === name ? inARow + 1 : 1;
    const outcome = runMock(step, state, mockRuns) ?? runWidget(step, state);
    outputs.push(...outcome.outputs);
    const record: SimStep = { widget: name, type: state.type, outputs: outcome.outputs };
    if (outcome.input !== undefined) record.input = outcome.input;
    if (outcome.kind === 'stop') {
      steps.push(record);
      return finish(outcome.end);
    }
    record.event = outcome.event;
    if (outcome.mock !== undefined) record.mock = outcome.mock;
    if (outcome.condition !== undefined) record.condition = outcome.condition;
    if (outcome.splitInput !== undefined) record.splitInput = outcome.splitInput;
    const index = outcome.transition ?? state.transitions.findIndex((t) => t.event === outcome.event);
    const next = index >= 0 ? state.transitions[index]?.next : undefined;
    if (index >= 0) record.transition = index;
    if (typeof next !== 'string' || next === '') {
      steps.push(record);
      return finish({ kind: 'ended', widget: name, event: outcome.event });
    }
    record.next = next;
    steps.push(record);
    if (!states.has(next))
      return finish({
        kind: 'error',
        widget: name,
        message: `${widgetLabel(state)}: its "${shown(outcome.event)}" transition leads to ${quote(next)}, which is no widget of the flow`,
      });
    if (inARow >= sameLimit) return finish({ kind: 'limit', widget: name, limit: 'same-widget', count: inARow });
    previous = name;
    name = next;
  }
}
