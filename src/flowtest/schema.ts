/**
 * JSON Schema (draft-07) of a flow test file (`<flow>.test.yaml`): the one source the runner validates with and
 * the file `schema/flow-test.schema.json` users point their editor at (a test keeps the two equal). Every object
 * is closed, so a misspelt key is an error with a did-you-mean. What a schema cannot say (a widget the flow does
 * not have, an event a widget cannot emit, a regex too costly) is checked in flow-checks.ts and expect-rules.ts.
 */

/** Where editors find the committed copy (`# yaml-language-server: $schema=…`). */
export const SCHEMA_FILE = 'schema/flow-test.schema.json';
/** Scenarios per test file at most (each may run 1,000 steps). */
export const MAX_SCENARIOS = 500;
/** A `regex` matcher's pattern, in characters, at most. */
export const MAX_REGEX_CHARS = 1000;
/** The trigger keys, and the trigger widget's event each one starts. */
export const TRIGGER_EVENTS = {
  call: 'incomingCall',
  message: 'incomingMessage',
  conversation: 'incomingConversationMessage',
  request: 'incomingRequest',
  parent: 'incomingParent',
} as const;
export type TriggerKey = keyof typeof TRIGGER_EVENTS;

type Schema = Record<string, unknown>;

const TEXT = { type: ['string', 'number', 'boolean'] };
const WIDGET = { type: 'string', minLength: 1, description: 'A widget name of the flow.' };
const WIDGETS = { type: 'array', items: WIDGET };
const PARAMETERS = {
  type: ['object', 'null'],
  description: 'The trigger parameters (e.g. From, To, Body; for request and parent: flow.data).',
};

/** A text matcher: the exact text, or { contains } or { regex } (a JavaScript regular expression). */
const MATCHER = {
  type: ['string', 'object'],
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    contains: { type: 'string', minLength: 1 },
    regex: { type: 'string', minLength: 1, maxLength: MAX_REGEX_CHARS },
  },
};

/** One mocked outcome of a widget (the object keywords; a list of them is its successive runs). */
const MOCK_OBJECT = {
  additionalProperties: false,
  properties: {
    event: { type: 'string', minLength: 1, description: 'The event the widget emits.' },
    status: { type: 'integer', minimum: 100, maximum: 599, description: 'HTTP status: outputs.status_code.' },
    body: { description: 'The response body: a string, or data (sent as JSON, parsed as `parsed`).' },
    content_type: { type: 'string' },
    outputs: { type: 'object', description: 'Any other outputs (widgets.NAME.…); a subflow: its outputs.' },
  },
};

const CONTACT_INPUT = {
  type: 'object',
  additionalProperties: false,
  properties: {
    at: { ...WIDGET, description: 'The wait widget this input must be used at (checked).' },
    press: { type: ['string', 'integer'], pattern: '^[0-9*#]{1,64}$', description: 'Keys pressed (Digits).' },
    say: { ...TEXT, description: 'Speech (SpeechResult).' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    reply: { ...TEXT, description: 'A reply message (inbound.Body).' },
    timeout: { enum: [true] },
    event: { type: 'string', minLength: 1, description: 'Any other event of the wait widget.' },
    outputs: { type: 'object' },
  },
  oneOf: ['press', 'say', 'reply', 'timeout', 'event'].map((key) => ({ required: [key] })),
  dependencies: { confidence: ['say'], outputs: ['event'] },
};

const EXPECT = {
  type: 'object',
  additionalProperties: false,
  properties: {
    path: { ...WIDGETS, minItems: 1, description: 'The exact widgets run, in order, from the trigger.' },
    visits: { ...WIDGETS, description: 'Widgets run in this order; others may run between them.' },
    not_visits: { ...WIDGETS, description: 'Widgets that must not run.' },
    messages: { type: 'array', items: MATCHER, description: 'Every message sent, in order.' },
    says: { type: 'array', items: MATCHER, description: 'Every text said (say-play, gather), in order.' },
    variables: {
      type: 'object',
      description: 'flow.variables at the end (a subset); null: not set.',
      additionalProperties: { ...MATCHER, type: ['string', 'number', 'boolean', 'null', 'object'] },
    },
    end: {
      type: ['string', 'object'],
      minLength: 1,
      description: 'The execution ended after this widget (optionally: on this event).',
      additionalProperties: false,
      required: ['widget'],
      properties: { widget: WIDGET, event: { type: 'string', minLength: 1 } },
    },
    waiting: { ...WIDGET, description: 'The execution is still waiting here, every contact input used.' },
  },
  not: { required: ['end', 'waiting'] },
};

const SCENARIO = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'trigger'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 500 },
    trigger: {
      type: ['string', 'object'],
      description: 'call | message | conversation | request | parent, alone or with its parameters.',
      pattern: `^(${Object.keys(TRIGGER_EVENTS).join('|')})$`,
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: Object.fromEntries(Object.keys(TRIGGER_EVENTS).map((key) => [key, PARAMETERS])),
    },
    now: {
      type: 'string',
      description: 'The clock of time and date conditions: ISO 8601 with an offset.',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$',
    },
    contact: { type: 'array', maxItems: 1000, items: CONTACT_INPUT },
    mocks: {
      type: 'object',
      description: 'Per widget name: its outcome, or a list of outcomes of its successive runs (the last repeats).',
      additionalProperties: {
        type: ['object', 'array'],
        minItems: 1,
        maxItems: 1000,
        items: { $ref: '#/definitions/mock' },
        ...MOCK_OBJECT,
      },
    },
    expect: EXPECT,
  },
};

export function buildFlowTestSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/studio-flow-ci/schemas/flow-test.json',
    title: 'studio-flow-ci flow test file',
    type: 'object',
    additionalProperties: false,
    required: ['scenarios'],
    properties: {
      flow: { type: 'string', minLength: 1, description: 'The flow file, relative to this file.' },
      scenarios: { type: 'array', minItems: 1, maxItems: MAX_SCENARIOS, items: SCENARIO },
    },
    definitions: { mock: { type: 'object', ...MOCK_OBJECT } },
  };
}
