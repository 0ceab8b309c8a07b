/**
 * JSON Schema (draft-07, like the flow-definition schema) of the optional config file
 * `.github/studio-flow-ci.yml` (YAML or JSON): which Studio flow each flow file is per environment,
 * the variables each environment gives to `${var.NAME}` placeholders, and what its name references choose
 * (the Serverless environment, the TaskRouter workspace). Every object is closed
 * (`additionalProperties: false`) so a misspelt key is an error, not silently ignored. Rules a
 * schema cannot say (a flow's environment must be defined, paths unique) are checked in rules.ts.
 */

/** Environment names: what a workflow passes as the `environment` input. */
export const ENVIRONMENT_NAME = '^[A-Za-z0-9_-]{1,64}$';
/** Variable names, as written in `${var.NAME}`. */
export const VARIABLE_NAME = '^[A-Z][A-Z0-9_]*$';
/** A Studio flow SID. */
export const FLOW_SID = '^FW[0-9a-f]{32}$';

/** Keys allowed in each object, for "known keys" hints in messages. */
export const KNOWN_KEYS = {
  root: ['environments', 'flows'],
  environment: ['variables', 'serverless', 'taskrouter'],
  serverless: ['environment'],
  taskrouter: ['workspace'],
  flow: ['path', 'friendly_name', 'environments'],
  target: ['sid', 'friendly_name'],
} as const;

type Schema = Record<string, unknown>;

export function buildConfigSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/studio-flow-ci/schemas/config.json',
    title: 'studio-flow-ci config file',
    type: 'object',
    additionalProperties: false,
    properties: {
      environments: {
        type: 'object',
        propertyNames: { pattern: ENVIRONMENT_NAME },
        additionalProperties: { $ref: '#/definitions/environment' },
      },
      flows: { type: 'array', items: { $ref: '#/definitions/flow' } },
    },
    definitions: {
      environment: {
        type: 'object',
        additionalProperties: false,
        properties: {
          variables: {
            type: 'object',
            propertyNames: { pattern: VARIABLE_NAME },
            additionalProperties: { type: ['string', 'number', 'boolean'] },
          },
          serverless: {
            description:
              'Which environment of each Serverless service ${function:SERVICE/PATH} names: its unique_name, else its domain_suffix.',
            type: 'object',
            additionalProperties: false,
            required: ['environment'],
            properties: { environment: { type: 'string', minLength: 1 } },
          },
          taskrouter: {
            description: 'Which TaskRouter workspace ${workflow:…} and ${channel:…} name: its friendly_name.',
            type: 'object',
            additionalProperties: false,
            required: ['workspace'],
            properties: { workspace: { type: 'string', minLength: 1 } },
          },
        },
      },
      flow: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { type: 'string', minLength: 1 },
          friendly_name: { type: 'string', minLength: 1 },
          environments: {
            type: 'object',
            propertyNames: { pattern: ENVIRONMENT_NAME },
            additionalProperties: { $ref: '#/definitions/target' },
          },
        },
      },
      target: {
        type: 'object',
        additionalProperties: false,
        properties: {
          sid: { type: 'string', pattern: FLOW_SID },
          friendly_name: { type: 'string', minLength: 1 },
        },
      },
    },
  };
}
