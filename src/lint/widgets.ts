/**
 * What we know for sure about each Studio widget type: the transition events it emits and the
 * properties it cannot work without. Sources: Twilio's Studio widget library (one page per widget,
 * cited as `doc` on each entry; the index is https://www.twilio.com/docs/studio/widget-library), the
 * Flow definition samples and JSON-schema pages (twilio.com/docs/studio/rest-api/v2/flow-definition,
 * /schemas), the generated widget structs of RJPearson94/twilio-sdk-go (studio/widgets/*.go, which
 * list each type's transitions), and real exported flows (test/fixtures/real-flows). Deliberately
 * conservative: a property is required here only when the docs say so and every export has it,
 * because a false error would block a user's merge.
 *
 * Where the docs leave a widget's events unclear, its entry says so and sets `openEvents`: its
 * listed events are the ones we know, and another event is accepted unless it looks like a typo of one.
 *
 * Documented widgets NOT listed here (their flows get an "unknown widget type" warning, never an
 * error, and Twilio's Validate still checks them): the ConversationRelay widget
 * (https://www.twilio.com/docs/studio/widget-library/run-conversationrelay), whose `type` string the
 * docs we could read do not show.
 */

export interface WidgetSpec {
  /** Transition events the widget emits; anything else is a warning (see openEvents), never an error. */
  events: readonly string[];
  /**
   * The docs do not settle the full event list: an event beyond `events` is accepted without a warning,
   * unless it is a near miss of a listed one ("Failed", "faild"), which is flagged as a typo.
   */
  openEvents?: true;
  /** Properties that must be present (all of them are strings in every export we have seen). */
  required: readonly string[];
  /** Required unless this property is present instead (message widgets using a Content template). */
  requiredUnless?: { property: string; instead: string };
  /** Twilio's documentation page of the widget, the source of this entry. */
  doc: string;
}

const LIBRARY = 'https://www.twilio.com/docs/studio/widget-library';

export const WIDGETS: Readonly<Record<string, WidgetSpec>> = {
  // Flow control. incomingConversationMessage: the Incoming Conversation trigger of Conversations/Flex;
  // incomingParent: the Subflow trigger (https://www.twilio.com/docs/studio/subflows).
  trigger: {
    events: ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'],
    required: [],
    doc: `${LIBRARY}/trigger-start`,
  },
  'split-based-on': { events: ['noMatch', 'match'], required: ['input'], doc: `${LIBRARY}/split-based-on` },
  'set-variables': { events: ['next'], required: [], doc: `${LIBRARY}/set-variables` },

  // Voice.
  'say-play': { events: ['audioComplete'], required: [], doc: `${LIBRARY}/sayplay` },
  'gather-input-on-call': {
    events: ['keypress', 'speech', 'timeout'],
    required: [],
    doc: `${LIBRARY}/gather-input-call`,
  },
  'connect-call-to': { events: ['callCompleted', 'hangup'], required: ['noun'], doc: `${LIBRARY}/connect-call` },
  // The "Make Outgoing Call" widget; `-v2` is the type every export and the SDK structs use.
  'make-outgoing-call-v2': {
    events: ['answered', 'busy', 'noAnswer', 'failed'],
    required: [],
    doc: `${LIBRARY}/make-outgoing-call`,
  },
  'record-voicemail': {
    events: ['recordingComplete', 'noAudio', 'hangup'],
    required: [],
    doc: `${LIBRARY}/record-voicemail`,
  },
  // The "Call Recording" widget.
  'record-call': { events: ['success', 'failed'], required: [], doc: `${LIBRARY}/call-recording` },
  'enqueue-call': {
    events: ['callComplete', 'failedToEnqueue', 'callFailure'],
    required: [],
    doc: `${LIBRARY}/enqueue-call`,
  },
  'capture-payments': {
    events: ['success', 'maxFailedAttempts', 'providerError', 'payInterrupted', 'hangup', 'validationError'],
    required: [],
    doc: `${LIBRARY}/capture-payments`,
  },
  'fork-stream': { events: ['next'], required: [], doc: `${LIBRARY}/fork-stream` },
  'connect-virtual-agent': { events: ['return', 'hangup'], required: [], doc: `${LIBRARY}/connect-virtual-agent` },

  // Messaging.
  'send-message': {
    events: ['sent', 'failed'],
    required: [],
    requiredUnless: { property: 'body', instead: 'content_sid' },
    doc: `${LIBRARY}/send-message`,
  },
  'send-and-wait-for-reply': {
    events: ['incomingMessage', 'timeout', 'deliveryFailure'],
    required: [],
    requiredUnless: { property: 'body', instead: 'content_sid' },
    doc: `${LIBRARY}/send-wait-reply`,
  },
  // Outbound (REST-triggered) flows: creates a Conversation with one participant. The page states the
  // Failed transition ("transitions to Failed" when the execution already has a channel); "created", the
  // success event, is from the project's notes on real published flows (DESIGN.md), not from page text we
  // could read: so other events are accepted (a near miss of these two is still flagged as a typo).
  // Properties include conversation_service_sid, participants, timers_inactive and timers_closed; none is
  // required here.
  'start-conversation': {
    events: ['created', 'failed'],
    openEvents: true,
    required: [],
    doc: `${LIBRARY}/start-conversation`,
  },
  // The Start Conversation widget's sibling for an existing Conversation. Its page states the Failed
  // transition. Its type string is inferred from the page's address and from start-conversation (the page
  // text we could read shows no JSON); an entry for a wrong name is never matched, so it cannot mislead. The
  // success event is not in what we could read of the page: other events are accepted (a near miss of
  // "failed" is still flagged as a typo).
  'resume-conversation': { events: ['failed'], openEvents: true, required: [], doc: `${LIBRARY}/resume-conversation` },

  // Tools & code execution.
  'make-http-request': { events: ['success', 'failed'], required: ['method', 'url'], doc: `${LIBRARY}/http-request` },
  'run-function': { events: ['success', 'fail'], required: ['url'], doc: `${LIBRARY}/run-function` },
  // The "TwiML Redirect" widget.
  'add-twiml-redirect': { events: ['return', 'timeout', 'fail'], required: ['url'], doc: `${LIBRARY}/twiml-redirect` },
  'run-subflow': { events: ['completed', 'failed'], required: ['flow_sid'], doc: `${LIBRARY}/run-subflow` },

  // Other Twilio products.
  'send-to-flex': {
    events: ['callComplete', 'failedToEnqueue', 'callFailure'],
    required: ['workflow', 'channel'],
    doc: `${LIBRARY}/send-flex`,
  },
  // Autopilot is retired and the widget is not in the library's index as we read it; old flows still hold it. Source:
  // the widget schemas (https://www.twilio.com/docs/studio/rest-api/v2/schemas) and the SDK structs.
  'send-to-auto-pilot': {
    events: ['sessionEnded', 'failure', 'timeout'],
    required: [],
    doc: 'https://www.twilio.com/docs/studio/rest-api/v2/schemas',
  },
};

export function widgetSpec(type: unknown): WidgetSpec | undefined {
  return typeof type === 'string' && Object.hasOwn(WIDGETS, type) ? WIDGETS[type] : undefined;
}
