/**
 * Places in a parsed config document: a path of keys/indexes (as in an ajv instancePath) → the
 * line and column of the node, or of its key, in the file. Also finds repeated keys, which we
 * report ourselves (by name, at the repeated key) rather than through yaml's DUPLICATE_KEY error.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter } from 'yaml';
import type { Position } from '../document/types.ts';

/** A place in the config: the node at `segments`, or (`at: 'key'`) the key naming it. */
export interface Place {
  segments: readonly string[];
  at: 'key' | 'value';
}

/** A problem at a place; `message` already names the place and the fix. */
export interface Problem {
  place: Place;
  message: string;
}

export interface RepeatedKey {
  /** Path of the mapping holding the key. */
  segments: string[];
  key: string;
  first: number;
  repeat: number;
}

interface Ranged {
  range?: readonly [number, number, number] | null | undefined;
}

/** The text a mapping key stands for (what toJS would make of a scalar key). */
export function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function start(node: unknown): number | undefined {
  const range = node !== null && typeof node === 'object' ? (node as Ranged).range : undefined;
  return range ? range[0] : undefined;
}

/** An empty value (`key:` with nothing after it) has an empty range at the end of the line. */
function isEmptyValue(node: unknown): boolean {
  if (!isScalar(node) || node.value !== null || !node.range) return false;
  return node.range[0] === node.range[1];
}

/** Offset of the place: the deepest node found on the way, or its key when asked or when empty. */
export function offsetOf(doc: Document, place: Place): number {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of place.segments) {
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === segment);
      next = pair?.value;
      nextKey = pair?.key;
      if (!pair) break;
    } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      next = node.items[Number(segment)];
      if (next === undefined) break;
    } else {
      break;
    }
    node = next;
    keyNode = nextKey;
  }
  const keyStart = start(keyNode);
  const valueStart = start(node);
  if (keyStart !== undefined && (place.at === 'key' || valueStart === undefined || isEmptyValue(node))) return keyStart;
  return valueStart ?? 0;
}

export function positionAt(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Every key that appears a second time in the same mapping, in document order. */
export function repeatedKeys(doc: Document): RepeatedKey[] {
  const found: RepeatedKey[] = [];
  const walk = (node: unknown, segments: string[]): void => {
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const here = start(pair.key) ?? 0;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, here);
        else found.push({ segments, key, first, repeat: here });
        walk(pair.value, [...segments, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...segments, String(index)]));
    }
  };
  walk(doc.contents, []);
  return found;
}
