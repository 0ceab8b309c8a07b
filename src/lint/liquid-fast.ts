/**
 * The common template read without liquidjs: text with `{{ path }}` and `{{ path | filter: arg, … }}` outputs
 * and no tags, which is most of what Studio flows hold (`{{widgets.menu.Digits}}`, `{{flow.data.x | default: 'y'}}`).
 * A stricter grammar than Liquid's: whatever it accepts liquidjs accepts too with the same variables at the same
 * offsets (test/flows/liquid-fast.test.ts compares both); anything else returns undefined and goes to liquidjs.
 * Read character by character (no regular expressions, no string copies but the names): most of a flow's
 * templates take this path, and the Liquid rules' share of the lint of a 1 MB flow is printed by `npm run bench`.
 */
/** One segment of a variable path: a name, an index, or undefined for a computed one (`a[b]`). */
export type Segment = string | number | undefined;

/** A variable a template reads: its path and the offset (UTF-16 units) where it starts in the string. */
export interface LiquidRef {
  path: Segment[];
  offset: number;
  /**
   * Read where the template copes with it being empty: a condition (`{% if widgets.x.y %}`, `unless`, `case`)
   * or a value with `| default:`.
   */
  guarded?: boolean;
}

/** JavaScript's `\s`: what the Liquid grammar below skips as white space. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdent = (c: number) => isIdentStart(c) || isDigit(c);

/** A cursor over one output's inside, `text[i]` up to `end` (the `}}`). */
interface Cursor {
  text: string;
  i: number;
  end: number;
}

const code = (c: Cursor, at = c.i) => (at < c.end ? c.text.charCodeAt(at) : -1);
function spaces(c: Cursor): void {
  while (isSpace(code(c))) c.i++;
}

/** `[A-Za-z_][A-Za-z0-9_]*` at the cursor: its end, or -1. */
function identEnd(c: Cursor, from: number): number {
  if (!isIdentStart(code(c, from))) return -1;
  let i = from + 1;
  while (isIdent(code(c, i))) i++;
  return i;
}

/** A quoted string without `\`, `{`, `}` starting at `from` (on its quote): the index after it, or -1. */
function quotedEnd(c: Cursor, from: number): number {
  const quote = code(c, from);
  if (quote !== 34 && quote !== 39) return -1;
  for (let i = from + 1; i < c.end; i++) {
    const ch = c.text.charCodeAt(i);
    if (ch === quote) return i + 1;
    if (ch === 92 || ch === 123 || ch === 125) return -1;
  }
  return -1;
}

/** A variable path (`a.b["c d"][0]`) at the cursor, moved past it: its segments, or undefined (cursor kept). */
function path(c: Cursor): Segment[] | undefined {
  let i = identEnd(c, c.i);
  if (i < 0) return undefined;
  const out: Segment[] = [c.text.slice(c.i, i)];
  for (;;) {
    const ch = code(c, i);
    if (ch === 46 /* . */) {
      const end = identEnd(c, i + 1);
      if (end < 0) break;
      out.push(c.text.slice(i + 1, end));
      i = end;
    } else if (ch === 91 /* [ */) {
      let end = i + 1;
      while (isDigit(code(c, end))) end++;
      if (end > i + 1 && code(c, end) === 93) {
        out.push(Number(c.text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
      end = quotedEnd(c, i + 1);
      if (end < 0 || code(c, end) !== 93) break;
      out.push(c.text.slice(i + 2, end - 1));
      i = end + 1;
    } else break;
  }
  c.i = i;
  return out;
}

/** One filter argument: a path (its segments), a quoted string or a number (null); undefined when none is there. */
function argument(c: Cursor): Segment[] | null | undefined {
  const ch = code(c);
  if (ch === 34 || ch === 39) {
    const end = quotedEnd(c, c.i);
    if (end < 0) return undefined;
    c.i = end;
    return null;
  }
  if (ch === 45 /* - */ || isDigit(ch)) {
    let i = ch === 45 ? c.i + 1 : c.i;
    const digits = i;
    while (isDigit(code(c, i))) i++;
    if (i === digits) return undefined;
    if (code(c, i) === 46 && isDigit(code(c, i + 1))) for (i += 1; isDigit(code(c, i));) i++;
    c.i = i;
    return null;
  }
  return path(c);
}

/** The refs of one output, its inside `text[start…end)`, or undefined when liquidjs must read it. */
function output(text: string, start: number, end: number): LiquidRef[] | undefined {
  const c: Cursor = { text, i: start, end };
  if (code(c) === 45) c.i++;
  spaces(c);
  const offset = c.i;
  const head = path(c);
  if (!head) return undefined;
  const first: LiquidRef = { path: head, offset };
  const refs: LiquidRef[] = [first];
  spaces(c);
  while (code(c) === 124 /* | */) {
    c.i++;
    spaces(c);
    const nameEnd = identEnd(c, c.i);
    if (nameEnd < 0) return undefined;
    if (nameEnd - c.i === 7 && text.startsWith('default', c.i)) first.guarded = true;
    c.i = nameEnd;
    spaces(c);
    if (code(c) !== 58 /* : */) continue;
    c.i++;
    spaces(c);
    for (;;) {
      const at = c.i;
      const arg = argument(c);
      if (arg === undefined) return undefined;
      if (arg !== null) refs.push({ path: arg, offset: at });
      const back = c.i;
      spaces(c);
      if (code(c) !== 44 /* , */) {
        c.i = back;
        break;
      }
      c.i++;
      spaces(c);
    }
    spaces(c);
  }
  if (code(c) === 45) c.i++;
  return c.i === end ? refs : undefined;
}

/** The variables of a tag-free template of simple outputs, or undefined when liquidjs must read it. */
export function fastScan(text: string): LiquidRef[] | undefined {
  if (text.includes('{%')) return undefined;
  const refs: LiquidRef[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return refs;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return undefined;
    for (let i = open + 2; i < close; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 123 || ch === 125) return undefined;
    }
    const found = output(text, open + 2, close);
    if (!found) return undefined;
    for (const ref of found) refs.push(ref);
    from = close + 2;
  }
}
