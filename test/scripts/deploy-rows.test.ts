/**
 * The verdicts of the deploy benchmark's rows (scripts/bench/deploy-rows.ts): a ratio passes only when both tools
 * did the job, the floor is our own request count at the concurrency, and the writes must be exactly the expected.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deployRows, type DeployScenario, type NaiveRun, type OurRun } from '../../scripts/bench/deploy-rows.ts';
import type { RequestLogEntry } from '../../src/emulator/server.ts';

const OPTIONS = { latencyMs: 100, flows: 4, runs: 1, dist: '/dist' };
const FW = `FW${'ab'.repeat(16)}`;

const req = (method: string, path: string): RequestLogEntry => ({
  api: 'studio',
  method,
  path,
  query: {},
  params: {},
  status: 200,
});
const list = req('GET', '/v2/Flows');
const validate = req('POST', '/v2/Flows/Validate');
const create = req('POST', '/v2/Flows');
const update = req('POST', `/v2/Flows/${FW}`);
const read = req('GET', `/v2/Flows/${FW}`);

const first: DeployScenario = { key: 'a', label: 'first deploy: 4 new flows', writes: 4, target: 0.6 };
const changed: DeployScenario = { key: 'b', label: '1 of 4 changed', writes: 1, target: 0.45 };

function ours(wall: number, requests: RequestLogEntry[], extra: Partial<OurRun> = {}): OurRun {
  return { wall, requests, concurrency: 4, connections: 4, busyMs: wall, failure: undefined, problems: [], ...extra };
}
const naive = (wall: number, extra: Partial<NaiveRun> = {}): NaiveRun => ({
  wall,
  requests: [list, create, create, create, create],
  failure: undefined,
  holds: true,
  ...extra,
});

const row = (rows: ReturnType<typeof deployRows>['rows'], name: RegExp) => {
  const found = rows.find((r) => name.test(r.name));
  assert.ok(found, `no row ${String(name)} in ${rows.map((r) => r.name).join(' / ')}`);
  return found;
};

describe('deploy benchmark rows', () => {
  const firstDeploy = [list, ...Array(4).fill(validate), ...Array(4).fill(create), list] as RequestLogEntry[];

  test('first deploy: ratio to the naive wall and to our all-parallel floor (our requests × latency / concurrency)', () => {
    const { rows, notes } = deployRows({
      scenario: first,
      ours: ours(300, firstDeploy),
      naive: naive(600),
      options: OPTIONS,
    });
    assert.deepEqual(row(rows, /naive wall/), {
      name: '  our wall / naive wall',
      measured: '0.50',
      target: '≤ 0.60',
      pass: true,
    });
    assert.deepEqual(row(rows, /floor/), {
      name: '  our wall / all-parallel floor (10 calls: 250 ms)',
      measured: '1.20',
      target: '≤ 1.20',
      pass: true,
    });
    assert.deepEqual(row(rows, /writes/), { name: '  writes', measured: '4', target: '4', pass: true });
    assert.match(notes.join('\n'), /naive 5 requests \(1× GET \/v2\/Flows, 4× POST \/v2\/Flows\)/);
    assert.equal(rows.filter((r) => /reads \+ Validate/.test(r.name)).length, 0);
  });

  test('just over a target is a MISS; the floor row is only for the first deploy', () => {
    const { rows } = deployRows({ scenario: first, ours: ours(361, firstDeploy), naive: naive(600), options: OPTIONS });
    assert.equal(row(rows, /naive wall/).pass, false);
    assert.equal(row(rows, /floor/).pass, false);
    const other = deployRows({
      scenario: changed,
      ours: ours(200, [list, read, read, read, read, validate, update]),
      naive: naive(600),
      options: OPTIONS,
    });
    assert.equal(other.rows.filter((r) => /floor/.test(r.name)).length, 0);
    assert.deepEqual(row(other.rows, /reads \+ Validate/), {
      name: '  reads + Validate per flow (+ list pages)',
      measured: '1.25 + 1',
      target: '≤ 2 + 1',
      pass: true,
    });
  });

  test('a fast run that failed, or a naive run that failed or left Studio short, never passes', () => {
    const failed = deployRows({
      scenario: first,
      ours: ours(10, firstDeploy, { failure: 'Studio <b>refused</b>\n::error::x' }),
      naive: naive(600),
      options: OPTIONS,
    });
    assert.equal(row(failed.rows, /naive wall/).pass, false);
    assert.equal(row(failed.rows, /floor/).pass, false);
    assert.match(failed.notes[0] ?? '', /^deploy \(a\): our deploy failed: Studio/);
    for (const bad of [
      naive(50_000, { failure: 'naive deployer: GET /v2/Flows answered 401: 20003 Authenticate' }),
      naive(50_000, { holds: false }),
    ]) {
      const { rows, notes } = deployRows({
        scenario: first,
        ours: ours(300, firstDeploy),
        naive: bad,
        options: OPTIONS,
      });
      assert.deepEqual(row(rows, /naive wall/), {
        name: '  our wall / naive wall',
        measured: 'naive failed',
        target: '≤ 0.60',
        pass: false,
      });
      assert.match(
        notes[0] ?? '',
        /^deploy \(a\): (the naive deployer failed: naive deployer: GET|after the naive deployer Studio does not hold)/,
      );
    }
  });

  test('at 0 ms latency the floor row says there is no floor, without a verdict, instead of Infinity', () => {
    const { rows } = deployRows({
      scenario: first,
      ours: ours(30, firstDeploy),
      naive: naive(10),
      options: { ...OPTIONS, latencyMs: 0 },
    });
    assert.deepEqual(row(rows, /floor/), {
      name: '  our wall / all-parallel floor (10 calls: 0 ms)',
      measured: 'no floor at 0 ms',
      target: '≤ 1.20',
    });
    assert.deepEqual(row(rows, /naive wall/), {
      name: '  our wall / naive wall',
      measured: '3.00',
      target: '≤ 0.60',
      pass: false,
    });
  });

  test('writes other than expected are a MISS, a DELETE counts as a write, Validate does not', () => {
    const extra = [...firstDeploy, req('DELETE', `/v2/Flows/${FW}`)];
    const { rows } = deployRows({ scenario: first, ours: ours(300, extra), naive: naive(600), options: OPTIONS });
    assert.deepEqual(row(rows, /writes/), { name: '  writes', measured: '5', target: '4', pass: false });
  });
});
