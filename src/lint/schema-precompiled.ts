/**
 * The flow-definition schema's validator as dist/ ships it: scripts/build.ts replaces this module with
 * ajv's standalone code for the schema, so the action does not compile the schema on every start (about
 * 80 ms of its cold start). Run from source (tests, development) the validator is undefined and
 * schema-issues.ts compiles the same schema with the same options.
 */
import type { ValidateFunction } from 'ajv';

export { buildFlowDefinitionSchema as schemaToPrecompile } from './schema.ts';
export const FLOW_SCHEMA_AJV_OPTIONS = { allErrors: true, strict: false } as const;
export const precompiledFlowValidator: ValidateFunction | undefined = undefined;
