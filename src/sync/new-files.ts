/** The Studio flows `sync-new` brings in: those no file maps whose friendly name matches, each as a new file. */
import { mapLimit } from '../concurrency.ts';
import { discoverFlowFiles, flowMatcher } from '../document/discover.ts';
import { nameProblem, shownText } from '../document/file-fields.ts';
import type { Settings } from '../settings.ts';
import type { StudioReader } from '../studio/live.ts';
import type { FlowRevision } from '../studio/types.ts';
import { newFileText, newFlowMatcher, newFlowPaths, syncFolderOf, type NewFileShape } from './new-flows.ts';
import { escapeLive } from './reverse.ts';
import type { SyncFile, SyncProblem } from './sync-types.ts';

export interface NewFlowsInput {
  settings: Settings;
  reader: StudioReader;
  workspace: string;
  /** SIDs some file maps. */
  mapped: ReadonlySet<string>;
  /** Paths of the mapped files (taken). */
  taken: ReadonlySet<string>;
  /** The mapped files' texts (their shape decides the new files'). */
  sources: readonly string[];
}

/** `cli` when most of the repository's resource files use `friendlyName`, else `rest`. */
function shapeOf(sources: readonly string[]): NewFileShape {
  let cli = 0;
  let rest = 0;
  for (const source of sources) {
    try {
      const root = JSON.parse(source) as unknown;
      if (root === null || typeof root !== 'object') continue;
      if (Object.hasOwn(root, 'friendlyName')) cli += 1;
      else if (Object.hasOwn(root, 'friendly_name')) rest += 1;
    } catch {
      // a file that does not parse has its own error
    }
  }
  return cli > rest ? 'cli' : 'rest';
}

const isNotFound = (error: unknown) => (error as { status?: number } | null)?.status === 404;

export async function planNewFlows(input: NewFlowsInput): Promise<{ files: SyncFile[]; problems: SyncProblem[] }> {
  const { settings, reader } = input;
  const problems: SyncProblem[] = [];
  if (settings.syncNew.length === 0) return { files: [], problems };
  const folder = syncFolderOf(settings.syncFolder);
  const matches = newFlowMatcher(settings.syncNew);
  const candidates = (await reader.listFlows()).filter((f) => !input.mapped.has(f.sid) && matches(f.friendlyName));
  const named = candidates.filter((f) => {
    const problem = nameProblem(f.friendlyName);
    if (problem)
      problems.push({
        flow: f.sid,
        message: `The Studio flow ${f.sid} matches 'sync-new' but its name ${problem}, so it is not brought in.`,
        fix: 'Rename the flow in Studio to one line of at most 200 characters.',
        level: 'warning',
      });
    return problem === undefined;
  });
  const revisions = await mapLimit(named, settings.concurrency, async (flow): Promise<FlowRevision | undefined> => {
    if (settings.syncStatus === 'latest') return reader.getFlow(flow.sid);
    try {
      return await reader.getRevision(flow.sid, 'LatestPublished');
    } catch (error) {
      if (!isNotFound(error)) throw error;
      problems.push({
        flow: flow.friendlyName,
        message: `The Studio flow ${shownText(flow.friendlyName)} (${flow.sid}) matches 'sync-new' but was never published.`,
        fix: "Publish it in Studio, or set 'sync-status' to latest to take its latest draft.",
        level: 'warning',
      });
      return undefined;
    }
  });
  const taken = new Set([
    ...input.taken,
    ...(await discoverFlowFiles(input.workspace, [folder ? `${folder}/*` : '*'])),
  ]);
  const found = named.filter((_, i) => revisions[i] !== undefined);
  const paths = newFlowPaths(found, folder, taken);
  const shape = shapeOf(input.sources);
  const selected = flowMatcher(settings.flows);
  const files = found.map((flow): SyncFile => {
    const revision = revisions[named.indexOf(flow)]!;
    const path = paths.get(flow.sid)!;
    if (!selected(path))
      problems.push({
        path,
        flow: flow.friendlyName,
        message: `The new file ${path} is not selected by the 'flows' globs, so checks and deploys will not see it.`,
        fix: "Set 'sync-folder' to a folder the 'flows' globs cover, or add it to 'flows'.",
        level: 'warning',
      });
    return {
      path,
      flowSid: flow.sid,
      friendlyName: flow.friendlyName,
      revision: revision.revision,
      status: revision.status,
      commitMessage: revision.commitMessage,
      dateUpdated: revision.dateUpdated,
      isNew: true,
      before: null,
      after: newFileText({ friendlyName: flow.friendlyName, definition: escapeLive(revision.definition), shape }),
      changed: true,
      diff: undefined,
      liveDefinition: revision.definition,
      fileDefinition: undefined,
      placeholders: [],
    };
  });
  return { files, problems };
}
