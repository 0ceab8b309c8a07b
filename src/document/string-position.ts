/**
 * A place inside a JSON string of the file: the raw offset of the character at a given index of the string's
 * value, counting escapes (`\n`, `\"`, `\u00e9` are several characters in the file, one in the value). Used to put
 * a Liquid finding at the column where the bad expression starts, not at the property's key.
 */
import type { StringSpan } from './text-navigator.ts';

/**
 * The file offset of the value's `index`-th UTF-16 unit in the string (whose raw text starts at
 * `node.offset` with its opening quote), when the node's value is `value` (the text the lint read: not
 * when a `${var.}` placeholder changed it); else undefined.
 */
export function offsetInString(
  text: string,
  at: { node: StringSpan; value: string; index: number },
): number | undefined {
  const { node, value, index } = at;
  if (node.value !== value || index < 0 || index > value.length) return undefined;
  let raw = node.offset + 1;
  const end = node.offset + node.length - 1;
  for (let decoded = 0; decoded < index && raw < end; decoded++) {
    if (text.charCodeAt(raw) === 92 /* \ */) raw += text.charAt(raw + 1) === 'u' ? 6 : 2;
    else raw += 1;
  }
  return raw;
}
