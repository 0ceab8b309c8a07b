/** The compare lookup against the fake GitHub: one call per distinct commit, 404 and errors said apart. */
import { after, before, test } from 'node:test';
import { createAncestryLookup } from '../../src/github/ancestry.ts';
import { createGitHub } from '../../src/github/client.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

const repo = { owner: 'Codertocat', repo: 'Hello-World' };
const SHA = 'c'.repeat(40);
const OLD = 'a'.repeat(40);
const NEWER = 'b'.repeat(40);
let fake: FakeGitHub;
before(async () => (fake = await startFakeGitHub({ token: 'ghs_ancestry' })));
after(() => fake.close());

test('ahead, behind, diverged, 404 and the deployed commit itself', async (t) => {
  const gh = createGitHub({ token: 'ghs_ancestry', baseUrl: fake.url });
  fake.compareStatus.set(`${OLD}...${SHA}`, 'ahead');
  fake.compareStatus.set(`${NEWER}...${SHA}`, 'behind');
  fake.requests.length = 0;
  const lookup = createAncestryLookup(gh, repo, SHA);
  t.assert.deepEqual(await lookup(OLD), { kind: 'ahead' });
  t.assert.deepEqual(await lookup(OLD), { kind: 'ahead' });
  t.assert.deepEqual(await lookup(NEWER), { kind: 'behind' });
  t.assert.deepEqual(await lookup('d'.repeat(40)), { kind: 'not-found' });
  t.assert.deepEqual(await lookup(SHA), { kind: 'identical' });
  t.assert.deepEqual(
    fake.requests.map((r) => r.path),
    [
      `/repos/Codertocat/Hello-World/compare/${OLD}...${SHA}`,
      `/repos/Codertocat/Hello-World/compare/${NEWER}...${SHA}`,
      `/repos/Codertocat/Hello-World/compare/${'d'.repeat(40)}...${SHA}`,
    ],
  );
});

test('no token: GitHub is not asked; a refused token is an error, not a verdict', async (t) => {
  t.assert.deepEqual(await createAncestryLookup(undefined, repo, SHA)(OLD), { kind: 'no-token' });
  const bad = createGitHub({ token: 'ghs_wrong', baseUrl: fake.url });
  const answer = await createAncestryLookup(bad, repo, SHA)(OLD);
  t.assert.equal(answer.kind, 'error');
  t.assert.match((answer as { detail: string }).detail, /^GitHub answered 401/);
});
