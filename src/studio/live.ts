/**
 * What is live in Studio, as the identity rules (src/targets/) ask for it: a flow by SID (published,
 * or drafts only), and the SIDs of the flows with a name, through ONE paged list call per run.
 */
import type { FlowResource, FlowRevision, RevisionRef } from './types.ts';

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
  /**
   * The flow was never published (`LatestPublished` is 404): `revision`, `definition` and
   * `commitMessage` are its latest draft's. It is the same flow: a deploy updates it in place.
   */
  draftOnly?: true;
}

/** Studio as the identity rules (src/targets) ask it: by SID, and by exact name. */
/** The flow's latest revision number: a draft on top of the published one counts. A write lands above it. */
export function latestRevision(live: LiveFlow): number {
  return live.draftRevision ?? live.revision;
}

export interface LiveLookup {
  /** The flow with this SID, or undefined when Studio has none (fetched once per SID per run). */
  flow(sid: string): Promise<LiveFlow | undefined>;
  /** The SIDs of the flows with exactly this friendly name, from ONE paged list call per run. */
  named(friendlyName: string): Promise<string[]>;
}

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
    return {
      ...live,
      revision: published.revision,
      draftRevision: latest.revision,
      definition: published.definition,
      commitMessage: published.commitMessage,
      dateUpdated: published.dateUpdated,
    };
  } catch (error) {
    // Never published: the same flow, drafts only. It is updated in place, compared with its latest draft.
    if (isNotFound(error)) return { ...live, draftOnly: true };
    throw error;
  }
}

/** A lookup that lists the account's flows at most once and fetches each SID at most once, however many files ask. */
export function createLiveLookup(studio: StudioReader): LiveLookup {
  let directory: Promise<Map<string, string[]>> | undefined;
  const flows = new Map<string, Promise<LiveFlow | undefined>>();
  return {
    flow(sid) {
      let hit = flows.get(sid);
      if (!hit) flows.set(sid, (hit = liveOf(studio, sid)));
      return hit;
    },
    async named(friendlyName) {
      directory ??= studio.listFlows().then((list) => {
        const map = new Map<string, string[]>();
        for (const f of list) map.set(f.friendlyName, [...(map.get(f.friendlyName) ?? []), f.sid]);
        return map;
      });
      return (await directory).get(friendlyName) ?? [];
    },
  };
}
