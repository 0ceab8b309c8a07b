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
  return duplicates.map(({ key, node, firstNode }) => {
    const first = lines.positionAt(firstNode.offset);
    return {
      severity: 'error',
      source: 'parse',
      rule: 'duplicate-key',
      ...lines.positionAt(node.offset),
      message: `Duplicate key ${quoteName(key)} (first defined at line ${first.line}); Twilio would silently keep only this last one`,
      fix: `Remove or rename one of the two ${quoteName(key)} keys.`,
    };
  });
}

export function sizeFinding(definition: unknown, at: Position): Finding | undefined {
  const size = Buffer.byteLength(encodeURIComponent(JSON.stringify(definition) ?? ''));
  if (size <= DEFINITION_SIZE_LIMIT) return undefined;
  return {
    severity: 'error',
    source: 'limit',
    rule: 'size-limit',
    ...at,
    message: `The definition is ${size.toLocaleString('en-US')} bytes when form-encoded; Twilio accepts at most ${DEFINITION_SIZE_LIMIT.toLocaleString('en-US')} bytes per request`,
    fix: 'Split the flow into subflows (Run Subflow widget) or shorten long texts.',
  };
}
