/**
 * What one flow's write promises (src/deploy/write.ts), stated against the entry of the deploy record and what
 * Studio is asked: the body sent, the checks of Studio's answer, the state a failure leaves, the log line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedEntry, type FlowEntry } from '../../src/deploy/record.ts';
import type { DeployItem } from '../../src/deploy/types.ts';
import { isUnconfirmedWrite, writeFlow, type WriteContext } from '../../src/deploy/write.ts';
import { StudioDeadlineError, StudioUnconfirmedWriteError } from '../../src/studio/errors.ts';
import type { FlowResource } from '../../src/studio/types.ts';
import { badRequest, flowItem, levelWriter, publishOptions, timeout } from './level-writer.ts';
import { resource, sid } from './support.ts';

const entryOf = (item: DeployItem): FlowEntry =>
  checkedEntry({ path: item.path, friendlyName: item.friendlyName, live: item.live });
const ctxWith = (over: Parameters<typeof publishOptions>[0] = {}) => {
  const options = publishOptions(over);
  const ctx: WriteContext = { options, created: new Map<string, string>() };
  return Object.assign(ctx, { lines: options.lines });
};
/** A writer whose update and create answer `flow` (or throw it). */
const answering = (flow: FlowResource | Error | ((input: any) => FlowResource)) => {
  const calls: { op: string; sid?: string; input: any }[] = [];
  const answer = (input: any) => {
    if (flow instanceof Error) throw flow;
    return typeof flow === 'function' ? flow(input) : flow;
  };
  return {
    calls,
    createFlow: async (input: any) => (calls.push({ op: 'create', input }), answer(input)),
    updateFlow: async (s: string, input: any) => (calls.push({ op: 'update', sid: s, input }), answer(input)),
    deleteFlow: async () => undefined,
  };
};

test('isUnconfirmedWrite: only a write that may have landed is unknown', () => {
  const unconfirmed = new StudioUnconfirmedWriteError({
    method: 'POST',
    path: '/v2/Flows',
    writeError: 1,
    checkError: 2,
  });
  assert.equal(isUnconfirmedWrite(unconfirmed), true);
  assert.equal(isUnconfirmedWrite(timeout()), true);
  assert.equal(isUnconfirmedWrite(badRequest()), false);
  assert.equal(isUnconfirmedWrite(new Error('plain')), false);
  const cut = (lastError: unknown) =>
    new StudioDeadlineError({ method: 'POST', path: '/v2/Flows', budgetMs: 1, lastError });
  assert.equal(isUnconfirmedWrite(cut(timeout())), true, 'the deadline cut short a timed-out attempt');
  assert.equal(isUnconfirmedWrite(cut(badRequest())), false, 'the deadline after a refused attempt');
});

test('an update sends name, status, definition, commit and the latest revision (a draft on top counts)', async () => {
  const item = flowItem('a.json', { live: 1 });
  item.live!.draftRevision = 4;
  const studio = answering((input) => resource(sid(1), input.previousRevision + 1));
  const ctx = ctxWith({ status: 'published', commitMessage: 'c0ffee' });
  const entry = entryOf(item);
  assert.equal(await writeFlow(studio, item, { entry, ctx }), undefined);
  assert.deepEqual(studio.calls, [
    {
      op: 'update',
      sid: sid(1),
      input: {
        friendlyName: 'a',
        status: 'published',
        definition: item.definition,
        commitMessage: 'c0ffee',
        previousRevision: 4,
      },
    },
  ]);
  assert.equal(entry.state, 'confirmed');
  assert.equal(entry.revision, 5);
  assert.equal(entry.writtenRevision, 5);
  assert.equal(entry.draft, undefined);
  assert.deepEqual(ctx.lines, [`a.json: updated a → r5 (${sid(1)})`]);
  assert.equal(ctx.created.size, 0, 'an update creates nothing');
});

test('a create is confirmed with its SID, known to its callers, logged with why', async () => {
  const item = { ...flowItem('n.json'), why: 'new <b>flow</b>\n::error::x' };
  const ctx = ctxWith();
  const entry = entryOf(item);
  await writeFlow(answering(resource(sid(7), 1)), item, { entry, ctx });
  assert.equal(entry.state, 'confirmed');
  assert.equal(entry.sid, sid(7));
  assert.equal(entry.revision, 1);
  assert.deepEqual([...ctx.created], [['n.json', sid(7)]]);
  assert.deepEqual(ctx.lines, [`n.json: created n → r1 (${sid(7)}): new <b>flow</b>\n::error::x`]);
});

test('a draft write: the revision stays the published one; a never-published or new flow has none', async () => {
  const cases: [DeployItem, number | undefined, string][] = [
    [flowItem('p.json', { live: 1 }), 1, 'updated p → draft r2'],
    [{ ...flowItem('d.json', { live: 2 }) }, undefined, 'updated d → draft r2'],
    [flowItem('n.json'), undefined, 'created n → draft r1'],
  ];
  cases[1]![0].live!.draftOnly = true;
  for (const [item, revision, said] of cases) {
    const ctx = ctxWith({ status: 'draft' });
    const entry = entryOf(item);
    const s = item.live?.sid ?? sid(9);
    await writeFlow(
      answering((input) => resource(s, (input.previousRevision ?? 0) + 1)),
      item,
      { entry, ctx },
    );
    assert.equal(entry.state, 'confirmed', item.path);
    assert.equal(entry.draft, true, item.path);
    assert.equal(entry.writtenRevision, item.live ? 2 : 1, item.path);
    assert.equal(entry.revision, revision, item.path);
    assert.equal('revision' in entry, revision !== undefined, `${item.path}: no stale revision key`);
    assert.deepEqual(ctx.lines, [`${item.path}: ${said} (${s})`]);
  }
});

test("Studio's answer is checked: another flow, no SID, no revision, no newer revision → failed, live revision kept", async () => {
  const live = flowItem('a.json', { live: 1 });
  const cases: [DeployItem, FlowResource, string][] = [
    [live, resource(sid(2), 2), `Studio answered with flow ${sid(2)}, not ${sid(1)}`],
    [live, { ...resource(sid(1), 2), revision: '2' as any }, 'Studio answered without a revision'],
    [live, resource(sid(1), 1), 'Studio answered revision 1, not one above r1'],
    [live, resource(sid(1), 0), 'Studio answered revision 0, not one above r1'],
    [flowItem('n.json'), resource('FW' + 'A'.repeat(32), 1), "Studio answered without the new flow's SID"],
    [flowItem('n.json'), resource(`x${sid(3)}`, 1), "Studio answered without the new flow's SID"],
    [flowItem('n.json'), resource(`${sid(3)}\n`, 1), "Studio answered without the new flow's SID"],
    [flowItem('n.json'), { ...resource(sid(3), 1), revision: 1.5 }, 'Studio answered without a revision'],
  ];
  for (const [item, flow, reason] of cases) {
    const ctx = ctxWith();
    const entry = entryOf(item);
    await writeFlow(answering(flow), item, { entry, ctx });
    assert.equal(entry.state, 'failed', reason);
    assert.equal(entry.reason, reason);
    assert.equal(entry.revision, item.live?.revision, reason);
    assert.equal(ctx.created.size, 0, 'no SID handed on from a refused answer');
    assert.deepEqual(ctx.lines, []);
  }
  const unknownLive = { ...flowItem('u.json', { live: 4 }) };
  unknownLive.live!.revision = 3;
  const entry = entryOf(unknownLive);
  await writeFlow(answering(resource(sid(4), 3)), unknownLive, { entry, ctx: ctxWith() });
  assert.equal(entry.revision, 3, 'a failed write leaves the live revision as it was');
});

test('a write that may have landed is unknown, with no revision claimed; one refused is failed', async () => {
  const item = flowItem('a.json', { live: 1 });
  const unknown = entryOf(item);
  await writeFlow(answering(timeout()), item, { entry: unknown, ctx: ctxWith() });
  assert.equal(unknown.state, 'unknown');
  assert.equal('revision' in unknown, false);
  assert.match(unknown.reason!, /did not answer POST .* within 1 s/);
  const failed = entryOf(item);
  await writeFlow(answering(badRequest()), item, { entry: failed, ctx: ctxWith() });
  assert.equal(failed.state, 'failed');
  assert.equal(failed.revision, 1);
  assert.match(failed.reason!, /Invalid parameter/);
});

test('a caller of flows this deploy did not create is failed before sending, naming each once', async () => {
  const item = flowItem('c.json', { live: 3, pending: ['s1.json', 's2.json', 's1.json', 'ok.json'] });
  const ctx = ctxWith();
  ctx.created.set('ok.json', sid(8));
  const studio = answering(resource(sid(3), 2));
  const entry = entryOf(item);
  await writeFlow(studio, item, { entry, ctx });
  assert.equal(studio.calls.length, 0, 'nothing sent');
  assert.equal(entry.state, 'failed');
  assert.equal(entry.reason, 'it calls s1.json, s2.json, which this deploy did not create');
  assert.equal(entry.revision, 1);
});

test('a caller of created flows sends the definition completed with their SIDs', async () => {
  const item = flowItem('c.json', { live: 3, pending: ['s.json'] });
  const ctx = ctxWith();
  ctx.created.set('s.json', sid(8));
  const studio = answering(resource(sid(3), 2));
  await writeFlow(studio, item, { entry: entryOf(item), ctx });
  assert.deepEqual(studio.calls[0]?.input.definition, {
    states: [{ name: 'sub0', type: 'run-subflow', properties: { flow_sid: sid(8) } }],
  });
});

test('claims: used only when the writer can also read them back; a bad claim answer is failed', async () => {
  const half = { ...answering(resource(sid(5), 1)), createFlowUnconfirmed: async () => assert.fail('no read-back') };
  const entry = entryOf(flowItem('n.json'));
  assert.equal(await writeFlow(half, flowItem('n.json'), { entry, ctx: ctxWith() }), undefined);
  assert.equal(entry.state, 'confirmed');

  const studio = levelWriter({ batched: {} });
  const item = flowItem('m.json');
  const pending = await writeFlow(studio, item, { entry: entryOf(item), ctx: ctxWith() });
  assert.equal(pending?.item, item);
  assert.equal(pending?.entry.state, 'written', 'settled later by its level read-back');
  assert.equal(pending?.claim.flow.sid, sid(900));

  const wrong = {
    ...studio,
    createFlowUnconfirmed: async (input: any) => ({ flow: null as any, input, confirmed: false }),
  };
  const bad = entryOf(item);
  assert.equal(await writeFlow(wrong, item, { entry: bad, ctx: ctxWith() }), undefined);
  assert.equal(bad.state, 'failed');
  assert.equal(bad.reason, "Studio answered without the new flow's SID");
});

test('a hostile or empty answer is failed with its reason, never a crash: no flow, no claim, a timeout before sending', async () => {
  const item = flowItem('a.json', { live: 1 });
  const none = entryOf(item);
  await writeFlow(answering(undefined as any), item, { entry: none, ctx: ctxWith() });
  assert.deepEqual([none.state, none.reason], ['failed', `Studio answered with flow undefined, not ${sid(1)}`]);

  const noClaim = { ...levelWriter({ batched: {} }), createFlowUnconfirmed: async () => undefined as any };
  const unclaimed = entryOf(flowItem('n.json'));
  await writeFlow(noClaim, flowItem('n.json'), { entry: unclaimed, ctx: ctxWith() });
  assert.deepEqual([unclaimed.state, unclaimed.reason], ['failed', "Studio answered without the new flow's SID"]);

  // Building the definition fails before anything is sent: failed (nothing written), even for an error that
  // would make a sent write unknown.
  const early = { ...flowItem('c.json', { live: 2 }), complete: () => assert.fail(timeout()) };
  const entry = entryOf(early);
  const studio = answering(resource(sid(2), 2));
  await writeFlow(studio, early, { entry, ctx: ctxWith() });
  assert.deepEqual([entry.state, entry.revision, studio.calls.length], ['failed', 1, 0]);
  assert.match(entry.reason!, /did not answer/);
});
