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

/** A container read so far: the children found, and where the next one starts (-1 once all are read). */
interface Scan {
  object: boolean;
  members: Map<string, Member>;
  elements: number[];
  next: number;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * A navigator over `text`, which must be valid JSON (JSON.parse or the tree parser accepted it). `unique`: no
 * object of the text repeats a key, so a member lookup stops at the first match instead of reading the object to
 * its end for a later duplicate.
 */
export function textNavigator(text: string, options: { unique: boolean }): TextNavigator {
  const scans = new Map<number, Scan | undefined>();
  /** Where values end, learnt while skipping their parent: reading the parent later does not skip them again. */
  const ends = new Map<number, number>();

  /** The end of the value at `start`; skipping a container notes where each of its direct children ends. */
  function skip(start: number): number {
    const known = ends.get(start);
    if (known !== undefined) return known;
    const first = text.charCodeAt(start);
    if (first !== 123 /* { */ && first !== 91 /* [ */) return valueEnd(text, start);
    let depth = 0;
    let child = -1;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 34 /* " */) i = stringEnd(text, i) - 1;
      else if (code === 123 || code === 91) {
        if (++depth === 2) child = i;
      } else if (code === 125 || code === 93) {
        if (--depth === 0) return i + 1;
        if (depth === 1) ends.set(child, i + 1);
      }
    }
    return text.length;
  }

  /** Read one more child of the container; `scan.next` moves to the one after it, or -1. */
  function advance(scan: Scan): void {
    let value = scan.next;
    if (scan.object) {
      const keyEnd = stringEnd(text, scan.next);
      const colon = skipWhitespace(text, keyEnd);
      if (text.charCodeAt(colon) !== 58 /* : */) {
        scan.next = -1;
        return;
      }
      value = skipWhitespace(text, colon + 1);
      scan.members.set(decodeString(text, scan.next, keyEnd), { key: scan.next, value }); // the last one wins
    } else scan.elements.push(value);
    const after = skipWhitespace(text, skip(value));
    const next = skipWhitespace(text, after + 1);
    const more = text.charCodeAt(after) === 44 /* , */ && next < text.length;
    scan.next = more && (!scan.object || text.charCodeAt(next) === 34) ? next : -1;
  }

  function scanOf(offset: number): Scan | undefined {
    if (scans.has(offset)) return scans.get(offset);
    const first = text.charCodeAt(offset);
    let scan: Scan | undefined;
    if (first === 123 /* { */ || first === 91 /* [ */) {
      const next = skipWhitespace(text, offset + 1);
      const empty = first === 123 ? text.charCodeAt(next) !== 34 : text.charCodeAt(next) === 93 || next >= text.length;
      scan = { object: first === 123, members: new Map(), elements: [], next: empty ? -1 : next };
    }
    scans.set(offset, scan);
    return scan;
  }

  function memberOf(object: number, key: string): Member | undefined {
    const scan = scanOf(object);
    if (!scan?.object) return undefined;
    while (scan.next >= 0 && !(options.unique && scan.members.has(key))) advance(scan);
    return scan.members.get(key);
  }

  function elementOf(array: number, index: number): number | undefined {
    const scan = scanOf(array);
    if (!scan || scan.object) return undefined;
    while (scan.next >= 0 && scan.elements.length <= index) advance(scan);
    return scan.elements[index];
  }

  /** One step down: the node shown for it and the value it leads to, or undefined when it does not exist. */
  function step(current: number, segment: string): { shown: number; value: number } | undefined {
    const first = text.charCodeAt(current);
    if (first === 123) {
      const member = memberOf(current, segment);
      return member && { shown: member.key, value: member.value };
    }
    if (first === 91 && INDEX.test(segment)) {
      const element = elementOf(current, Number(segment));
      return element === undefined ? undefined : { shown: element, value: element };
    }
    return undefined;
  }

  return {
    member: memberOf,
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
