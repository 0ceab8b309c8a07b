/**
 * Compare a flow file with what is live in Studio: the diff a merge would apply (live → PR), and
 * drift — the live flow edited outside git (base → live), which the merge would overwrite.
 */
import { diffDefinitions } from './diff.ts';
import type { FlowDiff } from './diff-types.ts';
import type { LiveFlow, LiveLookup } from './live.ts';
import { parseFlowText } from './parse.ts';

export interface Drift {
  /** The live revision that differs from the base branch. */
  revision: number;
  commitMessage: string | null;
  /** What the merge would overwrite: base branch → live. */
  diff: FlowDiff;
}

export interface Comparison {
  /** null: no such flow in Studio yet — the merge creates it. */
  live: LiveFlow | null;
  /** live → PR; absent when the flow is not live. */
  diff?: FlowDiff;
  drift?: Drift;
}

export interface CompareInput {
  path: string;
  friendlyName: string;
  sid?: string;
  definition: unknown;
  lookup: LiveLookup;
  /** The file's text on the base branch (undefined when it is new there). */
  readBase?: () => Promise<string | undefined>;
  /** Makes the base branch's definition comparable (resolves the environment's variables). */
  resolveBase?: (definition: unknown) => unknown;
}

async function baseDefinition(path: string, readBase: CompareInput['readBase']): Promise<unknown> {
  const text = readBase ? await readBase() : undefined;
  if (text === undefined) return undefined;
  const parsed = parseFlowText(path, text);
  return parsed.ok ? parsed.definition : undefined;
}

export async function compareWithLive(input: CompareInput): Promise<Comparison> {
  const lookup = input.sid ? { friendlyName: input.friendlyName, sid: input.sid } : { friendlyName: input.friendlyName };
  const live = (await input.lookup(lookup)) ?? null;
  if (!live) return { live };
  const diff = diffDefinitions(live.definition, input.definition);
  // Drift matters only when the merge would change the live flow: live ≠ PR and live ≠ base.
  if (diff.identical) return { live, diff };
  const rawBase = await baseDefinition(input.path, input.readBase);
  if (rawBase === undefined) return { live, diff };
  const base = input.resolveBase ? input.resolveBase(rawBase) : rawBase;
  const overwritten = diffDefinitions(base, live.definition);
  if (overwritten.identical) return { live, diff };
  return { live, diff, drift: { revision: live.revision, commitMessage: live.commitMessage, diff: overwritten } };
}
