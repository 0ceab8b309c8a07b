/** Small flow definitions for the simulator's tests: a trigger and the widgets a test names. */
import type { FlowDefinition } from '../../src/document/types.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import type { ContactInput, SimTrigger, SimulationInput, WidgetMock } from '../../src/simulate/types.ts';

export interface W {
  name: string;
  type: string;
  transitions?: { event: string; next?: string; [key: string]: unknown }[];
  properties?: Record<string, unknown>;
}

/** A flow whose Trigger sends each trigger event to `first` (the first widget given, unless named). */
export function flow(widgets: W[], first = widgets[0]?.name): FlowDefinition {
  const events = [
    'incomingMessage',
    'incomingCall',
    'incomingConversationMessage',
    'incomingRequest',
    'incomingParent',
  ];
  return {
    description: 'test',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: events.map((event) => (first ? { event, next: first } : { event })),
        properties: { offset: { x: 0, y: 0 } },
      },
      ...widgets.map((w) => ({
        name: w.name,
        type: w.type,
        transitions: w.transitions ?? [],
        properties: w.properties ?? {},
      })),
    ],
  };
}

export const SMS: SimTrigger = {
  event: 'incomingMessage',
  parameters: { Body: 'hi', From: '+15550001111', To: '+15559990000' },
};
export const CALL: SimTrigger = {
  event: 'incomingCall',
  parameters: { From: '+15550001111', To: '+15559990000', CallSid: 'CA1' },
};

export function sim(
  definition: FlowDefinition,
  extra: {
    trigger?: SimTrigger;
    inputs?: ContactInput[];
    mocks?: Record<string, WidgetMock[]>;
    now?: string;
    limits?: SimulationInput['limits'];
  } = {},
) {
  return simulate({
    definition,
    trigger: extra.trigger ?? SMS,
    inputs: extra.inputs ?? [],
    mocks: extra.mocks ?? {},
    ...(extra.now !== undefined ? { now: extra.now } : {}),
    ...(extra.limits ? { limits: extra.limits } : {}),
  });
}

/** The widgets an execution ran, in order. */
export const path = (result: ReturnType<typeof simulate>) => result.steps.map((s) => s.widget);
