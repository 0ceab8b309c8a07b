/** Deploy order: subflows before their callers, by SID or by a `${flow:PATH}` to a flow being created. */
import { test } from 'node:test';
import { dependencyLevels, subflowsFirst } from '../../src/deploy/order.ts';
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

const levels = (items: DeployItem[]) => dependencyLevels(subflowsFirst(items).ordered).map((l) => l.map((i) => i.path));

test('levels: independent flows share level 0; a caller sits one above its highest callee, by SID or by path', (t) => {
  t.assert.deepEqual(
    levels([
      item('top.json', { live: 1, calls: [2, 5] }),
      item('mid.json', { live: 2, pending: ['new.json'] }),
      item('free.json', { live: 3 }),
      item('new.json'),
      item('leaf.json', { live: 5 }),
      item('outside.json', { live: 6, calls: [99] }),
    ]),
    [['new.json', 'leaf.json', 'free.json', 'outside.json'], ['mid.json'], ['top.json']],
  );
  t.assert.deepEqual(levels([]), []);
});

test('levels: a cycle through flows in Studio is broken where subflowsFirst breaks it; a self-call is no edge', (t) => {
  const cyclic = [
    item('a.json', { live: 1, calls: [2] }),
    item('b.json', { live: 2, calls: [3] }),
    item('c.json', { live: 3, calls: [1, 3] }),
  ];
  t.assert.deepEqual(paths(subflowsFirst(cyclic)), ['c.json', 'b.json', 'a.json']);
  t.assert.deepEqual(levels(cyclic), [['c.json'], ['b.json'], ['a.json']]);
});

test('levels: definitions of the wrong shape call nothing; a 3,000-flow chain is 3,000 levels without recursion', (t) => {
  const odd = [
    null,
    'text',
    { states: 'x' },
    { states: [null, 7, { type: 'run-subflow', properties: { flow_sid: 42 } }] },
  ];
  const items = odd.map((definition, i) => ({ ...item(`o${i}.json`, { live: i + 1 }), definition }));
  t.assert.deepEqual(levels(items), [['o0.json', 'o1.json', 'o2.json', 'o3.json']]);
  const chain = Array.from({ length: 3000 }, (_, i) => item(`c${i}.json`, { live: i + 1, calls: i > 0 ? [i] : [] }));
  const got = dependencyLevels(chain);
  t.assert.equal(got.length, 3000);
  t.assert.deepEqual(
    got[2999]?.map((i) => i.path),
    ['c2999.json'],
  );
});
