/**
 * A rollback never deletes a flow this deploy created while a flow that may call it is still live with this
 * deploy's write: a caller whose write is `unknown` (it may hold the new subflow's SID) or whose own undo failed.
 * Deleting the subflow would leave that caller live calling a flow that no longer exists: every call reaching its
 * run-subflow widget would fail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badRequest, flowItem, levelWriter, run, timeout } from '../deploy/level-writer.ts';

// Level 0: sub.json (created) and other.json; level 1: caller.json calls sub.json through ${flow:sub.json},
// broken.json fails and stops the deploy.
const items = () => [
  flowItem('sub.json'),
  flowItem('other.json'),
  flowItem('caller.json', { live: 11, pending: ['sub.json'] }),
  flowItem('broken.json', { live: 12, pending: ['other.json'] }),
];
const isUndo = (c: { op: string; input?: Record<string, any> }) =>
  c.op === 'delete' || String(c.input?.commitMessage).startsWith('Rollback');

for (const batched of [false, true]) {
  const how = batched ? 'creates read back in batches' : 'creates read back one by one';

  test(`rollback keeps a created subflow whose caller's write is unknown (${how})`, async (t) => {
    const studio = levelWriter({
      ...(batched ? { batched: {} } : {}),
      delay: (c) => (c.name === 'broken' ? 1 : 10),
      fail: (c) =>
        isUndo(c) ? undefined : c.name === 'caller' ? timeout() : c.name === 'broken' ? badRequest() : undefined,
    });
    const { table, outcomes, lines } = await run(studio, items(), { concurrency: 4, onFailure: 'rollback' });
    const subSid = outcomes[0]?.sid;
    t.assert.match(String(subSid), /^FW[0-9a-f]{32}$/);
    t.assert.equal(
      studio.calls.filter((c) => c.op === 'delete' && c.name === 'sub').length,
      0,
      `sub.json deleted while caller.json may call it: ${JSON.stringify(studio.calls)}`,
    );
    t.assert.deepEqual(table, [
      ['sub.json', 'rollback-failed'],
      ['other.json', 'rolled-back'],
      ['caller.json', 'unknown'],
      ['broken.json', 'failed'],
    ]);
    t.assert.match(outcomes[0]?.error ?? '', /caller\.json/);
    t.assert.match(outcomes[0]?.error ?? '', new RegExp(`\\(${subSid}\\) still exists`));
    assert.ok(
      lines.some((l) => l.startsWith('sub.json: ') && l.includes('caller.json')),
      lines.join('\n'),
    );
  });

  test(`rollback keeps a created subflow whose caller's undo failed (${how})`, async (t) => {
    const studio = levelWriter({
      ...(batched ? { batched: {} } : {}),
      delay: (c) => (c.name === 'broken' ? 1 : 10),
      fail: (c) =>
        isUndo(c)
          ? c.name === 'caller'
            ? new Error('HTTP 503 on undo')
            : undefined
          : c.name === 'broken'
            ? badRequest()
            : undefined,
    });
    const { table, outcomes } = await run(studio, items(), { concurrency: 4, onFailure: 'rollback' });
    t.assert.equal(studio.calls.filter((c) => c.op === 'delete' && c.name === 'sub').length, 0, 'sub.json kept');
    t.assert.deepEqual(table, [
      ['sub.json', 'rollback-failed'],
      ['other.json', 'rolled-back'],
      ['caller.json', 'rollback-failed'],
      ['broken.json', 'failed'],
    ]);
    t.assert.match(outcomes[0]?.error ?? '', /caller\.json/);
  });

  test(`rollback still deletes a created subflow once its callers are undone (${how})`, async (t) => {
    const studio = levelWriter({
      ...(batched ? { batched: {} } : {}),
      delay: (c) => (c.name === 'broken' ? 1 : 10),
      fail: (c) => (!isUndo(c) && c.name === 'broken' ? badRequest() : undefined),
    });
    const { table, outcomes } = await run(studio, items(), { concurrency: 4, onFailure: 'rollback' });
    t.assert.deepEqual(table, [
      ['sub.json', 'rolled-back'],
      ['other.json', 'rolled-back'],
      ['caller.json', 'rolled-back'],
      ['broken.json', 'failed'],
    ]);
    t.assert.equal(outcomes[0]?.deleted, true);
  });
}
