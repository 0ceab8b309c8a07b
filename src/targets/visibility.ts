/**
 * A pull request may only see the live content of the flow the BASE branch maps its file to (threat
 * model: Studio holds values that are not in git). A PR that points a file at another flow — another
 * `sid`, another name, a new file naming an existing flow — is checked and validated, but the live
 * definition, its diff and its drift are not shown until the merge makes that mapping the base's.
 */
import type { ChangedFile } from '../github/changes.ts';
import type { LiveFlow, LiveLookup } from '../studio/live.ts';
import { parseFlowText } from '../document/parse.ts';
import { shownText } from '../document/file-fields.ts';
import { resolveIdentity } from './identity.ts';
import { intentOf, type EnvironmentView } from './intent.ts';

export interface LiveGateInput {
  /** The file's text on the base branch (undefined: not there). */
  readBase: (path: string) => Promise<string | undefined>;
  /** The config file at the base commit, seen through the selected environment. */
  environment: EnvironmentView | undefined;
  lookup: LiveLookup;
}

/** Why the live content of `live` may not be shown for this change, or undefined when it may. */
export type LiveGate = (change: ChangedFile, live: LiveFlow) => Promise<string | undefined>;

export function createLiveGate(input: LiveGateInput): LiveGate {
  return async (change, live) => {
    const basePath = change.previousPath ?? change.path;
    const hidden = (base: string) =>
      `${change.path} is the Studio flow ${live.sid} (${shownText(live.friendlyName)}) in this pull request, but ${base}: its live content (definition, diff, drift) is not shown here. The merge writes to this flow.`;
    if (change.status === 'added') return hidden('the base branch has no such file');
    // Fail closed: only a base file that maps this very flow lets its live content be shown.
    let text: string | undefined;
    try {
      text = await input.readBase(basePath);
    } catch {
      return hidden(`${basePath} could not be read on the base branch to check which flow it maps`);
    }
    // GitHub compares with the merge base: a "modified" file may be gone on the base branch since.
    if (text === undefined) return hidden(`the base branch has no ${basePath}`);
    const parsed = parseFlowText(basePath, text);
    if (!parsed.ok) return hidden(`${basePath} on the base branch is not a flow file that maps one`);
    const intent = intentOf({ path: basePath, own: parsed, environment: input.environment });
    const base = await resolveIdentity(intent, input.lookup);
    if (base.state === 'found' && base.live.sid === live.sid) return undefined;
    const was =
      base.state === 'found'
        ? `the base branch maps ${basePath} to ${base.live.sid}`
        : `the base branch maps ${basePath} to no flow in Studio`;
    return hidden(was);
  };
}
