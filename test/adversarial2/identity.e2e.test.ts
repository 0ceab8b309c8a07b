/** Issue 11 point 3 end to end: with a PAT acting as "octo-dev", the comment of the Bot "octo-dev[bot]" is not ours. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { file, openPR, startKit, type Kit } from './kit.ts';

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.close();
});

test("a PAT run edits or deletes no comment of the Bot account '<user>[bot]'", async () => {
  kit.github.viewer = { login: 'octo-dev', type: 'User' };
  const number = 501; // openPR's next number
  const theirs = {
    id: 77,
    body: '<!-- studio-flow-ci:check -->\nsigned off by the release app',
    html_url: 'https://x/77',
    user: { login: 'octo-dev[bot]', type: 'Bot' },
  };
  const original = theirs.body;
  kit.github.comments.set(number, [{ ...theirs, user: { ...theirs.user } }]);
  const run = await openPR(kit, { 'flows/a.json': file('A', 'hi') });
  assert.equal(run.number, number);
  const after = kit.github.comments.get(number) ?? [];
  const still = after.find((c) => c.id === 77);
  assert.ok(
    still && still.body === original,
    `the Bot's comment was taken over: ${JSON.stringify(still?.body?.slice(0, 80))}`,
  );
});
