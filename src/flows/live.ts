/**
 * Find the flow that is live in Studio for a flow file: by `sid` when the file gives one, else by
 * friendly name through ONE paged list call per run (shared by every file), never one per flow.
 */
import { UserError } from '../errors.ts';
import type { FlowResource, FlowRevision, RevisionRef } from '../studio/types.ts';

/** The Studio calls a live lookup needs; StudioClient provides them. */
export interface StudioReader {
  listFlows(): Promise<FlowResource[]>;
  getFlow(sid: string): Promise<FlowResource>;
  getRevision(sid: string, revision: RevisionRef): Promise<FlowRevision>;
}

/** The revision a merge would replace: the latest published one. */
export interface LiveFlow {
  sid: string;
  friendlyName: string;
  revision: number;
  /** Latest revision number, when a newer draft sits on top of the published one. */
  draftRevision?: number;
  definition: unknown;
  commitMessage: string | null;
  dateUpdated: string | null;
  /** Commit message of the latest revision (draft or published): who made the last change. */
  latestCommitMessage: string | null;
}

export type LiveLookup = (flow: { friendlyName: string; sid?: string }) => Promise<LiveFlow | undefined>;

function isNotFound(error: unknown): boolean {
  return (error as { status?: number } | null)?.status === 404;
}

async function liveOf(studio: StudioReader, sid: string): Promise<LiveFlow | undefined> {
  let latest: FlowResource;
  try {
    latest = await studio.getFlow(sid);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const live: LiveFlow = {
    sid: latest.sid,
    friendlyName: latest.friendlyName,
    revision: latest.revision,
    definition: latest.definition,
    commitMessage: latest.commitMessage,
    dateUpdated: latest.dateUpdated,
    latestCommitMessage: latest.commitMessage,
  };
  if (latest.status === 'published') return live;
  // The latest revision is a draft: what runs in production is the latest published one.
  try {
    const published = await studio.getRevision(sid, 'LatestPublished');
    return { ...live, revision: published.revision, draftRevision: latest.revision, definition: published.definition, commitMessage: published.commitMessage, dateUpdated: published.dateUpdated };
  } catch (error) {
    if (isNotFound(error)) return undefined; // never published: a merge publishes it for the first time
    throw error;
  }
}

/** A lookup that lists the account's flows at most once, however many files ask. */
export function createLiveLookup(studio: StudioReader): LiveLookup {
  let directory: Promise<Map<string, string[]>> | undefined;
  const byName = () =>
    (directory ??= studio.listFlows().then((flows) => {
      const map = new Map<string, string[]>();
      for (const f of flows) map.set(f.friendlyName, [...(map.get(f.friendlyName) ?? []), f.sid]);
      return map;
    }));
  return async ({ friendlyName, sid }) => {
    if (sid) return liveOf(studio, sid);
    const sids = (await byName()).get(friendlyName) ?? [];
    if (sids.length > 1) {
      throw new UserError(
        `${sids.length} Studio flows are named "${friendlyName}" (${sids.join(', ')}); add "sid" to the flow file to say which one it is.`,
      );
    }
    return sids[0] ? liveOf(studio, sids[0]) : undefined;
  };
}
