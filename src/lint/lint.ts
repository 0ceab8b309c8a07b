/** Offline lint of a Studio flow definition: the schema (ajv), graph rules, Liquid templates and split conditions. */
import { graphCheck } from './graph.ts';
import { liquidIssues } from './liquid-rules.ts';
import { splitConditionIssues } from './split-rules.ts';
import { schemaIssues } from './schema-issues.ts';
import type { LintIssue } from '../document/types.ts';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Issues of one rule and severity past this many are summed up in one more issue: a file with
 * 10,000 widgets gets the widget-limit error and a readable list, not 10,000 annotations.
 */
export const MAX_ISSUES_PER_RULE = 50;

function capPerRule(issues: LintIssue[]): LintIssue[] {
  const kept: LintIssue[] = [];
  const left = new Map<string, { severity: LintIssue['severity']; rule: string; count: number }>();
  for (const issue of issues) {
    const key = `${issue.severity} ${issue.rule}`;
    const entry = left.get(key) ?? { severity: issue.severity, rule: issue.rule, count: 0 };
    left.set(key, entry);
    if (++entry.count <= MAX_ISSUES_PER_RULE) kept.push(issue);
  }
  for (const { severity, rule, count } of left.values()) {
    if (count <= MAX_ISSUES_PER_RULE) continue;
    const more = count - MAX_ISSUES_PER_RULE;
    kept.push({
      severity,
      rule,
      pointer: '/states',
      message: `Flow definition: ${more} more ${severity}${more === 1 ? '' : 's'} of rule "${rule}" like the ${MAX_ISSUES_PER_RULE} above are not listed one by one`,
      fix: 'Fix the ones listed; the others are of the same kind.',
    });
  }
  return kept;
}

/**
 * Lint a flow definition offline. Pure: no I/O. Never throws on any JSON value. `liquid: false` leaves out the
 * Liquid and split-condition rules, which Twilio's Validate does not run (the emulator's Validate; the benchmark).
 */
export function lintDefinition(definition: unknown, options: { liquid?: boolean } = {}): LintIssue[] {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return [
      {
        severity: 'error',
        rule: 'definition-type',
        pointer: '',
        message: `Flow definition: must be a JSON object with "states" and "initial_state", but it is ${kindOf(definition)}`,
        fix: 'Export the flow from the Studio console (Trigger widget → Show Flow JSON) or fetch it from the Flows API.',
      },
    ];
  }
  const record = definition as Record<string, unknown>;
  const graph = graphCheck(record);
  const issues = [
    ...schemaIssues(definition),
    ...graph.issues,
    ...(options.liquid === false ? [] : [...liquidIssues(record, graph.graph), ...splitConditionIssues(record)]),
  ];
  const rank = (issue: LintIssue): number => (issue.severity === 'error' ? 0 : 1);
  return capPerRule(issues.sort((a, b) => rank(a) - rank(b)));
}
