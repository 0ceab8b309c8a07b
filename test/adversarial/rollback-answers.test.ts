/** Adversarial: mode rollback and on-failure rollbacks answered wrongly (issue 10, points 3, 4, 8). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { addRev, definition, dispatch, freshStudio, h, json, push, says, seed, startAll, stopAll } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

describe('mode rollback, write answered wrongly', () => {
  for (const kind of ['same-revision', 'empty-object', 'other-sid', 'no-content'] as const) {
    test(`a rollback write answered '${kind}' and NOT applied is never reported rolled-back`, async () => {
      const sid = seed('Notify', 'v1');
      addRev(sid, 'Notify', 'v2');
      seed('Other', 'x');
      h.studio.writeAnswer = { kind, applied: false };
      const run = await dispatch(
        { 'flows/notify.json': json({ friendly_name: 'Notify', definition: definition('v2') }) },
        { mode: 'rollback', flow: 'flows/notify.json', revision: '1' },
      );
      h.studio.writeAnswer = undefined;
      const store = says(sid);
      assert.equal(store.length, 2, 'nothing was written');
      const deployed = JSON.parse(run.outputs.deployed ?? '[]');
      assert.notEqual(
        deployed[0]?.status,
        'rolled-back',
        `deployed ${run.outputs.deployed}; store ${JSON.stringify(store)}; code ${run.code}`,
      );
      assert.equal(run.code, 1, run.stdout);
    });
  }

  test('a rollback write whose answer is lost and whose read-back fails is "unknown", never "failed: Studio still runs rN"', async () => {
    const sid = seed('Notify', 'v1');
    addRev(sid, 'Notify', 'v2');
    let posted = false;
    h.studio.fault = (r) => {
      if (r.method === 'POST' && r.path === `/v2/Flows/${sid}`) posted = true;
      else if (posted && r.method === 'GET') return { status: 503, code: 20500, message: 'down' };
      return undefined;
    };
    h.studio.writeAnswer = { kind: 'empty', applied: true };
    const run = await dispatch(
      { 'flows/notify.json': json({ friendly_name: 'Notify', definition: definition('v2') }) },
      { mode: 'rollback', flow: 'flows/notify.json', revision: '1' },
    );
    h.studio.writeAnswer = undefined;
    h.studio.fault = undefined;
    const store = says(sid);
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    assert.equal(store.length, 3, 'the rollback write landed');
    assert.notEqual(deployed[0]?.status, 'failed', `status must not claim a definite failure: ${run.outputs.deployed}`);
    assert.doesNotMatch(run.stdout, /Studio still runs r2/, 'the final message must not say r2 still runs');
  });

  test('rollback of a flow with a draft on top: the deployed output previousRevision/revision match the store', async () => {
    const sid = seed('Notify', 'v1');
    addRev(sid, 'Notify', 'v2');
    addRev(sid, 'Notify', 'v3 draft', 'draft', null);
    const run = await dispatch(
      { 'flows/notify.json': json({ friendly_name: 'Notify', definition: definition('v2') }) },
      { mode: 'rollback', flow: 'flows/notify.json', revision: '1' },
    );
    const store = says(sid);
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    assert.deepEqual(store.at(-1), [4, 'published', 'v1'], JSON.stringify(store));
    assert.deepEqual([deployed[0].status, deployed[0].revision], ['rolled-back', 4], run.outputs.deployed);
  });
});

describe('on-failure rollback answered wrongly', () => {
  test('the rollback write answered same-revision and not applied: rollback-failed, "still live" is true', async () => {
    const a = seed('A flow', 'a1');
    const b = seed('B flow', 'b1');
    let n = 0;
    h.studio.fault = (r) =>
      r.method === 'POST' && r.path === `/v2/Flows/${b}` ? { status: 400, code: 12345, message: 'refused' } : undefined;
    // Only the SECOND write to A (the rollback) is answered wrongly.
    h.studio.writeAnswer = {
      kind: 'same-revision',
      applied: false,
      match: (w) => w.path === `/v2/Flows/${a}` && ++n === 2,
    };
    const run = await push(
      {
        'flows/a.json': json({ friendly_name: 'A flow', definition: definition('a2') }),
        'flows/b.json': json({ friendly_name: 'B flow', definition: definition('b2') }),
      },
      { deploy: 'all', 'on-failure': 'rollback' },
    );
    h.studio.writeAnswer = undefined;
    h.studio.fault = undefined;
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    const storeA = says(a);
    assert.deepEqual(storeA.at(-1), [2, 'published', 'a2'], JSON.stringify(storeA));
    assert.equal(deployed[0].status, 'rollback-failed', run.outputs.deployed);
    assert.equal(run.code, 1);
    assert.match(run.summary, /rollback/i);
  });
});

describe('mode rollback of a draft-only flow', () => {
  test('rolling a never-published flow "back" to its latest draft publishes it; never "already live, nothing written"', async () => {
    const sid = seed('Notify', 'd1', 'draft', null);
    addRev(sid, 'Notify', 'd2', 'draft', null);
    const run = await dispatch(
      { 'flows/notify.json': json({ friendly_name: 'Notify', definition: definition('d2') }) },
      { mode: 'rollback', flow: 'flows/notify.json', revision: '2' },
    );
    const store = says(sid);
    assert.ok(
      store.some(([, status]) => status === 'published') || run.code === 1,
      `store ${JSON.stringify(store)}; deployed ${run.outputs.deployed}; summary: ${run.summary.split('\n').slice(0, 4).join(' / ')}`,
    );
  });
});

describe('lost answers during an on-failure rollback', () => {
  test('the DELETE of a created flow answered lost (applied): rolled back, deleted, record agrees with Studio', async () => {
    const b = seed('B flow', 'b1');
    h.studio.fault = (r) =>
      r.method === 'POST' && r.path === `/v2/Flows/${b}` ? { status: 400, code: 12345, message: 'refused' } : undefined;
    h.studio.faults = { share: 1, kinds: ['lost-response'], seed: 1, match: (r) => r.method === 'DELETE' };
    const run = await push(
      {
        'flows/a.json': json({ friendly_name: 'A new flow', definition: definition('a') }),
        'flows/b.json': json({ friendly_name: 'B flow', definition: definition('b2') }),
      },
      { deploy: 'all', 'allow-create': 'true', 'on-failure': 'rollback' },
    );
    assert.ok(
      h.studio.faultLog.some((f) => f.kind === 'lost-response'),
      'the fault was injected',
    );
    h.studio.faults = undefined;
    h.studio.fault = undefined;
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    const a = deployed.find((d: any) => d.path === 'flows/a.json');
    const exists = h.studio.store.list().some((f) => f.revisions.at(-1)!.friendlyName === 'A new flow');
    assert.equal(exists, false, 'Studio has no A');
    assert.deepEqual([a?.status, a?.deleted], ['rolled-back', true], run.outputs.deployed);
  });

  test('the rollback UPDATE answered lost (applied): rolled-back with the revision Studio holds', async () => {
    const a = seed('A flow', 'a1');
    const b = seed('B flow', 'b1');
    let n = 0;
    h.studio.fault = (r) =>
      r.method === 'POST' && r.path === `/v2/Flows/${b}` ? { status: 400, code: 12345, message: 'refused' } : undefined;
    h.studio.faults = {
      share: 1,
      kinds: ['lost-response'],
      seed: 1,
      match: (r) => r.method === 'POST' && r.path === `/v2/Flows/${a}` && ++n === 2,
    };
    const run = await push(
      {
        'flows/a.json': json({ friendly_name: 'A flow', definition: definition('a2') }),
        'flows/b.json': json({ friendly_name: 'B flow', definition: definition('b2') }),
      },
      { deploy: 'all', 'on-failure': 'rollback' },
    );
    assert.ok(
      h.studio.faultLog.some((f) => f.kind === 'lost-response'),
      'the fault was injected',
    );
    h.studio.faults = undefined;
    h.studio.fault = undefined;
    const entry = JSON.parse(run.outputs.deployed ?? '[]').find((d: any) => d.path === 'flows/a.json');
    const store = says(a);
    assert.deepEqual(
      store.map(([, , t]) => t),
      ['a1', 'a2', 'a1'],
      JSON.stringify(store),
    );
    assert.deepEqual([entry?.status, entry?.revision], ['rolled-back', 3], run.outputs.deployed);
  });
});
