/**
 * Scanning a JSON text that is already known to be valid (JSON.parse or the tree parser accepted it), without
 * building anything: the end of a string, of a value, the whitespace between tokens, and the number of member keys.
 */

/** JSON's four whitespace characters (space, tab, LF, CR): the only ones either parser accepts between tokens. */
export function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) i++;
    else return i;
  }
}

/**
 * The offset just after the string whose opening quote is at `start`: the next `"` not escaped, i.e. preceded by
 * an even number of backslashes (`"a\\"` ends at its third quote, `"a\"b"` at its last). The text's length when unclosed.
 */
export function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset just after the value starting at `start` (a string, object, array, number, true, false or null). */
export function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 34 /* " */) return stringEnd(text, start);
  if (first === 123 /* { */ || first === 91 /* [ */) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 34) i = stringEnd(text, i) - 1;
      else if (code === 123 || code === 91) depth++;
      else if ((code === 125 || code === 93) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = start;
  for (;;) {
    const code = text.charCodeAt(i);
    // A literal ends at `,`, `]`, `}`, whitespace or the end of the text.
    if (Number.isNaN(code) || code === 44 || code === 93 || code === 125 || code <= 32) return i;
    i++;
  }
}

/** The decoded text of the string whose quotes are at `start` and `end - 1`. */
export function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/**
 * The number of object members a valid JSON text writes: every string followed (after whitespace) by `:` is a
 * key. Outside strings a valid text holds no quote, so jumping from one string's end to the next `"` visits
 * every string once.
 */
export function countKeysInText(text: string): number {
  let count = 0;
  let quote = text.indexOf('"');
  while (quote >= 0) {
    const after = skipWhitespace(text, stringEnd(text, quote));
    if (text.charCodeAt(after) === 58 /* : */) count++;
    quote = text.indexOf('"', after);
  }
  return count;
}

/**
 * The own keys of every object in a parsed value, and its deepest nesting of objects and arrays. Iterative, so a
 * hostile depth cannot overflow the stack. Equal to countKeysInText of its text exactly when no object of the text
 * repeats a key (JSON.parse keeps one of each; `__proto__` is an own key like any other).
 */
export function countOwnKeys(value: unknown): { keys: number; depth: number } {
  let keys = 0;
  let deepest = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, depth } = top;
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(node)) {
      for (const element of node)
        if (element !== null && typeof element === 'object') stack.push({ node: element, depth: depth + 1 });
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key in record) {
      keys++;
      const child = record[key];
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return { keys, depth: deepest };
}
