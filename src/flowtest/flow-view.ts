/** What the test runner reads of a flow definition: its widgets by name, their types and the events they emit. */
import type { FlowDefinition, FlowState } from '../document/types.ts';
import { widgetSpec } from '../lint/widgets.ts';

export interface FlowView {
  definition: FlowDefinition;
  widgets: Map<string, FlowState>;
  /** The trigger widget (the initial state when it is a trigger, else the first trigger). */
  trigger?: FlowState;
}

function isState(value: unknown): value is FlowState {
  if (value === null || typeof value !== 'object') return false;
  const state = value as Record<string, unknown>;
  return typeof state['name'] === 'string' && typeof state['type'] === 'string' && Array.isArray(state['transitions']);
}

/** The view of a checked definition, or undefined when it has no list of widgets to run. */
export function flowView(definition: unknown): FlowView | undefined {
  if (definition === null || typeof definition !== 'object') return undefined;
  const states = (definition as Record<string, unknown>)['states'];
  if (!Array.isArray(states)) return undefined;
  const widgets = new Map<string, FlowState>();
  for (const state of states as unknown[])
    if (isState(state) && !widgets.has(state.name)) widgets.set(state.name, state);
  const initial = widgets.get(String((definition as Record<string, unknown>)['initial_state']));
  const trigger = initial?.type === 'trigger' ? initial : [...widgets.values()].find((w) => w.type === 'trigger');
  return { definition: definition as FlowDefinition, widgets, ...(trigger ? { trigger } : {}) };
}

/** The events a widget can emit: its type's documented ones (src/lint/widgets.ts) and its own transitions'. */
export function widgetEvents(state: FlowState): string[] {
  const events = new Set(widgetSpec(state.type)?.events ?? []);
  for (const t of state.transitions) if (typeof t?.event === 'string') events.add(t.event);
  return [...events];
}

/** The widget types that wait for the contact (src/simulate/waits.ts). */
export const WAITS: readonly string[] = ['send-and-wait-for-reply', 'gather-input-on-call'];

/** What each contact input kind needs. */
export const WAIT_TYPES = {
  reply: 'send-and-wait-for-reply',
  press: 'gather-input-on-call',
  say: 'gather-input-on-call',
} as const;
