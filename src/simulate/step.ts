/**
 * What a widget's behaviour sees of the run (the input, the Liquid context, the renderer, the contact inputs
 * taken so far) and what it returns: the event it emitted, or the end that stops the execution at it.
 */
import type { FlowState } from '../document/types.ts';
import { widgetSpec } from '../lint/widgets.ts';
import type { Renderer } from './liquid-render.ts';
import type { RunContext } from './trigger-context.ts';
import type { Output, SimEnd, SimulationInput } from './types.ts';

export type Outcome =
  | {
      kind: 'event';
      event: string;
      outputs: Output[];
      /** The transition index when it is not simply the first with this event (a split's match). */
      transition?: number;
      condition?: string;
      splitInput?: string;
      input?: number;
      mock?: number;
    }
  | { kind: 'stop'; end: SimEnd; outputs: Output[]; input?: number };

export type Text = { ok: true; text: string } | { ok: false; stop: Outcome };

export interface Step {
  input: SimulationInput;
  context: RunContext;
  /** Contact inputs consumed so far. */
  consumed: number;
  render(state: FlowState, property: string, text: string): Text;
  error(state: FlowState, message: string): Outcome;
}

/** A name or type as a message shows it: at most 120 characters (a hostile flow may hold a name of megabytes). */
export const shown = (text: string): string => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** "Widget "NAME" (TYPE)", both shortened, to open a message about a widget. */
export const widgetLabel = (state: { name: string; type: string }): string =>
  `Widget "${shown(state.name)}" (${shown(state.type)})`;

/** A property's text as Studio would hold it: strings as they are, numbers and booleans as text, else empty. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function renderProperty(step: Step, state: FlowState, property: string): Text {
  return step.render(state, property, textOf(state.properties[property]));
}

export function makeStep(input: SimulationInput, context: RunContext, renderer: Renderer): Step {
  const step: Step = {
    input,
    context,
    consumed: 0,
    error: (state, message) => ({
      kind: 'stop',
      outputs: [],
      end: { kind: 'error', widget: state.name, message: `${widgetLabel(state)}: ${message}` },
    }),
    render(state, property, text) {
      const rendered = renderer.render(text, context);
      if (rendered.ok) return rendered;
      return { ok: false, stop: step.error(state, `property "${property}": ${rendered.message}`) };
    },
  };
  return step;
}

/**
 * The events a widget can emit: its type's documented ones (src/lint/widgets.ts); for a type whose list the docs
 * leave open, or a type the catalogue does not know, also those its transitions name.
 */
export function eventsOf(state: FlowState): string[] {
  const spec = widgetSpec(state.type);
  const known = spec?.events ?? [];
  if (spec && !spec.openEvents) return [...known];
  const own = state.transitions.map((t) => t.event).filter((e): e is string => typeof e === 'string');
  return [...new Set([...known, ...own])];
}

/** Say/Play: the `say` text, or the `play` URL (rendered). */
export function spoken(step: Step, state: FlowState): { ok: true; outputs: Outcome['outputs'] } | Outcome {
  const outputs: Outcome['outputs'] = [];
  for (const [property, kind] of [
    ['say', 'say'],
    ['play', 'play'],
  ] as const) {
    if (typeof state.properties[property] !== 'string') continue;
    const text = renderProperty(step, state, property);
    if (!text.ok) return text.stop;
    if (text.text !== '') outputs.push({ widget: state.name, kind, text: text.text });
  }
  return { ok: true, outputs };
}
