/**
 * Compare a flow file with what is live in Studio: the diff a merge would apply (live → PR), and
 * drift — the live flow edited outside git (base → live), which the merge would overwrite.
 *
 * Like is compared with like: the PR's and the base branch's files are both flow documents resolved for
 * the environment (src/resolve/document.ts) before either is compared with the live definition, which
 * holds resolved values.
 */
import { diffDefinitions } from './diff.ts';
import type { FlowDiff } from './diff-types.ts';
import type { ResolvedDocument } from '../document/document.ts';
import type { LiveFlow } from '../studio/live.ts';

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
  /** The flow this file is (src/targets), or null when it is not in Studio. */
  live: LiveFlow | null;
  /** The PR's document, resolved for the environment. */
  head: ResolvedDocument;
  /** The base branch's document, resolved the same way; undefined when the file is new there or unreadable. */
  base?: () => Promise<ResolvedDocument | undefined>;
}

export async function compareWithLive(input: CompareInput): Promise<Comparison> {
  const live = input.live;
  if (!live) return { live };
  const diff = diffDefinitions(live.definition, input.head.resolved);
  // Drift matters only when the merge would change the live flow: live ≠ PR and live ≠ base.
  if (diff.identical) return { live, diff };
  const base = input.base ? await input.base() : undefined;
  if (base === undefined) return { live, diff };
  const overwritten = diffDefinitions(base.resolved, live.definition);
  if (overwritten.identical) return { live, diff };
  return { live, diff, drift: { revision: live.revision, commitMessage: live.commitMessage, diff: overwritten } };
}
