/**
 * What each widget type does in the simulator, when no mock stands in for it (mocks: ./mocks.ts). Only the
 * widgets whose outcome is known offline run by themselves, each emitting its documented event (the catalogue
 * src/lint/widgets.ts lists them per type, with each widget's page):
 * - trigger: the trigger's own event (https://www.twilio.com/docs/studio/widget-library/trigger-start);
 * - split-based-on: the first match transition whose conditions all hold, else `noMatch` (./conditions.ts);
 * - set-variables: `next`, after setting `flow.variables` (https://www.twilio.com/docs/studio/widget-library/set-variables);
 * - send-message: `sent` (https://www.twilio.com/docs/studio/widget-library/send-message);
 * - say-play: `audioComplete` (https://www.twilio.com/docs/studio/widget-library/sayplay);
 * - fork-stream: `next` (https://www.twilio.com/docs/studio/widget-library/fork-stream);
 * - the waits (send-and-wait-for-reply, gather-input-on-call) take the contact's next input (./waits.ts).
 * Everything else reaches outside Studio (HTTP, Functions, subflows, calls, Flex, payments, …): without a mock
 * its outcome is unknown, and the execution stops with `unsupported`, saying how to mock it.
 */
import { widgetSpec } from '../lint/widgets.ts';
import type { FlowState, FlowTransition } from '../document/types.ts';
import { testCondition } from './conditions.ts';
import type { Step } from './step.ts';
import { eventsOf, renderProperty, shown, spoken, textOf, widgetLabel, type Outcome } from './step.ts';
import { runWait } from './waits.ts';

export function unsupported(state: FlowState): Outcome {
  const events = eventsOf(state);
  const spec = widgetSpec(state.type);
  const why = spec
    ? `reaches outside Studio, so its outcome is not known offline`
    : `is a widget type the simulator does not know`;
  return {
    kind: 'stop',
    outputs: [],
    end: {
      kind: 'unsupported',
      widget: state.name,
      type: state.type,
      message:
        `${widgetLabel(state)} ${why}: mock it with one of its events ` +
        `(${events.length > 0 ? events.join(', ') : 'none listed'}) and the outputs the next widgets read ` +
        `(widgets.${shown(state.name)}.…).`,
    },
  };
}

function conditionsOf(transition: FlowTransition): unknown[] | undefined {
  const list = transition['conditions'];
  return Array.isArray(list) ? list : undefined;
}

type Loose = Record<string, unknown>;
const loose = (v: unknown): Loose | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;

/** Split Based On…: transitions in order, the first `match` whose conditions all hold, else noMatch. */
function split(step: Step, state: FlowState): Outcome {
  const input = renderProperty(step, state, 'input');
  if (!input.ok) return input.stop;
  for (const [index, transition] of state.transitions.entries()) {
    if (transition.event !== 'match') continue;
    const conditions = conditionsOf(transition);
    if (!conditions || conditions.length === 0)
      return step.error(state, `transition #${index} ("match") has no conditions to test`);
    let all = true;
    let name: string | undefined;
    for (const [c, raw] of conditions.entries()) {
      const condition = loose(raw);
      const type = condition?.['type'];
      if (!condition || typeof type !== 'string')
        return step.error(state, `transition #${index}, condition #${c} has no "type"`);
      name ??= typeof condition['friendly_name'] === 'string' ? condition['friendly_name'] : undefined;
      const args = Array.isArray(condition['arguments']) ? (condition['arguments'] as unknown[]) : [];
      const subject = typeof args[0] === 'string' ? step.render(state, `conditions[${c}].arguments`, args[0]) : input;
      if (!subject.ok) return subject.stop;
      const value = step.render(state, `conditions[${c}].value`, textOf(condition['value']));
      if (!value.ok) return value.stop;
      const verdict = testCondition({ type, input: subject.text, value: value.text });
      if (!verdict.ok) return step.error(state, `transition #${index}, condition #${c}: ${verdict.message}`);
      if (!verdict.holds) {
        all = false;
        break;
      }
    }
    if (all)
      return {
        kind: 'event',
        event: 'match',
        transition: index,
        outputs: [],
        splitInput: input.text,
        ...(name ? { condition: name } : {}),
      };
  }
  return { kind: 'event', event: 'noMatch', outputs: [], splitInput: input.text };
}

/**
 * Set Variables: each `{key, value}` rendered into flow.variables. Values are text (a Liquid render). The docs do
 * not say whether a value sees a variable set earlier in the same widget: one that reads such a variable stops the
 * execution with an error rather than guessing.
 */
function setVariables(step: Step, state: FlowState): Outcome {
  const list = state.properties['variables'];
  const entries = Array.isArray(list) ? list : [];
  const values: [string, string][] = [];
  for (const [i, raw] of entries.entries()) {
    const entry = loose(raw);
    const key = entry?.['key'];
    if (!entry || typeof key !== 'string' || key === '') return step.error(state, `variables[${i}] has no "key"`);
    // Exports write `"type": "string"` on each entry; another type is likely the page's "Parse as JSON object"
    // option, whose JSON form the docs do not show: stop rather than guess how Studio stores it.
    const kind = entry['type'];
    if (kind !== undefined && kind !== 'string')
      return step.error(
        state,
        `variables[${i}] ("${key}") has type ${JSON.stringify(typeof kind === 'string' ? kind.slice(0, 40) : (JSON.stringify(kind) ?? ''))}; the simulator reads only ` +
          'text variables (the docs do not show how a "Parse as JSON object" variable is stored)',
      );
    const text = textOf(entry['value']);
    const earlier = values.find(([k]) => k !== key && text.includes(`flow.variables.${k}`));
    if (earlier)
      return step.error(
        state,
        `variables[${i}] ("${key}") reads flow.variables.${earlier[0]}, set earlier in the same widget; the docs do ` +
          'not say whether it sees the new value: set it in a widget before this one',
      );
    const value = step.render(state, `variables[${i}].value`, text);
    if (!value.ok) return value.stop;
    values.push([key, value.text]);
  }
  for (const [key, value] of values) step.context.flow.variables[key] = value;
  return { kind: 'event', event: 'next', outputs: [] };
}

function sendMessage(step: Step, state: FlowState): Outcome {
  const body = renderProperty(step, state, 'body');
  if (!body.ok) return body.stop;
  const outputs = body.text !== '' ? [{ widget: state.name, kind: 'message' as const, text: body.text }] : [];
  return { kind: 'event', event: 'sent', outputs };
}

function sayPlay(step: Step, state: FlowState): Outcome {
  const said = spoken(step, state);
  if ('kind' in said) return said;
  return { kind: 'event', event: 'audioComplete', outputs: said.outputs };
}

export function runWidget(step: Step, state: FlowState): Outcome {
  switch (state.type) {
    case 'trigger': {
      const event = step.input.trigger.event;
      if (!eventsOf(state).includes(event))
        return step.error(
          state,
          `a trigger emits ${eventsOf(state).join(', ')}, not ${JSON.stringify(String(event).slice(0, 80))}`,
        );
      return { kind: 'event', event, outputs: [] };
    }
    case 'split-based-on':
      return split(step, state);
    case 'set-variables':
      return setVariables(step, state);
    case 'send-message':
      return sendMessage(step, state);
    case 'say-play':
      return sayPlay(step, state);
    case 'fork-stream':
      return { kind: 'event', event: 'next', outputs: [] };
    case 'send-and-wait-for-reply':
    case 'gather-input-on-call':
      return runWait(step, state);
    default:
      return unsupported(state);
  }
}
