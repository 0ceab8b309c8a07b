/**
 * Split Based On… conditions that can never match. Studio tests a split's transitions in order and follows the
 * first whose condition matches, else `noMatch` (https://www.twilio.com/docs/studio/widget-library/split-based-on:
 * "Equal To", "Matches Any Of", "Regex", "Less Than", "Greater Than", … compared with the "Variable to test").
 * So a transition is dead when an earlier one has the same condition, or comes after a condition that matches
 * anything; a numeric comparison against a value that is not a number never holds; and `equal_to` / `matches_any_of`
 * of a Gather widget's `Digits` (only keys: 0-9, * and #) against words never does.
 */
import type { LintIssue } from '../document/types.ts';
import { widgetRef } from '../document/widget-label.ts';

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

const NUMERIC = new Set(['less_than', 'greater_than']);
/** Regexes that match any text: a condition after one of them is never reached. */
const MATCH_ALL = new Set(['.*', '^.*', '.*$', '^.*$', '^[\\s\\S]*$', '[\\s\\S]*', '(.*)', '^(.*)$']);
const isNumber = (text: string) => /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(text);
const isLiquid = (text: string) => text.includes('{{') || text.includes('{%');
/** Keys a caller can press: what a Gather's Digits can hold. */
const isKeys = (text: string) => /^\s*[0-9*#]+\s*$/.test(text);
/** A Variable to test that is a widget's `Digits` and nothing else, e.g. `{{widgets.menu.Digits}}`. */
const DIGITS = /^\s*\{\{-?\s*widgets\.([A-Za-z0-9_-]+)\.Digits\s*-?\}\}\s*$/;

interface Condition {
  type: string;
  value: string;
  argument: string;
}

function conditionsOf(transition: Loose): Condition[] {
  const list = transition['conditions'];
  if (!Array.isArray(list)) return [];
  const out: Condition[] = [];
  for (const raw of list) {
    const c = loose(raw);
    if (!c || typeof c['type'] !== 'string') continue;
    const args = Array.isArray(c['arguments']) ? (c['arguments'] as unknown[]) : [];
    out.push({
      type: c['type'],
      value: typeof c['value'] === 'string' ? c['value'] : JSON.stringify(c['value'] ?? ''),
      argument: typeof args[0] === 'string' ? args[0] : '',
    });
  }
  return out;
}

function deadValue(c: Condition, gathers: ReadonlySet<string>): string | undefined {
  if (isLiquid(c.value)) return undefined;
  if (NUMERIC.has(c.type) && !isNumber(c.value))
    return `"${c.type}" compares numbers, and ${JSON.stringify(c.value.slice(0, 80))} is not a number`;
  // Only a condition no value of which is keys can miss a Gather's Digits: the input is read for those alone.
  const values = c.type === 'matches_any_of' ? c.value.split(',') : c.type === 'equal_to' ? [c.value] : [];
  if (values.length === 0 || values.some(isKeys)) return undefined;
  const digitsOf = DIGITS.exec(c.argument)?.[1];
  if (digitsOf !== undefined && gathers.has(digitsOf))
    return `"${digitsOf}".Digits holds only keys (0-9, * and #), so it never equals ${JSON.stringify(c.value.slice(0, 80))}`;
  return undefined;
}

/**
 * Equal for transitions with the same conditions: one condition (the common case) as its lengths and texts, which
 * tells any two apart; more as the JSON of the sorted list (which starts with "[", so the two never meet).
 */
function conditionsKey(conditions: readonly Condition[]): string {
  const [c] = conditions;
  if (conditions.length === 1 && c) return `${c.type.length}:${c.value.length}:${c.type}${c.value}${c.argument}`;
  return JSON.stringify(conditions.map((x) => [x.type, x.value, x.argument]).sort());
}

function splitIssues(states: readonly unknown[], index: number, gathers: ReadonlySet<string>): LintIssue[] {
  const transitions = loose(states[index])?.['transitions'];
  if (!Array.isArray(transitions)) return [];
  const issues: LintIssue[] = [];
  const seen = new Map<string, number>();
  let catchAll: number | undefined;
  // The label is built for a finding only: most splits have none.
  const warn = (j: number, message: string, fix: string) => {
    const ref = widgetRef(states, index);
    issues.push({
      severity: 'warning',
      rule: 'split-condition',
      pointer: `/states/${index}/transitions/${j}/conditions`,
      ...(ref.name !== undefined ? { widget: ref.name } : {}),
      message: `${ref.label}: transition #${j} can never be followed: ${message}`,
      fix,
    });
  };
  transitions.forEach((raw: unknown, j) => {
    const t = loose(raw);
    const conditions = t ? conditionsOf(t) : [];
    if (conditions.length === 0) return;
    if (catchAll !== undefined) {
      warn(
        j,
        `transition #${catchAll} before it matches any input`,
        'Move this condition before the catch-all one, or remove it.',
      );
      return;
    }
    const key = conditionsKey(conditions);
    const first = seen.get(key);
    if (first !== undefined) {
      warn(
        j,
        `transition #${first} has the same condition and is tested first`,
        'Remove the duplicate or change its value.',
      );
      return;
    }
    seen.set(key, j);
    const dead = conditions.map((c) => deadValue(c, gathers)).find((m) => m !== undefined);
    if (dead !== undefined) warn(j, dead, 'Compare with a value the input can hold (a number, or keys for Digits).');
    if (conditions.length === 1 && conditions[0]?.type === 'regex' && MATCH_ALL.has(conditions[0].value.trim()))
      catchAll = j;
  });
  return issues;
}

/** Dead conditions of every Split Based On… widget. */
export function splitConditionIssues(definition: Record<string, unknown>): LintIssue[] {
  const states = Array.isArray(definition['states']) ? (definition['states'] as unknown[]) : [];
  const gathers = new Set<string>();
  for (const raw of states) {
    const s = loose(raw);
    if (s?.['type'] === 'gather-input-on-call' && typeof s['name'] === 'string') gathers.add(s['name']);
  }
  const issues: LintIssue[] = [];
  states.forEach((raw, index) => {
    if (loose(raw)?.['type'] === 'split-based-on') issues.push(...splitIssues(states, index, gathers));
  });
  return issues;
}
