/**
 * Sync mode against the fake GitHub (a real HTTP server) with plans built by hand: one commit, one PR,
 * no write at all on a re-run, closed when nothing differs, and every refusal before a half-write.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { gateGitHub } from '../../src/egress/gate.ts';
import { createGitHub } from '../../src/github/client.ts';
import { createScrubber, REDACTED } from '../../src/secrets/credentials.ts';
import { runSyncMode } from '../../src/modes/sync.ts';
import type { SyncPlan } from '../../src/sync/plan.ts';
import type { StudioReader } from '../../src/studio/live.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { addCommit, filesAt } from '../support/fake-git-data.ts';
import { fileText, planOf, recordedIO, RUN_SHA, scheduleRun, syncFile, syncSettings } from '../support/sync-kit.ts';
import { sampleDefinition } from '../support/sample-flows.ts';

const studio = {} as StudioReader; // the plan is injected: Studio is never asked here
const BRANCH = 'refs/heads/studio-sync/prod';

let fake: FakeGitHub;
before(async () => {
  fake = await startFakeGitHub();
});
after(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.refs.clear();
  fake.pulls.length = 0;
  fake.commits.clear();
  fake.missingPermissions.clear();
  fake.protectedBranches.clear();
  fake.viewer = { login: 'github-actions[bot]', type: 'Bot' };
  addCommit(fake, RUN_SHA, {
    'flows/main.json': fileText(sampleDefinition('Hello')),
    'flows/other.json': fileText(sampleDefinition('Other')),
    'README.md': 'not a flow\n',
  });
});

const edited = () => planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Hello from the Console' })]);
const same = () => planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Hello' })]);

function sync(plan: SyncPlan, inputs: Record<string, string> = {}) {
  const io = recordedIO();
  // A new client per run, gated as in the action: one run, one client (identity asked once per client).
  const scrubber = createScrubber();
  scrubber.add('gate-s3cr3t-value-0123456789');
  const gh = gateGitHub(createGitHub({ token: 't', baseUrl: fake.url }), scrubber);
  const promise = runSyncMode({
    settings: syncSettings(inputs),
    run: scheduleRun(fake.url),
    gh,
    studio,
    io,
    planSync: async () => plan,
    scrub: (t) => t.replaceAll('s3cr3t-token', '[redacted]'),
  });
  return { io, promise };
}

describe('sync mode on GitHub', () => {
  it('commits the changed file once on the run commit, opens one labelled PR, and a re-run writes nothing', async () => {
    const first = sync(edited());
    const outcome = await first.promise;
    assert.equal(outcome.failure, undefined);
    const head = fake.refs.get(BRANCH)!;
    assert.ok(head, 'the sync branch exists');
    assert.deepEqual(fake.commits.get(head)!.parents, [RUN_SHA]);
    const files = filesAt(fake, head);
    assert.equal(files.get('flows/main.json'), fileText(sampleDefinition('Hello from the Console')));
    assert.equal(files.get('flows/other.json'), fileText(sampleDefinition('Other')), 'unmapped files untouched');
    assert.equal(files.get('README.md'), 'not a flow\n');
    assert.equal(fake.pulls.length, 1);
    const [pull] = fake.pulls;
    assert.equal(pull!.base.ref, 'main');
    assert.equal(pull!.head.ref, 'studio-sync/prod');
    assert.ok(pull!.body.startsWith('<!-- studio-flow-ci:sync:prod -->\n'));
    assert.deepEqual(
      pull!.labels.map((l) => l.name),
      ['studio-sync'],
    );
    assert.equal(first.io.outputs['sync-pr-url'], pull!.html_url);
    assert.deepEqual(JSON.parse(first.io.outputs['drifted']!), ['flows/main.json']);
    const refWrites = fake.writes().filter((w) => w.path.includes('/git/refs'));
    assert.equal(refWrites.length, 1, 'the ref moved once');

    fake.requests.length = 0;
    const again = sync(edited());
    assert.equal((await again.promise).failure, undefined);
    assert.deepEqual(
      fake.writes().map((w) => `${w.method} ${w.path}`),
      [],
    );
    assert.equal(again.io.outputs['sync-pr-url'], pull!.html_url);
  });

  it('a newer Console edit force-updates the branch and the PR body; nothing differing closes it, then writes nothing', async () => {
    await sync(edited()).promise;
    const first = fake.refs.get(BRANCH);
    const newer = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Second edit' })]);
    await sync(newer).promise;
    assert.notEqual(fake.refs.get(BRANCH), first);
    assert.equal(fake.pulls.length, 1, 'still one PR');
    assert.match(fake.pulls[0]!.body, /Second edit/);

    fake.requests.length = 0;
    const closing = sync(same());
    await closing.promise;
    assert.equal(fake.pulls[0]!.state, 'closed');
    assert.deepEqual(
      fake.writes().map((w) => w.method),
      ['PATCH'],
    );
    assert.ok(closing.io.logs.some((l) => /Closed sync pull request #\d+/.test(l)));
    assert.equal(closing.io.outputs['sync-pr-url'], '');
    fake.requests.length = 0;
    await sync(same()).promise;
    assert.deepEqual(fake.writes(), []);
  });

  it('a sync PR closed without merging is not opened again for the same Studio state; a newer edit opens one', async () => {
    await sync(edited()).promise;
    fake.pulls[0]!.state = 'closed'; // declined by a reviewer
    fake.requests.length = 0;
    const quiet = sync(edited());
    assert.equal((await quiet.promise).failure, undefined);
    assert.deepEqual(fake.writes(), []);
    assert.ok(quiet.io.logs.some((l) => /#100 for this same Studio state was closed without merging/.test(l)));
    assert.equal(quiet.io.outputs['sync-pr-url'], '');
    const newer = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Third edit' })]);
    await sync(newer).promise;
    assert.equal(fake.pulls.length, 2);
    assert.equal(fake.pulls[1]!.state, 'open');
  });

  it('a merged sync PR is history: the next drift opens a new one', async () => {
    await sync(edited()).promise;
    Object.assign(fake.pulls[0]!, { state: 'closed', merged_at: '2026-11-30T10:00:00Z' });
    await sync(edited()).promise;
    assert.equal(fake.pulls.length, 2);
  });

  it('never adopts a PR someone else opened on the sync branch, and writes nothing', async () => {
    fake.refs.set(BRANCH, RUN_SHA);
    fake.pulls.push({
      number: 7,
      title: 'mine',
      body: '<!-- studio-flow-ci:sync:prod -->\n',
      state: 'open',
      head: { ref: 'studio-sync/prod', label: 'Codertocat:studio-sync/prod', sha: RUN_SHA },
      base: { ref: 'main' },
      user: { login: 'mallory', type: 'User' },
      labels: [],
      html_url: 'https://github.com/Codertocat/Hello-World/pull/7',
      merged_at: null,
    });
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) => e instanceof UserError && /#7 .*opened by mallory.*never takes over/.test(e.message),
    );
    assert.deepEqual(fake.writes(), []);
    assert.equal(fake.refs.get(BRANCH), RUN_SHA);
  });

  it("reads every page of the PRs on the branch: someone else's on page 2 still stops the run", async () => {
    fake.refs.set(BRANCH, RUN_SHA);
    const pr = (number: number, login: string, type: string) => ({
      number,
      title: 't',
      body: '',
      state: 'open' as const,
      head: { ref: 'studio-sync/prod', label: 'Codertocat:studio-sync/prod', sha: RUN_SHA },
      base: { ref: 'main' },
      user: { login, type },
      labels: [],
      html_url: `https://github.com/Codertocat/Hello-World/pull/${number}`,
      merged_at: null,
    });
    for (let n = 1; n <= 100; n++) fake.pulls.push(pr(n, 'github-actions[bot]', 'Bot'));
    fake.pulls.push(pr(101, 'mallory', 'User'));
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) => e instanceof UserError && /#101 .*mallory/.test(e.message),
    );
    assert.ok(fake.requests.some((r) => r.path.endsWith('/pulls') && r.query['page'] === '2'));
    assert.deepEqual(fake.writes(), []);
  });

  it('never force-updates a branch whose head is not a sync commit', async () => {
    fake.refs.set(BRANCH, RUN_SHA);
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) =>
        e instanceof UserError && /'studio-sync\/prod' exists .*not made by studio-flow-ci/.test(e.message),
    );
    assert.deepEqual(fake.writes(), []);
  });

  it("missing 'contents: write' is named, and the branch is not created", async () => {
    fake.missingPermissions.add('contents');
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) =>
        e instanceof UserError && /'contents: write'/.test(e.message) && /flows\/main\.json/.test(e.message),
    );
    assert.equal(fake.refs.get(BRANCH), undefined);
    assert.equal(fake.pulls.length, 0);
  });

  it("missing 'pull-requests: write' is named (and the repository setting for Actions)", async () => {
    fake.missingPermissions.add('pull-requests');
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) =>
        e instanceof UserError &&
        /'pull-requests: write'/.test(e.message) &&
        /Allow GitHub Actions to create/.test(e.message),
    );
  });

  it('a sync branch protected against the token is named; the ref never moves', async () => {
    fake.protectedBranches.add('studio-sync/prod');
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) => e instanceof UserError && /'studio-sync\/prod' .*protected/.test(e.message),
    );
    assert.equal(fake.refs.get(BRANCH), undefined);
    assert.equal(fake.pulls.length, 0);
  });

  it('sync-pr: false writes nothing, lists the drifted files, and fails only with fail-on-drift', async () => {
    const report = sync(edited(), { 'sync-pr': 'false' });
    const outcome = await report.promise;
    assert.equal(outcome.failure, undefined);
    assert.deepEqual(fake.writes(), []);
    assert.deepEqual(JSON.parse(report.io.outputs['drifted']!), ['flows/main.json']);
    assert.equal(report.io.outputs['sync-pr-url'], '');
    assert.match(report.io.summaries.join(''), /Studio drift in environment `prod`: 1 flow differs from git/);
    const failing = await sync(edited(), { 'sync-pr': 'false', 'fail-on-drift': 'true' }).promise;
    assert.match(failing.failure ?? '', /1 flow differ from git \(fail-on-drift: true\): flows\/main\.json/);
    const clean = await sync(same(), { 'sync-pr': 'false', 'fail-on-drift': 'true' }).promise;
    assert.equal(clean.failure, undefined);
    assert.deepEqual(fake.writes(), []);
  });

  it('every write passes the egress gate: a credential in a flow name never reaches the PR or the commit', async () => {
    const plan = edited();
    plan.files[0]!.friendlyName = 'IVR gate-s3cr3t-value-0123456789';
    await sync(plan).promise;
    const sent = JSON.stringify(fake.writes().map((w) => w.body));
    assert.ok(!sent.includes('gate-s3cr3t-value-0123456789'));
    assert.ok(fake.pulls[0]!.body.includes(`IVR ${REDACTED}`), 'the PR body went through the gate');
    const commit = fake.commits.get(fake.refs.get(BRANCH)!)!;
    assert.match(commit.message, /\[redacted\]/);
  });

  it('a plan error, or a live flow holding a credential of the run, stops before any write', async () => {
    const bad = edited();
    bad.problems.push({ path: 'flows/a.json', message: 'two files map one flow', fix: 'Keep one.', level: 'error' });
    const stopped = await sync(bad).promise;
    assert.match(
      stopped.failure ?? '',
      /^Sync stopped before writing anything: flows\/a\.json: two files map one flow\. Keep one\./,
    );
    const leaking = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'token s3cr3t-token' })]);
    const refused = await sync(leaking).promise;
    assert.match(refused.failure ?? '', /flows\/main\.json: the live flow "Main IVR" holds a credential of this run/);
    assert.deepEqual(fake.writes(), []);
  });
});
