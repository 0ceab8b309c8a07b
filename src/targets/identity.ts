/**
 * Which Studio flow a flow file IS: an explicit result for every file, never `undefined` collapsed
 * into "create". Check, diff, deploy (through FlowCheck), `${flow:…}` references and rollback all
 * take the flow from here.
 */
import type { LiveFlow, LiveLookup } from '../flows/live.ts';
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
  /** In Studio (published, or drafts only: `live.draftOnly`); `by` says how it was found. */
  | { state: 'found'; intent: FlowIntent; live: LiveFlow; by: 'sid' | 'name' | 'previous-name' }
  /** No flow with that name: a deploy creates it, only when `allow-create` is true. */
  | { state: 'absent'; intent: FlowIntent }
  /** The SID the file is bound to names no flow: an error, never a create. */
  | { state: 'sid-not-found'; intent: FlowIntent; sid: string }
  /** More than one flow could be this file's. */
  | { state: 'ambiguous'; intent: FlowIntent; friendlyName: string; sids: string[] }
  /** Another flow file of the repository resolves to the same flow. */
  | { state: 'conflict'; intent: FlowIntent; conflict: Conflict };

export type IdentityState = FlowIdentity['state'];

/** The live flow of an identity, or null when there is none (absent, or an error state). */
export function liveOfIdentity(identity: FlowIdentity): LiveFlow | null {
  return identity.state === 'found' ? identity.live : null;
}

/** True for the states that stop a flow from being compared or written. */
export function isIdentityError(identity: FlowIdentity): boolean {
  return identity.state === 'sid-not-found' || identity.state === 'ambiguous' || identity.state === 'conflict';
}

async function byName(intent: FlowIntent, lookup: LiveLookup): Promise<FlowIdentity> {
  const previous = intent.previous;
  const current = await lookup.named(intent.friendlyName);
  if (previous) {
    const before = await lookup.named(previous.friendlyName);
    if (before.length > 1) return { state: 'ambiguous', intent, friendlyName: previous.friendlyName, sids: before };
    const kept = before[0];
    if (kept !== undefined) {
      // The new name is another flow's already: writing the kept flow under it would make two flows of that name.
      const others = current.filter((sid) => sid !== kept);
      if (others.length > 0) return { state: 'ambiguous', intent, friendlyName: intent.friendlyName, sids: [kept, ...others] };
      const live = await lookup.flow(kept);
      if (live) return { state: 'found', intent, live, by: 'previous-name' };
    }
  }
  if (current.length > 1) return { state: 'ambiguous', intent, friendlyName: intent.friendlyName, sids: current };
  const sid = current[0];
  const live = sid === undefined ? undefined : await lookup.flow(sid);
  return live ? { state: 'found', intent, live, by: 'name' } : { state: 'absent', intent };
}

/** Resolve a file's intent against Studio. Studio failures (network, auth) are thrown, not states. */
export async function resolveIdentity(intent: FlowIntent, lookup: LiveLookup, conflict?: Conflict): Promise<FlowIdentity> {
  if (conflict) return { state: 'conflict', intent, conflict };
  if (intent.sid !== undefined) {
    const live = await lookup.flow(intent.sid);
    return live ? { state: 'found', intent, live, by: 'sid' } : { state: 'sid-not-found', intent, sid: intent.sid };
  }
  return byName(intent, lookup);
}
