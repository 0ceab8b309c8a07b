/**
 * Escaping for text that comes from flow files, paths or API responses before it enters
 * GitHub-flavoured Markdown: nothing from outside may open HTML, close a <details>,
 * break a table, start a link or @mention anyone, reverse the text around it (bidi controls), or
 * show a credential (see mask.ts).
 */
import { maskText } from '../secrets/mask.ts';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * An `@` that mentions no one. GitHub finds mentions in the rendered text, after entities are decoded, so
 * `&#64;` alone still pings `@team`; a zero-width space after the `@` (as Dependabot and Renovate write
 * it) breaks the mention and shows the same. Both as entities: the Markdown source holds no raw `@` either.
 */
const DEFUSED_AT = '&#64;&#8203;';

/** Bidirectional overrides and isolates (e.g. U+202E) that make text read differently from what it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/gu;

/**
 * One line of displayable text: credentials masked, line breaks and other control characters as
 * spaces, bidi controls shown by their code point (`‹U+202E›`) instead of reordering what follows.
 */
export function plainLine(value: string): string {
  return maskText(value)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\p{Cc}/gu, ' ')
    .replace(BIDI, (c) => `‹U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}›`);
}

/**
 * Inline plain text: HTML-escaped, the Markdown punctuation that can start emphasis, code, links,
 * tables or issue references backslash-escaped, mentions defused, one line. Never used at a line's
 * start, so list and heading markers need no escaping.
 */
export function text(value: string): string {
  return plainLine(value)
    .replace(/[&<>]/g, (c) => HTML[c] as string)
    .replace(/[\\`*_{}[\]()#|~]/g, (c) => `\\${c}`)
    .replace(/@/g, DEFUSED_AT);
}

/**
 * Inline code span that holds any string safely. In a table cell pass `{ inTable: true }`: a pipe
 * must then be escaped even inside code (GitHub shows `\|` there as `|`, but literally elsewhere).
 */
export function code(value: string, options: { inTable?: boolean } = {}): string {
  const flat = plainLine(value);
  const oneLine = options.inTable ? flat.replace(/\|/g, '\\|') : flat;
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

const HTML_ATTR: Record<string, string> = { ...HTML, '"': '&quot;', "'": '&#39;' };

/**
 * Text inside an HTML block (a `<details><summary>` line): Markdown is not parsed there, so backslashes
 * and backticks would show as they are; HTML-escaped instead, one line, mentions defused.
 */
export function htmlText(value: string): string {
  return plainLine(value)
    .replace(/[&<>"']/g, (c) => HTML_ATTR[c] as string)
    .replace(/@/g, DEFUSED_AT);
}

/** A code span inside an HTML block: `<code>` with the text HTML-escaped. */
export function htmlCode(value: string): string {
  return `<code>${htmlText(value)}</code>`;
}
