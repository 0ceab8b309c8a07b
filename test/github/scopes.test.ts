/**
 * One pull request or release, several environments: each environment keeps its own sticky comment,
 * review comments and release-notes table, and never overwrites or deletes another's.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createGitHub, type GitHub } from '../../src/github/client.ts';
import { syncReviewComments } from '../../src/github/review.ts';
import { appendToRelease } from '../../src/github/trace.ts';
import { checkMarker, CHECK_MARKER } from '../../src/report/check-comment.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

const repo = { owner: 'Codertocat', repo: 'Hello-World' };
let fake: FakeGitHub;
let gh: GitHub;

before(async () => {
  fake = await startFakeGitHub({ token: 'ghs_scopeTest' });
  gh = createGitHub({ token: 'ghs_scopeTest', baseUrl: fake.url, warn: () => {} });
});
after(() => fake.close());

test('each environment has its own check marker; none is a substring of another', (t) => {
  const markers = [checkMarker(), checkMarker('staging'), checkMarker('production'), checkMarker('prod')];
  t.assert.equal(markers[0], CHECK_MARKER);
  for (const a of markers) for (const b of markers) if (a !== b) assert.ok(!a.includes(b), `${a} contains ${b}`);
  t.assert.equal(checkMarker('a b<-->'), '<!-- studio-flow-ci:check:a_b_-_ -->');
});

test('review comments of one environment are kept when another environment syncs', async (t) => {
  const note = (line: number, key: string) => ({ path: 'flows/a.json', line, key, body: `problem ${key}` });
  const pr = { pullNumber: 11, commitId: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' };
  await syncReviewComments(gh, repo, { ...pr, notes: [note(3, 'aaaa')], scope: 'staging' });
  await syncReviewComments(gh, repo, { ...pr, notes: [note(5, 'bbbb')], scope: 'production' });
  const resync = await syncReviewComments(gh, repo, { ...pr, notes: [], scope: 'production' });
  t.assert.deepEqual(resync, { created: 0, updated: 0, kept: 0, deleted: 1, rejected: 0 });
  const left = (fake.reviewComments.get(11) ?? []).map((c) => [c.line, c.body]);
  t.assert.deepEqual(left, [[3, 'problem aaaa\n\n<!-- studio-flow-ci:finding:staging/aaaa -->']]);
  const unscoped = await syncReviewComments(gh, repo, { ...pr, notes: [] });
  t.assert.equal(unscoped.deleted, 0, 'a run without environment leaves the staging comment alone');
});

test('release notes keep one table per environment, replaced in place, the author text untouched', async (t) => {
  fake.releases.set(9, { id: 9, tag_name: 'v1.0.0', body: 'Release notes by a human.' });
  const body = () => fake.releases.get(9)!.body;
  await appendToRelease(gh, repo, { releaseId: 9, environment: 'staging' }, () => '| staging r1 |');
  await appendToRelease(gh, repo, { releaseId: 9, environment: 'production' }, () => '| production r1 |');
  await appendToRelease(gh, repo, { releaseId: 9, environment: 'staging' }, () => '| staging r2 |');
  t.assert.equal(
    body(),
    [
      'Release notes by a human.',
      '',
      '<!-- studio-flow-ci:deploy:staging -->\n| staging r2 |\n<!-- /studio-flow-ci:deploy:staging -->',
      '',
      '<!-- studio-flow-ci:deploy:production -->\n| production r1 |\n<!-- /studio-flow-ci:deploy:production -->',
      '',
    ].join('\n'),
  );
});
