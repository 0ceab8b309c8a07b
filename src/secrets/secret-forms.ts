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

/** One written form: the text, and where each character of the secret ends in it (to cut at a character). */
export interface WrittenForm {
  text: string;
  /** ends[k]: the length of the form of the first k+1 characters. */
  ends: number[];
}

/** The secret as one line: a message's (each control character a space) and plainLine's (a CRLF one space). */
function oneLineForms(secret: string): string[] {
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
      if (!out.has(text)) out.set(text, { text, ends });
    }
  }
  return [...out.values()];
}

/**
 * The ranges of `text` that are a cut of a written form: at least `min` characters of the secret, then "…"
 * (optionally after white space), as every message of ours cuts long text. Sorted, not overlapping.
 */
export function cutsOf(text: string, forms: readonly WrittenForm[], min: number): [number, number][] {
  const ranges: [number, number][] = [];
  const lower = text.toLowerCase();
  for (let at = text.indexOf('…'); at !== -1; at = text.indexOf('…', at + 1)) {
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1]!)) end -= 1;
    let best = -1;
    for (const form of forms) {
      const first = form.text[0]?.toLowerCase();
      for (let k = form.ends.length - 1; k >= min - 1; k--) {
        const start = end - form.ends[k]!;
        if (start < 0) continue;
        if (lower[start] !== first) continue;
        if (lower.slice(start, end) === form.text.slice(0, form.ends[k]).toLowerCase()) {
          if (best === -1 || start < best) best = start;
          break;
        }
      }
    }
    if (best !== -1) ranges.push([best, end]);
  }
  return ranges.filter(([start], i) => i === 0 || start >= ranges[i - 1]![1]);
}
