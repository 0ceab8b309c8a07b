/**
 * The widgets that wait for the contact: each takes the next contact input of the test, in order.
 * - Send & Wait For Reply (https://www.twilio.com/docs/studio/widget-library/send-wait-reply): sends its body,
 *   then a reply is `incomingMessage` and its text `widgets.NAME.inbound.Body`; no reply in time is `timeout`;
 *   `deliveryFailure` when the message is not delivered.
 * - Gather Input On Call (https://www.twilio.com/docs/studio/widget-library/gather-input-call): says or plays its
 *   prompt, then keys pressed are `keypress` and `widgets.NAME.Digits`, speech is `speech` with
 *   `widgets.NAME.SpeechResult` and `widgets.NAME.Confidence`; nothing is `timeout`.
 * An input of a kind the widget cannot take, or meant for another widget (`at`), stops the execution with an
 * error naming both; with no input left the execution is `waiting` at the widget, its prompt already out.
 */
import type { FlowState } from '../document/types.ts';
import type { Outcome, Step } from './step.ts';
import { eventsOf, renderProperty, shown, spoken } from './step.ts';
import { bag, copy } from './trigger-context.ts';
import type { ContactInput, Output } from './types.ts';

function describe(input: ContactInput): string {
  return input.kind === 'event' ? `an event "${input.event}"` : `a ${input.kind}`;
}

function prompt(step: Step, state: FlowState): { ok: true; outputs: Output[] } | Outcome {
  if (state.type === 'gather-input-on-call') return spoken(step, state);
  const body = renderProperty(step, state, 'body');
  if (!body.ok) return body.stop;
  return { ok: true, outputs: body.text !== '' ? [{ widget: state.name, kind: 'message', text: body.text }] : [] };
}

/** The event and `widgets.NAME` values of one input at this wait, or why it does not fit. */
function take(state: FlowState, input: ContactInput, step: Step): { event: string; values: object } | string {
  const gather = state.type === 'gather-input-on-call';
  switch (input.kind) {
    case 'reply':
      if (gather) break;
      return {
        event: 'incomingMessage',
        values: {
          inbound: bag({
            Body: input.text,
            From:
              step.context.contact['channel'] &&
              (step.context.contact['channel'] as Record<string, unknown>)['address'],
            To: (step.context.flow['channel'] as Record<string, unknown>)['address'],
          }),
        },
      };
    case 'digits':
      if (!gather) break;
      return { event: 'keypress', values: { Digits: input.digits } };
    case 'speech':
      if (!gather) break;
      return {
        event: 'speech',
        values: {
          SpeechResult: input.text,
          ...(input.confidence !== undefined ? { Confidence: input.confidence } : {}),
        },
      };
    case 'timeout':
      return { event: 'timeout', values: {} };
    case 'event': {
      const events = eventsOf(state);
      if (!events.includes(input.event)) return `it emits ${events.join(', ')}, not "${input.event.slice(0, 80)}"`;
      return { event: input.event, values: input.outputs ?? {} };
    }
  }
  return gather
    ? 'a call takes digits, speech, a timeout or an event'
    : 'a message wait takes a reply, a timeout or an event';
}

export function runWait(step: Step, state: FlowState): Outcome {
  const said = prompt(step, state);
  if ('kind' in said) return said;
  const index = step.consumed;
  const input = step.input.inputs[index];
  if (!input) return { kind: 'stop', outputs: said.outputs, end: { kind: 'waiting', widget: state.name } };
  const stop = (message: string): Outcome => ({
    kind: 'stop',
    outputs: said.outputs,
    end: { kind: 'error', widget: state.name, input: index, message },
  });
  if (input.at !== undefined && input.at !== state.name)
    return stop(
      `contact input #${index + 1} (${describe(input)}) is for widget "${shown(input.at)}", but the execution ` +
        `is waiting at "${shown(state.name)}" (${shown(state.type)})`,
    );
  const taken = take(state, input, step);
  if (typeof taken === 'string')
    return stop(
      `contact input #${index + 1} is ${describe(input)}, which "${shown(state.name)}" (${shown(state.type)}) cannot take: ${taken}`,
    );
  step.consumed = index + 1;
  step.context.widgets[state.name] = copy(taken.values, 0);
  return { kind: 'event', event: taken.event, outputs: said.outputs, input: index };
}
