/**
 * src/targets/identity.ts state by state, on a stub LiveLookup that refuses what the contract forbids (a
 * lookup of no SID) and records every call: which states a renamed file can end in, that an error state
 * is never turned into a flow by the old name, that a conflict asks Studio nothing, and liveOfIdentity.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveFlow, LiveLookup } from '../../src/studio/live.ts';
import { liveOfIdentity, previousFlows, resolveIdentity, type FlowIdentity } from '../../src/targets/identity.ts';
import type { FlowIntent } from '../../src/targets/intent.ts';

const SID = (n: number) => `FW${String(n).repeat(32).slice(0, 32)}`;
const live = (n: number, name = `flow ${n}`): LiveFlow =>
  ({ sid: SID(n), friendlyName: name, revision: 1, definition: {}, commitMessage: null }) as unknown as LiveFlow;

/** Flows by number and names → numbers; records calls and throws on a lookup of anything but a string SID. */
function lookup(flows: number[], names: Record<string, number[]>): LiveLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    flow: async (sid: string) => {
      calls.push(`flow ${sid}`);
      if (typeof sid !== 'string' || sid === '') throw new Error(`lookup of no SID: ${String(sid)}`);
      const n = flows.find((f) => SID(f) === sid);
      return n === undefined ? undefined : live(n);
    },
    named: async (name: string) => (calls.push(`named ${name}`), (names[name] ?? []).map(SID)),
  };
}
const intent = (extra: Partial<FlowIntent> = {}): FlowIntent => ({
  path: 'flows/new.json',
  friendlyName: 'New',
  nameSource: 'file',
  ...extra,
});
const renamed = (previous: FlowIntent['previous'], extra: Partial<FlowIntent> = {}) =>
  intent({ previous: previous!, ...extra });
const summary = (id: FlowIdentity) =>
  id.state === 'found'
    ? `found ${id.live.sid} by ${id.by}`
    : id.state === 'ambiguous'
      ? `ambiguous ${id.friendlyName}: ${id.sids.join(',')}${id.renamedFrom ? ` from ${id.renamedFrom.path}` : ''}`
      : id.state;

describe('resolveIdentity, state by state', () => {
  it('a name that finds no flow is absent, without looking up a flow of no SID', async () => {
    const studio = lookup([1], {});
    assert.equal(summary(await resolveIdentity(intent(), studio)), 'absent');
    assert.deepEqual(studio.calls, ['named New']);
  });

  it('a conflict is the state whatever Studio holds, and Studio is not asked', async () => {
    const studio = lookup([1], { New: [1] });
    const conflict = { otherPath: 'flows/other.json', friendlyName: 'New', sid: SID(1) };
    const id = await resolveIdentity(intent(), studio, conflict);
    assert.deepEqual(id, { state: 'conflict', intent: intent(), conflict });
    assert.deepEqual(studio.calls, []);
  });

  it('a renamed file whose old and new identity are the same flow is that flow, found by the new one', async () => {
    const studio = lookup([1, 2], { New: [1], Old: [1] });
    assert.equal(
      summary(await resolveIdentity(renamed({ path: 'flows/old.json', friendlyName: 'Old' }), studio)),
      `found ${SID(1)} by name`,
    );
    const both = lookup([1, 2], { New: [1], Old: [2, 1] });
    assert.equal(
      summary(await resolveIdentity(renamed({ path: 'flows/old.json', friendlyName: 'Old' }), both)),
      `found ${SID(1)} by name`,
    );
  });

  it('a renamed file whose new identity is absent and whose old name finds two flows is ambiguous under the old name', async () => {
    const studio = lookup([1, 2], { Old: [1, 2] });
    assert.equal(
      summary(await resolveIdentity(renamed({ path: 'flows/old.json', friendlyName: 'Old' }), studio)),
      `ambiguous Old: ${SID(1)},${SID(2)}`,
    );
  });

  it('a renamed file whose new identity is absent and whose old identity finds nothing stays absent', async () => {
    const studio = lookup([], {});
    assert.equal(
      summary(await resolveIdentity(renamed({ path: 'flows/old.json', friendlyName: 'Old' }), studio)),
      'absent',
    );
    assert.equal(
      summary(await resolveIdentity(renamed({ path: 'flows/old.json', friendlyName: 'Old', sid: SID(9) }), studio)),
      'absent',
    );
  });

  it('an error state (a SID not found, two flows of the name) is never turned into a flow by the old identity', async () => {
    const studio = lookup([1, 2, 3], { New: [2, 3], Old: [1] });
    const old = { path: 'flows/old.json', friendlyName: 'Old' };
    assert.equal(summary(await resolveIdentity(renamed(old, { sid: SID(7) }), studio)), 'sid-not-found');
    assert.equal(summary(await resolveIdentity(renamed(old), studio)), `ambiguous New: ${SID(2)},${SID(3)}`);
  });
});

describe('previousFlows and liveOfIdentity', () => {
  it("an old identity's SID counts only when Studio has that flow; else its name's flows", async () => {
    const studio = lookup([4], { Old: [5, 6] });
    assert.deepEqual(await previousFlows({ path: 'a', friendlyName: 'Old', sid: SID(4) }, studio), [SID(4)]);
    assert.deepEqual(await previousFlows({ path: 'a', friendlyName: 'Old', sid: SID(8) }, studio), []);
    assert.deepEqual(await previousFlows({ path: 'a', friendlyName: 'Old' }, studio), [SID(5), SID(6)]);
  });

  it('the live flow of a found identity; null for every other state', () => {
    const flow = live(1);
    assert.equal(liveOfIdentity({ state: 'found', intent: intent(), live: flow, by: 'sid' }), flow);
    const others: FlowIdentity[] = [
      { state: 'absent', intent: intent() },
      { state: 'sid-not-found', intent: intent(), sid: SID(1) },
      { state: 'ambiguous', intent: intent(), friendlyName: 'New', sids: [SID(1), SID(2)] },
      { state: 'conflict', intent: intent(), conflict: { otherPath: 'b', friendlyName: 'New' } },
    ];
    for (const id of others) assert.equal(liveOfIdentity({ ...id, live: flow } as FlowIdentity), null, id.state);
  });
});
