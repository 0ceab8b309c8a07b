/**
 * `${flow:PATH}` references: a string in a definition (typically a run-subflow widget's `flow_sid`)
 * names another flow FILE of the repository instead of a SID. The reference becomes that flow's SID
 * in the chosen environment, so the same files deploy to environments whose SIDs differ, and a caller
 * can be merged together with a subflow that does not exist in Studio yet: the deploy creates the
 * subflow first and writes the caller with the new SID. PATH is workspace-relative, as in the config
 * file; `$${flow:…}` stands for the literal text.
 */
import type { PendingRef } from '../document/document.ts';
import type { Finding } from '../document/types.ts';
import { escapeSegment, widgetNameAt } from '../document/widget-label.ts';

const REF = /(\$?)\$\{flow:([^}]*)(\}?)/g;
const MARK = '${flow:';

/**
 * What lint and Validate see in place of a reference to a flow that is not in Studio yet: a
 * well-formed SID that names no flow. A Validate error at that very spot is not reported (Studio
 * checks the real SID when the caller is written, after the subflow is created).
 */
export const STAND_IN_SID = `FW${'0'.repeat(32)}`;

/** Where a referenced flow file is in Studio: its SID, not there yet, or why it cannot be used. */
export type RefTarget = { sid: string } | { pending: true } | { error: string; fix: string };

export interface FlowRefResolver {
  /** Where the flow file at a workspace-relative path is (cached: each path is looked up once). */
  target(path: string): Promise<RefTarget>;
}

export type { PendingRef } from '../document/document.ts';

export interface ResolvedRefs {
  /** References to flows in Studio replaced by their SIDs; references to flows not there yet kept as written. */
  definition: unknown;
  /** The same with every pending reference replaced by STAND_IN_SID: what lint and Validate see. */
  checked: unknown;
  pending: PendingRef[];
  findings: Finding[];
  /**
   * The definition to write once the pending flows exist: `created` gives the SIDs of flows created
   * since (by path). A pending reference with no SID there stays as written.
   */
  complete: (created: ReadonlyMap<string, string>) => unknown;
}

interface Ref {
  pointer: string;
  path: string;
  text: string;
  malformed: boolean;
}

/** Normalise a reference's path the way flow files are named: `/`-separated, no leading `./`. */
export function refPath(raw: string): string {
  return raw
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
}

function collect(value: unknown, pointer: string, out: Ref[], seen: { escaped: boolean }): void {
  if (typeof value === 'string') {
    if (!value.includes(MARK)) return;
    for (const m of value.matchAll(REF)) {
      if (m[1] !== '') {
        seen.escaped = true;
        continue;
      }
      out.push({
        pointer,
        path: refPath(m[2] ?? ''),
        text: m[0],
        malformed: m[3] === '' || refPath(m[2] ?? '') === '',
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${pointer}/${i}`, out, seen));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collect(item, `${pointer}/${escapeSegment(key)}`, out, seen);
  }
}

/** Replace every (unescaped) reference in every string value: `sidOf(path)` → the text to put, or undefined to keep it. */
export function replaceRefs(value: unknown, sidOf: (path: string) => string | undefined): unknown {
  if (typeof value === 'string') {
    if (!value.includes(MARK)) return value;
    return value.replace(REF, (match: string, escape: string, raw: string, close: string) => {
      if (escape !== '') return match.slice(1);
      if (close === '') return match;
      return sidOf(refPath(raw)) ?? match;
    });
  }
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, sidOf));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceRefs(item, sidOf)]));
  }
  return value;
}

/** The workspace-relative paths of the flow files a definition refers to, once each. */
export function referencedPaths(definition: unknown): string[] {
  const refs: Ref[] = [];
  collect(definition, '', refs, { escaped: false });
  return [...new Set(refs.filter((r) => !r.malformed).map((r) => r.path))];
}

/**
 * Resolve the `${flow:PATH}` references of a definition. Without a resolver (offline) every
 * reference is pending. A reference to a file that is not a flow file, a malformed one, or one the
 * resolver refuses is an error finding at the string that holds it (and the reference stays).
 */
export async function resolveFlowRefs(
  definition: unknown,
  resolver: FlowRefResolver | undefined,
  self?: string,
): Promise<ResolvedRefs> {
  const refs: Ref[] = [];
  const seen = { escaped: false };
  collect(definition, '', refs, seen);
  if (refs.length === 0) {
    const plain = seen.escaped ? replaceRefs(definition, () => undefined) : definition;
    return { definition: plain, checked: plain, pending: [], findings: [], complete: () => plain };
  }

  const findings: Finding[] = [];
  const targets = new Map<string, RefTarget>();
  for (const path of new Set(refs.filter((r) => !r.malformed).map((r) => r.path))) {
    targets.set(
      path,
      self !== undefined && path === self
        ? {
            error: `it refers to this same flow file`,
            fix: 'A flow cannot name itself as a subflow by path; name another flow file.',
          }
        : resolver
          ? await resolver.target(path)
          : { pending: true },
    );
  }
  const pending: PendingRef[] = [];
  const reported = new Set<string>();
  for (const ref of refs) {
    const target = ref.malformed ? undefined : targets.get(ref.path);
    const problem = ref.malformed
      ? {
          error: 'is not closed with "}" or names no file',
          fix: "Write ${flow:flows/name.json} with the flow file's path from the repository root, or $${flow:…} for the literal text.",
        }
      : target && 'error' in target
        ? target
        : undefined;
    if (problem) {
      const key = `${ref.pointer}\u0000${ref.text}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const finding: Finding = {
        severity: 'error',
        source: 'lint',
        rule: 'flow-reference',
        message: `"${ref.text}" ${problem.error}.`,
        fix: problem.fix,
        pointer: ref.pointer,
      };
      const widget = widgetNameAt(definition, ref.pointer);
      if (widget !== undefined) finding.widget = widget;
      findings.push(finding);
    } else if (target && 'pending' in target) {
      pending.push({ pointer: ref.pointer, path: ref.path });
    }
  }
  const sidOf = (path: string): string | undefined => {
    const t = targets.get(path);
    return t && 'sid' in t ? t.sid : undefined;
  };
  const resolved = replaceRefs(definition, sidOf);
  const checked =
    pending.length === 0
      ? resolved
      : replaceRefs(definition, (path) => {
          const t = targets.get(path);
          return t && 'pending' in t ? STAND_IN_SID : sidOf(path);
        });
  const complete = (created: ReadonlyMap<string, string>): unknown =>
    pending.length === 0 ? resolved : replaceRefs(definition, (path) => sidOf(path) ?? created.get(path));
  return { definition: resolved, checked, pending, findings, complete };
}
