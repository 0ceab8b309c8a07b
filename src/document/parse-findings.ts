/** The findings parsing a flow file gives beyond syntax: duplicate keys and the size limit, with the names they quote. */
import type { Node } from 'jsonc-parser';
import { maskText } from '../secrets/mask.ts';
import type { DuplicateKey } from './json-tree.ts';
import type { LineIndex } from './positions.ts';
import type { Finding, Position } from './types.ts';

/** Twilio refuses request bodies over 1 MB; we measure the form-encoded definition against this. */
export const DEFINITION_SIZE_LIMIT = 1_000_000;

/** A name from the file, quoted for a message: at most NAME_CHARS characters, so a message never carries a chunk of the file. */
const NAME_CHARS = 60;
export function quoteName(name: string): string {
  const masked = maskText(name); // masked before it is cut: a cut credential no longer looks like one
  const chars = Array.from(masked);
  return JSON.stringify(chars.length > NAME_CHARS ? `${chars.slice(0, NAME_CHARS - 1).join('')}…` : masked);
}

/** `an array`, `null`, `a string`: what a JSON node is, for a message. */
export function kindOf(type: Node['type']): string {
  if (type === 'null') return 'null';
  return type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}

export function duplicateFindings(duplicates: readonly DuplicateKey[], lines: LineIndex): Finding[] {
  return duplicates.map(({ key, offset, firstOffset }) => {
    const first = lines.positionAt(firstOffset);
    return {
      severity: 'error',
      source: 'parse',
      rule: 'duplicate-key',
      ...lines.positionAt(offset),
      message: `Duplicate key ${quoteName(key)} (first defined at line ${first.line}); Twilio would silently keep only this last one`,
      fix: `Remove or rename one of the two ${quoteName(key)} keys.`,
    };
  });
}

/** What each UTF-8 byte costs form-encoded: 1 for encodeURIComponent's unreserved ASCII characters, else 3 (`%XX`). */
const ENCODED_BYTE = new Uint8Array(256).fill(3);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
  ENCODED_BYTE[char.charCodeAt(0)] = 1;

/**
 * The length of encodeURIComponent(text), counted on its UTF-8 bytes without building the encoded text (three
 * times faster on a 1 MB flow). `text` is JSON.stringify's output, which escapes lone surrogates, so its UTF-8
 * bytes are those encodeURIComponent encodes.
 */
function formEncodedLength(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  let size = 0;
  for (let i = 0; i < bytes.length; i++) size += ENCODED_BYTE[bytes[i] ?? 0] ?? 3;
  return size;
}

/** The size-limit finding when the definition is too big for Twilio; `at` is asked only then. */
export function sizeFinding(definition: unknown, at: () => Position): Finding | undefined {
  const size = formEncodedLength(JSON.stringify(definition) ?? '');
  if (size <= DEFINITION_SIZE_LIMIT) return undefined;
  return {
    severity: 'error',
    source: 'limit',
    rule: 'size-limit',
    ...at(),
    message: `The definition is ${size.toLocaleString('en-US')} bytes when form-encoded; Twilio accepts at most ${DEFINITION_SIZE_LIMIT.toLocaleString('en-US')} bytes per request`,
    fix: 'Split the flow into subflows (Run Subflow widget) or shorten long texts.',
  };
}
