/**
 * The common template read without liquidjs: text with `{{ path }}` and `{{ path | filter: arg, … }}` outputs
 * and no tags, which is most of what Studio flows hold (`{{widgets.menu.Digits}}`, `{{flow.data.x | default: 'y'}}`).
 * A stricter grammar than Liquid's: whatever it accepts liquidjs accepts too with the same variables at the same
 * offsets (test/flows/liquid-fast.test.ts compares both); anything else returns undefined and goes to liquidjs.
 * It keeps the Liquid rules within a fifth of the lint's time on a 1 MB flow (npm run bench).
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

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const PATH = `${IDENT}(?:\\.${IDENT}|\\[(?:[0-9]+|"[^"\\\\{}]*"|'[^'\\\\{}]*')\\])*`;
/** At the start of an output's inside: `-`?, spaces, the path. */
const HEAD = new RegExp(`-?\\s*(${PATH})\\s*`, 'y');
const FILTER = new RegExp(`\\|\\s*(${IDENT})\\s*`, 'y');
const COLON = /:\s*/y;
const COMMA = /\s*,\s*/y;
/** One argument: a path (group 1), a quoted string or a number. */
const ARG = new RegExp(`(${PATH})|"[^"\\\\{}]*"|'[^'\\\\{}]*'|-?[0-9]+(?:\\.[0-9]+)?`, 'y');
const SPACES = /\s*/y;
const TAIL = /-?$/y;
const SEGMENT = new RegExp(`^${IDENT}|\\.(${IDENT})|\\[([0-9]+|"[^"]*"|'[^']*')\\]`, 'g');

/** Match a sticky regex at `at`: the match, or undefined. */
function at(re: RegExp, text: string, index: number): RegExpExecArray | undefined {
  re.lastIndex = index;
  return re.exec(text) ?? undefined;
}

/** The refs of one output's inside (`offset` is where it starts in the template), or undefined. */
function output(inner: string, offset: number): LiquidRef[] | undefined {
  const head = at(HEAD, inner, 0);
  const path = head?.[1];
  if (!head || path === undefined) return undefined;
  const refs: LiquidRef[] = [{ path: segments(path), offset: offset + head[0].indexOf(path) }];
  let i = head[0].length;
  for (let filter = at(FILTER, inner, i); filter; filter = at(FILTER, inner, i)) {
    i += filter[0].length;
    if (filter[1] === 'default') (refs[0] as LiquidRef).guarded = true;
    const colon = at(COLON, inner, i);
    if (colon) {
      i += colon[0].length;
      for (;;) {
        const arg = at(ARG, inner, i);
        if (!arg) return undefined;
        if (arg[1] !== undefined) refs.push({ path: segments(arg[1]), offset: offset + i });
        i += arg[0].length;
        const comma = at(COMMA, inner, i);
        if (!comma) break;
        i += comma[0].length;
      }
      i += at(SPACES, inner, i)?.[0].length ?? 0;
    }
  }
  return at(TAIL, inner, i) ? refs : undefined;
}

function segments(path: string): Segment[] {
  const out: Segment[] = [];
  SEGMENT.lastIndex = 0;
  for (const m of path.matchAll(SEGMENT)) {
    const [whole, dotted, bracket] = m;
    if (dotted !== undefined) out.push(dotted);
    else if (bracket !== undefined) out.push(/^[0-9]/.test(bracket) ? Number(bracket) : bracket.slice(1, -1));
    else out.push(whole);
  }
  return out;
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
    const inner = text.slice(open + 2, close);
    if (inner.includes('{') || inner.includes('}')) return undefined;
    const found = output(inner, open + 2);
    if (!found) return undefined;
    refs.push(...found);
    from = close + 2;
  }
}
