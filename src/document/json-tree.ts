/** A jsonc-parser tree → plain value (with duplicate-key detection) and JSON-pointer lookup into it. */
import type { Node } from 'jsonc-parser';

/** A key that appears twice in one object: `node` is the second occurrence's key. */
export interface DuplicateKey {
  key: string;
  node: Node;
  firstNode: Node;
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
        if (first) duplicates.push({ key, node: keyNode, firstNode: first });
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

/**
 * The node to show for a pointer: the deepest node on the path that exists. For an object member
 * this is the property node (it starts at the key, on the line a reader looks for).
 */
export function deepestNode(root: Node, segments: readonly string[]): Node {
  let shown = root;
  let current: Node | undefined = root;
  for (const segment of segments) {
    if (!current) break;
    if (current.type === 'object') {
      let property: Node | undefined;
      for (const candidate of current.children ?? []) {
        if (candidate.children?.[0]?.value === segment) property = candidate; // last one wins, as in the value
      }
      if (!property) break;
      shown = property;
      current = property.children?.[1];
    } else if (current.type === 'array') {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) break;
      const element: Node | undefined = current.children?.[Number(segment)];
      if (!element) break;
      shown = element;
      current = element;
    } else {
      break;
    }
  }
  return shown;
}
