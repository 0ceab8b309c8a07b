/**
 * The offline simulator's contract: one execution of a Studio flow definition, driven by a trigger, what the
 * contact does at each wait, and the mocked outcomes of widgets that reach outside Studio (HTTP, Functions,
 * subflows, calls). It returns the record of what happened, step by step; it never guesses an outcome it cannot
 * know (a widget type it does not simulate, an outside call without a mock): the execution stops there and the
 * end says why.
 *
 * Semantics follow Twilio's documentation (cited where implemented): a widget emits one of its transition events;
 * the transition with that event names the next widget; a transition without `next` ends the execution. Limits
 * (Studio FAQ, https://www.twilio.com/docs/studio/user-guide/studio-faq): an execution ends after 1,000 steps, and
 * is stopped when the same widget runs 10 times in a row.
 */
import type { FlowDefinition } from '../document/types.ts';

/** How the execution starts: the trigger widget's event, and the trigger's own data. */
export type TriggerKind =
  'incomingMessage' | 'incomingCall' | 'incomingConversationMessage' | 'incomingRequest' | 'incomingParent';

export interface SimTrigger {
  event: TriggerKind;
  /**
   * The parameters of the incoming message/call/request as Studio gives them (e.g. `Body`, `From`, `To`,
   * `CallSid`; for a REST trigger or a subflow, the `parameters`). The simulator builds the `trigger`, `flow`
   * and `contact` Liquid objects from them as the docs describe (trigger.message.Body, trigger.call.From,
   * flow.data for REST parameters, contact.channel.address, …).
   */
  parameters: Readonly<Record<string, unknown>>;
}

/** Where something came from in a test file (the runner maps results back to lines with it). */
export type Origin = number;

/** What the contact does at a wait, taken in order. `at` (optional): the wait widget it must happen at. */
export type ContactInput = { at?: string; origin?: Origin } & (
  | { kind: 'reply'; text: string } // send-and-wait-for-reply → incomingMessage; widgets.X.inbound.Body
  | { kind: 'digits'; digits: string } // gather-input-on-call → keypress; widgets.X.Digits
  | { kind: 'speech'; text: string; confidence?: number } // gather-input-on-call → speech; widgets.X.SpeechResult
  | { kind: 'timeout' } // a wait times out → timeout
  | { kind: 'event'; event: string; outputs?: Readonly<Record<string, unknown>> } // any other event of the wait (deliveryFailure, …)
);

/**
 * A widget's mocked outcome: the event it emits and the values `widgets.NAME.…` then holds (for an HTTP request
 * or Function: `status_code`, `body`, `parsed` (the simulator parses a JSON `body` when `parsed` is not given),
 * `content_type`; for a subflow: its outputs).
 */
export interface WidgetMock {
  event: string;
  outputs?: Readonly<Record<string, unknown>>;
  origin?: Origin;
}

export interface SimulationInput {
  definition: FlowDefinition;
  trigger: SimTrigger;
  inputs: readonly ContactInput[];
  /** Per widget name: the outcomes of its successive runs (the last repeats). Any widget may be mocked. */
  mocks: Readonly<Record<string, readonly WidgetMock[]>>;
  /** The clock time-of-day and date conditions compare with (ISO 8601 with offset). Default: the real clock. */
  now?: string;
  /** Defaults: Studio's (1,000 steps; 10 runs of one widget in a row). */
  limits?: { steps?: number; sameWidgetInARow?: number };
}

/** Text the flow sends or says, rendered. */
export interface Output {
  widget: string;
  /** message: send-message / send-and-wait-for-reply body; say: say-play / gather `say`; play: an audio URL. */
  kind: 'message' | 'say' | 'play';
  text: string;
}

/** One widget run. */
export interface SimStep {
  widget: string;
  type: string;
  /** The event it emitted; absent when the execution stopped at this widget (see the end). */
  event?: string;
  /** Index in the widget's `transitions` of the transition taken (each split condition is its own transition). */
  transition?: number;
  /** For a split: the friendly_name of the condition that matched. */
  condition?: string;
  /** For a split: its `input`, rendered (what the conditions were tested on). */
  splitInput?: string;
  next?: string;
  /** Index in `inputs` of the contact input this step consumed. */
  input?: number;
  /** This step's outcome came from a mock: its index in the widget's mock list. */
  mock?: number;
  outputs: Output[];
}

export type SimEnd =
  /** A transition without `next`: the execution ended normally. */
  | { kind: 'ended'; widget: string; event: string }
  /** A wait with no contact input left: the execution is still waiting there. */
  | { kind: 'waiting'; widget: string }
  /** A widget type the simulator does not run, or an outside call with no mock: stopped, never guessed. */
  | { kind: 'unsupported'; widget: string; type: string; message: string }
  | { kind: 'limit'; widget: string; limit: 'steps' | 'same-widget'; count: number }
  /** Anything else that stops it: a contact input of the wrong kind or at another widget, a Liquid error, a missing widget. */
  | { kind: 'error'; widget: string; message: string; input?: number };

export interface SimulationResult {
  steps: SimStep[];
  end: SimEnd;
  /** Every output of every step, in order. */
  outputs: Output[];
  /** flow.variables at the end. */
  variables: Record<string, unknown>;
  /** Contact inputs consumed (the first `consumed` of `inputs`). */
  consumed: number;
  /** Per mocked widget name, how many of its mocks were used. */
  mocksUsed: Record<string, number>;
}
