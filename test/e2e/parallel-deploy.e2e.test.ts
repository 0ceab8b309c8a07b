/**
 * End to end: a deploy writes independent flows side by side (concurrency 4) and callers after their subflows.
 * One write in the middle of the first level fails while three others are in flight: under `stop` and under
 * `rollback`, no new write starts, the writes in flight finish, and every flow's reported outcome (the `deployed`
 * output and the job summary) is exactly what the emulator's store holds afterwards.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { ACCOUNT, BEFORE, deploy, GH_TOKEN, SHA, statuses, TOKEN_TW } from '../deploy/e2e-kit.ts';
import { assertOutcomesHeld, FLOWS, isWrite, meterWrites, seed, sidFor, workspace } from './parallel-deploy-rig.ts';

let studio: EmulatorHandle;
let github: FakeGitHub;
const A2 = `/v2/Flows/${sidFor(0xa2)}`;
const LATENCY_MS = 100;

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW }, seed: seed() });
  github.compareStatus.set(`${BEFORE}...${SHA}`, 'ahead');
});
afterEach(() => studio.close());
after(() => github.close());

/**
 * Level 0 is a0, a1-sub, a2, a3-new, a4, a5, a6 (the callers b0..b2 are level 1). The first four go out together;
 * a2's write is refused at once (400), while a0, a1-sub and a3-new are held by a rate limit (429, Retry-After
 * 1 s) and land on their retry: they were in flight when a2 failed, so they finish; a4..a6 and the callers were
 * never started.
 */
function failA2MidLevel() {
  const held = new Set<string>();
  studio.faults = {
    latencyMs: LATENCY_MS,
    share: 1,
    kinds: ['rate-limit'],
    retryAfterSeconds: 1,
    match: (r) => {
      const key = `${r.path} ${r.params.FriendlyName}`;
      if (!isWrite(r) || r.params.CommitMessage !== SHA || held.has(key)) return false;
      held.add(key);
      return true;
    },
  };
  return meterWrites(studio, (r) =>
    r.method === 'POST' && r.path === A2 ? { status: 400, code: 20001, message: 'Invalid parameter' } : undefined,
  );
}

const NOT_STARTED = [
  'flows/a4.json',
  'flows/a5.json',
  'flows/a6.json',
  'flows/b0-caller.json',
  'flows/b1-caller.json',
  'flows/b2-caller.json',
];

function assertNeverWritten(paths: string[]) {
  for (const path of paths) {
    const [, name, sid] = FLOWS.find(([p]) => p === path)!;
    const writes = studio.requests.filter(
      (r) => isWrite(r) && (r.path === `/v2/Flows/${sid}` || r.params.FriendlyName === name),
    );
    assert.deepEqual(writes, [], `${path} was never written`);
  }
}

describe('a failure in the middle of a level, four writes in flight', () => {
  test('on-failure: stop — the writes in flight finish and stay; none new starts; outcomes are what Studio holds', async () => {
    const meter = failA2MidLevel();
    const run = await deploy(
      { studio, github },
      { files: workspace(), inputs: { concurrency: '4', 'on-failure': 'stop' } },
    );
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(statuses(run.outputs), [
      ['flows/a0.json', 'updated'],
      ['flows/a1-sub.json', 'updated'],
      ['flows/a2.json', 'failed'],
      ['flows/a3-new.json', 'created'],
      ...NOT_STARTED.map((p) => [p, 'not-attempted']),
    ]);
    assertOutcomesHeld(studio, run.outputs, run.summary);
    assertNeverWritten(NOT_STARTED);
    const out = JSON.parse(run.outputs.deployed ?? '[]');
    for (const o of out.filter((x: { status: string }) => x.status === 'not-attempted'))
      assert.equal(o.reason, 'not attempted: flows/a2.json failed before it');
    assert.ok(meter.max > 1 && meter.max <= 4, `writes in flight at once: ${meter.max}`);
    assert.match(
      run.stdout,
      /::error::Deploy stopped: flows\/a2\.json failed .*Left deployed: flows\/a3-new\.json, flows\/a0\.json, flows\/a1-sub\.json\. Not attempted: 6\./,
    );
  });

  test('on-failure: rollback — the writes in flight finish, then every one is undone (the new flow deleted)', async () => {
    const meter = failA2MidLevel();
    const run = await deploy(
      { studio, github },
      { files: workspace(), inputs: { concurrency: '4', 'on-failure': 'rollback' } },
    );
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(statuses(run.outputs), [
      ['flows/a0.json', 'rolled-back'],
      ['flows/a1-sub.json', 'rolled-back'],
      ['flows/a2.json', 'failed'],
      ['flows/a3-new.json', 'rolled-back'],
      ...NOT_STARTED.map((p) => [p, 'not-attempted']),
    ]);
    assertOutcomesHeld(studio, run.outputs, run.summary);
    assertNeverWritten(NOT_STARTED);
    assert.ok(meter.max > 1 && meter.max <= 4, `writes in flight at once: ${meter.max}`);
    assert.match(
      run.stdout,
      /::error::Deploy stopped: flows\/a2\.json failed .*Every flow this run had deployed was rolled back\. Not attempted: 6\./,
    );
  });
});

test('no failure: independent flows side by side, callers after their subflows, the new subflow SID in its caller', async () => {
  studio.faults = { latencyMs: LATENCY_MS };
  const meter = meterWrites(studio);
  const run = await deploy({ studio, github }, { files: workspace(), inputs: { concurrency: '4' } });
  assert.equal(run.code, 0, run.stdout);
  assertOutcomesHeld(studio, run.outputs, run.summary);
  assert.equal(meter.max, 4, 'four writes in flight at once');
  const writes = studio.requests.filter(isWrite);
  const lastLevel0 = Math.max(
    ...FLOWS.slice(0, 7).map(([, name, sid]) =>
      writes.findIndex((w) => w.path === `/v2/Flows/${sid}` || w.params.FriendlyName === name),
    ),
  );
  const firstCaller = Math.min(
    ...FLOWS.slice(7).map(([, , sid]) => writes.findIndex((w) => w.path === `/v2/Flows/${sid}`)),
  );
  assert.ok(firstCaller > lastLevel0, 'no caller written before the last write of the level below');
  const created = JSON.parse(run.outputs.deployed ?? '[]').find(
    (o: { path: string }) => o.path === 'flows/a3-new.json',
  );
  const caller = studio.store.get(sidFor(0xb2))!.revisions.at(-1)!.definition as any;
  assert.equal(caller.states.find((s: { name: string }) => s.name === 'sub').properties.flow_sid, created.sid);
});
