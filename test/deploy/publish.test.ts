/** publishAll moves every flow through its states: confirmed writes, failures, unknown writes, rollbacks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishAll, type DeployItem, type PublishOptions } from '../../src/deploy/publish.ts';
import { checkedEntry, outcomesOf, type FlowEntry } from '../../src/deploy/record.ts';
import {
  StudioApiError,
  StudioDeadlineError,
  StudioTimeoutError,
  StudioUnconfirmedWriteError,
} from '../../src/studio/errors.ts';
import { item, resource, scriptedStudio, sid, type Answer } from './support.ts';

const SHA = 'c'.repeat(40);
const lines: string[] = [];
const options = (onFailure: 'rollback' | 'stop' = 'rollback'): PublishOptions => ({
  status: 'published',
  commitMessage: SHA,
  rollbackMessage: (r) => `Rollback by studio-flow-ci of ${SHA}: restore r${r}`,
  onFailure,
  log: (l) => lines.push(l),
});
const unconfirmed = () =>
  new StudioUnconfirmedWriteError({
    method: 'POST',
    path: '/v2/Flows/FW',
    writeError: new Error('socket hang up'),
    checkError: new Error('HTTP 500'),
  });

async function deploy(items: DeployItem[], script: Answer[], onFailure: 'rollback' | 'stop' = 'rollback') {
  const studio = scriptedStudio(script);
  const entries: FlowEntry[] = items.map((i) =>
    checkedEntry({ path: i.path, friendlyName: i.friendlyName, live: i.live }),
  );
  await publishAll(studio, items, { entries, options: options(onFailure) });
  const outcomes = outcomesOf({ sha: SHA, scope: 's', flows: entries });
  return { studio, entries, outcomes, table: outcomes.map((o) => [o.path, o.status, o.previousRevision, o.revision]) };
}

test('every write confirmed: updates on top of the latest revision, a create, an unchanged flow', async (t) => {
  const draft = item('d.json', { live: 3, revision: 4 });
  draft.live!.draftRevision = 6;
  const { studio, table } = await deploy(
    [item('a.json', { live: 1, revision: 4 }), item('n.json'), item('u.json', { live: 2, unchanged: true }), draft],
    [],
  );
  t.assert.deepEqual(table, [
    ['a.json', 'updated', 4, 5],
    ['n.json', 'created', undefined, 1],
    ['u.json', 'unchanged', 1, 1],
    ['d.json', 'updated', 4, 7],
  ]);
  t.assert.deepEqual(
    studio.calls.map((c) => [c.op, c.input?.previousRevision]),
    [
      ['update', 4],
      ['create', undefined],
      ['update', 6],
    ],
  );
});

test('a failed write on the 2nd of 3: the 1st is rolled back, the 2nd failed, the 3rd not attempted', async (t) => {
  const { studio, outcomes, table } = await deploy(
    [item('a.json', { live: 1 }), item('b.json', { live: 2 }), item('c.json', { live: 3 })],
    ['ok', new Error('HTTP 400: Invalid parameter')],
  );
  t.assert.deepEqual(table, [
    ['a.json', 'rolled-back', 1, 3],
    ['b.json', 'failed', 1, 1],
    ['c.json', 'not-attempted', 1, 1],
  ]);
  t.assert.equal(outcomes[1]?.error, 'HTTP 400: Invalid parameter');
  t.assert.match(outcomes[2]?.reason ?? '', /b\.json failed before it/);
  const undo = studio.calls.at(-1)!;
  t.assert.deepEqual(
    [undo.sid, undo.input?.previousRevision, undo.input?.commitMessage],
    [sid(1), 2, `Rollback by studio-flow-ci of ${SHA}: restore r1`],
  );
});

test('a write that cannot be confirmed is unknown: never rolled back, never given a revision', async (t) => {
  const { studio, outcomes, table } = await deploy(
    [item('a.json', { live: 1 }), item('b.json', { live: 2 }), item('c.json')],
    ['ok', unconfirmed()],
  );
  t.assert.deepEqual(table, [
    ['a.json', 'rolled-back', 1, 3],
    ['b.json', 'unknown', 1, undefined],
    ['c.json', 'not-attempted', undefined, undefined],
  ]);
  t.assert.match(outcomes[1]?.error ?? '', /may or may not have been applied/);
  t.assert.equal(
    studio.calls.filter((c) => c.sid === sid(2)).length,
    1,
    'the unknown flow is written once and never touched again',
  );
});

test('a rollback that fails is rollback-failed and says what is still live', async (t) => {
  const { outcomes, table } = await deploy(
    [item('a.json', { live: 1 }), item('n.json'), item('b.json', { live: 2 })],
    ['ok', 'ok', new Error('boom'), new Error('delete refused'), new Error('HTTP 503')],
  );
  t.assert.deepEqual(table, [
    ['a.json', 'rollback-failed', 1, 2],
    ['n.json', 'rollback-failed', undefined, 1],
    ['b.json', 'failed', 1, 1],
  ]);
  t.assert.match(outcomes[0]?.error ?? '', /rollback failed: HTTP 503; r2 of this deploy is still live/);
  t.assert.match(
    outcomes[1]?.error ?? '',
    new RegExp(`rollback failed: delete refused; the flow this deploy created \\(${sid(900)}\\) still exists`),
  );
});

test('a created flow rolled back is deleted: no revision left, marked deleted', async (t) => {
  const { studio, outcomes } = await deploy([item('n.json'), item('b.json', { live: 2 })], ['ok', new Error('boom')]);
  t.assert.deepEqual(
    [outcomes[0]?.status, outcomes[0]?.revision, outcomes[0]?.deleted, outcomes[0]?.sid],
    ['rolled-back', undefined, true, sid(900)],
  );
  t.assert.deepEqual(studio.calls.at(-1), { op: 'delete', sid: sid(900) });
  assert.ok(
    lines.some((l) => l === 'n.json: rolled back (created flow deleted)'),
    lines.join('\n'),
  );
});

test('an answer for another flow, or without a newer revision, is a failure, not a success', async (t) => {
  for (const [answer, message] of [
    [() => resource(sid(77), 2), `Studio answered with flow ${sid(77)}, not ${sid(1)}`],
    [() => resource(sid(1), 1), 'Studio answered revision 1, not one above r1'],
    [
      () => ({ ...resource(sid(1), 2), revision: undefined as unknown as number }),
      'Studio answered without a revision',
    ],
  ] as const) {
    const { outcomes } = await deploy([item('a.json', { live: 1 })], [answer]);
    t.assert.deepEqual([outcomes[0]?.status, outcomes[0]?.error], ['failed', message]);
  }
  const { outcomes } = await deploy([item('n.json')], [() => resource('not-a-sid', 1)]);
  t.assert.deepEqual(
    [outcomes[0]?.status, outcomes[0]?.error],
    ['failed', "Studio answered without the new flow's SID"],
  );
});

test('on-failure stop leaves confirmed flows confirmed', async (t) => {
  const { table } = await deploy(
    [item('a.json', { live: 1 }), item('b.json', { live: 2 })],
    ['ok', new Error('boom')],
    'stop',
  );
  t.assert.deepEqual(table, [
    ['a.json', 'updated', 1, 2],
    ['b.json', 'failed', 1, 1],
  ]);
});

test('a flow refused before sending (a subflow this deploy did not create) fails with nothing written', async (t) => {
  const caller = {
    ...item('a.json', { live: 1 }),
    pendingRefs: [{ pointer: '/states/0/properties/flow_sid', path: 'sub.json' }],
  };
  const { studio, outcomes } = await deploy([caller], []);
  t.assert.deepEqual(
    [outcomes[0]?.status, outcomes[0]?.error],
    ['failed', 'it calls sub.json, which this deploy did not create'],
  );
  t.assert.equal(studio.calls.length, 0);
});

test('a write that failed in a way that can hide an applied write (timeout, 5xx, time limit) is unknown; a 4xx is failed', async (t) => {
  const timeout = () =>
    new StudioTimeoutError({ method: 'POST', path: '/v2/Flows/FW', cause: new Error('slow'), timeoutMs: 1000 });
  const cases: [Error, string][] = [
    [timeout(), 'unknown'],
    [
      new StudioApiError({
        status: 503,
        code: 20503,
        message: 'Service Unavailable',
        moreInfo: null,
        details: null,
        method: 'POST',
        path: '/v2/Flows/FW',
      }),
      'unknown',
    ],
    [
      new StudioDeadlineError({ method: 'POST', path: '/v2/Flows/FW', budgetMs: 1000, lastError: timeout() }),
      'unknown',
    ],
    [new StudioDeadlineError({ method: 'POST', path: '/v2/Flows/FW', budgetMs: 1000 }), 'failed'],
    [
      new StudioApiError({
        status: 400,
        code: 20001,
        message: 'Invalid parameter',
        moreInfo: null,
        details: null,
        method: 'POST',
        path: '/v2/Flows/FW',
      }),
      'failed',
    ],
    [new Error('Studio answered with flow FW2, not FW1'), 'failed'],
  ];
  for (const [error, status] of cases) {
    const { outcomes } = await deploy([item('a.json', { live: 1 })], [error]);
    t.assert.equal(outcomes[0]?.status, status, error.message);
  }
});

test('a rollback that fails ambiguously does not claim the deploy is still live', async (t) => {
  const timeout = new StudioTimeoutError({
    method: 'POST',
    path: '/v2/Flows/FW',
    cause: new Error('slow'),
    timeoutMs: 1000,
  });
  const { outcomes } = await deploy(
    [item('a.json', { live: 1 }), item('b.json', { live: 2 })],
    ['ok', new Error('boom'), timeout],
  );
  t.assert.equal(outcomes[0]?.status, 'rollback-failed');
  t.assert.match(
    outcomes[0]?.error ?? '',
    /the rollback may or may not have been applied: look at the latest revision in Studio$/,
  );
});

test('undoing a write to a draft-only flow restores its draft: a never-published flow is never published by a rollback', async (t) => {
  const draftOnly = item('d.json', { live: 1, revision: 3 });
  draftOnly.live!.draftOnly = true;
  const { studio, table } = await deploy(
    [draftOnly, item('b.json', { live: 2 })],
    ['ok', new Error('HTTP 400: Invalid parameter')],
  );
  t.assert.deepEqual(table, [
    ['d.json', 'rolled-back', 3, 5],
    ['b.json', 'failed', 1, 1],
  ]);
  const undo = studio.calls.at(-1)!;
  t.assert.deepEqual([undo.sid, undo.input?.status, undo.input?.definition], [sid(1), 'draft', { old: true }]);
});

test('status: draft: the draft written is never reported as live; a never-published flow has no live revision', async (t) => {
  const studio = scriptedStudio([]);
  const published = item('p.json', { live: 1, revision: 4 });
  const draftOnly = item('d.json', { live: 2, revision: 2 });
  draftOnly.live!.draftOnly = true;
  const items = [published, draftOnly, item('n.json')];
  const entries = items.map((i) => checkedEntry({ path: i.path, friendlyName: i.friendlyName, live: i.live }));
  await publishAll(studio, items, { entries, options: { ...options(), status: 'draft' } });
  const outcomes = outcomesOf({ sha: SHA, scope: 's', flows: entries });
  t.assert.deepEqual(
    outcomes.map((o) => [o.path, o.status, o.previousRevision, o.revision, o.draftRevision]),
    [
      ['p.json', 'updated', 4, 4, 5],
      ['d.json', 'updated', 2, undefined, 3],
      ['n.json', 'created', undefined, undefined, 1],
    ],
  );
});
