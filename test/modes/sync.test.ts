/**
 * Sync mode against the fake GitHub (a real HTTP server) with plans built by hand: one commit, one PR,
 * no write at all on a re-run, updated on a newer edit, closed when nothing differs, declined ones left closed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filesAt } from '../support/fake-git-data.ts';
import { sampleDefinition } from '../support/sample-flows.ts';
import { BRANCH, edited, same, useSyncGitHub } from '../support/sync-github.ts';
import { fileText, planOf, RUN_SHA, syncFile } from '../support/sync-kit.ts';

const { fake, sync } = useSyncGitHub();

describe('sync mode on GitHub', () => {
  it('commits the changed file once on the run commit, opens one labelled PR, and a re-run writes nothing', async () => {
    const first = sync(edited());
    const outcome = await first.promise;
    assert.equal(outcome.failure, undefined);
    const head = fake().refs.get(BRANCH)!;
    assert.ok(head, 'the sync branch exists');
    assert.deepEqual(fake().commits.get(head)!.parents, [RUN_SHA]);
    const files = filesAt(fake(), head);
    assert.equal(files.get('flows/main.json'), fileText(sampleDefinition('Hello from the Console')));
    assert.equal(files.get('flows/other.json'), fileText(sampleDefinition('Other')), 'unmapped files untouched');
    assert.equal(files.get('README.md'), 'not a flow\n');
    assert.equal(fake().pulls.length, 1);
    const [pull] = fake().pulls;
    assert.equal(pull!.base.ref, 'main');
    assert.equal(pull!.head.ref, 'studio-sync/prod');
    assert.ok(pull!.body.startsWith('<!-- studio-flow-ci:sync:prod -->\n'));
    assert.deepEqual(
      pull!.labels.map((l) => l.name),
      ['studio-sync'],
    );
    assert.equal(first.io.outputs['sync-pr-url'], pull!.html_url);
    assert.deepEqual(JSON.parse(first.io.outputs['drifted']!), ['flows/main.json']);
    const refWrites = fake()
      .writes()
      .filter((w) => w.path.includes('/git/refs'));
    assert.equal(refWrites.length, 1, 'the ref moved once');

    fake().requests.length = 0;
    const again = sync(edited());
    assert.equal((await again.promise).failure, undefined);
    assert.deepEqual(
      fake()
        .writes()
        .map((w) => `${w.method} ${w.path}`),
      [],
    );
    assert.equal(again.io.outputs['sync-pr-url'], pull!.html_url);
  });

  it('a newer Console edit force-updates the branch and the PR body; nothing differing closes it, then writes nothing', async () => {
    await sync(edited()).promise;
    const first = fake().refs.get(BRANCH);
    const newer = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Second edit' })]);
    await sync(newer).promise;
    assert.notEqual(fake().refs.get(BRANCH), first);
    assert.equal(fake().pulls.length, 1, 'still one PR');
    assert.match(fake().pulls[0]!.body, /Second edit/);

    fake().requests.length = 0;
    const closing = sync(same());
    await closing.promise;
    assert.equal(fake().pulls[0]!.state, 'closed');
    assert.deepEqual(
      fake()
        .writes()
        .map((w) => w.method),
      ['PATCH'],
    );
    assert.ok(closing.io.logs.some((l) => /Closed sync pull request #\d+/.test(l)));
    assert.equal(closing.io.outputs['sync-pr-url'], '');
    fake().requests.length = 0;
    await sync(same()).promise;
    assert.deepEqual(fake().writes(), []);
  });

  it('a sync PR closed without merging is not opened again for the same Studio state; a newer edit opens one', async () => {
    await sync(edited()).promise;
    fake().pulls[0]!.state = 'closed'; // declined by a reviewer
    fake().requests.length = 0;
    const quiet = sync(edited());
    assert.equal((await quiet.promise).failure, undefined);
    assert.deepEqual(fake().writes(), []);
    assert.ok(quiet.io.logs.some((l) => /#100 for this same Studio state was closed without merging/.test(l)));
    assert.equal(quiet.io.outputs['sync-pr-url'], '');
    const newer = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Third edit' })]);
    await sync(newer).promise;
    assert.equal(fake().pulls.length, 2);
    assert.equal(fake().pulls[1]!.state, 'open');
  });

  it('a merged sync PR is history: the next drift opens a new one', async () => {
    await sync(edited()).promise;
    Object.assign(fake().pulls[0]!, { state: 'closed', merged_at: '2026-11-30T10:00:00Z' });
    await sync(edited()).promise;
    assert.equal(fake().pulls.length, 2);
  });

  it('sync-pr: false writes nothing, lists the drifted files, and fails only with fail-on-drift', async () => {
    const report = sync(edited(), { 'sync-pr': 'false' });
    const outcome = await report.promise;
    assert.equal(outcome.failure, undefined);
    assert.deepEqual(fake().writes(), []);
    assert.deepEqual(JSON.parse(report.io.outputs['drifted']!), ['flows/main.json']);
    assert.equal(report.io.outputs['sync-pr-url'], '');
    assert.match(report.io.summaries.join(''), /Studio drift in environment `prod`: 1 flow differs from git/);
    const failing = await sync(edited(), { 'sync-pr': 'false', 'fail-on-drift': 'true' }).promise;
    assert.match(failing.failure ?? '', /1 flow differ from git \(fail-on-drift: true\): flows\/main\.json/);
    const clean = await sync(same(), { 'sync-pr': 'false', 'fail-on-drift': 'true' }).promise;
    assert.equal(clean.failure, undefined);
    assert.deepEqual(fake().writes(), []);
  });
});
