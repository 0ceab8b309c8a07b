/**
 * Reading creates back by one list, when answers and lists are wrong: never a wrong success; a claim the list
 * cannot confirm gets exactly what createFlow would have given (GET the SID, then the flows named like it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StudioUnconfirmedWriteError, StudioWriteNotAppliedError } from '../../src/studio/errors.ts';
import type { CreateClaim, CreateConfirmation } from '../../src/studio/types.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from '../support/sample-flows.ts';
import { client, counts, inputs, mapFlows, rig, seedFlow, sent, useRig } from './create-claims-rig.ts';
import type { ListRewrite } from './create-claims-rig.ts';

useRig();

async function claimsOf(count: number, prefix?: string): Promise<CreateClaim[]> {
  const studio = client();
  const claims: CreateClaim[] = [];
  for (const input of inputs(count, prefix)) claims.push(await studio.createFlowUnconfirmed(input));
  return claims;
}

function okSids(results: CreateConfirmation[]): string[] {
  return results.map((result) => {
    assert.ok(result.ok, String(!result.ok && result.error));
    return result.flow.sid;
  });
}

function failure(result: CreateConfirmation | undefined): Error {
  assert.ok(result && !result.ok, 'not ok');
  assert.ok(result.error instanceof Error);
  const text = `${result.error.message} ${JSON.stringify(result.error)}`;
  assert.ok(!text.includes(AUTH_TOKEN) && !text.includes(ACCOUNT_SID), 'no credentials in the error');
  return result.error;
}

/** The one create named `name` is answered with another flow's SID (the emulator's `other-sid`). */
function answerOtherSid(name: string, applied: boolean): void {
  rig.emulator.writeAnswer = { kind: 'other-sid', applied, match: (w) => w.params.FriendlyName === name };
}

describe('an answer naming another existing flow is never a success', () => {
  for (const sameName of [false, true]) {
    const other = sameName
      ? 'a flow of the same name, status and commit message, a minute older'
      : "another team's flow";
    it(`${other}, create not applied: StudioWriteNotAppliedError, as createFlow gives`, async () => {
      const [input] = inputs(1);
      const existing = seedFlow(sameName ? input!.friendlyName : 'Other team', {
        commitMessage: input!.commitMessage,
        ...(sameName ? { ageMs: 60_000 } : {}),
      });
      answerOtherSid(input!.friendlyName, false);
      const viaCreate = await client()
        .createFlow(input!)
        .catch((e: unknown) => e);
      const [companion] = await claimsOf(1, 'Companion');
      const claim = await client().createFlowUnconfirmed(input!);
      assert.equal(claim.flow.sid, existing, 'the answer claims the existing flow');
      rig.emulator.requests.length = 0;
      const [first, result] = await client().confirmCreates([companion!, claim]);
      assert.equal(sent()[0], 'GET /v2/Flows', 'read back by the list first');
      assert.ok(first?.ok);
      const error = failure(result);
      assert.ok(error instanceof StudioWriteNotAppliedError, String(error));
      assert.ok(viaCreate instanceof StudioWriteNotAppliedError);
      assert.equal(error.message, viaCreate.message);
      assert.match(error.message, new RegExp(`answered with flow ${existing}, but `));
      assert.deepEqual(
        rig.emulator.store.list().map((f) => f.sid),
        [existing, companion!.flow.sid],
      );
    });

    it(`${other}, create applied: ok with the new flow's SID, not the existing one`, async () => {
      const [input] = inputs(1);
      const existing = seedFlow(sameName ? input!.friendlyName : 'Other team', {
        commitMessage: input!.commitMessage,
        ...(sameName ? { ageMs: 60_000 } : {}),
      });
      answerOtherSid(input!.friendlyName, true);
      const [companion] = await claimsOf(1, 'Companion');
      const claim = await client().createFlowUnconfirmed(input!);
      assert.equal(claim.flow.sid, existing);
      rig.emulator.requests.length = 0;
      const [, sid] = okSids(await client().confirmCreates([companion!, claim]));
      assert.equal(sent()[0], 'GET /v2/Flows', 'read back by the list first');
      const created = rig.emulator.store
        .list()
        .find((f) => f.sid !== existing && f.revisions[0]?.friendlyName === input!.friendlyName);
      assert.equal(sid, created?.sid);
      assert.deepEqual(rig.emulator.store.get(sid!)?.revisions[0]?.definition, input!.definition);
    });
  }
});

describe('two claims naming one SID', () => {
  it('a second create answered with the first one SID: neither is confirmed by the list; both right', async () => {
    const [first] = await claimsOf(1, 'First');
    answerOtherSid('Second 0', true);
    const [second] = await claimsOf(1, 'Second');
    assert.equal(second!.flow.sid, first!.flow.sid);
    rig.emulator.requests.length = 0;
    const sids = okSids(await client().confirmCreates([first!, second!]));
    assert.equal(counts().lists, 2, 'the batch, then the flows named "Second 0" (createFlow\'s read-back by name)');
    assert.deepEqual(counts().gets.slice(0, 2), [first!.flow.sid, first!.flow.sid], 'both read back on their own');
    assert.equal(sids[0], first!.flow.sid);
    const held = rig.emulator.store.list().find((f) => f.revisions[0]?.friendlyName === 'Second 0');
    assert.equal(sids[1], held?.sid);
    assert.notEqual(sids[1], sids[0]);
  });

  it('the same claim twice is read back by GET for each, not confirmed twice by the list', async () => {
    const [claim] = await claimsOf(1);
    rig.emulator.requests.length = 0;
    const sids = okSids(await client().confirmCreates([claim!, claim!]));
    assert.deepEqual(counts().gets, [claim!.flow.sid, claim!.flow.sid]);
    assert.deepEqual(sids, [claim!.flow.sid, claim!.flow.sid]);
  });
});

describe('a list that fails: every claim read back on its own, never a throw', () => {
  it('the list answers 500 (retried, still 500): each claim GET, all confirmed', async () => {
    const claims = await claimsOf(4);
    rig.emulator.requests.length = 0;
    rig.emulator.fault = (r) =>
      r.method === 'GET' && r.path === '/v2/Flows' ? { status: 500, code: 20500, message: 'Internal' } : undefined;
    const sids = okSids(await client().confirmCreates(claims));
    assert.deepEqual(
      sids,
      claims.map((c) => c.flow.sid),
    );
    assert.deepEqual(counts().gets, sids);
    assert.equal(counts().lists, 2);
  });

  it('the list and the reads fail: each result is StudioUnconfirmedWriteError, as createFlow gives', async () => {
    const claims = await claimsOf(3);
    rig.emulator.fault = (r) => (r.method === 'GET' ? { status: 403, code: 20403, message: 'Forbidden' } : undefined);
    const results = await client().confirmCreates(claims);
    assert.equal(results.length, 3);
    for (const [i, result] of results.entries()) {
      const error = failure(result);
      assert.ok(error instanceof StudioUnconfirmedWriteError, String(error));
      assert.match(error.message, new RegExp(`create flow "IVR ${i}"\\) may or may not have been applied`));
    }
  });

  it('a malformed entry in the list (a SID with markup and a newline): every claim GET, all confirmed', async () => {
    const claims = await claimsOf(3);
    const stored = rig.emulator.store.get(seedFlow('Odd'))!;
    rig.emulator.store.flows.set('<b>x</b>\n::error::', { ...stored, sid: '<b>x</b>\n::error::' });
    rig.emulator.requests.length = 0;
    const sids = okSids(await client().confirmCreates(claims));
    assert.deepEqual(counts().gets, sids);
  });

  const broken: [string, ListRewrite][] = [
    ['a page that is HTML', (r) => ({ ...r, body: '<html><body>OK</body></html>' })],
    ['"flows" not an array', (r) => mapFlows(r, () => ({ sid: 'x' }))],
    [
      'a next_page_url to javascript:',
      (r) => ({ ...r, body: { ...(r.body as object), meta: { next_page_url: 'javascript:alert(1)' } } }),
    ],
    [
      'pages that loop',
      (r, path) => ({ ...r, body: { ...(r.body as object), meta: { next_page_url: `http://h${path}` } } }),
    ],
  ];
  for (const [what, list] of broken) {
    it(`${what}: every claim GET, all confirmed`, async () => {
      const claims = await claimsOf(3);
      rig.emulator.requests.length = 0;
      const sids = okSids(await client({ list }).confirmCreates(claims));
      assert.deepEqual(counts().gets, sids);
    });
  }
});

describe('a listed flow that is not quite the claim: that claim alone is read back by GET', () => {
  const wrong: [string, (flow: Record<string, unknown>) => Record<string, unknown>[]][] = [
    ['listed twice, once under another name', (flow) => [{ ...flow, friendly_name: 'Other' }, flow]],
    ['another revision', (flow) => [{ ...flow, revision: 2 }]],
    ['another creation date', (flow) => [{ ...flow, date_created: '2001-01-01T00:00:00Z' }]],
    [
      'another name (markup, newline)',
      (flow) => [{ ...flow, friendly_name: `${String(flow.friendly_name)}\n<b>x</b>` }],
    ],
    ['another status', (flow) => [{ ...flow, status: 'draft' }]],
    ['another commit message', (flow) => [{ ...flow, commit_message: 'other' }]],
    ['another definition', (flow) => [{ ...flow, definition: { states: [] } }]],
    ['a namesake listed too', (flow) => [flow, { ...flow, sid: `FW${'0'.repeat(32)}` }]],
  ];
  for (const [what, rewrite] of wrong) {
    it(what, async () => {
      const claims = await claimsOf(3);
      const odd = claims[1]!.flow.sid;
      rig.emulator.requests.length = 0;
      const list: ListRewrite = (r) => mapFlows(r, (flows) => flows.flatMap((f) => (f.sid === odd ? rewrite(f) : [f])));
      const results = await client({ list }).confirmCreates(claims);
      assert.deepEqual(counts().gets, [odd]);
      assert.deepEqual(
        okSids(results),
        claims.map((c) => c.flow.sid),
      );
    });
  }
});

describe('a list that carries definitions', () => {
  it('the definition sent, with everything else right: confirmed by the list, no GET', async () => {
    const claims = await claimsOf(3);
    rig.emulator.requests.length = 0;
    const sentDefinition = new Map(claims.map((c) => [c.flow.sid, c.input.definition]));
    const list: ListRewrite = (r) =>
      mapFlows(r, (flows) => flows.map((f) => ({ ...f, definition: sentDefinition.get(String(f.sid)) ?? null })));
    const results = await client({ list }).confirmCreates(claims);
    assert.deepEqual(counts(), { lists: 1, gets: [], all: 1 });
    assert.deepEqual(
      okSids(results),
      claims.map((c) => c.flow.sid),
    );
  });
});

describe('claims that are not claims', () => {
  it('are each a TypeError result naming their place; the others are confirmed; no throw', async () => {
    const [claim, other] = await claimsOf(2);
    const path = { ...claim!, flow: { ...claim!.flow, sid: '../../Flows/Validate?x=<b>\n' } };
    // Each is one field away from a real claim (of the same SID: taken for a claim, it would also make the real
    // one's SID claimed twice, and so read back by GET).
    const hostile = [
      null,
      {},
      { flow: { sid: 1 }, input: {}, confirmed: false },
      '<b>',
      path,
      { ...claim!, flow: null },
      { ...claim!, input: null },
      { ...claim!, input: { ...claim!.input, friendlyName: undefined } },
      { ...claim!, confirmed: 'false' },
      { flow: claim!.flow, input: claim!.input },
      // a SID that only stringifies to one
      { ...claim!, flow: { ...claim!.flow, sid: [claim!.flow.sid] } },
      // functions carrying a claim's fields: not the object createFlowUnconfirmed gives
      Object.assign(() => undefined, claim!),
      { ...claim!, flow: Object.assign(() => undefined, claim!.flow) },
    ] as unknown as CreateClaim[];
    rig.emulator.requests.length = 0;
    const results = await client().confirmCreates([...hostile, claim!, other!]);
    assert.equal(results.length, hostile.length + 2);
    assert.deepEqual(counts(), { lists: 1, gets: [], all: 1 }, 'nothing asked about the claims that are not claims');
    for (const [i, result] of results.slice(0, hostile.length).entries()) {
      const error = failure(result);
      assert.ok(error instanceof TypeError);
      assert.equal(
        error.message,
        `confirmCreates: claim ${i + 1} is not a create claim (what createFlowUnconfirmed returns); nothing was read back for it`,
      );
    }
    assert.deepEqual(okSids(results.slice(hostile.length)), [claim!.flow.sid, other!.flow.sid]);
  });
});
