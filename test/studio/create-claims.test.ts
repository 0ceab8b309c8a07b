/**
 * A level's creates read back by one list (StudioClient.createFlowUnconfirmed + confirmCreates), on the real
 * loopback emulator: one list request instead of one GET per create, and createFlow's own results otherwise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StudioWriteNotAppliedError } from '../../src/studio/errors.ts';
import type { CreateClaim, CreateConfirmation, FlowResource, RetryEvent } from '../../src/studio/types.ts';
import { client, counts, inputs, mapFlows, rig, useRig } from './create-claims-rig.ts';

useRig();

async function claimsOf(count: number, prefix?: string): Promise<CreateClaim[]> {
  const studio = client();
  const claims: CreateClaim[] = [];
  for (const input of inputs(count, prefix)) claims.push(await studio.createFlowUnconfirmed(input));
  return claims;
}

/** Every result ok, in claim order, with the flow Studio holds for that claim: its SID, name and definition. */
function assertHeld(results: CreateConfirmation[], claims: CreateClaim[]): FlowResource[] {
  assert.equal(results.length, claims.length);
  return results.map((result, i) => {
    assert.ok(result.ok, `claim ${i + 1}: ${result.ok ? '' : String(result.error)}`);
    const claim = claims[i] as CreateClaim;
    const stored = rig.emulator.store.get(result.flow.sid);
    assert.ok(stored, `claim ${i + 1}: flow ${result.flow.sid} is in the store`);
    assert.equal(result.flow.sid, claim.flow.sid);
    assert.equal(stored.revisions.at(-1)?.friendlyName, claim.input.friendlyName);
    assert.deepEqual(stored.revisions.at(-1)?.definition, claim.input.definition);
    assert.equal(result.flow.friendlyName, claim.input.friendlyName);
    assert.equal(result.flow.revision, 1);
    assert.deepEqual(result.flow.definition, claim.input.definition);
    return result.flow;
  });
}

describe('createFlowUnconfirmed + confirmCreates', () => {
  it('50 creates are read back by exactly one list request and no GET; every flow is held', async () => {
    const claims = await claimsOf(50);
    assert.equal(counts().gets.length, 0, 'the creates themselves read nothing back');
    assert.equal(counts().all, 50);
    assert.ok(claims.every((claim) => !claim.confirmed));
    rig.emulator.requests.length = 0;
    const results = await client().confirmCreates(claims);
    assert.deepEqual(counts(), { lists: 1, gets: [], all: 1 });
    assertHeld(results, claims);
    assert.equal(new Set(results.map((r) => r.ok && r.flow.sid)).size, 50);
  });

  it('follows every page of the list: 50 claims over 3 pages of 20, still no GET', async () => {
    const claims = await claimsOf(50);
    rig.emulator.requests.length = 0;
    const results = await client({ pageSize: 20 }).confirmCreates(claims);
    assert.deepEqual(counts(), { lists: 3, gets: [], all: 3 });
    assertHeld(results, claims);
  });

  it('a claim whose SID the list does not show yet (lists can lag) is read back by GET and confirmed', async () => {
    const claims = await claimsOf(5);
    const lagging = (claims[2] as CreateClaim).flow.sid;
    rig.emulator.requests.length = 0;
    const lag = (flows: Record<string, unknown>[]) => flows.filter((flow) => flow.sid !== lagging);
    const results = await client({ list: (response) => mapFlows(response, lag) }).confirmCreates(claims);
    assert.deepEqual(counts(), { lists: 1, gets: [lagging], all: 2 });
    assertHeld(results, claims);
  });

  it('one claim left to read back: one GET of its SID (which reads the definition), no list', async () => {
    const [first, second] = await claimsOf(2);
    rig.emulator.requests.length = 0;
    const results = await client().confirmCreates([first!]);
    assert.deepEqual(counts(), { lists: 0, gets: [first!.flow.sid], all: 1 });
    assertHeld(results, [first!]);
    rig.emulator.writeAnswer = { kind: 'empty', applied: true };
    const [confirmed] = await claimsOf(1, 'Answered empty');
    rig.emulator.requests.length = 0;
    assertHeld(await client().confirmCreates([confirmed!, second!]), [confirmed!, second!]);
    assert.deepEqual(counts(), { lists: 0, gets: [second!.flow.sid], all: 1 });
  });

  it('no claims: no request, no result', async () => {
    assert.deepEqual(await client().confirmCreates([]), []);
    assert.equal(counts().all, 0);
  });

  it('an answer that is not a confirmation is read back at once (confirmed: true); confirming it makes no list', async () => {
    rig.emulator.writeAnswer = { kind: 'empty-object', applied: true };
    const events: RetryEvent[] = [];
    const [input] = inputs(1);
    const claim = await client({ events }).createFlowUnconfirmed(input!);
    assert.equal(claim.confirmed, true);
    assert.ok(rig.emulator.store.get(claim.flow.sid), 'the flow read back is the one Studio holds');
    assert.equal(claim.flow.revision, 1);
    assert.equal(events.filter((e) => e.type === 'confirmed').length, 1, 'said in the log, as createFlow does');
    rig.emulator.requests.length = 0;
    const results = await client().confirmCreates([claim, claim]);
    assert.equal(counts().all, 0);
    assert.deepEqual(results, [
      { ok: true, flow: claim.flow },
      { ok: true, flow: claim.flow },
    ]);
  });

  it('confirmed and unconfirmed claims together: one list for the unconfirmed ones, results in order', async () => {
    const [first, second] = await claimsOf(2, 'Plain');
    rig.emulator.writeAnswer = { kind: 'no-content', applied: true };
    const [late] = await claimsOf(1, 'Answered 204');
    rig.emulator.writeAnswer = undefined;
    rig.emulator.requests.length = 0;
    const claims = [first!, late!, second!];
    const results = await client().confirmCreates(claims);
    assert.deepEqual(counts(), { lists: 1, gets: [], all: 1 });
    assertHeld(results, claims);
  });

  it('an answer that is not a confirmation, not applied: createFlowUnconfirmed throws what createFlow throws', async () => {
    rig.emulator.writeAnswer = { kind: 'not-json', applied: false };
    const [input] = inputs(1);
    const viaCreate = await client()
      .createFlow(input!)
      .catch((e: unknown) => e);
    const viaClaim = await client()
      .createFlowUnconfirmed(input!)
      .catch((e: unknown) => e);
    assert.ok(viaClaim instanceof StudioWriteNotAppliedError, String(viaClaim));
    assert.ok(viaCreate instanceof StudioWriteNotAppliedError);
    assert.equal(viaClaim.message, viaCreate.message);
    assert.match(viaClaim.message, /^Twilio Studio did not apply the write to flow "IVR 0": POST \/v2\/Flows answered/);
    assert.equal(rig.emulator.store.list().length, 0);
  });

  it('a refused create (Twilio error) throws as createFlow does, and no claim exists', async () => {
    rig.emulator.fault = (r) =>
      r.method === 'POST' ? { status: 400, code: 20001, message: 'Bad <b>request</b>\n::error::x' } : undefined;
    const [input] = inputs(1);
    const viaCreate = await client()
      .createFlow(input!)
      .catch((e: unknown) => e);
    const viaClaim = await client()
      .createFlowUnconfirmed(input!)
      .catch((e: unknown) => e);
    assert.ok(viaClaim instanceof Error);
    assert.equal(viaClaim.constructor, (viaCreate as Error).constructor);
    assert.equal(viaClaim.message, (viaCreate as Error).message);
  });
});
