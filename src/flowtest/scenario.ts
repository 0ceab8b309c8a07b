/** A test scenario → the simulator's input (src/simulate/types.ts): trigger, contact inputs, mocks, clock. */
import type { ContactInput, SimulationInput, WidgetMock } from '../simulate/types.ts';
import type { FlowDefinition } from '../document/types.ts';
import type { RawInput, RawMock, RawScenario } from './model.ts';
import { TRIGGER_EVENTS } from './schema.ts';
import type { TriggerKey } from './schema.ts';

type Segments = readonly (string | number)[];

/** Where a scenario's nodes are: a scalar's text as written, and a node's line (the simulator's `origin`). */
export interface ScenarioSource {
  /** A scalar as written in the file, when the node is one (`+1555…` stays text, `007` keeps its zeros). */
  source: (segments: Segments) => string | undefined;
  origin: (segments: Segments) => number;
}

export function triggerKey(trigger: RawScenario['trigger']): TriggerKey {
  return (typeof trigger === 'string' ? trigger : (Object.keys(trigger)[0] ?? 'call')) as TriggerKey;
}

/**
 * The event a mock without `event` stands for: an HTTP request or Function succeeds on a 2xx status (the default
 * is 200) and fails otherwise, as their docs say; a subflow completes. Other widgets need the event written.
 */
export function mockEventDefault(type: string, mock: RawMock): string | undefined {
  const ok = (mock.status ?? 200) >= 200 && (mock.status ?? 200) < 300;
  if (type === 'make-http-request') return ok ? 'success' : 'failed';
  if (type === 'run-function') return ok ? 'success' : 'fail';
  if (type === 'run-subflow') return 'completed';
  return undefined;
}

/** A scalar value as the file writes it (for text Studio gives as text: call and message parameters, replies). */
function asText(value: unknown, written: string | undefined): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return written ?? String(value);
  return value;
}

function parameters(s: RawScenario, src: ScenarioSource, base: Segments): Record<string, unknown> {
  if (typeof s.trigger === 'string') return {};
  const key = triggerKey(s.trigger);
  const given = s.trigger[key] ?? {};
  // A REST request's or a parent flow's parameters are data (flow.data keeps their types); the others are text.
  if (key === 'request' || key === 'parent') return { ...given };
  return Object.fromEntries(
    Object.entries(given).map(([k, v]) => [k, asText(v, src.source([...base, 'trigger', key, k]))]),
  );
}

function contactInput(input: RawInput, src: ScenarioSource, at: Segments): ContactInput {
  const common = { ...(input.at === undefined ? {} : { at: input.at }), origin: src.origin(at) };
  const text = (key: string, value: unknown): string => String(asText(value, src.source([...at, key])));
  if (input.press !== undefined) return { ...common, kind: 'digits', digits: text('press', input.press) };
  if (input.say !== undefined)
    return {
      ...common,
      kind: 'speech',
      text: text('say', input.say),
      ...(input.confidence === undefined ? {} : { confidence: input.confidence }),
    };
  if (input.reply !== undefined) return { ...common, kind: 'reply', text: text('reply', input.reply) };
  if (input.timeout) return { ...common, kind: 'timeout' };
  return { ...common, kind: 'event', event: input.event ?? '', ...(input.outputs ? { outputs: input.outputs } : {}) };
}

function widgetMock(type: string, mock: RawMock, origin: number): WidgetMock {
  const outputs: Record<string, unknown> = {};
  const event = mock.event ?? mockEventDefault(type, mock) ?? '';
  const status =
    mock.status ??
    (mock.event === undefined && (type === 'make-http-request' || type === 'run-function') ? 200 : undefined);
  if (status !== undefined) outputs['status_code'] = status;
  if (mock.body !== undefined) {
    const data = typeof mock.body !== 'string';
    outputs['body'] = data ? JSON.stringify(mock.body) : mock.body;
    if (data) outputs['parsed'] = mock.body;
    if (data && mock.content_type === undefined) outputs['content_type'] = 'application/json';
  }
  if (mock.content_type !== undefined) outputs['content_type'] = mock.content_type;
  Object.assign(outputs, mock.outputs ?? {});
  return { event, outputs, origin };
}

/** The simulator's input for scenario `index` (already checked against the flow by flow-checks.ts). */
export function simulationInput(input: {
  definition: FlowDefinition;
  scenario: RawScenario;
  index: number;
  src: ScenarioSource;
}): SimulationInput {
  const { definition, scenario: s, src } = input;
  const base = ['scenarios', input.index];
  const types = new Map(definition.states.map((state) => [state.name, state.type]));
  const mocks = Object.fromEntries(
    Object.entries(s.mocks ?? {}).map(([widget, mock]) => {
      const list = Array.isArray(mock) ? mock : [mock];
      const at = (i: number): Segments =>
        Array.isArray(mock) ? [...base, 'mocks', widget, i] : [...base, 'mocks', widget];
      return [widget, list.map((m, i) => widgetMock(types.get(widget) ?? '', m, src.origin(at(i))))];
    }),
  );
  return {
    definition,
    trigger: { event: TRIGGER_EVENTS[triggerKey(s.trigger)], parameters: parameters(s, src, base) },
    inputs: (s.contact ?? []).map((c, i) => contactInput(c, src, [...base, 'contact', i])),
    mocks,
    ...(s.now === undefined ? {} : { now: s.now }),
  };
}
