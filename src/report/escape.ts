/**
 * Escaping for text that comes from flow files, paths or API responses before it enters
 * GitHub-flavoured Markdown: nothing from outside may open HTML, close a <details>,
 * break a table, start a link or @mention anyone.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Inline plain text: HTML-escaped, the Markdown punctuation that can start emphasis, code, links,
 * tables or issue references backslash-escaped, mentions defused, one line. Never used at a line's
 * start, so list and heading markers need no escaping.
 */
export function text(value: string): string {
  return value
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[&<>]/g, (c) => HTML[c] as string)
    .replace(/[\\`*_{}[\]()#|~]/g, (c) => `\\${c}`)
    .replace(/@/g, '&#64;');
}

/**
 * Inline code span that holds any string safely. In a table cell pass `{ inTable: true }`: a pipe
 * must then be escaped even inside code (GitHub shows `\|` there as `|`, but literally elsewhere).
 */
export function code(value: string, options: { inTable?: boolean } = {}): string {
  const flat = value.replace(/\r?\n|\r/g, ' ');
  const oneLine = options.inTable ? flat.replace(/\|/g, '\\|') : flat;
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

