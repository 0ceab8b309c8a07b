/**
 * A JSON text → its value and the keys it repeats, fast when the text is plain JSON with no repeated key (most
 * files): JSON.parse, then the keys the text writes counted against the keys the value holds. Only a text that
 * is not JSON, nests too deep or repeats a key takes the tree parser, for our own messages at their places
 * (JavaScript's own message, which quotes the text around the error, is never shown).
 */
import { parseTree } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { countKeysInText, countOwnKeys, skipWhitespace } from './json-scan.ts';
import { treeToValue, type DuplicateKey } from './json-tree.ts';
import type { LineIndex } from './positions.ts';
import { findExcessiveNesting, MAX_NESTING_DEPTH, syntaxFindings } from './syntax.ts';
import type { Finding } from './types.ts';

export type JsonRead =
  | {
      ok: true;
      value: unknown;
      /** Offset of the root value's first character. */
      root: number;
      /** Keys written twice in one object (the value holds the last), in file order. */
      duplicates: DuplicateKey[];
    }
  | { ok: false; findings: Finding[] };

/** `object`, `array`, `string`, `number`, `boolean` or `null`: a parsed value's JSON type. */
export function jsonType(value: unknown): 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** JSON.parse's value when the text is JSON with no repeated key and no excessive nesting; else undefined. */
function plainValue(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // not JSON (or too deep for the engine): the tree parser says where, in our words
  }
  const held = countOwnKeys(value);
  if (held.depth > MAX_NESTING_DEPTH || held.keys !== countKeysInText(text)) return undefined;
  return { value };
}

/** Read a JSON text; `lines` places the findings. Never throws. */
export function readJson(text: string, lines: LineIndex): JsonRead {
  const plain = plainValue(text);
  if (plain) return { ok: true, value: plain.value, root: skipWhitespace(text, 0), duplicates: [] };
  const deep = findExcessiveNesting(text);
  if (deep >= 0) {
    return {
      ok: false,
      findings: [
        {
          severity: 'error',
          source: 'parse',
          rule: 'json-depth',
          ...lines.positionAt(deep),
          message: `JSON nesting deeper than ${MAX_NESTING_DEPTH} levels`,
          fix: `A Studio flow definition never needs more than a few levels of nesting; flatten the structure.`,
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) return { ok: false, findings: syntaxFindings(text, lines, errors) };
  const duplicates: DuplicateKey[] = [];
  return { ok: true, value: treeToValue(root, duplicates), root: root.offset, duplicates };
}
