/**
 * Sync: what Studio holds, written back into the repository's flow files in each file's own shape. `planSync`
 * reads the mapped files, finds each one's flow through src/targets/ (the one identity module), fetches its
 * revision (one list, one read per flow), reverses the environment's substitutions and writes the live
 * definition into the file's text; `sync-new` globs bring in Studio flows no file maps as new files.
 */
import { mapLimit } from '../concurrency.ts';
import { environmentView } from '../config/environment.ts';
import { loadConfig } from '../config/load.ts';
import { diffDefinitions } from '../diff/diff.ts';
import { discoverFlowFiles } from '../document/discover.ts';
import { documentOf, type FlowDocument } from '../document/document.ts';
import { resolveDocument } from '../resolve/document.ts';
import type { FlowRefResolver } from '../resolve/flow-refs.ts';
import { createLiveLookup } from '../studio/live.ts';
import { findConflicts } from '../targets/conflicts.ts';
import { identityFinding } from '../targets/findings.ts';
import { resolveIdentity, type FlowIdentity } from '../targets/identity.ts';
import { intentOf } from '../targets/intent.ts';
import { syncReader, readerOf, type FileRead } from './live-reader.ts';
import { planNewFlows } from './new-files.ts';
import { syncFolderOf } from './new-flows.ts';
import { reverseSubstitutions } from './reverse.ts';
import type { SyncFile, SyncInput, SyncPlan, SyncProblem } from './sync-types.ts';
import { writeBack, WriteBackError } from './write-back.ts';

export type { PlaceholderChange, SyncFile, SyncInput, SyncPlan, SyncProblem } from './sync-types.ts';
export { writePlan } from './write.ts';

interface Mapped {
  document: FlowDocument;
  identity: FlowIdentity;
}

/** The live revision a file syncs to, or why none is taken. */
interface Revision {
  definition: unknown;
  revision: number;
  status: 'published' | 'draft';
  commitMessage: string | null;
  dateUpdated: string | null;
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Every mapped (and matched new) flow, its file's text before and after, and every problem found. */
export async function planSync(input: SyncInput): Promise<SyncPlan> {
  const { workspace, settings } = input;
  const environment = settings.environment || undefined;
  const problems: SyncProblem[] = [];
  syncFolderOf(settings.syncFolder); // a bad sync-folder is refused before Studio is asked anything
  const view = await environmentView(workspace, settings.configPath, settings.environment);
  const config = await loadConfig(workspace, settings.configPath);
  const paths = [
    ...new Set([...(await discoverFlowFiles(workspace, settings.flows)), ...(config?.flows ?? []).map((f) => f.path)]),
  ].sort();
  const read = readerOf(workspace, input.readFile);
  const reads: FileRead[] = await mapLimit(paths, 16, read);
  const documents: FlowDocument[] = [];
  for (const [i, result] of reads.entries()) {
    const path = paths[i]!;
    if ('missing' in result) {
      problems.push({
        path,
        message: `The config file maps ${path}, which is not in the repository, so it is not synced.`,
        fix: `Add the file, or remove its entry from ${settings.configPath}.`,
        level: 'warning',
      });
      continue;
    }
    if ('error' in result) {
      problems.push({ path, message: result.error, fix: result.fix, level: 'error' });
      continue;
    }
    const { document, findings } = documentOf(path, result.text);
    const bad = findings.find((f) => f.severity === 'error');
    if (!document || bad) {
      problems.push({
        path,
        message: `The file cannot be written back: ${bad?.message ?? 'it is not a flow file'}${bad?.line ? ` (line ${bad.line})` : ''}.`,
        fix: bad?.fix ?? 'Fix the file (see `studio-flow-ci lint`) so that it holds a flow definition.',
        level: 'error',
      });
      continue;
    }
    documents.push(document);
  }

  const reader = syncReader(input.studio);
  const lookup = createLiveLookup(reader);
  const intents = documents.map((d) => intentOf({ path: d.path, own: d.parsed, environment: view }));
  const conflicts = await findConflicts(intents, lookup);
  const identities = await mapLimit(intents, settings.concurrency, (intent) =>
    resolveIdentity(intent, lookup, conflicts.get(intent.path)),
  );
  const mapped: Mapped[] = documents.map((document, i) => ({ document, identity: identities[i]! }));
  const sids = new Map<string, string>();
  for (const { document, identity } of mapped)
    if (identity.state === 'found') sids.set(document.path, identity.live.sid);
  const refs: FlowRefResolver = {
    target: (path) =>
      Promise.resolve(
        sids.has(path)
          ? { sid: sids.get(path)! }
          : paths.includes(path)
            ? { pending: true }
            : {
                error: `names ${path}, which is not a flow file this repository maps`,
                fix: 'Name a mapped flow file.',
              },
      ),
  };

  const files: SyncFile[] = [];
  for (const { document, identity } of mapped) {
    const path = document.path;
    const flow = identity.intent.friendlyName;
    if (identity.state !== 'found') {
      const stop = identityFinding(identity, environment);
      problems.push(
        stop
          ? { path, flow, message: stop.message, fix: stop.fix ?? `Fix ${path}.`, level: 'error' }
          : {
              path,
              flow,
              message: `No Studio flow is named ${JSON.stringify(flow)}, so there is nothing to sync into this file.`,
              fix: 'Deploy it first (a merge creates it), or give the file the name or SID of the flow in Studio.',
              level: 'warning',
            },
      );
      continue;
    }
    const live = identity.live;
    let revision: Revision;
    if (settings.syncStatus === 'latest') {
      const latest = await reader.getFlow(live.sid); // already fetched for the identity: no second request
      revision = { ...latest, status: latest.status };
    } else if (live.draftOnly) {
      problems.push({
        path,
        flow,
        message: `The flow ${JSON.stringify(flow)} (${live.sid}) has draft revisions only, so there is no published revision to sync.`,
        fix: "Publish it in Studio, or set 'sync-status' to latest to take its latest draft.",
        level: 'warning',
      });
      continue;
    } else revision = { ...live, status: 'published' };
    if (revision.definition === null || typeof revision.definition !== 'object') {
      problems.push({
        path,
        flow,
        message: `Studio answered revision ${revision.revision} of ${live.sid} without a definition, so ${path} is not synced.`,
        fix: 'Re-run; if it persists, check the flow in the Studio Console.',
        level: 'error',
      });
      continue;
    }
    const resolved = await resolveDocument(document, {
      path,
      variables: view?.variables,
      refs,
      unresolved: 'warning',
    });
    const reversed = reverseSubstitutions(
      { file: document.parsed.definition, resolved: resolved.resolved, live: revision.definition },
      { variables: view?.variables, sidOf: (p) => sids.get(p) },
    );
    let after: string;
    try {
      after = writeBack(document.source, reversed.definition);
    } catch (error) {
      if (!(error instanceof WriteBackError)) throw error;
      problems.push({
        path,
        flow,
        message: `The file cannot be written back: ${error.message}.`,
        fix: 'Store the flow as a definition object, a REST resource or a Twilio CLI export.',
        level: 'error',
      });
      continue;
    }
    files.push({
      path,
      flowSid: live.sid,
      friendlyName: live.friendlyName,
      revision: revision.revision,
      status: revision.status,
      commitMessage: revision.commitMessage,
      dateUpdated: revision.dateUpdated,
      isNew: false,
      before: document.source,
      after,
      changed: after !== document.source,
      diff: diffDefinitions(resolved.resolved, revision.definition),
      liveDefinition: revision.definition,
      fileDefinition: resolved.resolved,
      placeholders: reversed.placeholders,
    });
  }

  const fresh = await planNewFlows({
    settings,
    reader,
    workspace,
    mapped: new Set([...sids.values()]),
    taken: new Set(paths),
    sources: documents.map((d) => d.source),
  });
  problems.push(...fresh.problems);
  return { environment, status: settings.syncStatus, files: [...files, ...fresh.files].sort(byPath), problems };
}
