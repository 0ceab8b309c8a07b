/** Run the config schema and turn ajv's errors into Problems that name the key and the fix. */
import { Ajv } from 'ajv';
import { foundWords, typeWords } from '../document/type-words.ts';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closestName } from '../lint/suggest.ts';
import { pathLabel, splitPointer } from '../document/widget-label.ts';
import type { Problem } from './locate.ts';
import { buildConfigSchema, KNOWN_KEYS, VARIABLE_NAME } from './schema.ts';

let validator: ValidateFunction | undefined;

/** Compiled once, on first use (no work at import). */
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(buildConfigSchema());
  return validator;
}

/** `flows[0].environments.staging`, or "The config file" for the root. */
export function label(segments: readonly string[]): string {
  return segments.length === 0 ? 'The config file' : pathLabel(segments);
}

function knownKeys(segments: readonly string[]): readonly string[] {
  if (segments.length === 0) return KNOWN_KEYS.root;
  if (segments[0] === 'environments' && segments[2] === 'serverless') return KNOWN_KEYS.serverless;
  if (segments[0] === 'environments' && segments[2] === 'taskrouter') return KNOWN_KEYS.taskrouter;
  if (segments[0] === 'environments') return KNOWN_KEYS.environment;
  return segments.length === 2 ? KNOWN_KEYS.flow : KNOWN_KEYS.target;
}

function nameProblem(segments: string[], name: string): Problem {
  const place = { segments: [...segments, name], at: 'key' as const };
  if (segments.at(-1) === 'variables') {
    const upper = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    const hint = new RegExp(VARIABLE_NAME).test(upper) ? ` (e.g. ${upper})` : '';
    return {
      place,
      message: `${label(segments)}: "${name}" is not a valid variable name. Use capital letters, digits and "_", starting with a letter${hint}.`,
    };
  }
  return {
    place,
    message: `${label(segments)}: "${name}" is not a valid environment name. Use 1 to 64 letters, digits, "_" or "-".`,
  };
}

function unknownKey(segments: string[], key: string): Problem {
  const known = knownKeys(segments);
  const guess = closestName(key, known);
  const hint = guess ? `Did you mean "${guess}"? ` : 'Remove it or fix its spelling. ';
  return {
    place: { segments: [...segments, key], at: 'key' },
    message: `${label([...segments, key])} is not a known key. ${hint}Allowed here: ${known.join(', ')}.`,
  };
}

function typeProblem(segments: string[], error: ErrorObject): Problem {
  const place = { segments, at: 'value' as const };
  const what = `${label(segments)} must be ${typeWords((error.params as Record<string, unknown>)['type'])}, but ${foundWords(error.data)}.`;
  if (segments[2] === 'serverless' || segments[2] === 'taskrouter')
    return {
      place,
      message: `${what} Write e.g. serverless: { environment: production } or taskrouter: { workspace: Flex Task Assignment }.`,
    };
  if (segments[2] === 'variables')
    return { place, message: `${what} Give the variable a value (quote it to keep it as text).` };
  if (segments[0] === 'flows' && segments.length === 4)
    return { place, message: `${what} Write {} to use the defaults, or give "sid" and/or "friendly_name".` };
  return { place, message: `${what} See the config file example in the README.` };
}

function describe(error: ErrorObject): Problem | undefined {
  const segments = splitPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const value = { segments, at: 'value' as const };
  switch (error.keyword) {
    case 'propertyNames':
      return nameProblem(segments, String(params['propertyName']));
    case 'additionalProperties':
      return unknownKey(segments, String(params['additionalProperty']));
    case 'type':
      return typeProblem(segments, error);
    case 'required':
      if (segments[0] === 'environments') {
        const key = String(params['missingProperty']);
        const example = key === 'workspace' ? 'workspace: Flex Task Assignment' : 'environment: production';
        return {
          place: value,
          message: `${label(segments)} has no "${key}". Add it (e.g. ${example}), or remove ${label(segments)} to use the account's only one.`,
        };
      }
      return {
        place: value,
        message: `${label(segments)} has no "path". Add the workspace-relative path of the flow file (e.g. path: flows/main-ivr.json).`,
      };
    case 'pattern':
      if (error.propertyName !== undefined) return undefined; // reported by its propertyNames error
      return {
        place: value,
        message: `${label(segments)} "${String(error.data)}" is not a Studio flow SID. A flow SID is "FW" followed by 32 lowercase hex digits; copy it from the Studio console.`,
      };
    case 'minLength':
      return { place: value, message: `${label(segments)} must not be empty. Give it a value or remove the key.` };
    default:
      return { place: value, message: `${label(segments)} ${error.message ?? 'is invalid'}.` };
  }
}

/** Schema problems of the parsed data; empty when it conforms. */
export function schemaProblems(data: unknown): Problem[] {
  const check = validate();
  if (check(data)) return [];
  return (check.errors ?? []).map(describe).filter((p): p is Problem => p !== undefined);
}
