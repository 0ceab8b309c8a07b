/**
 * The environment's substitutions reversed: the live definition with the file's `${var.NAME}`, `${flow:PATH}` and
 * name references (`${function:…}`, `${workflow:…}`, …) put back where the live value is what they resolve to
 * (also inside a longer string, matched by the text around them). A placeholder whose live value differs stays in
 * the file too, and is reported: a live value is never baked in silently in place of a placeholder. A name
 * reference whose live SID differs is written back as the name that resolves to that SID, or as the SID when no
 * name does (both reported): the name says which resource, so a Console edit of it comes back.
 */
import { escapeSegment, splitPointer, widgetNameAt } from '../document/widget-label.ts';
import { refPath } from '../resolve/flow-refs.ts';
import type { NameIndex, ValuePlace } from '../resolve/name-index.ts';
import type { NameRefKind } from '../resolve/name-syntax.ts';
import { isSensitiveKey, MASK, maskText } from '../secrets/mask.ts';
import { pairing } from './reverse-pairing.ts';
import { alignFunctionFields, expectedOfName, placeOf, renamed, type NameToken } from './reverse-names.ts';
import type { PlaceholderChange } from './sync-types.ts';

const TOKEN = /(\$?)\$\{(var\.|flow:|function:|workflow:|channel:|flow-name:)([^}]*)(\}?)/g;
const NAME = /^[A-Z][A-Z0-9_]*$/;

export interface ReverseContext {
  /** The environment's variables; undefined without an environment (placeholders then stay as written). */
  variables: Record<string, string> | undefined;
  /** The SID a `${flow:PATH}` resolves to, or undefined when it does not resolve (kept as written). */
  sidOf: (path: string) => string | undefined;
  /** The account's reverse index for the environment; undefined: name references stay as written. */
  names?: NameIndex | undefined;
}

export interface Reversed {
  definition: unknown;
  placeholders: PlaceholderChange[];
}

interface Placeholder {
  placeholder: string;
  expected: string;
  variable?: string;
  /** Where it is in the file's string. */
  start: number;
  end: number;
  name?: NameToken;
}

type Token = { literal: string } | Placeholder;

/** A string of the file as literal text and placeholders with what each resolves to (`place`: where it stands). */
export function tokenize(text: string, context: ReverseContext, place: ValuePlace = {}): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const [match, escape, kind = '', raw = '', close] = m;
    if (m.index > last) tokens.push({ literal: text.slice(last, m.index) });
    last = m.index + match.length;
    if (escape !== '') {
      tokens.push({ literal: match.slice(1) });
      continue;
    }
    // Malformed: left as is by resolution, so literal text. Unresolved (no environment, an undefined variable, a
    // flow not in Studio, a name the account lacks): resolution leaves it as written, and so it is expected as written.
    if (close === '') {
      tokens.push({ literal: match });
      continue;
    }
    const at = { placeholder: match, start: m.index, end: last };
    if (kind !== 'var.' && kind !== 'flow:') {
      const named = expectedOfName({ kind: kind.slice(0, -1) as NameRefKind, raw }, context.names, place);
      tokens.push({ ...at, expected: named.expected ?? match, name: named.token });
      continue;
    }
    const variables = context.variables;
    const expected =
      kind === 'var.'
        ? NAME.test(raw) && variables && Object.hasOwn(variables, raw)
          ? variables[raw]
          : undefined
        : refPath(raw) === ''
          ? undefined
          : context.sidOf(refPath(raw));
    tokens.push({ ...at, expected: expected ?? match, ...(kind === 'var.' ? { variable: raw } : {}) });
  }
  if (last < text.length) tokens.push({ literal: text.slice(last) });
  return tokens;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Walk {
  context: ReverseContext;
  live: unknown;
  changes: PlaceholderChange[];
}

function shown(value: string, sensitive: boolean): string {
  return sensitive ? MASK : maskText(value);
}

function report(
  walk: Walk,
  pointer: string,
  token: Placeholder,
  live: string,
  after: { written?: string; reason?: string } = {},
): void {
  const key = splitPointer(pointer).at(-1) ?? '';
  const sensitive = isSensitiveKey(key) || (token.variable !== undefined && isSensitiveKey(token.variable));
  walk.changes.push({
    placeholder: token.placeholder,
    widget: widgetNameAt(walk.live, pointer),
    pointer,
    expected: shown(token.expected, sensitive),
    live: shown(live, sensitive),
    ...(after.written === undefined
      ? {}
      : { written: after.written === live ? shown(live, sensitive) : after.written }),
    ...(after.reason === undefined ? {} : { reason: after.reason }),
  });
}

function reverseString(walk: Walk, pointer: string, file: string, live: unknown): unknown {
  const place = walk.context.names ? placeOf(walk.live, pointer) : {};
  const tokens = tokenize(file, walk.context, place);
  const placeholders = tokens.filter((t) => 'placeholder' in t);
  const resolved = tokens.map((t) => ('literal' in t ? t.literal : t.expected)).join('');
  if (live === resolved) return file; // as written: `$${var.X}` stays escaped
  if (placeholders.length === 0) return escapeLive(live);
  const liveText = typeof live === 'string' ? live : (JSON.stringify(live) ?? 'nothing');
  const pattern = new RegExp(
    `^${tokens.map((t) => ('literal' in t ? escapeRegExp(t.literal) : '([\\s\\S]*?)')).join('')}$`,
  );
  const match = typeof live === 'string' ? pattern.exec(live) : null;
  if (!match && typeof live === 'string') {
    const rebuilt = rebuild(live, placeholders);
    if (rebuilt !== undefined) return rebuilt;
  }
  if (!match) {
    for (const token of placeholders) report(walk, pointer, token, liveText);
    return file;
  }
  const edits: { start: number; end: number; text: string }[] = [];
  placeholders.forEach((token, i) => {
    const value = match[i + 1] ?? '';
    if (value === token.expected) return;
    const names = walk.context.names;
    if (!token.name || token.expected === token.placeholder || !names) {
      report(walk, pointer, token, value, token.name?.reason ? { reason: token.name.reason } : {});
      return;
    }
    const after = renamed(token.name, value, { names, place });
    const text = after.written === value ? (escapeLive(value) as string) : after.written;
    edits.push({ start: token.start, end: token.end, text });
    report(walk, pointer, token, value, after);
  });
  return edits.reduceRight((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), file);
}

/**
 * The live text edited around unchanged placeholders: each placeholder's value put back as the placeholder,
 * the rest escaped. Only when every resolved placeholder's value occurs in the live text exactly as often as
 * the file used it (a short value such as `en` found in other words is never guessed); else undefined.
 */
function rebuild(live: string, placeholders: Placeholder[]): string | undefined {
  const uses = new Map<string, { placeholder: string; count: number }>();
  for (const t of placeholders) {
    // Unresolved (written as is) or empty: nothing to find in the live text.
    if (t.expected === t.placeholder || t.expected === '') return undefined;
    const use = uses.get(t.expected);
    if (use && use.placeholder !== t.placeholder) return undefined; // two placeholders, one value: ambiguous
    uses.set(t.expected, { placeholder: t.placeholder, count: (use?.count ?? 0) + 1 });
  }
  const values = [...uses.keys()].sort((a, b) => b.length - a.length);
  const found = new Map<string, number>();
  let out = '';
  let last = 0;
  for (const m of live.matchAll(new RegExp(values.map(escapeRegExp).join('|'), 'g'))) {
    found.set(m[0], (found.get(m[0]) ?? 0) + 1);
    out += `${escapeLive(live.slice(last, m.index)) as string}${uses.get(m[0])!.placeholder}`;
    last = m.index + m[0].length;
  }
  if (values.some((v) => found.get(v) !== uses.get(v)!.count)) return undefined;
  return `${out}${escapeLive(live.slice(last)) as string}`;
}

/**
 * A live value as a file must hold it: text that reads like a placeholder (`${var.X}`, `${flow:P}`) is escaped
 * (`$${var.X}`), or a deploy would substitute it.
 */
export function escapeLive(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('${')
      ? value.replace(/\$\{(var\.|flow:|function:|workflow:|channel:|flow-name:)/g, '$$$${$1')
      : value;
  if (Array.isArray(value)) return value.map(escapeLive);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(out, key, {
        value: escapeLive(item),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function reverse(walk: Walk, pointer: string, file: unknown, resolved: unknown, live: unknown): unknown {
  if (typeof file === 'string') return reverseString(walk, pointer, file, live);
  if (Array.isArray(file) && Array.isArray(live)) {
    const items = live as unknown[];
    const res: unknown[] = Array.isArray(resolved) ? (resolved as unknown[]) : (file as unknown[]);
    return pairing(file as unknown[], res, items).map((i, j): unknown =>
      i === undefined
        ? escapeLive(items[j])
        : reverse(walk, `${pointer}/${j}`, (file as unknown[])[i], res[i], items[j]),
    );
  }
  if (isObject(file) && isObject(live)) {
    const res = isObject(resolved) ? resolved : file;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(live)) {
      const value = Object.hasOwn(file, key)
        ? reverse(walk, `${pointer}/${escapeSegment(key)}`, file[key], res[key], live[key])
        : escapeLive(live[key]);
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return out;
  }
  return escapeLive(live);
}

/**
 * The live definition with the file's placeholders kept: `file` is the definition as written, `resolved` the
 * same resolved for the environment (same structure), `live` what Studio holds.
 */
export function reverseSubstitutions(
  input: { file: unknown; resolved: unknown; live: unknown },
  context: ReverseContext,
): Reversed {
  const walk: Walk = { context, live: input.live, changes: [] };
  const definition = reverse(walk, '', input.file, input.resolved, input.live);
  if (context.names) alignFunctionFields(definition, walk.changes);
  return { definition, placeholders: walk.changes };
}
