/**
 * Two flow files that resolve to one Studio flow (by SID, or by name) would overwrite each other on
 * every deploy. Checked over ALL flow files the `flows` globs select, not only the changed ones, so
 * that it is found in a PR check and before any deploy writes.
 */
import { mapLimit } from '../concurrency.ts';
import { discoverFlowFiles } from '../document/discover.ts';
import type { LiveLookup } from '../studio/live.ts';
import { parseFlowText } from '../document/parse.ts';
import { readFlowFile } from '../document/read.ts';
import { previousFlows, type Conflict } from './identity.ts';
import { intentOf, offlineKey, type EnvironmentView, type FlowIntent } from './intent.ts';
import type { FlowChange } from './previous.ts';

/**
 * The key a file meets others on: its SID, or (online) the one flow its name finds, else (a renamed
 * file) the one flow its old identity finds, else its name. A name two Studio flows share stays a name
 * (reported as ambiguous elsewhere). Only a renamed file's old SID is fetched; names use the one list.
 */
async function keyOf(intent: FlowIntent, lookup: LiveLookup | undefined): Promise<{ key: string; sid?: string }> {
  if (intent.sid !== undefined) return { key: offlineKey(intent), sid: intent.sid };
  if (lookup) {
    const sids = await lookup.named(intent.friendlyName);
    if (sids.length === 1) return { key: `sid:${sids[0]}`, sid: sids[0] as string };
    const previous = intent.previous;
    if (sids.length === 0 && previous) {
      const before = await previousFlows(previous, lookup);
      if (before.length === 1) return { key: `sid:${before[0]}`, sid: before[0] as string };
    }
  }
  return { key: offlineKey(intent) };
}

/** Per path, the other file it collides with (the first other one, in path order). */
export async function findConflicts(
  intents: readonly FlowIntent[],
  lookup?: LiveLookup,
): Promise<Map<string, Conflict>> {
  const groups = new Map<string, { intent: FlowIntent; sid?: string }[]>();
  for (const intent of [...intents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const { key, sid } = await keyOf(intent, lookup);
    groups.set(key, [...(groups.get(key) ?? []), { intent, ...(sid ? { sid } : {}) }]);
  }
  const conflicts = new Map<string, Conflict>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const [i, { intent, sid }] of members.entries()) {
      const other = members[i === 0 ? 1 : 0]!;
      const [mine, theirs] = [intent.friendlyName, other.intent.friendlyName];
      const lookalike = mine !== theirs && mine.normalize('NFC') === theirs.normalize('NFC');
      const otherName = lookalike ? { otherName: theirs } : {};
      conflicts.set(intent.path, {
        otherPath: other.intent.path,
        friendlyName: intent.friendlyName,
        ...(sid ? { sid } : {}),
        ...otherName,
      });
    }
  }
  return conflicts;
}

export interface RepositoryInput {
  workspace: string;
  /** The `flows` globs. */
  globs: string[];
  environment?: EnvironmentView | undefined;
  /** Paths this run checks (also read when the globs do not list them), with their old path and identity when renamed. */
  changes: ReadonlyArray<Pick<FlowChange, 'path' | 'previousPath' | 'previous'>>;
}

/** Every readable, parseable flow file's intent; a file that cannot be read is its own check's error. */
export async function repositoryIntents(input: RepositoryInput): Promise<FlowIntent[]> {
  const renamed = new Map(input.changes.filter((c) => c.previousPath).map((c) => [c.path, c]));
  const paths = [
    ...new Set([...(await discoverFlowFiles(input.workspace, input.globs)), ...input.changes.map((c) => c.path)]),
  ];
  const intents = await mapLimit(paths, 16, async (path): Promise<FlowIntent | undefined> => {
    const read = await readFlowFile(input.workspace, path);
    if (!read.ok) return undefined;
    const parsed = parseFlowText(path, read.text);
    if (!parsed.ok) return undefined;
    const change = renamed.get(path);
    return intentOf({
      path,
      own: parsed,
      environment: input.environment,
      previousPath: change?.previousPath,
      previous: change?.previous,
    });
  });
  return intents.filter((i): i is FlowIntent => i !== undefined);
}

/**
 * Per path, the other file it collides with. Online, names are resolved through the run's one list
 * call (a name and a SID meeting on one flow collide too); if Studio cannot be listed, offline keys.
 */
export async function repositoryConflicts(
  input: RepositoryInput & { lookup?: LiveLookup | undefined },
): Promise<Map<string, Conflict>> {
  const intents = await repositoryIntents(input);
  try {
    return await findConflicts(intents, input.lookup);
  } catch {
    return findConflicts(intents); // the per-flow lookup reports the Studio failure by name
  }
}
