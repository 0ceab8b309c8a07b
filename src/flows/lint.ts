/** Offline lint of a Studio flow definition: the schema (ajv) plus graph rules. */
import { graphIssues } from './graph.ts';
import { schemaIssues } from './schema-issues.ts';
import type { LintIssue } from './types.ts';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Lint a flow definition offline. Pure: no I/O. Never throws on any JSON value. */
export function lintDefinition(definition: unknown): LintIssue[] {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return [{
      severity: 'error', rule: 'definition-type', pointer: '',
      message: `Flow definition: must be a JSON object with "states" and "initial_state", but it is ${kindOf(definition)}`,
      fix: 'Export the flow from the Studio console (Trigger widget → Show Flow JSON) or fetch it from the Flows API.',
    }];
  }
  const issues = [...schemaIssues(definition), ...graphIssues(definition as Record<string, unknown>)];
  const rank = (issue: LintIssue): number => (issue.severity === 'error' ? 0 : 1);
  return issues.sort((a, b) => rank(a) - rank(b));
}
