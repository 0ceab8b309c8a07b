/**
 * JSON Schema (draft-07, as Twilio's own flow-definition schema) for Studio flow definitions.
 * Top level follows Twilio's published schema (twilio.com/docs/studio/rest-api/v2/schemas:
 * `initial_state` a non-empty string, `states` at least 1 item, `flags.allow_concurrent_calls` a
 * boolean); the widget limit follows the Studio FAQ (MAX_WIDGETS). Per-widget rules come from WIDGETS and stay conservative: only required properties we
 * are sure of, no `additionalProperties: false` anywhere, no type rules on optional properties
 * (real exports hold `timeout` both as "1800" and as 3600). Text fields are Liquid templates and
 * are never inspected. Unknown widget types are left to lint (a warning), not rejected here.
 */
import { WIDGETS } from './widgets.ts';
import type { WidgetSpec } from './widgets.ts';

/**
 * Twilio's limit on widgets per flow. Source: the Studio FAQ, "What limits exist in Studio?"
 * (https://www.twilio.com/docs/studio/user-guide/studio-faq): "Maximum of 2,000 widgets per Flow
 * (including Subflows)" and "A Flow is limited to 2,000 Widgets — publishing a Flow larger than this is
 * not possible". Older copies of the FAQ said 1,000, and the flow-definition schema published on the
 * schemas page still carries `"maxItems": 1000`; we follow the current FAQ, because a false error would
 * block a merge, and Twilio's Validate remains the final judge of a flow between the two numbers.
 */
export const MAX_WIDGETS = 2000;

type Schema = Record<string, unknown>;

function widgetRule(type: string, spec: WidgetSpec): Schema | undefined {
  const { required, requiredUnless } = spec;
  if (required.length === 0 && !requiredUnless) return undefined;
  const mustBeStrings = [...required, ...(requiredUnless ? [requiredUnless.property] : [])];
  const propertiesSchema: Schema = {
    type: 'object',
    properties: Object.fromEntries(mustBeStrings.map((name) => [name, { type: 'string' }])),
  };
  if (required.length > 0) propertiesSchema['required'] = [...required];
  if (requiredUnless) {
    propertiesSchema['if'] = { not: { required: [requiredUnless.instead] } };
    propertiesSchema['then'] = { required: [requiredUnless.property] };
  }
  return {
    if: { type: 'object', properties: { type: { const: type } }, required: ['type'] },
    then: { required: ['properties'], properties: { properties: propertiesSchema } },
  };
}

/**
 * The schema has no `$ref`: every part is written in place, so ajv inlines the whole check into one
 * function. Behind a `$ref` ajv calls a function per widget and copies the error list into a new array
 * after each one, which made a hostile flow of 20,000 broken widgets cost ~7 s (quadratic); in place the
 * same flow takes well under a second, with the same errors.
 */
export function buildFlowDefinitionSchema(): Schema {
  const widgetRules = Object.entries(WIDGETS)
    .map(([type, spec]) => widgetRule(type, spec))
    .filter((rule): rule is Schema => rule !== undefined);
  const offset = { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } };
  const condition = {
    type: 'object',
    properties: {
      friendly_name: { type: 'string' },
      arguments: { type: 'array' },
      type: { type: 'string' },
    },
  };
  const transition = {
    type: 'object',
    required: ['event'],
    properties: {
      event: { type: 'string', minLength: 1 },
      next: { type: ['string', 'null'] },
      conditions: { type: 'array', items: condition },
      uuid: { type: 'string' },
    },
  };
  const state = {
    type: 'object',
    required: ['name', 'type', 'transitions'],
    properties: {
      name: { type: 'string', minLength: 1 },
      type: { type: 'string', minLength: 1 },
      transitions: { type: 'array', items: transition },
      properties: { type: 'object', properties: { offset } },
    },
    allOf: widgetRules,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/studio-flow-ci/schemas/flow-definition.json',
    title: 'Twilio Studio flow definition (as checked by studio-flow-ci)',
    type: 'object',
    required: ['states', 'initial_state'],
    properties: {
      description: { type: 'string' },
      initial_state: { type: 'string', minLength: 1 },
      flags: {
        type: 'object',
        required: ['allow_concurrent_calls'],
        properties: { allow_concurrent_calls: { type: 'boolean' } },
      },
      states: { type: 'array', minItems: 1, maxItems: MAX_WIDGETS, items: state },
    },
  };
}
