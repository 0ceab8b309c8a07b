/**
 * What we know for sure about each Studio widget type: the transition events it emits and the
 * properties it cannot work without. Sources: Twilio's Studio widget library pages
 * (twilio.com/docs/studio/widget-library/*), the Flow definition samples and JSON-schema page
 * (twilio.com/docs/studio/rest-api/v2/flow-definition, /schemas), the generated widget structs of
 * RJPearson94/twilio-sdk-go (studio/widgets/*.go), and real exported flows. Deliberately
 * conservative: a property is required here only when the docs say so and every export has it,
 * because a false error would block a user's merge.
 */

export interface WidgetSpec {
  /** Transition events the widget emits; anything else is a warning, never an error. */
  events: readonly string[];
  /** Properties that must be present (all of them are strings in every export we have seen). */
  required: readonly string[];
  /** Required unless this property is present instead (message widgets using a Content template). */
  requiredUnless?: { property: string; instead: string };
}

export const WIDGETS: Readonly<Record<string, WidgetSpec>> = {
  'trigger': { events: ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'], required: [] },
  'send-message': { events: ['sent', 'failed'], required: [], requiredUnless: { property: 'body', instead: 'content_sid' } },
  'send-and-wait-for-reply': { events: ['incomingMessage', 'timeout', 'deliveryFailure'], required: [], requiredUnless: { property: 'body', instead: 'content_sid' } },
  'split-based-on': { events: ['noMatch', 'match'], required: ['input'] },
  'set-variables': { events: ['next'], required: [] },
  'say-play': { events: ['audioComplete'], required: [] },
  'gather-input-on-call': { events: ['keypress', 'speech', 'timeout'], required: [] },
  'make-http-request': { events: ['success', 'failed'], required: ['method', 'url'] },
  'run-function': { events: ['success', 'fail'], required: ['url'] },
  'run-subflow': { events: ['completed', 'failed'], required: ['flow_sid'] },
  'add-twiml-redirect': { events: ['return', 'timeout', 'fail'], required: ['url'] },
  'connect-call-to': { events: ['callCompleted', 'hangup'], required: ['noun'] },
  'enqueue-call': { events: ['callComplete', 'failedToEnqueue', 'callFailure'], required: [] },
  'send-to-flex': { events: ['callComplete', 'failedToEnqueue', 'callFailure'], required: ['workflow', 'channel'] },
  'record-voicemail': { events: ['recordingComplete', 'noAudio', 'hangup'], required: [] },
  'record-call': { events: ['success', 'failed'], required: [] },
  'capture-payments': { events: ['success', 'maxFailedAttempts', 'providerError', 'payInterrupted', 'hangup', 'validationError'], required: [] },
  'fork-stream': { events: ['next'], required: [] },
  'make-outgoing-call-v2': { events: ['answered', 'busy', 'noAnswer', 'failed'], required: [] },
  'connect-virtual-agent': { events: ['return', 'hangup'], required: [] },
  'send-to-auto-pilot': { events: ['sessionEnded', 'failure', 'timeout'], required: [] },
};

export function widgetSpec(type: unknown): WidgetSpec | undefined {
  return typeof type === 'string' && Object.hasOwn(WIDGETS, type) ? WIDGETS[type] : undefined;
}
