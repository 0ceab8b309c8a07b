/**
 * Which Studio flow a flow file IS: an explicit result for every file, never `undefined` collapsed
 * into "create". Check, diff, deploy (through FlowCheck), `${flow:…}` references and rollback all
 * take the flow from here.
 */
import type { LiveFlow, LiveLookup } from '../studio/live.ts';
import type { FlowIntent } from './intent.ts';

/** Two files of the repository that resolve to one Studio flow. */
export interface Conflict {
  otherPath: string;
  friendlyName: string;
  /** The flow's SID, when the two files meet on one. */
  sid?: string;
  /** The other file's name, when it differs from this one's only by Unicode normalisation (NFC vs NFD). */
  otherName?: string;
}

export type FlowIdentity =
  /** In Studio (published, or drafts only: `live.draftOnly`); `by` says how it was found ('previous-name': a renamed file's old identity). */
  | { state: 'found'; intent: FlowIntent; live: LiveFlow; by: 'sid' | 'name' | 'previous-name' }
  /** No flow with that name: a deploy creates it, only when `allow-create` is true. */
  | { state: 'absent'; intent: FlowIntent }
  /** The SID the file is bound to names no flow: an error, never a create. */
  | { state: 'sid-not-found'; intent: FlowIntent; sid: string }
  /** More than one flow could be this file's. */
  | {
      state: 'ambiguous';
      intent: FlowIntent;
      friendlyName: string;
      sids: string[];
      /** A renamed file whose old path was flow `sid` and whose new identity is another flow. */
      renamedFrom?: { path: string; sid: string };
    }
  /** Another flow file of the repository resolves to the same flow. */
  | { state: 'conflict'; intent: FlowIntent; conflict: Conflict };

/** The live flow of an identity, or null when there is none (absent, or an error state). */
export function liveOfIdentity(identity: FlowIdentity): LiveFlow | null {
  return identity.state === 'found' ? identity.live : null;
}

async function current(intent: FlowIntent, lookup: LiveLookup): Promise<FlowIdentity> {
  if (intent.sid !== undefined) {
    const live = await lookup.flow(intent.sid);
    return live ? { state: 'found', intent, live, by: 'sid' } : { state: 'sid-not-found', intent, sid: intent.sid };
  }
  const sids = await lookup.named(intent.friendlyName);
  if (sids.length > 1) return { state: 'ambiguous', intent, friendlyName: intent.friendlyName, sids };
  const live = sids[0] === undefined ? undefined : await lookup.flow(sids[0]);
  return live ? { state: 'found', intent, live, by: 'name' } : { state: 'absent', intent };
}

/** The flow(s) a renamed file's old identity finds: by its SID, else by its name. */
export async function previousFlows(
  previous: NonNullable<FlowIntent['previous']>,
  lookup: LiveLookup,
): Promise<string[]> {
  if (previous.sid !== undefined) return (await lookup.flow(previous.sid)) ? [previous.sid] : [];
  return lookup.named(previous.friendlyName);
}

/**
 * A renamed file: its new identity, unless that finds no flow and the old one does (then the file
 * keeps its flow, and a merge renames it). A new identity that is another flow than the old one's is
 * ambiguous: writing either would orphan one flow or leave two of one name.
 */
async function withPrevious(found: FlowIdentity, lookup: LiveLookup): Promise<FlowIdentity> {
  const { intent } = found;
  const previous = intent.previous;
  if (!previous || (found.state !== 'found' && found.state !== 'absent')) return found;
  const before = await previousFlows(previous, lookup);
  if (before.length === 0) return found;
  if (found.state === 'found') {
    const kept = before.find((sid) => sid !== found.live.sid);
    if (kept === undefined || before.includes(found.live.sid)) return found;
    return {
      state: 'ambiguous',
      intent,
      friendlyName: intent.friendlyName,
      sids: [kept, found.live.sid],
      renamedFrom: { path: previous.path, sid: kept },
    };
  }
  if (before.length > 1) return { state: 'ambiguous', intent, friendlyName: previous.friendlyName, sids: before };
  const live = await lookup.flow(before[0]!);
  return live ? { state: 'found', intent, live, by: 'previous-name' } : found;
}

/** Resolve a file's intent against Studio. Studio failures (network, auth) are thrown, not states. */
export async function resolveIdentity(
  intent: FlowIntent,
  lookup: LiveLookup,
  conflict?: Conflict,
): Promise<FlowIdentity> {
  if (conflict) return { state: 'conflict', intent, conflict };
  return withPrevious(await current(intent, lookup), lookup);
}
