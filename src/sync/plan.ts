/**
 * Sync: what Studio holds, written back into the repository's flow files in each file's own shape. `planSync`
 * reads the mapped files, finds each one's flow through src/targets/ (the one identity module), fetches its
 * revision (one list, one read per flow), reverses the environment's substitutions and writes the live
 * definition into the file's text; `sync-new` globs bring in Studio flows no file maps as new files.
 */
import { mapLimit } from '../concurrency.ts';
import { environmentView } from '../config/environment.ts';
import { loadConfig } from '../config/load.ts';
import { discoverFlowFiles } from '../document/discover.ts';
import type { FlowDocument } from '../document/document.ts';
import { createLiveLookup } from '../studio/live.ts';
import { findConflicts } from '../targets/conflicts.ts';
import { resolveIdentity } from '../targets/identity.ts';
import { intentOf } from '../targets/intent.ts';
import { documentOrProblem, syncReader, readerOf, type FileRead } from './live-reader.ts';
import { withFlowList } from '../studio/account-lists.ts';
import { namesForSync } from './names.ts';
import { planNewFlows } from './new-files.ts';
import { syncMappedFile } from './sync-file.ts';
import { syncFolderOf } from './new-flows.ts';
import type { SyncFile, SyncInput, SyncPlan, SyncProblem } from './sync-types.ts';

export type { PlaceholderChange, SyncFile, SyncInput, SyncPlan, SyncProblem } from './sync-types.ts';
export { writePlan } from './write.ts';

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Every mapped (and matched new) flow, its file's text before and after, and every problem found. */
export async function planSync(input: SyncInput): Promise<SyncPlan> {
  const { workspace, settings } = input;
  const environment = settings.environment || undefined;
  const problems: SyncProblem[] = [];
  syncFolderOf(settings.syncFolder); // a bad sync-folder is refused before Studio is asked anything
  const reader = syncReader(input.studio, settings.concurrency);
  // The run's one list is asked for first, while the files are read (names and sync-new are looked up in it).
  reader.listFlows().catch(() => {}); // a failure is met where the list is used
  const view = await environmentView(workspace, settings);
  const config = await loadConfig(workspace, settings.configPath);
  const paths = [
    ...new Set([...(await discoverFlowFiles(workspace, settings.flows)), ...(config?.flows ?? []).map((f) => f.path)]),
  ].sort();
  const read = readerOf(workspace, input.readFile);
  const reads: FileRead[] = await mapLimit(paths, 16, read);
  const documents: FlowDocument[] = [];
  for (const [i, result] of reads.entries()) {
    const path = paths[i]!;
    const read = documentOrProblem(path, result, {
      missing: {
        message: `${path} is mapped (by the config file or the flows globs) but is not in the repository, so it is not synced.`,
        fix: `Add the file, or remove its entry from ${settings.configPath}.`,
        level: 'warning',
      },
      cannot: 'The file cannot be written back',
    });
    if ('problem' in read) problems.push(read.problem);
    else documents.push(read.document);
  }

  const choices = view?.choices ?? {};
  // One listing of the Studio flows serves the identities and `${flow-name:…}` (the reader lists once).
  const lists = input.lists && withFlowList(input.lists, () => reader.listFlows());
  const names = await namesForSync(documents, lists && { lists, choices });
  if ('problem' in names)
    return { environment, status: settings.syncStatus, files: [], problems: [...problems, names.problem] };
  const lookup = createLiveLookup(reader);
  const intents = documents.map((d) => intentOf({ path: d.path, own: d.parsed, environment: view }));
  const conflicts = await findConflicts(intents, lookup);
  // Every flow's read is asked for at once; the reader keeps `concurrency` in flight, and each file's offline
  // work runs while the others' reads are under way.
  const identities = new Map(intents.map((i) => [i.path, resolveIdentity(i, lookup, conflicts.get(i.path))]));
  const sidOf = async (path: string): Promise<string | undefined> => {
    const identity = await identities.get(path);
    return identity?.state === 'found' ? identity.live.sid : undefined;
  };
  const results = await Promise.all(
    documents.map(async (document) =>
      syncMappedFile({
        document,
        identity: await identities.get(document.path)!,
        settings,
        variables: view?.variables,
        reader,
        sidOf,
        isMapped: (path) => paths.includes(path),
        names: names.index,
        lists,
        choices,
      }),
    ),
  );
  const files: SyncFile[] = [];
  for (const result of results) {
    if ('file' in result) files.push(result.file);
    else problems.push(result.problem);
  }
  // Every flow a file is (or could be), synced or not: sync-new never brings one of them in as a second file.
  const sids = new Set<string>();
  for (const identity of await Promise.all(identities.values())) {
    if (identity.state === 'found') sids.add(identity.live.sid);
    if (identity.state === 'ambiguous') identity.sids.forEach((sid) => sids.add(sid));
    if (identity.state === 'conflict' && identity.conflict.sid) sids.add(identity.conflict.sid);
  }

  const fresh = await planNewFlows({
    settings,
    reader,
    workspace,
    mapped: sids,
    taken: new Set(paths),
    sources: documents.map((d) => d.source),
  });
  problems.push(...fresh.problems);
  return { environment, status: settings.syncStatus, files: [...files, ...fresh.files].sort(byPath), problems };
}
