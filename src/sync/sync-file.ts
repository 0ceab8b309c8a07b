/**
 * One mapped flow file synced: its flow's live revision (published, or the latest with `sync-status: latest`),
 * the file's placeholders put back, the definition written into the file's text; or the problem that stops it.
 */
import { diffDefinitions } from '../diff/diff.ts';
import type { FlowDocument } from '../document/document.ts';
import { resolveDocument } from '../resolve/document.ts';
import type { NameChoices, NameIndex } from '../resolve/name-index.ts';
import type { AccountLists } from '../studio/account-types.ts';
import { referencedPaths, type FlowRefResolver } from '../resolve/flow-refs.ts';
import type { Settings } from '../settings.ts';
import type { StudioReader } from '../studio/live.ts';
import { identityFinding } from '../targets/findings.ts';
import type { FlowIdentity } from '../targets/identity.ts';
import { reverseSubstitutions } from './reverse.ts';
import type { SyncFile, SyncProblem } from './sync-types.ts';
import { writeBack, WriteBackError } from './write-back.ts';

export interface MappedFileInput {
  document: FlowDocument;
  identity: FlowIdentity;
  settings: Settings;
  variables: Record<string, string> | undefined;
  /** The reader that fetched the identity (its cache answers the latest revision without a second request). */
  reader: StudioReader;
  /** The SID of the flow a mapped file is, when it is in Studio. */
  sidOf: (path: string) => Promise<string | undefined>;
  isMapped: (path: string) => boolean;
  /** The account's reverse index, when a mapped file uses name references and lists were given. */
  names?: NameIndex | undefined;
  /** The account's lists and the environment's choices, so the file's own name references resolve for the diff. */
  lists?: AccountLists | undefined;
  choices?: NameChoices | undefined;
}

export type MappedFileResult = { file: SyncFile } | { problem: SyncProblem };

interface Revision {
  definition: unknown;
  revision: number;
  status: 'published' | 'draft';
  commitMessage: string | null;
  dateUpdated: string | null;
}

async function revisionOf(input: MappedFileInput): Promise<Revision | SyncProblem> {
  const { identity, document, settings } = input;
  const path = document.path;
  const flow = identity.intent.friendlyName;
  if (identity.state !== 'found') {
    const stop = identityFinding(identity, settings.environment || undefined);
    if (stop) return { path, flow, message: stop.message, fix: stop.fix ?? `Fix ${path}.`, level: 'error' };
    return {
      path,
      flow,
      message: `No Studio flow is named ${JSON.stringify(flow)}, so there is nothing to sync into this file.`,
      fix: 'Deploy it first (a merge creates it), or give the file the name or SID of the flow in Studio.',
      level: 'warning',
    };
  }
  const live = identity.live;
  let revision: Revision;
  if (settings.syncStatus === 'latest') {
    const latest = await input.reader.getFlow(live.sid); // fetched for the identity already: no second request
    revision = { ...latest, status: latest.status };
  } else if (live.draftOnly) {
    return {
      path,
      flow,
      message: `The flow ${JSON.stringify(flow)} (${live.sid}) has draft revisions only, so there is no published revision to sync.`,
      fix: "Publish it in Studio, or set 'sync-status' to latest to take its latest draft.",
      level: 'warning',
    };
  } else revision = { ...live, status: 'published' };
  if (revision.definition === null || typeof revision.definition !== 'object') {
    return {
      path,
      flow,
      message: `Studio answered revision ${revision.revision} of ${live.sid} without a definition, so the file is not synced.`,
      fix: 'Re-run; if it persists, check the flow in the Studio Console.',
      level: 'error',
    };
  }
  return revision;
}

export async function syncMappedFile(input: MappedFileInput): Promise<MappedFileResult> {
  const { document, identity } = input;
  const path = document.path;
  const revision = await revisionOf(input);
  if ('level' in revision) return { problem: revision };
  const live = (identity as Extract<FlowIdentity, { state: 'found' }>).live;
  const sids = new Map<string, string>();
  for (const ref of referencedPaths(document.parsed.definition)) {
    const sid = await input.sidOf(ref);
    if (sid !== undefined) sids.set(ref, sid);
  }
  const refs: FlowRefResolver = {
    target: (ref) =>
      Promise.resolve(
        sids.has(ref)
          ? { sid: sids.get(ref)! }
          : input.isMapped(ref)
            ? { pending: true }
            : { error: `names ${ref}, which is not a flow file this repository maps`, fix: 'Name a mapped flow file.' },
      ),
  };
  const resolved = await resolveDocument(document, {
    path,
    variables: input.variables,
    refs,
    unresolved: 'warning',
    lists: input.lists,
    choices: input.choices,
  });
  const reversed = reverseSubstitutions(
    { file: document.parsed.definition, resolved: resolved.resolved, live: revision.definition },
    { variables: input.variables, sidOf: (ref) => sids.get(ref), names: input.names },
  );
  let after: string;
  try {
    after = writeBack(document.source, reversed.definition);
  } catch (error) {
    if (!(error instanceof WriteBackError)) throw error;
    return {
      problem: {
        path,
        flow: identity.intent.friendlyName,
        message: `The file cannot be written back: ${error.message}.`,
        fix: 'Store the flow as a definition object, a REST resource or a Twilio CLI export.',
        level: 'error',
      },
    };
  }
  return {
    file: {
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
    },
  };
}
