/**
 * Places in a valid JSON text found on demand, without a tree: the first lookup into an object or array scans its
 * children once (their offsets, not their values) and keeps them, so `/states/1500/properties/say` costs one scan
 * of the states array and one of a widget. Positions are those a tree would give: a member at its key, an element
 * at its value, and for a path that stops early the deepest node that exists.
 */
import { decodeString, skipWhitespace, stringEnd, valueEnd } from './json-scan.ts';

/** An object member: where its key starts, where its value starts. */
export interface Member {
  key: number;
  value: number;
}

/** A string value of the text: its opening quote's offset, its raw length with both quotes, its decoded value. */
export interface StringSpan {
  offset: number;
  length: number;
  value: string;
}

export interface TextNavigator {
  /** The member `key` of the object starting at `object` (the last one when the key repeats), if any. */
  member(object: number, key: string): Member | undefined;
  /** The offset to show for a path from the value at `root`: the deepest node on it that exists. */
  deepest(root: number, segments: readonly string[]): number;
  /** The string at exactly this path from `root`, or undefined when the path stops early or ends elsewhere. */
  exactString(root: number, segments: readonly string[]): StringSpan | undefined;
}

type Children = { kind: 'object'; members: Map<string, Member> } | { kind: 'array'; elements: number[] };

const INDEX = /^(0|[1-9][0-9]*)$/;

/** A navigator over `text`, which must be valid JSON (JSON.parse or the tree parser accepted it). */
export function textNavigator(text: string): TextNavigator {
  const scanned = new Map<number, Children | undefined>();

  function scanObject(start: number): Children {
    const members = new Map<string, Member>();
    let i = skipWhitespace(text, start + 1);
    while (text.charCodeAt(i) === 34 /* " */) {
      const keyEnd = stringEnd(text, i);
      const colon = skipWhitespace(text, keyEnd);
      if (text.charCodeAt(colon) !== 58 /* : */) break;
      const value = skipWhitespace(text, colon + 1);
      members.set(decodeString(text, i, keyEnd), { key: i, value }); // the last of duplicates wins, as in the value
      const next = skipWhitespace(text, valueEnd(text, value));
      if (text.charCodeAt(next) !== 44 /* , */) break;
      i = skipWhitespace(text, next + 1);
    }
    return { kind: 'object', members };
  }

  function scanArray(start: number): Children {
    const elements: number[] = [];
    let i = skipWhitespace(text, start + 1);
    while (i < text.length && text.charCodeAt(i) !== 93 /* ] */) {
      elements.push(i);
      const next = skipWhitespace(text, valueEnd(text, i));
      if (text.charCodeAt(next) !== 44 /* , */) break;
      i = skipWhitespace(text, next + 1);
    }
    return { kind: 'array', elements };
  }

  function childrenOf(offset: number): Children | undefined {
    if (scanned.has(offset)) return scanned.get(offset);
    const first = text.charCodeAt(offset);
    const children = first === 123 ? scanObject(offset) : first === 91 ? scanArray(offset) : undefined;
    scanned.set(offset, children);
    return children;
  }

  /** One step down: the node shown for it and the value it leads to, or undefined when it does not exist. */
  function step(current: number, segment: string): { shown: number; value: number } | undefined {
    const children = childrenOf(current);
    if (children?.kind === 'object') {
      const member = children.members.get(segment);
      return member && { shown: member.key, value: member.value };
    }
    if (children?.kind === 'array' && INDEX.test(segment)) {
      const element = children.elements[Number(segment)];
      return element === undefined ? undefined : { shown: element, value: element };
    }
    return undefined;
  }

  return {
    member(object, key) {
      const children = childrenOf(object);
      return children?.kind === 'object' ? children.members.get(key) : undefined;
    },
    deepest(root, segments) {
      let shown = root;
      let current = root;
      for (const segment of segments) {
        const next = step(current, segment);
        if (!next) break;
        shown = next.shown;
        current = next.value;
      }
      return shown;
    },
    exactString(root, segments) {
      let current = root;
      for (const segment of segments) {
        const next = step(current, segment);
        if (!next) return undefined;
        current = next.value;
      }
      if (text.charCodeAt(current) !== 34) return undefined;
      const end = stringEnd(text, current);
      return { offset: current, length: end - current, value: decodeString(text, current, end) };
    },
  };
}
