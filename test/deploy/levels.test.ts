/**
 * publishAll writes level by level: never more than `concurrency` writes in flight, a level only after the level
 * below is confirmed, and after a failure no new write (the ones in flight finish with their real outcome).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badRequest, flowItem, levelWriter, run, timeout, type WriterEvent } from './level-writer.ts';
import { sid } from './support.ts';

const started = (events: WriterEvent[]) => events.filter((e) => e.at === 'start').map((e) => e.name);
const at = (events: WriterEvent[], e: Pick<WriterEvent, 'at' | 'name'>) =>
  events.findIndex((x) => x.at === e.at && x.name === e.name && x.op !== 'confirm');
const independent = (n: number) => Array.from({ length: n }, (_, i) => flowItem(`f${i}.json`, { live: i + 1 }));

test('never more writes in flight than `concurrency`, and exactly that many when there is work for them', async (t) => {
  for (const [concurrency, expected] of [
    [3, 3],
    [1, 1],
    [undefined, 1],
    [50, 12],
  ] as const) {
    const studio = levelWriter({ delay: (c) => 3 + (Number(c.name.slice(1)) % 4) * 4 });
    const { table } = await run(studio, independent(12), concurrency === undefined ? {} : { concurrency });
    t.assert.equal(studio.maxInFlight, expected, `concurrency ${concurrency}`);
    assert.ok(table.every(([, s]) => s === 'updated'));
    t.assert.deepEqual(
      started(studio.events),
      independent(12).map((i) => i.friendlyName),
      'started in record order',
    );
  }
});

test('a concurrency that is not a whole number of at least 1 writes one at a time', async (t) => {
  for (const concurrency of [0, -4, Number.NaN, 2.5, Number.POSITIVE_INFINITY]) {
    const studio = levelWriter();
    const { table } = await run(studio, independent(5), { concurrency });
    t.assert.equal(studio.maxInFlight, 1, String(concurrency));
    t.assert.equal(table.filter(([, s]) => s === 'updated').length, 5);
  }
});

test('a caller is written only after every write of the level below settled, callers of callers after that', async (t) => {
  // sub (live 1) ← a, b (by SID); c ← a (by SID); free has no call: levels [sub, free], [a, b], [c].
  const items = [
    flowItem('sub.json', { live: 1 }),
    flowItem('free.json', { live: 9 }),
    flowItem('a.json', { live: 2, calls: [1] }),
    flowItem('b.json', { live: 3, calls: [1] }),
    flowItem('c.json', { live: 4, calls: [2] }),
  ];
  const studio = levelWriter({ delay: (c) => (c.name === 'free' ? 25 : 2) });
  const { table } = await run(studio, items, { concurrency: 4 });
  assert.ok(table.every(([, s]) => s === 'updated'));
  const e = studio.events;
  for (const caller of ['a', 'b'])
    for (const callee of ['sub', 'free'])
      assert.ok(at(e, { at: 'start', name: caller }) > at(e, { at: 'finish', name: callee }), `${caller} / ${callee}`);
  for (const callee of ['a', 'b']) assert.ok(at(e, { at: 'start', name: 'c' }) > at(e, { at: 'finish', name: callee }));
  t.assert.equal(studio.maxInFlight, 2);
});

test('stop: a failure mid-level lets the writes in flight finish, starts none, and names the failure', async (t) => {
  // f1 fails fast while f0 and f2 are still in flight; f3..f5 and the caller of f0 are never started.
  const items = [...independent(6), flowItem('caller.json', { live: 40, calls: [1] })];
  const studio = levelWriter({
    delay: (c) => (c.name === 'f1' ? 1 : 30),
    fail: (c) => (c.name === 'f1' ? badRequest() : undefined),
  });
  const { table, outcomes, entries } = await run(studio, items, { concurrency: 3 });
  t.assert.deepEqual(table, [
    ['f0.json', 'updated'],
    ['f1.json', 'failed'],
    ['f2.json', 'updated'],
    ['f3.json', 'not-attempted'],
    ['f4.json', 'not-attempted'],
    ['f5.json', 'not-attempted'],
    ['caller.json', 'not-attempted'],
  ]);
  t.assert.deepEqual(started(studio.events), ['f0', 'f1', 'f2']);
  t.assert.deepEqual(
    [outcomes[0]?.revision, outcomes[1]?.revision, outcomes[2]?.revision, outcomes[3]?.revision],
    [2, 1, 2, 1],
  );
  for (const o of outcomes.filter((x) => x.status === 'not-attempted'))
    t.assert.equal(o.reason, 'not attempted: f1.json failed before it');
  assert.ok(entries.every((e) => e.state !== 'checked' && e.state !== 'written'));
});

test('a write in flight that ends unknown is unknown; the reason names every failure in record order', async (t) => {
  const studio = levelWriter({
    delay: (c) => ({ f0: 20, f1: 1, f2: 30 })[c.name] ?? 5,
    fail: (c) => ({ f0: timeout(), f1: badRequest() })[c.name],
  });
  const { table, outcomes } = await run(studio, independent(4), { concurrency: 3 });
  t.assert.deepEqual(table, [
    ['f0.json', 'unknown'],
    ['f1.json', 'failed'],
    ['f2.json', 'updated'],
    ['f3.json', 'not-attempted'],
  ]);
  t.assert.equal(outcomes[0]?.revision, undefined, 'an unknown write has no revision to claim');
  t.assert.equal(
    outcomes[3]?.reason,
    'not attempted: f0.json may or may not have been written, f1.json failed before it',
  );
});

test('unchanged flows are unchanged whatever fails, and hold back no caller', async (t) => {
  const items = [
    flowItem('same.json', { live: 1, unchanged: true }),
    flowItem('bad.json', { live: 2 }),
    flowItem('caller.json', { live: 3, calls: [1] }),
  ];
  const studio = levelWriter({
    delay: (c) => (c.name === 'caller' ? 20 : 1),
    fail: (c) => (c.name === 'bad' ? badRequest() : undefined),
  });
  const { table } = await run(studio, items, { concurrency: 2 });
  // The caller of an unchanged flow sits in level 0 beside bad.json: it was in flight, and finished.
  t.assert.deepEqual(table, [
    ['same.json', 'unchanged'],
    ['bad.json', 'failed'],
    ['caller.json', 'updated'],
  ]);
  t.assert.deepEqual(
    studio.calls.map((c) => c.sid),
    [sid(2), sid(3)],
  );
});

test('a created subflow reaches its caller with its confirmed SID (one create at a time, no batch reader)', async (t) => {
  const items = [flowItem('sub.json'), flowItem('caller.json', { live: 5, pending: ['sub.json'] })];
  const studio = levelWriter();
  const { outcomes } = await run(studio, items, { concurrency: 4 });
  t.assert.deepEqual(
    outcomes.map((o) => o.status),
    ['created', 'updated'],
  );
  const update = studio.calls.find((c) => c.op === 'update');
  t.assert.equal(update?.input?.definition.states[0].properties.flow_sid, outcomes[0]?.sid);
  t.assert.match(outcomes[0]?.sid ?? '', /^FW[0-9a-f]{32}$/);
});
