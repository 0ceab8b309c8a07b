/** The report's Markdown as terminal text, plain or in ANSI colours. */
/** How terminal text is styled: ANSI colours, or plain (not a terminal, or NO_COLOR). */
export interface Style {
  bold: (s: string) => string;
  code: (s: string) => string;
  added: (s: string) => string;
  removed: (s: string) => string;
  dim: (s: string) => string;
}

const ansi = (open: number, close: number) => (s: string) => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`);
export const PLAIN: Style = { bold: (s) => s, code: (s) => s, added: (s) => s, removed: (s) => s, dim: (s) => s };
export const COLOR: Style = {
  bold: ansi(1, 22),
  code: ansi(36, 39),
  added: ansi(32, 39),
  removed: ansi(31, 39),
  dim: ansi(2, 22),
};

/** Colour for a stream that is a terminal, unless NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): Style {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return COLOR;
  return stream.isTTY && !env.NO_COLOR ? COLOR : PLAIN;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#64': '@', '#8203': '' };
const ESCAPABLE = /[\\`*_{}[\]()#|~!<>&+.-]/;

/**
 * One line of the report's inline Markdown as terminal text: code spans unwrapped, emphasis dropped
 * (bold kept as bold), backslash escapes and the entities the report writes decoded.
 */
function inlineText(line: string, style: Style): string {
  let out = '';
  let bold = false;
  let plain = '';
  const flush = () => {
    out += bold ? style.bold(plain) : plain;
    plain = '';
  };
  for (let i = 0; i < line.length;) {
    const c = line[i] as string;
    const next = line[i + 1];
    if (c === '\\' && next !== undefined && ESCAPABLE.test(next)) {
      plain += next;
      i += 2;
    } else if (c === '`') {
      const fence = /^`+/.exec(line.slice(i))?.[0] ?? '`';
      const close = closingFence(line, i + fence.length, fence.length);
      if (close < 0) {
        plain += fence;
        i += fence.length;
        continue;
      }
      let content = line.slice(i + fence.length, close);
      if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '')
        content = content.slice(1, -1);
      flush();
      out += style.code(content);
      i = close + fence.length;
    } else if (c === '*' && next === '*') {
      flush();
      bold = !bold;
      i += 2;
    } else if (c === '_' && isEmphasis(line, i)) {
      i += 1;
    } else if (c === '&') {
      const entity = /^&(amp|lt|gt|quot|#64|#8203);/.exec(line.slice(i));
      plain += entity ? ENTITIES[entity[1] as string] : c;
      i += entity ? entity[0].length : 1;
    } else {
      plain += c;
      i += 1;
    }
  }
  flush();
  return out;
}

/** Index of the backtick run of exactly `length` that closes a code span opened before `from`, or -1. */
function closingFence(line: string, from: number, length: number): number {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let m = runs.exec(line); m; m = runs.exec(line)) if (m[0].length === length) return m.index;
  return -1;
}

/** An unescaped `_` that opens (`_(empty)_`) or closes emphasis, not one inside a word. */
function isEmphasis(line: string, i: number): boolean {
  const before = line[i - 1];
  const after = line[i + 1];
  const opens = (before === undefined || /[\s(]/.test(before)) && after !== undefined && /\S/.test(after);
  const closes = before !== undefined && /\S/.test(before) && (after === undefined || /[\s.,;:!?)]/.test(after));
  return opens || closes;
}

/**
 * The report's Markdown (a revision line, a flow diff) as terminal text: the same content the pull
 * request shows, without the markup; `diff` fences become their lines, added green and removed red.
 */
export function markdownToTerminal(markdown: string, style: Style = PLAIN): string {
  const out: string[] = [];
  let fence: { marks: string; indent: string } | undefined;
  for (const line of markdown.split('\n')) {
    const trimmed = line.trimStart();
    const indent = line.slice(0, line.length - trimmed.length);
    if (fence === undefined) {
      const open = /^(`{3,})[\w-]*$/.exec(trimmed);
      if (open) fence = { marks: open[1] as string, indent };
      else out.push(indent + inlineText(trimmed, style));
    } else if (trimmed === fence.marks) {
      fence = undefined;
    } else {
      // Inside the block every line is verbatim: only the block's own indentation comes off.
      const body = line.startsWith(fence.indent) ? line.slice(fence.indent.length) : trimmed;
      const paint = body.startsWith('+')
        ? style.added
        : body.startsWith('-')
          ? style.removed
          : body.startsWith('@@')
            ? style.dim
            : (s: string) => s;
      out.push(fence.indent + paint(body));
    }
  }
  return out.join('\n');
}
