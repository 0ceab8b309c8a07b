/**
 * End to end: what a deploy reports is what Studio holds. dist/index.js on real push events, the emulator
 * (with writes whose answers get lost, failing read-backs and failing rollbacks) and the fake GitHub.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { ACCOUNT, BEFORE, deploy, files, flow, json, live, SHA, sidOf, statuses, TOKEN_TW } from '../deploy/e2e-kit.ts';

const names = ['Sales IVR', 'Support IVR', 'Billing IVR'];
let studio: EmulatorHandle;
let github: FakeGitHub;
const env = () => ({ studio, github });
const isUpdate = (r: { method: string; path: string }) =>
  r.method === 'POST' && /^\/v2\/Flows\/FW[0-9a-f]{32}$/.test(r.path);

before(async () => {
  github = await startFakeGitHub({ token: 'ghs_deployH3E2eToken0000000000000000000' });
});
beforeEach(async () => {
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
    seed: await Promise.all(
      names.map(async (n) => ({
        friendlyName: n,
        definition: (await flow(n, 'old goodbye')).definition,
        commitMessage: BEFORE,
      })),
    ),
  });
  github.compareStatus.set(`${BEFORE}...${SHA}`, 'ahead');
});
afterEach(() => studio.close());
after(() => github.close());

describe('success is reported only for writes Studio holds', () => {
  test('a write whose answer is lost and whose read-back fails is unknown: named, not rolled back, the step fails', async () => {
    const support = sidOf(studio, 'Support IVR');
    let lost = 0;
    studio.faults = {
      share: 1,
      kinds: ['lost-response'],
      match: (r) => r.method === 'POST' && r.path === `/v2/Flows/${support}` && ++lost === 1,
    };
    studio.fault = (r) =>
      lost > 0 && r.method === 'GET' && r.path.startsWith(`/v2/Flows/${support}`)
        ? { status: 400, code: 20001, message: 'Invalid parameter' }
        : undefined;
    // One write at a time, so the 3rd is never started (writes side by side: parallel-deploy.e2e.test.ts).
    const run = await deploy(env(), { files: await files(names, 'new goodbye'), inputs: { concurrency: '1' } });
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(statuses(run.outputs), [
      ['flows/f0.json', 'rolled-back'],
      ['flows/f1.json', 'unknown'],
      ['flows/f2.json', 'not-attempted'],
    ]);
    assert.match(
      run.stdout,
      new RegExp(
        `::error::Deploy stopped: flows/f1\\.json \\("Support IVR", ${support}\\) may or may not have been written .*Its state is unknown: look at its latest revision in Studio`,
      ),
    );
    assert.doesNotMatch(run.stdout, /Every flow this run had deployed was rolled back/);
    assert.match(
      run.stdout,
      /Rolled back: flows\/f0\.json\. Not rolled back, its state being unknown: flows\/f1\.json\. Not attempted: 1\./,
    );
    assert.match(run.summary, /\| Support IVR \| `flows\/f1\.json` \| ❓ unknown \| unknown: r1 or a newer one \|/);
    const state = live(studio);
    assert.deepEqual(state['Sales IVR'], [3, `Rollback by studio-flow-ci of ${SHA}: restore r1`, 'old goodbye']);
    assert.deepEqual(
      state['Support IVR'],
      [2, SHA, 'new goodbye'],
      'the lost write did land: exactly why it is unknown, not "rolled back"',
    );
    assert.deepEqual(state['Billing IVR'], [1, BEFORE, 'old goodbye']);
  });

  test('a rollback that fails is rollback-failed, and the final message says which flow is left at which revision', async () => {
    let updates = 0;
    studio.fault = (r) =>
      isUpdate(r) && ++updates >= 2 ? { status: 400, code: 20001, message: 'Invalid parameter' } : undefined;
    const run = await deploy(env(), { files: await files(names, 'new goodbye'), inputs: { concurrency: '1' } });
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(statuses(run.outputs), [
      ['flows/f0.json', 'rollback-failed'],
      ['flows/f1.json', 'failed'],
      ['flows/f2.json', 'not-attempted'],
    ]);
    assert.doesNotMatch(run.stdout, /Every flow this run had deployed was rolled back/);
    assert.match(
      run.stdout,
      /::error::Deploy stopped: flows\/f1\.json failed .* Rollback FAILED: flows\/f0\.json \("Sales IVR", FW[0-9a-f]{32}\): rollback failed: .*; r2 of this deploy is still live; to restore it, run mode: rollback with flow flows\/f0\.json and revision 1\./,
    );
    assert.deepEqual(live(studio)['Sales IVR'], [2, SHA, 'new goodbye']);
    assert.match(
      run.summary,
      /\| Sales IVR \| `flows\/f0\.json` \| 🔥 rollback-failed \| r2 of this deploy, still live \|/,
    );
  });

  test('a flow created and then deleted by the rollback says so, never "rundefined"', async () => {
    const workspace = { ...(await files(['Brand new IVR', 'Support IVR'], 'new goodbye')) };
    let updates = 0;
    studio.fault = (r) =>
      isUpdate(r) && ++updates === 1 ? { status: 400, code: 20001, message: 'Invalid parameter' } : undefined;
    const run = await deploy(env(), { files: workspace });
    assert.equal(run.code, 1, run.stdout);
    assert.doesNotMatch(run.summary, /undefined/);
    assert.match(
      run.summary,
      /\| Brand new IVR \| `flows\/f0\.json` \| ↩️ rolled-back \| deleted again \(created by this deploy\) \|/,
    );
    const [created] = JSON.parse(run.outputs.deployed ?? '[]');
    assert.deepEqual([created.status, created.deleted, created.revision], ['rolled-back', true, undefined]);
    assert.equal(live(studio)['Brand new IVR'], undefined, 'the created flow is gone');
    assert.match(run.stdout, /Every flow this run had deployed was rolled back\./);
  });
});

describe('reports', () => {
  test('a refusal (drift, allow-create: false) lists every flow as not-attempted with its reason', async () => {
    studio.store.update(sidOf(studio, 'Sales IVR'), {
      friendlyName: 'Sales IVR',
      status: 'published',
      definition: (await flow('Sales IVR', 'console goodbye')).definition,
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
    });
    const drift = await deploy(env(), { files: await files(names, 'new goodbye') });
    assert.equal(drift.code, 1);
    const out = JSON.parse(drift.outputs.deployed ?? '[]');
    assert.deepEqual(
      out.map((d: any) => d.status),
      ['not-attempted', 'not-attempted', 'not-attempted'],
    );
    assert.match(
      out[0].reason,
      /^drift: flows\/f0\.json: the latest revision of "Sales IVR" \(r2, FW[0-9a-f]{32}\) was not made by studio-flow-ci/,
    );
    assert.match(out[1].reason, /^the deploy was refused: flows\/f0\.json: the latest revision/);
    assert.match(
      drift.summary,
      /^### Studio deploy of `ec26c3e`\n\n\*\*Nothing was deployed:\*\* flows\/f0\.json: the latest revision/,
    );

    const create = await deploy(env(), {
      files: {
        ...(await files(names, 'old goodbye')),
        'flows/f3.json': json(await flow('New <b>IVR</b> ::error::x', 'hi')),
      },
      inputs: { 'allow-create': 'false', 'on-drift': 'overwrite' },
    });
    assert.equal(create.code, 1);
    const listed = JSON.parse(create.outputs.deployed ?? '[]');
    assert.equal(listed.length, 4);
    assert.deepEqual(
      listed.map((d: any) => d.status),
      ['not-attempted', 'not-attempted', 'not-attempted', 'not-attempted'],
    );
    assert.equal(listed[3].reason, "not in Studio, and 'allow-create' is false");
    // (A name with a newline is refused by the check itself: see the identity tests.)
    assert.doesNotMatch(create.summary, /<b>|^::error::x/m);
    assert.doesNotMatch(create.stdout, /^::error::x/m);
  });

  test('a failed deploy\'s summary is a deploy report that says "Nothing was deployed", not the PR plan', async () => {
    const broken = await flow('Support IVR', 'new goodbye');
    broken.definition.states[2].transitions[0].next = 'nowhere';
    const run = await deploy(env(), {
      files: { ...(await files(names, 'new goodbye')), 'flows/f1.json': json(broken) },
    });
    assert.equal(run.code, 1);
    assert.ok(
      run.summary.startsWith('### Studio deploy of `ec26c3e`\n\n**Nothing was deployed:** 1 flow failed the check'),
      run.summary.slice(0, 300),
    );
    assert.match(run.summary, /\| Support IVR \| `flows\/f1\.json` \| ⏸️ not-attempted \| r1 \(not written\) \|/);
    assert.match(run.summary, /- `flows\/f1\.json` \(not-attempted\): failed the check: 1 error/);
    assert.doesNotMatch(run.summary, /on merge/);
    assert.match(run.summary, /Check details/);
  });

  test('the comment on the merged PR of a 400-flow deploy stays under 65,536 characters and points to the job summary', async () => {
    const many = Array.from(
      { length: 400 },
      (_, i) => `Customer journey for the ${'north-eastern '.repeat(4)}region, line ${i}`,
    );
    const workspace: Record<string, string> = {};
    const base = await flow('x', 'hello');
    for (const [i, n] of many.entries())
      workspace[`flows/regions/north-eastern/contact-centre/${'journey-'.repeat(4)}${i}.json`] = json({
        ...base,
        friendly_name: n,
      });
    github.commitPulls.set(SHA, [{ number: 400, merged_at: '2026-11-23T08:00:00Z' }]);
    github.comments.delete(400);
    const run = await deploy(env(), { files: workspace, inputs: { deploy: 'all', concurrency: '8' } });
    assert.equal(run.code, 0, run.stdout.slice(-2000));
    const [comment] = github.comments.get(400) ?? [];
    assert.ok(
      comment,
      `a comment was posted: ${run.stdout
        .split('\n')
        .filter((l) => l.startsWith('::warning'))
        .join('\n')}`,
    );
    assert.ok(comment.body.length <= 65_536 && comment.body.length > 50_000, String(comment.body.length));
    assert.match(
      comment.body,
      /> \d+ more flows not shown here: see the job summary of \[the workflow run\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/actions\/runs\/4242\)\./,
    );
    assert.equal(JSON.parse(run.outputs.deployed ?? '[]').filter((d: any) => d.status === 'created').length, 400);
    assert.equal([...run.summary.matchAll(/🆕 created/g)].length, 400, 'the job summary has every flow');
  });
});
