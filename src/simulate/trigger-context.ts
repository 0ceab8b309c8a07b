/**
 * The Liquid context of one execution: `trigger`, `widgets`, `flow` and `contact`, as Studio's docs describe them.
 * Every object whose keys come from the flow or the test (widget names, variable names, parameters) has no
 * prototype, so a widget or variable named `__proto__` or `constructor` is data like any other name.
 *
 * Sources:
 * - Trigger widget (https://www.twilio.com/docs/studio/widget-library/trigger-start): the incoming message's
 *   parameters are `trigger.message.*` (Body, From, To, …), the call's `trigger.call.*` (From, To, CallSid, …),
 *   a REST API execution's `trigger.request.*`, a subflow's `trigger.parent.parameters.*`
 *   (https://www.twilio.com/docs/studio/widget-library/run-subflow), a Conversations message's
 *   `trigger.conversation.*`.
 * - Execution REST API (https://www.twilio.com/docs/studio/rest-api/v2/execution): `To` is
 *   `{{contact.channel.address}}`, `From` is `{{flow.channel.address}}`, and `Parameters` are `{{flow.data.*}}`.
 *   For an incoming message or call the contact is the sender (`From`) and the flow's channel is the number
 *   called or texted (`To`).
 * - Set Variables (https://www.twilio.com/docs/studio/widget-library/set-variables): `flow.variables.<key>`.
 * - `flow.sid` / `flow.flow_sid`: offline there is no Flow SID; a placeholder of the right shape stands in.
 */
import type { SimTrigger } from './types.ts';

export type Bag = Record<string, unknown>;

/** An object without a prototype holding the given entries. */
export function bag(entries?: Readonly<Record<string, unknown>>): Bag {
  const out = Object.create(null) as Bag;
  if (entries) for (const [key, value] of Object.entries(entries)) out[key] = copy(value, 0);
  return out;
}

/** A deep copy into prototype-free objects (bounded depth: a hostile input never recurses for ever). */
export function copy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 32) return undefined;
  if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1));
  const out = Object.create(null) as Bag;
  for (const [key, item] of Object.entries(value as Bag)) out[key] = copy(item, depth + 1);
  return out;
}

/** Placeholder Flow SID (FW + 32 hex digits) for `flow.sid` / `flow.flow_sid`. */
export const FLOW_SID = 'FW00000000000000000000000000000000';

export interface RunContext {
  trigger: Bag;
  widgets: Bag;
  flow: Bag & { variables: Bag; data: Bag };
  contact: Bag;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function triggerContext(trigger: SimTrigger): RunContext {
  const params = bag(trigger.parameters);
  const from = text(params['From']);
  const to = text(params['To']);
  const triggerBag = bag();
  const rest = trigger.event === 'incomingRequest';
  switch (trigger.event) {
    case 'incomingMessage':
      triggerBag['message'] = params;
      break;
    case 'incomingCall':
      triggerBag['call'] = params;
      break;
    case 'incomingConversationMessage':
      triggerBag['conversation'] = params;
      break;
    case 'incomingRequest':
      triggerBag['request'] = params;
      break;
    case 'incomingParent':
      triggerBag['parent'] = bag({ parameters: params });
      break;
  }
  const flow = bag({ sid: FLOW_SID, flow_sid: FLOW_SID }) as RunContext['flow'];
  flow.variables = bag();
  // REST API executions: the Parameters are flow.data; the simulator takes them from the trigger's parameters.
  flow.data = rest ? params : bag();
  flow['channel'] = bag({ address: rest ? from : to });
  const contact = bag({ channel: bag({ address: rest ? to : from }) });
  return { trigger: triggerBag, widgets: bag(), flow, contact };
}
