/**
 * The intents of EVERY flow file the `flows` globs select (not only the changed ones), so that two
 * files resolving to one Studio flow are found in a PR check and before any deploy writes.
 */
import { discoverFlowFiles } from '../flows/discover.ts';
import type { LiveLookup } from '../flows/live.ts';
import { parseFlowText } from '../flows/parse.ts';
import { readFlowFile } from '../flows/read.ts';
import { mapLimit } from '../concurrency.ts';
import { findConflicts } from './conflicts.ts';
import type { Conflict } from './identity.ts';
import { intentOf, type EnvironmentView, type FlowIntent } from './intent.ts';

export interface RepositoryInput {
  workspace: string;
  /** The `flows` globs. */
  globs: string[];
  environment?: EnvironmentView | undefined;
  /** Paths this run checks (also read when the globs do not list them), with their old path when renamed. */
  changes: ReadonlyArray<{ path: string; previousPath?: string }>;
}

/** Every readable, parseable flow file's intent; a file that cannot be read is its own check's error. */
export async function repositoryIntents(input: RepositoryInput): Promise<FlowIntent[]> {
  const renamed = new Map(input.changes.filter((c) => c.previousPath).map((c) => [c.path, c.previousPath]));
  const paths = [...new Set([...(await discoverFlowFiles(input.workspace, input.globs)), ...input.changes.map((c) => c.path)])];
  const intents = await mapLimit(paths, 16, async (path): Promise<FlowIntent | undefined> => {
    const read = await readFlowFile(input.workspace, path);
    if (!read.ok) return undefined;
    const parsed = parseFlowText(path, read.text);
    if (!parsed.ok) return undefined;
    return intentOf({ path, own: parsed, environment: input.environment, previousPath: renamed.get(path) });
  });
  return intents.filter((i): i is FlowIntent => i !== undefined);
}

/**
 * Per path, the other file it collides with. Online, names are resolved through the run's one list
 * call (a name and a SID meeting on one flow collide too); if Studio cannot be listed, offline keys.
 */
export async function repositoryConflicts(input: RepositoryInput & { lookup?: LiveLookup | undefined }): Promise<Map<string, Conflict>> {
  const intents = await repositoryIntents(input);
  try {
    return await findConflicts(intents, input.lookup);
  } catch {
    return findConflicts(intents); // the per-flow lookup reports the Studio failure by name
  }
}
