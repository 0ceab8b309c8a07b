/**
 * Name references (`${function:…}`, `${workflow:…}`, `${channel:…}`, `${flow-name:…}`) in the sync's reverse: what
 * each resolves to in the environment (through the run's reverse index), and, when the live value differs, what
 * the file gets instead: the name that resolves to the live SID, or the live SID itself when no name gives it.
 */
import { splitPointer } from '../document/widget-label.ts';
import type { NameIndex, ValuePlace } from '../resolve/name-index.ts';
import { functionPartForKey, parseNameRef, type NameRefKind } from '../resolve/name-syntax.ts';

/** A name reference in a string of the file. */
export interface NameToken {
  /** The widget field it stands in, for a bare Function reference in a run-function's own fields. */
  bare: boolean;
  /** Why it does not resolve (then it stays as written). */
  reason?: string;
}

/** Where a string is in the live definition: its key and, in a run-function's own properties, those properties. */
export function placeOf(live: unknown, pointer: string): ValuePlace {
  const segments = splitPointer(pointer);
  const key = segments.at(-1);
  if (segments.length !== 4 || segments[0] !== 'states' || segments[2] !== 'properties') return { key };
  const states = (live as { states?: unknown } | null)?.states;
  const state: unknown = Array.isArray(states) ? states[Number(segments[1])] : undefined;
  if (state === null || typeof state !== 'object') return { key };
  const { type, properties } = state as { type?: unknown; properties?: unknown };
  if (type !== 'run-function' || properties === null || typeof properties !== 'object') return { key };
  return { key, runFunction: properties as Record<string, unknown> };
}

/** What a name reference resolves to here (undefined: it does not, and stays as written), and how it stands. */
export function expectedOfName(
  input: { kind: NameRefKind; raw: string },
  names: NameIndex | undefined,
  place: ValuePlace,
): { expected: string | undefined; token: NameToken } {
  const parsed = parseNameRef(input.kind, input.raw);
  if ('problem' in parsed) return { expected: undefined, token: { bare: false, reason: parsed.problem.error } };
  const ref = parsed.ref;
  const bare = ref.kind === 'function' && ref.part === undefined && place.runFunction !== undefined;
  if (!names) return { expected: undefined, token: { bare, reason: 'no account lists were given to the sync' } };
  const part =
    ref.kind === 'function'
      ? (ref.part ?? (place.runFunction ? functionPartForKey(place.key ?? '') : undefined))
      : undefined;
  const value = names.valueOf(ref, part);
  return 'value' in value
    ? { expected: value.value, token: { bare } }
    : { expected: undefined, token: { bare, reason: value.reason } };
}

/**
 * What the file gets for a resolving name reference whose live value is `live`: the reference that resolves to it
 * (bare when the old one was bare), else the live value itself, with the reason no name gives it.
 */
export function renamed(
  token: NameToken,
  live: string,
  context: { names: NameIndex; place: ValuePlace },
): { written: string; reason?: string } {
  const place: ValuePlace = token.bare ? context.place : { key: context.place.key };
  const naming = context.names.nameOf(live, place);
  if (naming && 'ref' in naming) return { written: naming.ref };
  return { written: live, reason: naming?.reason ?? 'it is not a SID or Function URL of the account' };
}

const BARE_FUNCTION = /^\$\{function:([^}/#]+)(\/[^}#]*)\}$/;

/**
 * After a run-function's function_sid or url came back as another Function's name: its service_sid and
 * environment_sid, still written as the old Function of the same service (their values did not change), name the
 * new one too, so the widget names one Function. Edits `definition` in place.
 */
export function alignFunctionFields(
  definition: unknown,
  changes: readonly { pointer: string; written?: string | undefined }[],
): void {
  const states = (definition as { states?: unknown } | null)?.states;
  if (!Array.isArray(states)) return;
  for (const change of changes) {
    const at = /^\/states\/(\d+)\/properties\/(function_sid|url)$/.exec(change.pointer);
    const now = change.written === undefined ? null : BARE_FUNCTION.exec(change.written);
    if (!at || !now) continue;
    const properties = (states[Number(at[1])] as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (!properties) continue;
    for (const key of ['service_sid', 'environment_sid']) {
      const was = typeof properties[key] === 'string' ? BARE_FUNCTION.exec(properties[key]) : null;
      if (was && was[1] === now[1] && was[2] !== now[2]) properties[key] = change.written;
    }
  }
}
