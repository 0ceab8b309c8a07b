/** Deploy order: subflows before their callers, by SID or by a `${flow:PATH}` to a flow being created. */
import { test } from 'node:test';
import { subflowsFirst } from '../../src/deploy/order.ts';
import type { DeployItem } from '../../src/deploy/publish.ts';

const sid = (n: number) => `FW${String(n).padStart(32, '0')}`;
function item(path: string, opts: { live?: number; calls?: number[]; pending?: string[] } = {}): DeployItem {
  const states = (opts.calls ?? []).map((n, i) => ({
    name: `call${i}`,
    type: 'run-subflow',
    properties: { flow_sid: sid(n) },
  }));
  return {
    path,
    friendlyName: path,
    definition: { states },
    live:
      opts.live === undefined
        ? null
        : {
            sid: sid(opts.live),
            friendlyName: path,
            revision: 1,
            definition: {},
            commitMessage: null,
            dateUpdated: null,
            latestCommitMessage: null,
          },
    unchanged: false,
    ...(opts.pending
      ? { pendingRefs: opts.pending.map((p) => ({ pointer: '/states/0/properties/flow_sid', path: p })) }
      : {}),
  };
}
const paths = (r: { ordered: DeployItem[] }) => r.ordered.map((i) => i.path);

test('a new subflow named by path is deployed before its caller', (t) => {
  const r = subflowsFirst([
    item('main.json', { live: 1, pending: ['sub.json'] }),
    item('other.json', { live: 3 }),
    item('sub.json'),
  ]);
  t.assert.deepEqual(paths(r), ['sub.json', 'main.json', 'other.json']);
  t.assert.equal(r.cycle, undefined);
});

test('a known subflow named by SID is deployed before its caller; chains are followed', (t) => {
  const r = subflowsFirst([
    item('a.json', { live: 1, calls: [2] }),
    item('b.json', { live: 2, pending: ['c.json'] }),
    item('c.json'),
  ]);
  t.assert.deepEqual(paths(r), ['c.json', 'b.json', 'a.json']);
});

test('a cycle between flows already in Studio is allowed; one through a flow to create is reported', (t) => {
  const known = subflowsFirst([item('a.json', { live: 1, calls: [2] }), item('b.json', { live: 2, calls: [1] })]);
  t.assert.deepEqual(paths(known), ['b.json', 'a.json']);
  t.assert.equal(known.cycle, undefined);
  const fresh = subflowsFirst([item('a.json', { pending: ['b.json'] }), item('b.json', { pending: ['a.json'] })]);
  t.assert.deepEqual(fresh.cycle, ['a.json', 'b.json', 'a.json']);
});
