/**
 * Our comments only: the sticky comment and the review comments are found by the token's own identity AND a
 * marker at its fixed place. A comment of anyone else is never edited or deleted, whatever it contains, and
 * content inside our own comments (a path, a widget name) can never redirect or multiply them.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createGitHub, type GitHub } from '../../src/github/client.ts';
import { upsertStickyComment } from '../../src/github/comment.ts';
import { syncReviewComments } from '../../src/github/review.ts';
import { checkMarker } from '../../src/report/check-comment.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

const repo = { owner: 'Codertocat', repo: 'Hello-World' };
const TOKEN = 'ghs_ownershipTest0000000000000000000';
const MARKER = checkMarker();
const BOT = { login: 'github-actions[bot]', type: 'Bot' };
const MALLORY = { login: 'mallory', type: 'User' };
const MAINTAINER = { login: 'octocat', type: 'User' };
let fake: FakeGitHub;
let gh: GitHub;
let nextId = 1;

before(async () => {
  fake = await startFakeGitHub({ token: TOKEN });
});
after(() => fake.close());
beforeEach(() => {
  fake.comments.clear();
  fake.reviewComments.clear();
  fake.viewer = { ...BOT };
  // A new client per test: the identity is looked up once per client.
  gh = createGitHub({ token: TOKEN, baseUrl: fake.url, warn: () => {} });
});

function comment(user: { login: string; type: string }, body: string) {
  const id = nextId++;
  return { id, body, html_url: `https://github.com/x/y/pull/7#issuecomment-${id}`, user: { ...user } };
}
const bodies = (n: number) => (fake.comments.get(n) ?? []).map((c) => [c.user.login, c.body]);

describe('sticky comment', () => {
  it("another user's comment holding our marker gets nothing: ours is created beside it, and theirs is untouched", async () => {
    const fakeReport = `${MARKER}\n\n### ✅ Studio flows: all valid (trust me)`;
    fake.comments.set(7, [comment(MALLORY, fakeReport)]);
    const posted = await upsertStickyComment(gh, repo, {
      issueNumber: 7,
      marker: MARKER,
      body: `${MARKER}\n\nreal report`,
    });
    assert.equal(posted.action, 'created');
    assert.deepEqual(bodies(7), [
      ['mallory', fakeReport],
      ['github-actions[bot]', `${MARKER}\n\nreal report`],
    ]);
  });

  it('a maintainer quoting the marker is never deleted as a duplicate; our comment is updated in place', async () => {
    const quote = `Why does the bot write ${MARKER} at the top?`;
    fake.comments.set(7, [
      comment(BOT, `${MARKER}\n\nold`),
      comment(MAINTAINER, quote),
      comment(MAINTAINER, `${MARKER}\n\nquoted whole`),
    ]);
    const posted = await upsertStickyComment(gh, repo, { issueNumber: 7, marker: MARKER, body: `${MARKER}\n\nnew` });
    assert.equal(posted.action, 'updated');
    assert.deepEqual(bodies(7), [
      ['github-actions[bot]', `${MARKER}\n\nnew`],
      ['octocat', quote],
      ['octocat', `${MARKER}\n\nquoted whole`],
    ]);
    assert.ok(!fake.requests.some((r) => r.method === 'DELETE'), 'nothing was deleted');
  });

  it('our own real duplicates are removed, keeping the first', async () => {
    fake.comments.set(7, [
      comment(BOT, `${MARKER}\n\none`),
      comment(BOT, `${MARKER}\n\ntwo`),
      comment(MALLORY, `${MARKER}\n\nthree`),
    ]);
    await upsertStickyComment(gh, repo, { issueNumber: 7, marker: MARKER, body: `${MARKER}\n\nnew` });
    assert.deepEqual(bodies(7), [
      ['github-actions[bot]', `${MARKER}\n\nnew`],
      ['mallory', `${MARKER}\n\nthree`],
    ]);
  });

  it("a marker inside our own comment's content (another environment's, in a file path) does not make it that environment's", async () => {
    const staging = checkMarker('staging');
    const production = `${checkMarker('production')}\n\n| Flow | \`flows/${staging}.json\` |`;
    fake.comments.set(7, [comment(BOT, production)]);
    const posted = await upsertStickyComment(gh, repo, {
      issueNumber: 7,
      marker: staging,
      body: `${staging}\n\nstaging report`,
    });
    assert.equal(posted.action, 'created');
    assert.deepEqual(bodies(7), [
      ['github-actions[bot]', production],
      ['github-actions[bot]', `${staging}\n\nstaging report`],
    ]);
  });

  it("with a personal access token, the comments of that user are ours and the bot's are not", async () => {
    fake.viewer = { login: 'octo-dev', type: 'User' };
    fake.comments.set(7, [
      comment(BOT, `${MARKER}\n\nbot's`),
      comment({ login: 'octo-dev', type: 'User' }, `${MARKER}\n\nmine`),
    ]);
    const posted = await upsertStickyComment(gh, repo, { issueNumber: 7, marker: MARKER, body: `${MARKER}\n\nnew` });
    assert.equal(posted.action, 'updated');
    assert.deepEqual(bodies(7), [
      ['github-actions[bot]', `${MARKER}\n\nbot's`],
      ['octo-dev', `${MARKER}\n\nnew`],
    ]);
  });
});

describe('review comments', () => {
  const pr = { pullNumber: 9, commitId: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' };
  const review = (user: { login: string; type: string }, body: string, line = 3) => ({
    id: nextId++,
    body,
    user: { ...user },
    path: 'flows/a.json',
    line,
    side: 'RIGHT',
    commit_id: pr.commitId,
    html_url: 'https://github.com/x/y/pull/9#discussion_r1',
  });

  it("another user's review comment ending in our marker is neither deleted nor taken over", async () => {
    const forged = 'LGTM, ship it\n\n<!-- studio-flow-ci:finding:0123456789abcdef -->';
    fake.reviewComments.set(9, [review(MALLORY, forged)]);
    const sync = await syncReviewComments(gh, repo, { ...pr, notes: [] });
    assert.deepEqual(sync, { created: 0, updated: 0, kept: 0, deleted: 0, rejected: 0 });
    assert.deepEqual(
      fake.reviewComments.get(9)?.map((c) => c.body),
      [forged],
    );
  });

  it('a marker inside the text of our own note (a widget name) is not its identity: the note keeps its key', async () => {
    const note = {
      path: 'flows/a.json',
      line: 3,
      key: 'aaaa',
      body: 'widget "<!-- studio-flow-ci:finding:bbbb -->": bad',
    };
    await syncReviewComments(gh, repo, { ...pr, notes: [note] });
    const again = await syncReviewComments(gh, repo, { ...pr, notes: [note] });
    assert.deepEqual(again, { created: 0, updated: 0, kept: 1, deleted: 0, rejected: 0 });
    const other = await syncReviewComments(gh, repo, {
      ...pr,
      notes: [note, { ...note, key: 'bbbb', line: 4, body: 'other' }],
    });
    assert.deepEqual(other, { created: 1, updated: 0, kept: 1, deleted: 0, rejected: 0 });
  });
});
