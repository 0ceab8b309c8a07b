/**
 * With a writer that reads creates back in batches, a level's creates are sent as claims (`written`) and settled
 * by exactly one confirmCreates after the level's writes: ok → confirmed, not applied → failed, not known →
 * unknown; a failure found there stops the deploy like any other. Only confirmed SIDs reach a caller.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioUnconfirmedWriteError, StudioWriteNotAppliedError } from '../../src/studio/errors.ts';
import type { CreateClaim, CreateConfirmation } from '../../src/studio/types.ts';
import { flowItem, levelWriter, run, type LevelWriterOptions } from './level-writer.ts';

const notApplied = (c: CreateClaim): CreateConfirmation => ({
  ok: false,
  error: new StudioWriteNotAppliedError({
    method: 'POST',
    path: '/v2/Flows',
    flowName: c.input.friendlyName,
    answer: `answered with flow ${c.flow.sid}`,
    held: 'no such flow',
  }),
});
const notKnown = (c: CreateClaim): CreateConfirmation => ({
  ok: false,
  error: new StudioUnconfirmedWriteError({
    method: 'POST',
    path: '/v2/Flows',
    sid: c.flow.sid,
    writeError: undefined,
    checkError: new Error('HTTP 500'),
    answer: `answered with flow ${c.flow.sid}`,
  }),
});

test('one confirmCreates per level with creates, after its writes settled; created SIDs reach the callers', async (t) => {
  const items = [
    flowItem('s1.json'),
    flowItem('s2.json'),
    flowItem('old.json', { live: 1 }),
    flowItem('mid.json', { pending: ['s1.json'] }),
    flowItem('top.json', { live: 2, pending: ['mid.json', 's2.json'] }),
  ];
  const studio = levelWriter({ batched: {}, delay: (c) => (c.name === 'old' ? 20 : 2) });
  const { outcomes, lines } = await run(studio, items, { concurrency: 4 });
  t.assert.deepEqual(
    outcomes.map((o) => o.status),
    ['created', 'created', 'updated', 'created', 'updated'],
  );
  t.assert.deepEqual(
    studio.confirms.map((claims) => claims.map((c) => c.input.friendlyName)),
    [['s1', 's2'], ['mid']],
  );
  const confirmAt = studio.events.findIndex((e) => e.op === 'confirm' && e.at === 'start');
  const oldDone = studio.events.findIndex((e) => e.name === 'old' && e.at === 'finish');
  const midStart = studio.events.findIndex((e) => e.name === 'mid' && e.at === 'start');
  assert.ok(oldDone < confirmAt && confirmAt < midStart, 'read back once the level settled, before the next level');
  const sent = (name: string) => studio.calls.find((c) => c.name === name)?.input?.definition.states;
  t.assert.equal(sent('mid')[0].properties.flow_sid, outcomes[0]?.sid);
  t.assert.deepEqual(
    sent('top').map((s: any) => s.properties.flow_sid),
    [outcomes[3]?.sid, outcomes[1]?.sid],
  );
  t.assert.equal(studio.calls.filter((c) => c.op === 'create').length, 3, 'no create sent twice');
  assert.ok(lines.includes(`s1.json: created s1 → r1 (${outcomes[0]?.sid})`), lines.join('\n'));
});

test('confirmCreates results: ok → created, not applied → failed, not known → unknown; the next level never starts', async (t) => {
  const verdicts: Record<string, (c: CreateClaim) => CreateConfirmation> = { b: notApplied, c: notKnown };
  const items = [
    flowItem('a.json'),
    flowItem('b.json'),
    flowItem('c.json'),
    flowItem('d.json'),
    flowItem('caller.json', { live: 3, pending: ['a.json'] }),
  ];
  const studio = levelWriter({ batched: { result: (claim) => verdicts[claim.input.friendlyName]?.(claim) ?? 'ok' } });
  const { outcomes } = await run(studio, items, { concurrency: 2 });
  t.assert.deepEqual(
    outcomes.map((o) => [o.path, o.status]),
    [
      ['a.json', 'created'],
      ['b.json', 'failed'],
      ['c.json', 'unknown'],
      ['d.json', 'created'],
      ['caller.json', 'not-attempted'],
    ],
  );
  t.assert.equal(studio.confirms.length, 1);
  t.assert.deepEqual(
    [outcomes[1]?.sid, outcomes[2]?.sid, outcomes[1]?.revision, outcomes[2]?.revision],
    [undefined, undefined, undefined, undefined],
    'a flow not confirmed gets no SID and no revision in the record',
  );
  t.assert.match(outcomes[1]?.error ?? '', /did not apply the write/);
  t.assert.match(outcomes[2]?.error ?? '', /may or may not have been applied/);
  t.assert.equal(
    outcomes[4]?.reason,
    'not attempted: b.json failed, c.json may or may not have been written before it',
  );
});

test('under rollback, created flows confirmed by the read-back are deleted; not-applied and unknown ones are left', async (t) => {
  const studio = levelWriter({
    batched: { result: (claim) => (claim.input.friendlyName === 'c' ? notKnown(claim) : 'ok') },
  });
  const { outcomes } = await run(studio, [flowItem('a.json'), flowItem('c.json')], {
    concurrency: 2,
    onFailure: 'rollback',
  });
  t.assert.deepEqual(
    outcomes.map((o) => [o.status, o.deleted]),
    [
      ['rolled-back', true],
      ['unknown', undefined],
    ],
  );
  t.assert.deepEqual(
    studio.calls.filter((c) => c.op === 'delete').map((c) => c.sid),
    [outcomes[0]?.sid],
  );
});

test('a read-back that breaks its promise (throws, no list, short, junk entries) leaves the creates unknown, never created', async (t) => {
  const cases: [string, LevelWriterOptions['batched']][] = [
    ['throws', { throws: new Error('socket hang up') }],
    ['not a list', { raw: () => ({ ok: true }) }],
    ['short', { raw: () => [] }],
    ['junk entries', { raw: () => [null, 'ok', { ok: true }, { ok: 'yes', flow: {} }] }],
  ];
  for (const [label, batched] of cases) {
    const studio = levelWriter({ batched });
    const items = [flowItem('a.json'), flowItem('b.json'), flowItem('c.json'), flowItem('d.json')];
    const { outcomes } = await run(studio, items, { concurrency: 4, onFailure: 'rollback' });
    t.assert.deepEqual(
      outcomes.map((o) => o.status),
      ['unknown', 'unknown', 'unknown', 'unknown'],
      label,
    );
    t.assert.match(outcomes[0]?.error ?? '', /may or may not have been applied/, label);
    t.assert.equal(
      studio.calls.filter((c) => c.op === 'delete').length,
      0,
      `${label}: an unknown create is never deleted`,
    );
  }
});

test('a claim answered without a flow SID fails before any read-back; markup and newlines in names stay data', async (t) => {
  const studio = levelWriter({ batched: {} });
  studio.createFlowUnconfirmed = async (input) => ({ flow: null as never, input, confirmed: false });
  const hostile = flowItem('flows/<b>x</b>\n::error::y.json');
  const { outcomes } = await run(studio, [hostile], { concurrency: 4 });
  t.assert.deepEqual(
    [outcomes[0]?.status, outcomes[0]?.error, outcomes[0]?.path],
    ['failed', "Studio answered without the new flow's SID", 'flows/<b>x</b>\n::error::y.json'],
  );
  t.assert.equal(studio.confirms.length, 0);
});

test('a level of many failed creates: a not-attempted reason names the first five and counts the rest', async (t) => {
  const studio = levelWriter({ batched: { throws: new Error('HTTP 500') } });
  const creates = Array.from({ length: 8 }, (_, i) => flowItem(`n${i}.json`));
  const { outcomes } = await run(studio, [...creates, flowItem('caller.json', { live: 3, pending: ['n0.json'] })], {
    concurrency: 8,
  });
  t.assert.equal(
    outcomes[8]?.reason,
    `not attempted: ${['n0', 'n1', 'n2', 'n3', 'n4'].map((n) => `${n}.json may or may not have been written`).join(', ')} (and 3 more) before it`,
  );
  t.assert.match(outcomes[0]?.error ?? '', /answered with flow FW[0-9a-f]{32} \(not read back yet\).*HTTP 500/);
});
