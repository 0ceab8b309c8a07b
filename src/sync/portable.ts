/**
 * A flow definition made portable: each account-specific SID or Function URL that a name reference gives (by the
 * account's reverse index) replaced by that reference, a Studio flow that is one of the repository's flow files by
 * `${flow:PATH}`; everything else (`${var.}`/`${flow:}` placeholders, Liquid, plain text) kept. Pure.
 */
import { escapeSegment, widgetNameAt } from '../document/widget-label.ts';
import type { NameIndex, ValuePlace } from '../resolve/name-index.ts';

/** One value replaced by a reference. */
export interface PortableReplacement {
  pointer: string;
  widget: string | undefined;
  /** The property's key, e.g. "workflow". */
  field: string;
  from: string;
  to: string;
}

/** One SID (or Function URL) kept as it is, and why. */
export interface PortableKept {
  pointer: string;
  widget: string | undefined;
  field: string;
  value: string;
  reason: string;
}

export interface PortableResult {
  definition: unknown;
  replaced: PortableReplacement[];
  kept: PortableKept[];
}

export interface PortableContext {
  names: NameIndex;
  /** The workspace-relative path of the repository's flow file that a Studio flow SID is, if any. */
  pathOf: (flowSid: string) => string | undefined;
  /** This file's own path (a flow does not name itself by path). */
  self: string;
}

const FLOW_SID = /^FW[0-9a-f]{32}$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Walk {
  context: PortableContext;
  root: unknown;
  result: PortableResult;
}

function runFunctionOf(
  parent: Record<string, unknown> | undefined,
  pointer: string,
  root: unknown,
): ValuePlace['runFunction'] {
  const at = /^\/states\/(\d+)\/properties\/[^/]+$/.exec(pointer);
  if (!at || !parent || !isObject(root) || !Array.isArray(root['states'])) return undefined;
  const state: unknown = root['states'][Number(at[1])];
  return isObject(state) && state['type'] === 'run-function' ? parent : undefined;
}

function convertString(
  walk: Walk,
  value: string,
  where: { pointer: string; key: string; parent?: Record<string, unknown> },
) {
  if (value.includes('${')) return value; // placeholders and references stay as written
  const { context, result } = walk;
  const base = { pointer: where.pointer, widget: widgetNameAt(walk.root, where.pointer), field: where.key };
  if (FLOW_SID.test(value)) {
    const path = context.pathOf(value);
    // "}" would end the reference early and "${" is read by resolution before it (a \${var.…} in the path).
    if (path !== undefined && path !== context.self && !path.includes('}') && !path.includes('${')) {
      const to = `\${flow:${path}}`;
      result.replaced.push({ ...base, from: value, to });
      return to;
    }
  }
  const runFunction = runFunctionOf(where.parent, where.pointer, walk.root);
  const naming = context.names.nameOf(value, { key: where.key, runFunction });
  if (naming === undefined) return value;
  if ('reason' in naming) {
    result.kept.push({ ...base, value, reason: naming.reason });
    return value;
  }
  result.replaced.push({ ...base, from: value, to: naming.ref });
  return naming.ref;
}

function convert(walk: Walk, value: unknown, pointer: string, key: string, parent?: Record<string, unknown>): unknown {
  if (typeof value === 'string') return convertString(walk, value, { pointer, key, ...(parent ? { parent } : {}) });
  if (Array.isArray(value)) return value.map((item, i) => convert(walk, item, `${pointer}/${i}`, key));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: convert(walk, item, `${pointer}/${escapeSegment(k)}`, k, value),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}

/** The definition with every SID and Function URL a reference gives written as that reference. */
export function portableDefinition(definition: unknown, context: PortableContext): PortableResult {
  const result: PortableResult = { definition, replaced: [], kept: [] };
  const walk: Walk = { context, root: definition, result };
  result.definition = convert(walk, definition, '', '');
  return result;
}
