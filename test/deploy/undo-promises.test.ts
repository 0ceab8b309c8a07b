/**
 * What a level's read-back of creates (confirmClaims), the rollback (src/deploy/undo.ts) and the writes in flight
 * (src/deploy/in-flight.ts) promise, stated against the deploy record and what Studio is asked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachLimited, inFlightLimit } from '../../src/deploy/in-flight.ts';
import { checkedEntry, transition, type FlowEntry } from '../../src/deploy/record.ts';
import type { DeployItem } from '../../src/deploy/types.ts';
import { ROLLBACK_GRACE_MS, rollBack } from '../../src/deploy/undo.ts';
import { confirmClaims, writeFlow } from '../../src/deploy/write.ts';
import { StudioUnconfirmedWriteError } from '../../src/studio/errors.ts';
import { flowItem, levelWriter, publishOptions, type LevelWriterOptions } from './level-writer.ts';
import { sid } from './support.ts';

const entryOf = (item: DeployItem): FlowEntry =>
  checkedEntry({ path: item.path, friendlyName: item.friendlyName, live: item.live });

/** Two creates sent as claims, then read back as `batched` says: their entries. */
async function readBack(batched: NonNullable<LevelWriterOptions['batched']>) {
  const studio = levelWriter({ batched });
  const options = publishOptions();
  const ctx = { options, created: new Map<string, string>() };
  const items = [flowItem('a.json'), flowItem('b.json')];
  const pending = [];
  for (const item of items) pending.push((await writeFlow(studio, item, { entry: entryOf(item), ctx }))!);
  await confirmClaims(studio, { pending, ctx });
  return { entries: pending.map((p) => p.entry), ctx, studio };
}

test('confirmClaims: nothing pending reads nothing back', async () => {
  const studio = levelWriter({ batched: {} });
  await confirmClaims(studio, { pending: [], ctx: { options: publishOptions(), created: new Map() } });
  assert.deepEqual(studio.confirms, []);
});

test('confirmClaims: a read-back that throws, gives no list, or no result leaves the creates unknown', async () => {
  const cases: [NonNullable<LevelWriterOptions['batched']>, RegExp][] = [
    [{ throws: new Error('list failed <b>') }, /list failed <b>/],
    [{ raw: () => ({ ok: true }) }, /the read-back gave no list of results/],
    [{ raw: () => [] }, /the read-back gave no result for this create/],
    [{ raw: () => [null, 'ok'] }, /the read-back gave no result for this create/],
    [{ raw: () => [{ ok: true, flow: null }, { ok: true }] }, /the read-back gave no result for this create/],
    [{ raw: () => [{ ok: 'true', flow: {} }, { flow: {} }] }, /the read-back gave no result for this create/],
  ];
  for (const [batched, why] of cases) {
    const { entries, ctx } = await readBack(batched);
    for (const [i, entry] of entries.entries()) {
      assert.equal(entry.state, 'unknown', String(why));
      assert.match(entry.reason!, why);
      assert.match(entry.reason!, new RegExp(`POST /v2/Flows \\(create of flow "${i ? 'b' : 'a'}"\\)`));
      assert.match(entry.reason!, new RegExp(`answered with flow ${sid(900 + i)} \\(not read back yet\\)`));
    }
    assert.equal(ctx.created.size, 0);
  }
});

test('confirmClaims: each result settles its own entry; a refusal is failed, a confirmation hands on the SID', async () => {
  const { entries, ctx } = await readBack({
    result: (c) => (c.input.friendlyName === 'a' ? { ok: false, error: new Error('not in the list') } : 'ok'),
  });
  assert.deepEqual(
    entries.map((e) => [e.state, e.reason, e.sid]),
    [
      ['failed', 'not in the list', undefined],
      ['confirmed', undefined, sid(901)],
    ],
  );
  assert.deepEqual([...ctx.created], [['b.json', sid(901)]]);
});

/** Entries confirmed by this run, for `items`, written at revision `live + 1` (a create: its SID 900+i). */
function confirmedRecord(items: DeployItem[], draft = false) {
  const entryOf = new Map<DeployItem, FlowEntry>();
  for (const [i, item] of items.entries()) {
    const entry = checkedEntry({ path: item.path, friendlyName: item.friendlyName, live: item.live });
    transition(entry, 'written');
    const written = (item.live?.revision ?? 0) + 1;
    transition(entry, 'confirmed', {
      sid: item.live?.sid ?? sid(900 + i),
      writtenRevision: written,
      ...(draft ? { draft: true as const } : { revision: written }),
    });
    entryOf.set(item, entry);
  }
  return entryOf;
}

test('rollBack: asks for the grace time, restores the live revision as it was, deletes a created flow', async () => {
  const live = flowItem('a.json', { live: 1 });
  live.live!.revision = 6;
  live.live!.friendlyName = 'old name';
  const draftOnly = flowItem('d.json', { live: 2 });
  draftOnly.live!.draftOnly = true;
  const created = flowItem('n.json');
  const studio = levelWriter();
  const extended: number[] = [];
  studio.extendDeadline = (ms) => void extended.push(ms);
  const entryOf = confirmedRecord([live, draftOnly, created]);
  const options = publishOptions();
  await rollBack(studio, { levels: [[live, draftOnly, created]], entryOf, options });
  assert.deepEqual(extended, [ROLLBACK_GRACE_MS]);
  assert.equal(ROLLBACK_GRACE_MS, 120_000);
  const rollbackOf = (r: number) => `Rollback of ${'d'.repeat(40)}: restore r${r}`;
  assert.deepEqual(
    studio.calls.map((c) => [c.op, c.sid, c.input]),
    [
      ['delete', sid(902), undefined],
      [
        'update',
        sid(2),
        {
          friendlyName: 'd',
          status: 'draft',
          definition: { old: true },
          commitMessage: rollbackOf(1),
          previousRevision: 2,
        },
      ],
      [
        'update',
        sid(1),
        {
          friendlyName: 'old name',
          status: 'published',
          definition: { old: true },
          commitMessage: rollbackOf(6),
          previousRevision: 7,
        },
      ],
    ],
  );
  const [a, d, n] = [live, draftOnly, created].map((i) => entryOf.get(i)!);
  assert.deepEqual([a!.state, a!.revision, d!.revision], ['rolled-back', 8, 3]);
  assert.deepEqual([n!.state, n!.deleted, 'revision' in n!], ['rolled-back', true, false]);
  assert.deepEqual(options.lines, [
    'n.json: rolled back (created flow deleted)',
    'd.json: rolled back (r3 restores r1)',
    'a.json: rolled back (r8 restores r6)',
  ]);
});

test('rollBack: a created flow still called by a live caller is left, naming the callers', async () => {
  const sub = flowItem('s.json');
  const callers = [
    flowItem('c1.json', { live: 1, pending: ['s.json'] }),
    flowItem('c2.json', { live: 2, pending: ['s.json'] }),
  ];
  for (const states of [['unknown'], ['unknown', 'rollback-failed']] as const) {
    const entryOf = confirmedRecord([sub]);
    for (const [i, state] of states.entries()) {
      const e = checkedEntry({ path: callers[i]!.path, friendlyName: 'c', live: callers[i]!.live });
      entryOf.set(callers[i]!, e);
      transition(e, 'written');
      transition(e, state === 'unknown' ? 'unknown' : 'confirmed');
      if (state === 'rollback-failed') transition(e, 'rollback-failed');
    }
    const studio = levelWriter();
    const levels = [[sub], callers.slice(0, states.length)];
    // the caller confirmed then rollback-failed is not confirmed any more: no undo of it is asked
    await rollBack(studio, { levels, entryOf, options: publishOptions() });
    assert.deepEqual(studio.calls, [], 'the subflow is not deleted');
    const who = states.length === 1 ? 'c1.json calls it' : 'c1.json, c2.json call it';
    assert.equal(entryOf.get(sub)!.state, 'rollback-failed');
    assert.equal(
      entryOf.get(sub)!.reason,
      `not rolled back: ${who} and may still be live with this deploy's write (unknown, or its own rollback failed); the flow this deploy created (${sid(900)}) still exists: delete it once nothing calls it`,
    );
  }
});

test('rollBack: a failed undo says what is left live', async () => {
  const live = flowItem('a.json', { live: 1 });
  const created = flowItem('n.json');
  const lost = new StudioUnconfirmedWriteError({ method: 'POST', path: '/v2/Flows/FW', writeError: 1, checkError: 2 });
  for (const [draft, error, left] of [
    [
      false,
      new Error('HTTP 503'),
      ['r2 of this deploy is still live', `the flow this deploy created (${sid(901)}) still exists`],
    ],
    [
      true,
      new Error('HTTP 503'),
      [
        'draft r2 of this deploy is still the latest revision (not live)',
        `the flow this deploy created (${sid(901)}) still exists`,
      ],
    ],
    [
      false,
      lost,
      [
        'the rollback may or may not have been applied: look at the latest revision in Studio',
        'the rollback may or may not have been applied: look at the latest revision in Studio',
      ],
    ],
  ] as const) {
    const entryOf = confirmedRecord([live, created], draft);
    const options = publishOptions();
    await rollBack(levelWriter({ fail: () => error }), { levels: [[live, created]], entryOf, options });
    const reasons = [live, created].map((i) => entryOf.get(i)!.reason);
    assert.deepEqual(
      reasons,
      left.map((l) => `rollback failed: ${error.message}; ${l}`),
    );
    assert.deepEqual(options.lines, [`n.json: ${reasons[1]}`, `a.json: ${reasons[0]}`]);
  }
});

test('eachLimited: at most `limit` at once, all items in order, none once go() is false', async () => {
  for (const [limit, n, most] of [
    [3, 5, 3],
    [9, 2, 2],
    [0, 3, 1],
    [-2, 2, 1],
  ] as const) {
    let inFlight = 0;
    let max = 0;
    const seen: number[] = [];
    const items = Array.from({ length: n }, (_, i) => i);
    await eachLimited(items, {
      limit,
      each: async (i) => {
        seen.push(i);
        max = Math.max(max, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      },
    });
    assert.deepEqual(seen, items);
    assert.equal(max, most, `limit ${limit} over ${n}`);
  }
  const started: number[] = [];
  await eachLimited([1, 2, 3], { limit: 1, go: () => started.length < 2, each: async (i) => void started.push(i) });
  assert.deepEqual(started, [1, 2]);
  let called = 0;
  await eachLimited([], { limit: 2, each: async () => void called++ });
  assert.equal(called, 0);
});

test('inFlightLimit: a whole number of at least 1, else 1', () => {
  for (const [given, limit] of [
    [undefined, 1],
    [0, 1],
    [-3, 1],
    [1.5, 1],
    [Number.NaN, 1],
    [1, 1],
    [2, 2],
    [7, 7],
  ] as const)
    assert.equal(inFlightLimit(given), limit, String(given));
});

test('rollBack: a flow of the levels with no entry in this record is neither undone nor in the way', async () => {
  const sub = flowItem('s.json');
  const stranger = flowItem('x.json', { live: 5, pending: ['s.json'] });
  const other = flowItem('o.json', { live: 6 });
  const entryOf = confirmedRecord([sub]);
  const studio = levelWriter();
  await rollBack(studio, { levels: [[sub, other], [stranger]], entryOf, options: publishOptions() });
  assert.deepEqual(
    studio.calls.map((c) => [c.op, c.sid]),
    [['delete', sid(900)]],
  );
  assert.deepEqual([entryOf.get(sub)!.state, entryOf.get(sub)!.deleted], ['rolled-back', true]);
});
