/**
 * Where a `${flow:PATH}` reference points in Studio: the referenced flow file is read (inside the
 * workspace only) and its flow found by the same identity rules as every flow file (src/targets):
 * a reference to a SID that is not in Studio, or to a name two flows share, is an error.
 */
import { messageOf } from '../errors.ts';
import { identityFinding } from './findings.ts';
import { resolveIdentity } from './identity.ts';
import { intentOf, type EnvironmentView } from './intent.ts';
import type { FlowRefResolver, RefTarget } from '../resolve/flow-refs.ts';
import type { LiveLookup } from '../studio/live.ts';
import { parseFlowText } from '../document/parse.ts';
import { readFlowFile } from '../document/read.ts';

export interface FlowRefResolverInput {
  workspace: string;
  /** True for the workspace-relative paths the `flows` input selects. */
  isFlowFile: (path: string) => boolean;
  environment?: EnvironmentView;
  /** Finds a flow in Studio by name or SID; absent offline (every reference is then pending). */
  lookup?: LiveLookup;
  /**
   * In a deploy, the paths this run writes: a reference to a flow not in Studio is allowed only
   * when that flow is among them (it is created first). Absent in a check, where it is allowed.
   */
  deploying?: ReadonlySet<string>;
}

export function createFlowRefResolver(input: FlowRefResolverInput): FlowRefResolver {
  const cache = new Map<string, Promise<RefTarget>>();
  const find = async (path: string): Promise<RefTarget> => {
    if (path.startsWith('/') || path.split('/').includes('..')) {
      return {
        error: 'is not a path inside the repository',
        fix: 'Name the flow file by its path from the repository root, e.g. ${flow:flows/survey.json}.',
      };
    }
    if (!input.isFlowFile(path)) {
      return {
        error: `names ${path}, which is not a flow file selected by the 'flows' input`,
        fix: 'Name a flow file the flows input selects, by its path from the repository root.',
      };
    }
    const read = await readFlowFile(input.workspace, path);
    if (!read.ok) return { error: `names ${path}, which cannot be read: ${read.message}`, fix: read.fix };
    const parsed = parseFlowText(path, read.text);
    if (!parsed.ok)
      return { error: `names ${path}, which is not a valid flow file (see its own errors)`, fix: `Fix ${path} first.` };
    const intent = intentOf({ path, own: parsed, environment: input.environment });
    if (!input.lookup) return intent.sid ? { sid: intent.sid } : { pending: true };
    const friendlyName = intent.friendlyName;
    let identity;
    try {
      identity = await resolveIdentity(intent, input.lookup);
    } catch (error) {
      return {
        error: `names ${path}, whose flow could not be looked up in Studio (${messageOf(error)})`,
        fix: "Re-run; if it persists, check Studio's status.",
      };
    }
    if (identity.state === 'found') return { sid: identity.live.sid };
    const stop = identityFinding(identity, input.environment?.name || undefined);
    if (stop) return { error: `names ${path}: ${stop.message}`, fix: stop.fix ?? `Fix ${path} first.` };
    if (input.deploying && !input.deploying.has(path)) {
      return {
        error: `names ${path} ("${friendlyName}"), which is not in Studio and is not part of this deploy`,
        fix: `Deploy ${path} first, or run this deploy with deploy: all so that it is created before the flows that call it.`,
      };
    }
    return { pending: true };
  };
  return {
    target(path) {
      let hit = cache.get(path);
      if (!hit) cache.set(path, (hit = find(path)));
      return hit;
    },
  };
}
