/**
 * Compare a flow file with what is live in Studio: the diff a merge would apply (live → PR), and
 * drift — the live flow edited outside git (base → live), which the merge would overwrite.
 *
 * Like is compared with like: the PR's and the base branch's definitions both go through
 * `resolveForEnvironment` (the environment's `${var.NAME}` values, then `${flow:PATH}` references as
 * SIDs) before either is compared with the live definition, which holds resolved values.
 */
import { diffDefinitions } from './diff.ts';
import type { FlowDiff } from './diff-types.ts';
import { resolveFlowRefs, type FlowRefResolver, type ResolvedRefs } from '../resolve/flow-refs.ts';
import type { LiveFlow } from '../studio/live.ts';
import { parseFlowText } from '../document/parse.ts';
import type { Finding, Severity } from '../document/types.ts';
import { resolveVariables } from '../resolve/variables.ts';

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

/** How a definition is made comparable with Studio for one environment. */
export interface ViewContext {
  /** The workspace-relative path of the flow file (a reference to itself is an error). */
  path: string;
  variables: Record<string, string> | undefined;
  refs?: FlowRefResolver | undefined;
  /** Severity of a `${var.…}` left as is because no environment was selected. */
  unresolved?: Severity;
}

export type ResolvedView = ResolvedRefs & { findings: Finding[] };

/** The ONE way a definition becomes what is compared and sent: variables substituted, then references as SIDs. */
export async function resolveForEnvironment(definition: unknown, context: ViewContext): Promise<ResolvedView> {
  const variables = resolveVariables(definition, context.variables, { unresolved: context.unresolved ?? 'warning' });
  const refs = await resolveFlowRefs(variables.definition, context.refs, context.path);
  return { ...refs, findings: [...variables.findings, ...refs.findings] };
}

export interface CompareInput {
  path: string;
  /** The flow this file is (src/targets), or null when it is not in Studio. */
  live: LiveFlow | null;
  /** The PR's definition, resolved for the environment. */
  definition: unknown;
  /** The file's text on the base branch (undefined when it is new there). */
  readBase?: () => Promise<string | undefined>;
  /** Makes the base branch's definition comparable exactly as the PR's was (resolveForEnvironment). */
  resolveBase?: (definition: unknown) => Promise<unknown>;
}

async function baseDefinition(path: string, readBase: CompareInput['readBase']): Promise<unknown> {
  const text = readBase ? await readBase() : undefined;
  if (text === undefined) return undefined;
  const parsed = parseFlowText(path, text);
  return parsed.ok ? parsed.definition : undefined;
}

export async function compareWithLive(input: CompareInput): Promise<Comparison> {
  const live = input.live;
  if (!live) return { live };
  const diff = diffDefinitions(live.definition, input.definition);
  // Drift matters only when the merge would change the live flow: live ≠ PR and live ≠ base.
  if (diff.identical) return { live, diff };
  const rawBase = await baseDefinition(input.path, input.readBase);
  if (rawBase === undefined) return { live, diff };
  const base = input.resolveBase ? await input.resolveBase(rawBase) : rawBase;
  const overwritten = diffDefinitions(base, live.definition);
  if (overwritten.identical) return { live, diff };
  return { live, diff, drift: { revision: live.revision, commitMessage: live.commitMessage, diff: overwritten } };
}
