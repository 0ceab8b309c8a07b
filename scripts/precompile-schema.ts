/**
 * ajv's standalone code for the flow-definition schema: the module scripts/build.ts puts in dist/ in
 * place of src/lint/schema-precompiled.ts (which names the schema and the options), so the action
 * validates with code generated at build time instead of compiling the schema at every start.
 */
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { pathToFileURL } from 'node:url';

interface PrecompiledSource {
  schemaToPrecompile: () => object;
  FLOW_SCHEMA_AJV_OPTIONS: Record<string, unknown>;
}

/**
 * The JavaScript (ESM, with `require()` of ajv's small runtime helpers, which the bundler inlines) of a
 * module exporting the same names as the source module at `sourcePath`, its validator compiled.
 */
export async function precompiledSchemaModule(sourcePath: string): Promise<string> {
  const source = (await import(pathToFileURL(sourcePath).href)) as PrecompiledSource;
  const ajv = new Ajv({ ...source.FLOW_SCHEMA_AJV_OPTIONS, code: { source: true, esm: true } });
  const code = standaloneCode.default(ajv, ajv.compile(source.schemaToPrecompile()));
  return [
    code,
    'export const precompiledFlowValidator = validate;',
    `export const FLOW_SCHEMA_AJV_OPTIONS = ${JSON.stringify(source.FLOW_SCHEMA_AJV_OPTIONS)};`,
    'export const schemaToPrecompile = undefined;',
  ].join('\n');
}
