/**
 * Name references (src/resolve/name-syntax.ts) resolved for one environment: `${function:SERVICE/PATH}`,
 * `${workflow:…}`, `${channel:…}` and `${flow-name:…}` in every string of a definition become the SIDs and URLs
 * of the account, looked up in its lists (AccountLists, read once per run) as the environment's choices say.
 *
 * Views: `definition` (compared, sent) holds the real values, and the reference as written where it could not be
 * resolved; `checked` (lint, Validate) holds a well-formed stand-in there instead, and `standIns` lists those
 * places so a Validate error at one is not reported. Offline (no lists) every reference is a stand-in and a
 * finding of severity `unresolved`; any reference that cannot be resolved is an error finding (rule
 * `name-reference`) at the string that holds it, so nothing is deployed.
 */
import type { Finding, Severity } from '../document/types.ts';
import { escapeSegment, widgetNameAt } from '../document/widget-label.ts';
import type { AccountLists } from '../studio/account-types.ts';
import { createNameLookup, type NameChoices, type NameLookup } from './name-lookup.ts';
import {
  findNameRefs,
  functionPartForKey,
  mayHoldNameRef,
  type FunctionPart,
  type NameRefKind,
  type NameRefMatch,
} from './name-syntax.ts';

export type { NameChoices } from './name-lookup.ts';

export interface NameContext {
  /** The account's lists; undefined offline (then every reference is a stand-in). */
  lists?: AccountLists | undefined;
  /** What the selected environment chooses (Serverless environment, TaskRouter workspace). */
  choices?: NameChoices | undefined;
  /** Severity of a reference left as is because there is no account to look it up in. */
  unresolved?: Severity;
}

export interface ResolvedNames {
  definition: unknown;
  checked: unknown;
  /** JSON pointers of the strings where `checked` holds a stand-in. */
  standIns: string[];
  findings: Finding[];
  /** The same replacement on another view of the same definition (what is sent; with 'checked', flow refs' stand-ins). */
  apply: (view: unknown, as?: 'resolved' | 'checked') => unknown;
}

const zeros = '0'.repeat(32);
const STAND_INS: Record<FunctionPart | 'workflow' | 'channel' | 'flow-name', string> = {
  service_sid: `ZS${zeros}`,
  environment_sid: `ZE${zeros}`,
  function_sid: `ZH${zeros}`,
  url: 'https://stand-in.invalid/function',
  workflow: `WW${zeros}`,
  channel: `TC${zeros}`,
  'flow-name': `FW${zeros}`,
};
const RUN_FUNCTION_FIELD = /^\/states\/(\d+)\/properties\/([a-z_]+)$/;

interface Site {
  pointer: string;
  match: NameRefMatch;
  /** The part a Function reference stands for here (its own `#part`, else the run-function field's). */
  part?: FunctionPart;
}

/** The part a bare `${function:…}` stands for at `pointer`: only in a run-function widget's own four fields. */
function fieldPart(definition: unknown, pointer: string): FunctionPart | undefined {
  const m = RUN_FUNCTION_FIELD.exec(pointer);
  if (!m) return undefined;
  const states = (definition as { states?: unknown } | null)?.states;
  const state = Array.isArray(states) ? (states[Number(m[1])] as { type?: unknown } | undefined) : undefined;
  return state?.type === 'run-function' ? functionPartForKey(m[2] ?? '') : undefined;
}

function siteOf(definition: unknown, pointer: string, match: NameRefMatch): Site {
  const site: Site = { pointer, match };
  if (match.ref?.kind === 'function') {
    const part = match.ref.part ?? fieldPart(definition, pointer);
    if (part) site.part = part;
  }
  return site;
}

/** Every string of `value` that may hold a reference, with its pointer. */
function walk(value: unknown, pointer: string, visit: (text: string, pointer: string) => string): unknown {
  if (typeof value === 'string') return mayHoldNameRef(value) ? visit(value, pointer) : value;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${pointer}/${i}`, visit));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, `${pointer}/${escapeSegment(key)}`, visit)]),
    );
  }
  return value;
}

const keyOf = (site: Site) => `${site.part ?? ''}\u0000${site.match.text}`;

function standIn(site: Site): string {
  const kind = site.match.kind;
  return kind === 'function' ? STAND_INS[site.part ?? 'function_sid'] : STAND_INS[kind];
}

type Outcome = { value: string } | { error: string; fix: string; severity: Severity };

async function outcomeOf(site: Site, lookup: NameLookup | undefined, unresolved: Severity): Promise<Outcome> {
  const { match } = site;
  if (match.problem || !match.ref) {
    return { ...(match.problem ?? { error: 'is malformed', fix: '' }), severity: 'error' };
  }
  if (match.ref.kind === 'function' && !site.part) {
    return {
      error:
        "stands for no value here: outside a run-function widget's service_sid, environment_sid, function_sid and url it needs a part",
      fix: 'End it with #url, #function_sid, #service_sid or #environment_sid, e.g. ${function:my-service/api/hours#url}.',
      severity: 'error',
    };
  }
  if (!lookup) {
    return {
      error: 'was left as is: no environment/account to look it up in (a stand-in value was linted and validated)',
      fix: 'Give Twilio credentials (and select an environment) to resolve it against the account.',
      severity: unresolved,
    };
  }
  const found = await lookup.lookup(match.ref, site.part);
  return 'value' in found ? found : { ...found, severity: 'error' };
}

function shown(text: string): string {
  // As quoted() does with names: no control character (a terminal escape, a line break) reaches a message line.
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}

/** The kinds of name reference a definition uses (escaped ones aside): what a config change can move. */
export function usedNameKinds(definition: unknown): Set<NameRefKind> {
  const kinds = new Set<NameRefKind>();
  walk(definition, '', (text) => {
    for (const match of findNameRefs(text)) if (!match.escaped) kinds.add(match.kind);
    return text;
  });
  return kinds;
}

/** Resolve every name reference of `definition` (the result of the earlier steps) for one environment. */
export async function resolveNameRefs(definition: unknown, context: NameContext): Promise<ResolvedNames> {
  const sites: Site[] = [];
  let escaped = false;
  walk(definition, '', (text, pointer) => {
    for (const match of findNameRefs(text)) {
      if (match.escaped) escaped = true;
      else sites.push(siteOf(definition, pointer, match));
    }
    return text;
  });
  const unescape = (text: string) =>
    findNameRefs(text).reduceRight(
      (out, m) => (m.escaped ? out.slice(0, m.index) + out.slice(m.index + 1) : out),
      text,
    );
  if (sites.length === 0) {
    const plain = escaped ? walk(definition, '', unescape) : definition;
    return {
      definition: plain,
      checked: plain,
      standIns: [],
      findings: [],
      apply: (d) => (escaped ? walk(d, '', unescape) : d),
    };
  }

  const lookup = context.lists ? createNameLookup(context.lists, context.choices ?? {}) : undefined;
  const outcomes = new Map<string, Promise<Outcome>>();
  for (const site of sites) {
    const key = keyOf(site);
    if (!outcomes.has(key)) outcomes.set(key, outcomeOf(site, lookup, context.unresolved ?? 'warning'));
  }
  const settled = new Map<string, Outcome>();
  for (const [key, outcome] of outcomes) settled.set(key, await outcome);

  const findings: Finding[] = [];
  const standIns = new Set<string>();
  // One finding per reference and problem in a widget, at its first string: a run-function's four fields holding
  // the same reference are one mistake, said once (naming the other fields), not four times.
  const reported = new Map<string, { finding: Finding; also: string[] }>();
  for (const site of sites) {
    const outcome = settled.get(keyOf(site));
    if (!outcome || 'value' in outcome) continue;
    standIns.add(site.pointer);
    const widget = widgetNameAt(definition, site.pointer);
    const once = `${widget ?? site.pointer}\u0000${site.match.text}\u0000${outcome.error}`;
    const earlier = reported.get(once);
    if (earlier) {
      const field = site.pointer.split('/').at(-1) ?? '';
      if (earlier.finding.pointer !== site.pointer && !earlier.also.includes(field)) earlier.also.push(field);
      continue;
    }
    const finding: Finding = {
      severity: outcome.severity,
      source: 'lint',
      rule: 'name-reference',
      message: `"${shown(site.match.text)}" ${outcome.error}.`,
      fix: outcome.fix,
      pointer: site.pointer,
    };
    if (widget !== undefined) finding.widget = widget;
    reported.set(once, { finding, also: [] });
    findings.push(finding);
  }
  for (const { finding, also } of reported.values()) {
    if (also.length > 0) finding.message = `${finding.message} The same reference is in ${also.join(', ')} too.`;
  }

  const replace = (view: unknown, checked: boolean): unknown =>
    walk(view, '', (text, pointer) => {
      let out = '';
      let from = 0;
      for (const match of findNameRefs(text)) {
        out += text.slice(from, match.index);
        from = match.index + match.text.length;
        if (match.escaped) {
          out += match.text.slice(1);
          continue;
        }
        const site = siteOf(view, pointer, match);
        const outcome = settled.get(keyOf(site));
        out += outcome && 'value' in outcome ? outcome.value : checked ? standIn(site) : match.text;
      }
      return out + text.slice(from);
    });
  return {
    definition: replace(definition, false),
    checked: replace(definition, true),
    standIns: [...standIns],
    findings,
    apply: (view, as = 'resolved') => replace(view, as === 'checked'),
  };
}
