/**
 * A jsonc-parser tree → plain value with duplicate-key detection (the path taken only for a text that repeats a
 * key or is not JSON), and JSON-pointer segments.
 */
import type { Node } from 'jsonc-parser';

/** A key that appears twice in one object: `offset` is the later occurrence's key, `firstOffset` the first's. */
export interface DuplicateKey {
  key: string;
  offset: number;
  firstOffset: number;
}

/**
 * The value a tree stands for, built the way JSON.parse would (the last of duplicate keys wins,
 * `__proto__` is an ordinary own property), and the duplicate keys found on the way. The tree's
 * depth is bounded by the caller (see findExcessiveNesting), so plain recursion is safe.
 */
export function treeToValue(node: Node, duplicates: DuplicateKey[] = []): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const firstKeyNode = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        const first = firstKeyNode.get(key);
        if (first) duplicates.push({ key, offset: keyNode.offset, firstOffset: first.offset });
        else firstKeyNode.set(key, keyNode);
        const value = valueNode ? treeToValue(valueNode, duplicates) : null;
        // `__proto__` must become an own property (an assignment would set the prototype); any other key is
        // assigned, which keeps the object in V8's fast mode (defineProperty on every key made it a dictionary,
        // and every rule walking a 1 MB flow paid for it).
        if (key === '__proto__')
          Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
        else result[key] = value;
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map((child) => treeToValue(child, duplicates));
    default:
      return node.value;
  }
}

/** Split a JSON pointer (`#/a/b`, `/a/b`, `a/b` or `#`) into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  let path = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (path === '') return [];
  if (path.startsWith('/')) path = path.slice(1);
  return path.split('/').map((segment) => {
    let decoded = segment;
    if (pointer.startsWith('#')) {
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        decoded = segment;
      }
    }
    return decoded.replaceAll('~1', '/').replaceAll('~0', '~');
  });
}
