/**
 * A secret as our own renderers write it, character by character: flattened to one line (a message), JSON-escaped
 * (a quoted name, a diff of a definition), Markdown-escaped (`\_`, `&amp;`: src/report/escape.ts `text`),
 * HTML-escaped (inside `<details>`: `htmlText`), as a Mermaid label (`#quot;`: src/report/picture.ts), in a table
 * cell (`\|`). A `${env.NAME}` value is any text, so each of these forms differs from the raw value and must be
 * scrubbed too; and as every message cuts long text with "…", so must any cut of them (see `cutsOf`).
 * Pure; mirrors the renderers' escapes (a test in test/adversarial4/ runs the real ones against it).
 */

/** How one character is written. */
type CharForm = (c: string) => string;

const AT = '&#64;&#8203;';
const same: CharForm = (c) => c;
const json: CharForm = (c) => JSON.stringify(c).slice(1, -1);
const entity: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const markdown: CharForm = (c) =>
  c === '&' || c === '<' || c === '>' ? entity[c]! : /[\\`*_{}[\]()#|~]/.test(c) ? `\\${c}` : c === '@' ? AT : c;
const html: CharForm = (c) => entity[c] ?? (c === '@' ? AT : c);
const MERMAID_NAMED: Record<string, string> = { '"': 'quot', '<': 'lt', '>': 'gt' };
const mermaid: CharForm = (c) => (/[#&"<>`|@\\{}[\]]/.test(c) ? `#${MERMAID_NAMED[c] ?? c.codePointAt(0)};` : c);
const tableCell: CharForm = (c) => (c === '|' ? '\\|' : c);

const twice: CharForm = (c) => Array.from(json(c), json).join('');
/** The escapes, each alone and after JSON once or twice (a quoted name in a JSON output, rendered as Markdown…). */
const WRITERS: readonly CharForm[] = [same, markdown, html, mermaid, tableCell].flatMap((render) => [
  render,
  (c: string) => Array.from(json(c), render).join(''),
  (c: string) => Array.from(twice(c), render).join(''),
]);

/** One written form: the text (lower-cased), where each character of the secret ends in it, and its KMP table. */
export interface WrittenForm {
  text: string;
  /** chars[n]: how many characters of the secret the first n characters of the form write whole. */
  chars: Uint32Array;
  /** fail[i]: the longest proper prefix of text[0..i] that is also its suffix (Knuth–Morris–Pratt). */
  fail: number[];
}

function failure(text: string): number[] {
  const fail = [0];
  for (let i = 1, k = 0; i < text.length; i++) {
    while (k > 0 && text[i] !== text[k]) k = fail[k - 1]!;
    if (text[i] === text[k]) k += 1;
    fail.push(k);
  }
  return fail;
}

/** The secret, and as one line: a message's (each control character a space) and plainLine's (a CRLF one space). */
export function oneLineForms(secret: string): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are what is flattened
  const each = secret.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const line = secret.replace(/\r?\n|\r/g, ' ').replace(/\p{Cc}/gu, ' ');
  return [...new Set([secret, each, line])];
}

/** Every form our renderers can write `secret` in (the raw text among them). */
export function writtenForms(secret: string): WrittenForm[] {
  const out = new Map<string, WrittenForm>();
  for (const base of oneLineForms(secret)) {
    for (const write of WRITERS) {
      let text = '';
      const ends: number[] = [];
      for (const c of Array.from(base)) {
        text += write(c);
        ends.push(text.length);
      }
      // Lower-cased as the scrubber matches (case-insensitively); a character that changes length is rare enough
      // to take the form as it is.
      const lower = text.toLowerCase().length === text.length ? text.toLowerCase() : text;
      const chars = new Uint32Array(lower.length + 1);
      for (const e of ends) chars[e] = 1;
      for (let n = 1; n <= lower.length; n++) chars[n] = (chars[n] === 1 ? 1 : 0) + chars[n - 1]!;
      // One form per text and character ends: two writers can give one text read two ways (`\\|` is a JSON-escaped
      // backslash then a pipe, or a backslash then a table cell's escaped pipe), and a cut is matched by either.
      const key = `${lower}\u0000${chars.join(',')}`;
      if (!out.has(key)) out.set(key, { text: lower, chars, fail: failure(lower) });
    }
  }
  return [...out.values()];
}

/** The length of the longest prefix of `form` that ends `text` at `end` and ends at a character of the secret. */
function cutLength(text: string, end: number, form: WrittenForm): number {
  const f = form.text;
  let q = 0;
  for (let i = Math.max(0, end - f.length); i < end; i++) {
    const c = text[i];
    if (q === f.length) q = form.fail[q - 1]!;
    while (q > 0 && f[q] !== c) q = form.fail[q - 1]!;
    if (f[q] === c) q += 1;
  }
  while (q > 0 && form.chars[q] === form.chars[q - 1]) q = form.fail[q - 1]!;
  return q;
}

/**
 * The ranges of `text` that are a cut of a written form: at least `min` characters of the secret, then "…"
 * (optionally after white space), as every message of ours cuts long text. Sorted; overlapping cuts merged.
 * Linear in the form's length per "…" (Knuth–Morris–Pratt), so a long secret or many cuts stay fast.
 */
export function cutsOf(text: string, forms: readonly WrittenForm[], min: number): [number, number][] {
  const ranges: [number, number][] = [];
  const lower = text.toLowerCase().length === text.length ? text.toLowerCase() : text;
  for (let at = text.indexOf('…'); at !== -1; at = text.indexOf('…', at + 1)) {
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1]!)) end -= 1;
    let longest = 0;
    for (const form of forms) {
      const q = cutLength(lower, end, form);
      // At least `min` characters of the secret: the form of its first `min` characters is at least that long.
      if (q >= min && form.chars[q]! >= min) longest = Math.max(longest, q);
    }
    if (longest > 0) addRange(ranges, end - longest, end);
  }
  return ranges;
}

/**
 * Adds [start, end) to sorted, disjoint ranges whose last end is at most `end`, merging every range it overlaps:
 * a secret that holds "…" itself is cut twice (at its own "…" and at the message's), and the longer cut, which
 * starts before the shorter one ends, must be scrubbed whole, not dropped.
 */
function addRange(ranges: [number, number][], start: number, end: number): void {
  let from = start;
  while (ranges.length > 0 && ranges[ranges.length - 1]![1] > from) from = Math.min(from, ranges.pop()![0]);
  ranges.push([from, end]);
}
