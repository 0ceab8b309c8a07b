/**
 * The positions parser as it was before issue 16, kept as an oracle for differential tests: jsonc-parser's whole
 * tree, the deepest existing node of a pointer (a member at its key), the exact string node, escapes counted. It
 * answers for the definition root the parser picks (a resource's `definition` object, else the file's root).
 */
import { parseTree, type Node } from 'jsonc-parser';
import { pointerSegments } from '../../../src/document/json-tree.ts';
import { buildLineIndex } from '../../../src/document/positions.ts';
import type { Position } from '../../../src/document/types.ts';

function member(object: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.children ?? []) if (property.children?.[0]?.value === key) found = property;
  return found;
}

function deepestNode(root: Node, segments: readonly string[]): Node {
  let shown = root;
  let current: Node | undefined = root;
  for (const segment of segments) {
    if (current?.type === 'object') {
      const property = member(current, segment);
      if (!property) break;
      shown = property;
      current = property.children?.[1];
    } else if (current?.type === 'array' && /^(0|[1-9][0-9]*)$/.test(segment)) {
      const element: Node | undefined = current.children?.[Number(segment)];
      if (!element) break;
      shown = element;
      current = element;
    } else break;
  }
  return shown;
}

function exactStringNode(root: Node, segments: readonly string[]): Node | undefined {
  let current: Node | undefined = root;
  for (const segment of segments) {
    if (current?.type === 'object') current = member(current, segment)?.children?.[1];
    else if (current?.type === 'array' && /^(0|[1-9][0-9]*)$/.test(segment))
      current = current.children?.[Number(segment)];
    else return undefined;
  }
  return current?.type === 'string' ? current : undefined;
}

function offsetInString(text: string, node: Node, at: { offset: number; text: string }): number | undefined {
  if (node.value !== at.text || at.offset < 0 || at.offset > at.text.length) return undefined;
  let raw = node.offset + 1;
  const end = node.offset + node.length - 1;
  for (let decoded = 0; decoded < at.offset && raw < end; decoded++) {
    if (text.charCodeAt(raw) === 92) raw += text.charAt(raw + 1) === 'u' ? 6 : 2;
    else raw += 1;
  }
  return raw;
}

export interface Oracle {
  locate(pointer: string): Position;
  locateInString(pointer: string, at: { offset: number; text: string }): Position;
}

/** The oracle for a file's text (a BOM is stripped as the parser does); undefined when the text is not JSON. */
export function treeOracle(fileText: string): Oracle | undefined {
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!root || root.type !== 'object') return undefined;
  const definition = member(root, 'definition')?.children?.[1];
  const defRoot = definition?.type === 'object' && !member(root, 'states') ? definition : root;
  const lines = buildLineIndex(text);
  const locate = (pointer: string) => lines.positionAt(deepestNode(defRoot, pointerSegments(pointer)).offset);
  return {
    locate,
    locateInString(pointer, at) {
      const node = exactStringNode(defRoot, pointerSegments(pointer));
      const offset = node ? offsetInString(text, node, at) : undefined;
      return offset !== undefined ? lines.positionAt(offset) : locate(pointer);
    },
  };
}
