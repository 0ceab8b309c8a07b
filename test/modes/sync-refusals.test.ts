/**
 * Sync mode's refusals against the fake GitHub, each before a half-write: someone else's PR or branch, missing
 * permissions, a protected branch, plan errors, a run credential in a file; and every write through the gate.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { REDACTED } from '../../src/secrets/credentials.ts';
import { BRANCH, edited, GATED, useSyncGitHub } from '../support/sync-github.ts';
import { planOf, RUN_SHA, syncFile } from '../support/sync-kit.ts';

const { fake, sync } = useSyncGitHub();

describe('sync mode on GitHub: refusals', () => {
  it('never adopts a PR someone else opened on the sync branch, and writes nothing', async () => {
    fake().refs.set(BRANCH, RUN_SHA);
    fake().pulls.push({
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
    assert.deepEqual(fake().writes(), []);
    assert.equal(fake().refs.get(BRANCH), RUN_SHA);
  });

  it("reads every page of the PRs on the branch: someone else's on page 2 still stops the run", async () => {
    fake().refs.set(BRANCH, RUN_SHA);
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
    for (let n = 1; n <= 100; n++) fake().pulls.push(pr(n, 'github-actions[bot]', 'Bot'));
    fake().pulls.push(pr(101, 'mallory', 'User'));
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) => e instanceof UserError && /#101 .*mallory/.test(e.message),
    );
    assert.ok(fake().requests.some((r) => r.path.endsWith('/pulls') && r.query['page'] === '2'));
    assert.deepEqual(fake().writes(), []);
  });

  it('never force-updates a branch whose head is not a sync commit', async () => {
    fake().refs.set(BRANCH, RUN_SHA);
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) =>
        e instanceof UserError && /'studio-sync\/prod' exists .*not made by studio-flow-ci/.test(e.message),
    );
    assert.deepEqual(fake().writes(), []);
  });

  it("missing 'contents: write' is named, and the branch is not created", async () => {
    fake().missingPermissions.add('contents');
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) =>
        e instanceof UserError && /'contents: write'/.test(e.message) && /flows\/main\.json/.test(e.message),
    );
    assert.equal(fake().refs.get(BRANCH), undefined);
    assert.equal(fake().pulls.length, 0);
  });

  it("missing 'pull-requests: write' is named (and the repository setting for Actions)", async () => {
    fake().missingPermissions.add('pull-requests');
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) =>
        e instanceof UserError &&
        /'pull-requests: write'/.test(e.message) &&
        /Allow GitHub Actions to create/.test(e.message),
    );
  });

  it('a sync branch protected against the token is named; the ref never moves', async () => {
    fake().protectedBranches.add('studio-sync/prod');
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) => e instanceof UserError && /'studio-sync\/prod' .*protected/.test(e.message),
    );
    assert.equal(fake().refs.get(BRANCH), undefined);
    assert.equal(fake().pulls.length, 0);
  });

  it('every write passes the egress gate: a credential in a flow name never reaches the PR or the commit', async () => {
    const plan = edited();
    plan.files[0]!.friendlyName = `IVR ${GATED}`;
    await sync(plan).promise;
    const sent = JSON.stringify(
      fake()
        .writes()
        .map((w) => w.body),
    );
    assert.ok(!sent.includes(GATED));
    assert.ok(fake().pulls[0]!.body.includes(`IVR ${REDACTED}`), 'the PR body went through the gate');
    const commit = fake().commits.get(fake().refs.get(BRANCH)!)!;
    assert.match(commit.message, /\[redacted\]/);
  });

  it('a plan error, or a live flow holding a credential of the run, stops before any write', async () => {
    const bad = edited();
    bad.problems.push({ path: 'flows/a.json', message: 'two files map one flow', fix: 'Keep one.', level: 'error' });
    const run = sync(bad);
    const stopped = await run.promise;
    assert.match(
      stopped.failure ?? '',
      /^Sync stopped before writing anything: flows\/a\.json: two files map one flow\. Keep one\./,
    );
    assert.match(run.io.summaries.join(''), /- ❌ `flows\/a\.json`: two files map one flow — \*Fix:\* Keep one\./);
    assert.match(run.io.summaries.join(''), /Nothing was written: the sync has errors/);
    const many = edited();
    for (let i = 0; i < 30; i++)
      many.problems.push({ flow: `F${i}`, message: 'missing SID', fix: 'Fix the config.', level: 'error' });
    const capped = sync(many);
    const failure = (await capped.promise).failure ?? '';
    assert.equal(failure.match(/missing SID/g)?.length, 10);
    assert.match(failure, /… and 20 more in the job summary\.$/);
    assert.equal(capped.io.summaries.join('').match(/missing SID/g)?.length, 30);
    assert.equal(capped.io.warnings.filter((w) => w.startsWith('error:')).length, 10, 'at most 10 annotations');
    const leaking = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'token s3cr3t-token' })]);
    const refused = await sync(leaking).promise;
    assert.match(refused.failure ?? '', /flows\/main\.json: the live flow "Main IVR" holds a credential of this run/);
    assert.deepEqual(fake().writes(), []);
  });
});
