/**
 * Two flow files that resolve to one Studio flow (by SID, or by name) would overwrite each other on
 * every deploy. Checked over ALL flow files the `flows` globs select, not only the changed ones.
 */
import type { LiveLookup } from '../flows/live.ts';
import type { Conflict } from './identity.ts';
import { offlineKey, type FlowIntent } from './intent.ts';

/**
 * The key a file meets others on: its SID, or (online) the one flow its name (or old name) finds,
 * else its name. A name two Studio flows share stays a name (reported as ambiguous elsewhere).
 */
async function keyOf(intent: FlowIntent, lookup: LiveLookup | undefined): Promise<{ key: string; sid?: string }> {
  if (intent.sid !== undefined) return { key: offlineKey(intent), sid: intent.sid };
  if (lookup) {
    for (const name of [intent.previous?.friendlyName, intent.friendlyName]) {
      if (name === undefined) continue;
      const sids = await lookup.named(name);
      if (sids.length === 1) return { key: `sid:${sids[0]}`, sid: sids[0] as string };
      if (sids.length > 1) break;
    }
  }
  return { key: offlineKey(intent) };
}

/** Per path, the other file it collides with (the first other one, in path order). */
export async function findConflicts(intents: readonly FlowIntent[], lookup?: LiveLookup): Promise<Map<string, Conflict>> {
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
      conflicts.set(intent.path, { otherPath: other.intent.path, friendlyName: intent.friendlyName, ...(sid ? { sid } : {}) });
    }
  }
  return conflicts;
}
