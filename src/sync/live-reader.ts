/**
 * What sync reads: flow files (from the workspace, or through the caller's reader) and Studio, through a reader
 * that lists the account's flows once and fetches each flow once however often the identity rules and sync ask,
 * so a sync costs one list and one read per flow.
 */
import { requestGate } from '../concurrency.ts';
import { documentOf, type FlowDocument } from '../document/document.ts';
import { readFlowFile } from '../document/read.ts';
import type { StudioReader } from '../studio/live.ts';
import type { FlowResource } from '../studio/types.ts';
import type { SyncProblem } from './sync-types.ts';

export type FileRead = { text: string } | { missing: true } | { error: string; fix: string };

/** The file reader of a sync: the caller's (null: no such file), else the workspace on disk (safely: read.ts). */
export function readerOf(
  workspace: string,
  readFile: ((path: string) => Promise<string | null>) | undefined,
): (path: string) => Promise<FileRead> {
  if (readFile)
    return async (path) => {
      const text = await readFile(path);
      return text === null ? { missing: true } : { text };
    };
  return async (path) => {
    const read = await readFlowFile(workspace, path);
    if (read.ok) return { text: read.text };
    if (read.message === 'The file does not exist in the workspace.') return { missing: true };
    return { error: `${path}: ${read.message}`, fix: read.fix };
  };
}

/** A Studio reader that lists once, fetches each flow (its latest revision) once, `limit` requests at a time. */
export function syncReader(studio: StudioReader, limit: number): StudioReader {
  const gate = requestGate(limit);
  let list: Promise<FlowResource[]> | undefined;
  const flows = new Map<string, Promise<FlowResource>>();
  return {
    listFlows: () => (list ??= gate(() => studio.listFlows())),
    getFlow: (sid) => {
      let hit = flows.get(sid);
      if (!hit) flows.set(sid, (hit = gate(() => studio.getFlow(sid))));
      return hit;
    },
    getRevision: (sid, revision) => gate(() => studio.getRevision(sid, revision)),
  };
}

/**
 * A file read as a flow document, or the problem that stops it: `missing` when it is not there, the read's own
 * error, or `cannot` (e.g. "cannot be written back") with the first parse error when it is no flow file.
 */
export function documentOrProblem(
  path: string,
  result: FileRead,
  explain: { missing: Omit<SyncProblem, 'path'>; cannot: string },
): { document: FlowDocument } | { problem: SyncProblem } {
  if ('missing' in result) return { problem: { path, ...explain.missing } };
  if ('error' in result) return { problem: { path, message: result.error, fix: result.fix, level: 'error' } };
  const { document, findings } = documentOf(path, result.text);
  const bad = findings.find((f) => f.severity === 'error');
  if (document && !bad) return { document };
  return {
    problem: {
      path,
      message: `${explain.cannot}: ${bad?.message ?? 'it is not a flow file'}${bad?.line ? ` (line ${bad.line})` : ''}.`,
      fix: bad?.fix ?? 'Fix the file (see `studio-flow-ci lint`) so that it holds a flow definition.',
      level: 'error',
    },
  };
}
