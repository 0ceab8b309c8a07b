/**
 * Rollback after a parallel deploy failed: once every write in flight settled, every confirmed flow is undone,
 * callers before the subflows they call, within a level at `concurrency`; an unknown write is never touched; a
 * failing undo is recorded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioUnconfirmedWriteError } from '../../src/studio/errors.ts';
import { badRequest, flowItem, levelWriter, run, timeout } from './level-writer.ts';
import { sid } from './support.ts';

// Levels: [sub, new, i1] ← [c1, c2, c3, c4] (c1..c3 call sub by SID, c4 calls new by path); c4 fails first,
// c2 ends unknown, c1 and c3 were in flight and are confirmed.
const items = () => [
  flowItem('sub.json', { live: 1 }),
  flowItem('new.json'),
  flowItem('i1.json', { live: 2 }),
  flowItem('c1.json', { live: 11, calls: [1] }),
  flowItem('c2.json', { live: 12, calls: [1] }),
  flowItem('c3.json', { live: 13, calls: [1] }),
  flowItem('c4.json', { live: 14, pending: ['new.json'] }),
  flowItem('c5.json', { live: 15, calls: [1] }),
];
const writes = (c: { op: string; input?: Record<string, any> }) =>
  c.op === 'delete' || c.input?.commitMessage?.startsWith('Rollback');

test('rollback: callers undone before their callees, unknown untouched, not-started never written', async (t) => {
  const studio = levelWriter({
    delay: (c) => (c.name === 'c4' && !writes(c) ? 1 : c.name === 'c2' ? 15 : 25),
    fail: (c) => (writes(c) ? undefined : c.name === 'c4' ? badRequest() : c.name === 'c2' ? timeout() : undefined),
  });
  const { table, outcomes, lines } = await run(studio, items(), { concurrency: 4, onFailure: 'rollback' });
  t.assert.deepEqual(table, [
    ['sub.json', 'rolled-back'],
    ['new.json', 'rolled-back'],
    ['i1.json', 'rolled-back'],
    ['c1.json', 'rolled-back'],
    ['c2.json', 'unknown'],
    ['c3.json', 'rolled-back'],
    ['c4.json', 'failed'],
    ['c5.json', 'not-attempted'],
  ]);
  t.assert.equal(outcomes[1]?.deleted, true);
  t.assert.equal(
    outcomes[7]?.reason,
    'not attempted: c2.json may or may not have been written, c4.json failed before it',
  );
  const undoStart = (name: string) => studio.events.findIndex((e) => e.undo && e.at === 'start' && e.name === name);
  const undoFinish = (name: string) => studio.events.findIndex((e) => e.undo && e.at === 'finish' && e.name === name);
  for (const caller of ['c1', 'c3'])
    for (const callee of ['sub', 'new', 'i1'])
      assert.ok(undoStart(callee) > undoFinish(caller), `${callee} undone after ${caller}`);
  t.assert.equal(
    studio.calls.filter((c) => c.sid === sid(12)).length,
    1,
    'the unknown c2 is written once, never undone',
  );
  t.assert.equal(studio.calls.filter((c) => c.sid === sid(15)).length, 0, 'c5 never written');
  assert.ok(studio.maxInFlight <= 4);
  assert.ok(lines.includes('new.json: rolled back (created flow deleted)'), lines.join('\n'));
  assert.ok(lines.includes('c1.json: rolled back (r3 restores r1)'), lines.join('\n'));
});

test('rollback: a failing undo is rollback-failed with what is left; the other undos still run', async (t) => {
  const studio = levelWriter({
    delay: (c) => (c.name === 'c4' && !writes(c) ? 1 : 10),
    fail: (c) =>
      writes(c)
        ? c.name === 'sub'
          ? new Error('HTTP 503 on undo')
          : c.op === 'delete'
            ? new StudioUnconfirmedWriteError({
                method: 'DELETE',
                path: '/v2/Flows/FW',
                writeError: new Error('reset'),
                checkError: new Error('HTTP 500'),
              })
            : undefined
        : c.name === 'c4'
          ? badRequest()
          : undefined,
  });
  const { table, outcomes } = await run(studio, items(), { concurrency: 8, onFailure: 'rollback' });
  t.assert.deepEqual(
    table.map(([, s]) => s),
    [
      'rollback-failed',
      'rollback-failed',
      'rolled-back',
      'rolled-back',
      'rolled-back',
      'rolled-back',
      'failed',
      'rolled-back',
    ],
  );
  t.assert.match(outcomes[0]?.error ?? '', /^rollback failed: HTTP 503 on undo; r2 of this deploy is still live$/);
  t.assert.match(outcomes[1]?.error ?? '', /the rollback may or may not have been applied/);
});

test('stop leaves every confirmed flow as written: no undo at all', async (t) => {
  const studio = levelWriter({
    delay: (c) => (c.name === 'c4' ? 1 : 10),
    fail: (c) => (c.name === 'c4' ? badRequest() : undefined),
  });
  const { table } = await run(studio, items(), { concurrency: 8, onFailure: 'stop' });
  t.assert.deepEqual(
    table.map(([, s]) => s),
    ['updated', 'created', 'updated', 'updated', 'updated', 'updated', 'failed', 'updated'],
  );
  t.assert.equal(studio.calls.filter(writes).length, 0);
});

test('a deploy failing in its first level rolls back any subset: only what was confirmed', async (t) => {
  const studio = levelWriter({
    delay: (c) => (c.name === 'new' ? 1 : 10),
    fail: (c) => (c.name === 'new' && !writes(c) ? badRequest() : undefined),
  });
  const { table } = await run(studio, items(), { concurrency: 2, onFailure: 'rollback' });
  // sub and new were in flight; i1 was next in line and never started.
  t.assert.deepEqual(
    table.map(([, s]) => s),
    [
      'rolled-back',
      'failed',
      'not-attempted',
      'not-attempted',
      'not-attempted',
      'not-attempted',
      'not-attempted',
      'not-attempted',
    ],
  );
});
