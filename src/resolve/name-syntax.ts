/**
 * The text of name references: account-specific SIDs written as names, resolved per environment.
 *
 *   ${function:SERVICE/PATH}        a Serverless Function by service unique name and path (e.g. my-service/api/hours);
 *                                   in a run-function widget's service_sid, environment_sid, function_sid and url it
 *                                   stands for that field's value; elsewhere add the part: ${function:svc/path#url}
 *   ${workflow:FRIENDLY NAME}       a TaskRouter workflow (WW…) of the environment's workspace
 *   ${channel:UNIQUE_NAME}          a TaskRouter task channel (TC…) of that workspace
 *   ${flow-name:FRIENDLY NAME}      a Studio flow (FW…) by its friendly name
 *
 * Like `${var.NAME}` and `${flow:PATH}` they cannot collide with Liquid (`{{ }}`, `{% %}`); `$${…}` is the literal
 * text. A name runs up to the first "}" and may hold spaces; it cannot hold "}" or a line break.
 * This module is syntax only: no I/O, no lookups.
 */

export const NAME_REF_KINDS = ['function', 'workflow', 'channel', 'flow-name'] as const;
export type NameRefKind = (typeof NAME_REF_KINDS)[number];

/** The values one Function reference can stand for, named like run-function's fields. */
export const FUNCTION_PARTS = ['service_sid', 'environment_sid', 'function_sid', 'url'] as const;
export type FunctionPart = (typeof FUNCTION_PARTS)[number];

export type NameRef =
  | { kind: 'function'; service: string; path: string; part?: FunctionPart }
  | { kind: 'workflow' | 'channel' | 'flow-name'; name: string };

/** One occurrence in a string. `ref` is undefined when the text is malformed (then `problem` says why). */
export interface NameRefMatch {
  /** The whole matched text, e.g. "${function:svc/api/hours}" (with the leading "$" when escaped). */
  text: string;
  index: number;
  escaped: boolean;
  kind: NameRefKind;
  ref?: NameRef;
  problem?: { error: string; fix: string };
}

/** An optional escaping `$`, then `${KIND:` up to the first `}` (or the end: unterminated). */
export const NAME_REF = /(\$?)\$\{(function|workflow|channel|flow-name):([^}]*)(\}?)/g;

/** Quick test before the regular expression. */
export function mayHoldNameRef(text: string): boolean {
  return (
    text.includes('${function:') ||
    text.includes('${workflow:') ||
    text.includes('${channel:') ||
    text.includes('${flow-name:')
  );
}

const FIX: Record<NameRefKind, string> = {
  function:
    'Write ${function:SERVICE/PATH}, e.g. ${function:my-service/api/hours}, or $${function:…} for the literal text.',
  workflow:
    "Write ${workflow:Friendly Name} with the TaskRouter workflow's friendly name, or $${workflow:…} for the literal text.",
  channel:
    "Write ${channel:unique_name} with the task channel's unique name (e.g. voice), or $${channel:…} for the literal text.",
  'flow-name':
    "Write ${flow-name:Friendly Name} with the Studio flow's friendly name, or $${flow-name:…} for the literal text.",
};

/** Parse what stands between `${KIND:` and `}`. */
export function parseNameRef(
  kind: NameRefKind,
  raw: string,
): { ref: NameRef } | { problem: { error: string; fix: string } } {
  const fix = FIX[kind];
  if (/[\r\n]/.test(raw)) return { problem: { error: 'holds a line break', fix } };
  if (kind !== 'function') {
    if (raw.trim() === '') return { problem: { error: 'names nothing', fix } };
    return { ref: { kind, name: raw } };
  }
  const hash = raw.lastIndexOf('#');
  const body = hash === -1 ? raw : raw.slice(0, hash);
  const partText = hash === -1 ? undefined : raw.slice(hash + 1);
  if (partText !== undefined && !(FUNCTION_PARTS as readonly string[]).includes(partText)) {
    return {
      problem: {
        error: `asks for "#${partText}", which a Function reference cannot give`,
        fix: `End it with one of ${FUNCTION_PARTS.map((p) => `#${p}`).join(', ')}, or with none inside a run-function widget's own fields.`,
      },
    };
  }
  const slash = body.indexOf('/');
  const service = slash === -1 ? body : body.slice(0, slash);
  const path = slash === -1 ? '' : body.slice(slash);
  if (service.trim() === '' || path.length < 2) {
    return { problem: { error: 'does not name a service and a function path', fix } };
  }
  const ref: NameRef = { kind: 'function', service, path };
  if (partText !== undefined) ref.part = partText as FunctionPart;
  return { ref };
}

/** Every name reference in a string, in order (escaped ones included, marked). */
export function findNameRefs(text: string): NameRefMatch[] {
  if (!mayHoldNameRef(text)) return [];
  const out: NameRefMatch[] = [];
  for (const m of text.matchAll(NAME_REF)) {
    const [match, escape = '', kindText = '', raw = '', close = ''] = m;
    const kind = kindText as NameRefKind;
    const base = { text: match, index: m.index, escaped: escape !== '', kind };
    if (escape !== '') {
      out.push(base);
      continue;
    }
    if (close === '') {
      out.push({ ...base, problem: { error: 'is not closed with "}"', fix: FIX[kind] } });
      continue;
    }
    const parsed = parseNameRef(kind, raw);
    out.push('ref' in parsed ? { ...base, ref: parsed.ref } : { ...base, problem: parsed.problem });
  }
  return out;
}

/** The part a bare Function reference stands for in a field named `key` (a run-function widget's own fields). */
export function functionPartForKey(key: string): FunctionPart | undefined {
  return (FUNCTION_PARTS as readonly string[]).includes(key) ? (key as FunctionPart) : undefined;
}

/**
 * True when a name can be written inside a reference (no "}", no line break, not blank, no "${": resolution reads
 * `${var.…}` and `${flow:…}` before name references, so one inside a name would change what it names).
 */
export function writableName(name: string): boolean {
  return name.trim() !== '' && !/[}\r\n]/.test(name) && !name.includes('${');
}

/** The text of a reference; undefined when a name cannot be written in one (see writableName). */
export function formatNameRef(ref: NameRef): string | undefined {
  if (ref.kind === 'function') {
    // A "#" in the service would split a bare reference's part off it (parseNameRef reads the last "#").
    if (!writableName(ref.service) || /[/#]/.test(ref.service) || !ref.path.startsWith('/')) return undefined;
    if (/[}#\r\n]/.test(ref.path) || ref.path.includes('${')) return undefined;
    return `\${function:${ref.service}${ref.path}${ref.part ? `#${ref.part}` : ''}}`;
  }
  return writableName(ref.name) ? `\${${ref.kind}:${ref.name}}` : undefined;
}
