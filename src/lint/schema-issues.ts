/** Run the flow-definition schema and turn ajv's errors into LintIssues that name the widget. */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { buildFlowDefinitionSchema, MAX_WIDGETS } from './schema.ts';
import type { LintIssue } from '../document/types.ts';
import { escapeSegment, pathLabel, splitPointer, widgetRef } from '../document/widget-label.ts';
import { FLOW_SCHEMA_AJV_OPTIONS, precompiledFlowValidator } from './schema-precompiled.ts';

let validator: ValidateFunction | undefined;

/** Compiled once, on first use (no work at import); dist/ has it compiled at build time. */
function validate(): ValidateFunction {
  validator ??= precompiledFlowValidator ?? new Ajv(FLOW_SCHEMA_AJV_OPTIONS).compile(buildFlowDefinitionSchema());
  return validator;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function expected(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  return list.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function describe(error: ErrorObject, where: string, whole: string): { message: string; fix: string; rule: string } {
  const subject = where === '' ? whole : `"${where}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const what = where.endsWith('properties') && where !== '' ? 'property' : 'field';
      const inside = where === '' || where === 'properties' ? '' : ` in "${where}"`;
      return {
        rule: 'required-property',
        message: `${what} "${missing}" is required${inside}`,
        fix: where === 'properties' ? `Add "${missing}" to the widget's "properties".` : `Add "${missing}"${inside}.`,
      };
    }
    case 'type':
      return {
        rule: 'schema-type',
        message: `${subject} must be ${expected(params['type'])}`,
        fix: `Change ${subject} to ${expected(params['type'])}.`,
      };
    case 'minLength':
      return { rule: 'schema', message: `"${where}" must not be empty`, fix: `Give "${where}" a value.` };
    case 'minItems':
      return {
        rule: 'schema',
        message: `"${where}" must have at least ${String(params['limit'])} item(s)`,
        fix: where === 'states' ? 'A flow needs at least its Trigger widget.' : `Add an item to "${where}".`,
      };
    default:
      return {
        rule: 'schema',
        message: `${subject} ${error.message ?? 'is invalid'}`,
        fix: 'Compare with the Studio flow definition schema.',
      };
  }
}

/** 2000 → "2,000". */
const count = (n: number): string => n.toLocaleString('en-US');

/** Schema issues for a definition; pointers are relative to the definition. */
export function schemaIssues(definition: unknown): LintIssue[] {
  const check = validate();
  if (check(definition)) return [];
  const states =
    definition !== null && typeof definition === 'object'
      ? (definition as Record<string, unknown>)['states']
      : undefined;
  const issues: LintIssue[] = [];
  for (const error of check.errors ?? []) {
    if (error.keyword === 'if') continue;
    const segments = splitPointer(error.instancePath);
    let pointer = error.instancePath;
    if (error.keyword === 'required')
      pointer += `/${escapeSegment(String((error.params as Record<string, unknown>)['missingProperty']))}`;
    const inState = segments[0] === 'states' && segments[1] !== undefined && /^\d+$/.test(segments[1]);
    if (inState) {
      const ref = widgetRef(states, Number(segments[1]));
      const { message, fix, rule } = describe(error, pathLabel(segments.slice(2)), 'the widget');
      const issue: LintIssue = { severity: 'error', rule, message: `${ref.label}: ${message}`, fix, pointer };
      if (ref.name !== undefined) issue.widget = ref.name;
      issues.push(issue);
    } else if (error.keyword === 'maxItems' && error.instancePath === '/states' && Array.isArray(states)) {
      issues.push({
        severity: 'error',
        rule: 'schema',
        pointer,
        message: `Flow definition: the flow has ${count(states.length)} widgets; Twilio's limit is ${count(MAX_WIDGETS)} widgets per flow (Studio FAQ)`,
        fix: 'Move part of the flow into a subflow (Run Subflow widget).',
      });
    } else {
      const { message, fix, rule } = describe(error, pathLabel(segments), 'the definition');
      issues.push({ severity: 'error', rule, message: `Flow definition: ${message}`, fix, pointer });
    }
  }
  return issues;
}
