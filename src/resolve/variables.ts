/**
 * `${var.NAME}` placeholders in flow definitions, filled from the chosen environment's variables in
 * the config file. The syntax cannot collide with Studio's Liquid (`{{ }}`, `{% %}`); `$${var.NAME}`
 * stands for the literal text `${var.NAME}`. Only string values are read, never keys; the result
 * is a new definition (the input is not changed), and a placeholder is never replaced by ''.
 */
import type { Finding, Severity } from '../document/types.ts';
import { escapeSegment, widgetNameAt } from '../document/widget-label.ts';

/** An optional escaping `$`, then `${var.` up to the first `}` (or the end: unterminated). */
const PLACEHOLDER = /(\$?)\$\{var\.([^}]*)(\}?)/g;
const NAME = /^[A-Z][A-Z0-9_]*$/;
const MARK = '${var.';

export interface ResolvedVariables {
  definition: unknown;
  findings: Finding[];
  /** Every well-formed variable name referenced (substituted or not), sorted, once each. */
  used: string[];
}

interface Walk {
  variables: Record<string, string> | undefined;
  /** The definition being resolved (to name the widget a finding is in). */
  definition: unknown;
  findings: Finding[];
  used: Set<string>;
  /** Severity of a placeholder left unresolved because no environment was chosen. */
  unresolved: Severity;
}

function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function add(walk: Walk, pointer: string, finding: Omit<Finding, 'source' | 'pointer'>): void {
  const full: Finding = { ...finding, source: 'lint', pointer };
  const widget = widgetNameAt(walk.definition, pointer);
  if (widget !== undefined) full.widget = widget;
  walk.findings.push(full);
}

function resolveString(text: string, pointer: string, walk: Walk): string {
  if (!text.includes(MARK)) return text;
  return text.replace(PLACEHOLDER, (match: string, escape: string, name: string, close: string) => {
    if (escape !== '') return match.slice(1);
    if (close === '' || !NAME.test(name)) {
      const why =
        close === ''
          ? 'is not closed with "}"'
          : 'does not name a variable: names are capital letters, digits and "_", starting with a letter';
      add(walk, pointer, {
        severity: 'error',
        rule: 'bad-placeholder',
        message: `"${shown(match)}" ${why}.`,
        fix: 'Write ${var.NAME} with a name like SUPPORT_NUMBER, or $${var.…} for the literal text.',
      });
      return match;
    }
    walk.used.add(name);
    if (walk.variables === undefined) {
      add(walk, pointer, {
        severity: walk.unresolved,
        rule: 'unresolved-variable',
        message: `"${match}" was left as is: no environment was selected, so variables are not substituted.`,
        fix: 'Select an environment (the "environment" input) to substitute variables from the config file.',
      });
      return match;
    }
    if (!Object.hasOwn(walk.variables, name)) {
      add(walk, pointer, {
        severity: 'error',
        rule: 'missing-variable',
        message: `"${match}" uses the variable ${name}, which the selected environment does not define.`,
        fix: `Define ${name} under environments.<env>.variables in the config file.`,
      });
      return match;
    }
    return walk.variables[name] ?? match;
  });
}

function resolveValue(value: unknown, pointer: string, walk: Walk): unknown {
  if (typeof value === 'string') return resolveString(value, pointer, walk);
  if (Array.isArray(value)) return value.map((item, index) => resolveValue(item, `${pointer}/${index}`, walk));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveValue(item, `${pointer}/${escapeSegment(key)}`, walk)]),
    );
  }
  return value;
}

/**
 * Substitute `${var.NAME}` in every string value of `definition`. With `variables` undefined (no
 * environment chosen) placeholders stay and each is a warning; a variable the environment does
 * not define is an error and its placeholder stays. Escapes (`$${var.NAME}`) are always unescaped.
 */
export function resolveVariables(
  definition: unknown,
  variables: Record<string, string> | undefined,
  options: { unresolved?: Severity } = {},
): ResolvedVariables {
  const walk: Walk = {
    variables,
    definition,
    findings: [],
    used: new Set(),
    unresolved: options.unresolved ?? 'warning',
  };
  const resolved = resolveValue(definition, '', walk);
  return { definition: resolved, findings: walk.findings, used: [...walk.used].sort() };
}

/** True when a string value holds a `${var.…}` placeholder (well-formed or not, but not escaped). */
export function hasPlaceholders(definition: unknown): boolean {
  if (typeof definition === 'string') {
    if (!definition.includes(MARK)) return false;
    return [...definition.matchAll(PLACEHOLDER)].some((match) => match[1] === '');
  }
  if (Array.isArray(definition)) return definition.some(hasPlaceholders);
  if (definition !== null && typeof definition === 'object') return Object.values(definition).some(hasPlaceholders);
  return false;
}
