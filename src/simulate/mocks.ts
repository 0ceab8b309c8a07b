/**
 * Mocked outcomes: any widget may be mocked, and the mock wins over the widget's own behaviour. A widget's mocks
 * are used in order, one per run, the last repeating. The mock's event must be one the widget emits (its
 * transition events), else the execution stops with an error naming both.
 *
 * The mock's outputs become `widgets.NAME.*`. For an HTTP Request or a Function
 * (https://www.twilio.com/docs/studio/widget-library/http-request,
 * https://www.twilio.com/docs/studio/widget-library/run-function): `body` is the response text as Liquid sees
 * it (an object given as the body stands for its JSON text), and `parsed` is the body's JSON when it is JSON and
 * no `parsed` is given.
 */
import type { FlowState } from '../document/types.ts';
import { eventsOf, type Outcome, type Step } from './step.ts';
import { bag, copy, type Bag } from './trigger-context.ts';
import type { WidgetMock } from './types.ts';

const PARSES_BODY = new Set(['make-http-request', 'run-function']);

function outputsOf(state: FlowState, mock: WidgetMock): Bag {
  const values = bag(mock.outputs ?? {});
  if (!PARSES_BODY.has(state.type) || !Object.hasOwn(values, 'body')) return values;
  const body = values['body'];
  if (body !== null && typeof body === 'object') {
    values['body'] = JSON.stringify(body);
    if (!Object.hasOwn(values, 'parsed')) values['parsed'] = body;
  } else if (typeof body === 'string' && !Object.hasOwn(values, 'parsed')) {
    try {
      values['parsed'] = copy(JSON.parse(body), 0);
    } catch {
      // Not JSON: no `parsed`, as the docs say for a body that is not JSON.
    }
  }
  return values;
}

/** Per widget name, how many runs took a mock so far. */
export type MockRuns = Map<string, number>;

/** The mocked outcome of this run of the widget, or undefined when it has no mock. */
export function runMock(step: Step, state: FlowState, runs: MockRuns): Outcome | undefined {
  const mocks = Object.hasOwn(step.input.mocks, state.name) ? step.input.mocks[state.name] : undefined;
  if (!mocks || mocks.length === 0) return undefined;
  const run = runs.get(state.name) ?? 0;
  runs.set(state.name, run + 1);
  const index = Math.min(run, mocks.length - 1);
  const mock = mocks[index] as WidgetMock;
  const events = eventsOf(state);
  if (!events.includes(mock.event))
    return step.error(
      state,
      `its mock #${index + 1} emits "${String(mock.event).slice(0, 80)}", which is not one of its events ` +
        `(${events.join(', ') || 'none'})`,
    );
  if (state.type === 'split-based-on' && mock.event === 'match')
    return step.error(
      state,
      'a mock of a split cannot choose among its "match" transitions: mock the widgets its input reads instead',
    );
  step.context.widgets[state.name] = outputsOf(state, mock);
  return { kind: 'event', event: mock.event, outputs: [], mock: index };
}
