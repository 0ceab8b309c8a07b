/**
 * Credentials Studio holds that git does not: a value the masking of reports would hide (a key, a token, a
 * password in a URL, a value under a sensitive key) in the text sync would write, that the file's text before
 * did not hold. Sync never copies such a value from Studio (access-controlled) into git (every reader, forever).
 */
import { escapeSegment } from '../document/widget-label.ts';
import { maskValue } from '../secrets/mask.ts';

/** Where a credential-looking value sits: a JSON pointer into the file's document and the widget, if any. */
export interface LiveCredential {
  pointer: string;
  widget: string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

function strings(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (isObject(value) && depth < 128) for (const v of Object.values(value)) strings(v, out, depth + 1);
  return out;
}

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The credential-looking values of `after` that `before` (the file's text, null when new) does not hold
 * anywhere; at most `limit` of them.
 */
export function liveCredentials(input: { before: string | null; after: string }, limit = 5): LiveCredential[] {
  const after = parse(input.after);
  const held = strings(parse(input.before), new Set());
  const found: LiveCredential[] = [];
  const walk = (value: unknown, masked: unknown, pointer: string, widget: string | undefined, depth: number) => {
    if (found.length >= limit || depth > 128) return;
    if (typeof value === 'string') {
      if (masked !== value && !held.has(value)) found.push({ pointer, widget });
      return;
    }
    if (!isObject(value) || !isObject(masked)) return;
    const name = typeof value['name'] === 'string' && /\/states\/\d+$/.test(pointer) ? value['name'] : widget;
    for (const key of Object.keys(value))
      walk(value[key], masked[key], `${pointer}/${escapeSegment(key)}`, name, depth + 1);
  };
  walk(after, maskValue(after), '', undefined, 0);
  return found;
}
