/** Adversarial: reports (issue 10, points 4 and 7): markup names, release notes edited in between. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';
import { definition, freshStudio, h, inputs, json, push, seed, SHA, startAll, stopAll } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

const REPOSITORY = {
  id: 186853002,
  name: 'Hello-World',
  full_name: 'Codertocat/Hello-World',
  default_branch: 'master',
  owner: { login: 'Codertocat' },
};
async function release(files: Record<string, string>, body: string, extra: Record<string, string> = {}) {
  return runAction({
    workspace: await makeWorkspace(files),
    eventName: 'release',
    eventPath: await writeEvent({
      action: 'published',
      release: { id: 88, tag_name: 'v3.0.0', body, draft: false, prerelease: false },
      repository: REPOSITORY,
    }),
    apiUrl: h.github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/tags/v3.0.0' },
    inputs: inputs({ deploy: 'all', 'allow-create': 'true', ...extra }),
  });
}
const count = (text: string, what: string) => text.split(what).length - 1;

describe('release notes', () => {
  test("a flow name holding our END marker cannot cut this environment's section short on the next run", async () => {
    const name = 'Evil <!-- /studio-flow-ci:deploy:staging --> tail';
    const config = `environments:\n  staging: {}\nflows:\n  - path: flows/a.json\n    environments:\n      staging: { friendly_name: "${name}" }\n`;
    h.github.releases.set(88, { id: 88, tag_name: 'v3.0.0', body: 'Human notes.' });
    const files = {
      'flows/a.json': json({ friendly_name: 'A', definition: definition('one') }),
      '.github/studio-flow-ci.yml': config,
    };
    const first = await release(files, 'Human notes.', { environment: 'staging' });
    assert.equal(first.code, 0, first.stdout);
    const second = await release(
      { ...files, 'flows/a.json': json({ friendly_name: 'A', definition: definition('two') }) },
      h.github.releases.get(88)!.body,
      { environment: 'staging' },
    );
    assert.equal(second.code, 0, second.stdout);
    const notes = h.github.releases.get(88)!.body;
    assert.equal(count(notes, '<!-- studio-flow-ci:deploy:staging -->'), 1, notes);
    assert.equal(count(notes, '<!-- /studio-flow-ci:deploy:staging -->'), 1, notes);
  });

  test("a human's text after our section survives when the human also deleted our end marker", async () => {
    h.github.releases.set(88, { id: 88, tag_name: 'v3.0.0', body: 'Human notes.' });
    const files = { 'flows/a.json': json({ friendly_name: 'A', definition: definition('one') }) };
    const first = await release(files, 'Human notes.');
    assert.equal(first.code, 0, first.stdout);
    const edited =
      h.github.releases.get(88)!.body.replace('<!-- /studio-flow-ci:deploy -->', '') +
      '\n\n## Upgrade steps (human)\nRun the migration first.';
    h.github.releases.get(88)!.body = edited;
    const second = await release(
      { 'flows/a.json': json({ friendly_name: 'A', definition: definition('two') }) },
      edited,
    );
    assert.equal(second.code, 0, second.stdout);
    const notes = h.github.releases.get(88)!.body;
    assert.match(notes, /Run the migration first\./, `human text lost:\n${notes}`);
  });
});

describe('markup in names (summary and merged-PR comment)', () => {
  test('a name with HTML, a details-breakout and a mention is inert everywhere', async () => {
    const name = '</code></summary></details><img src=x onerror=alert(1)> @everyone | `x` [y](https://evil)';
    seed(name, 'old');
    h.github.commitPulls.set(SHA, [{ number: 77, merged_at: '2026-11-23T08:00:00Z' }]);
    h.github.comments.set(77, []);
    const run = await push(
      { 'flows/a.json': json({ friendly_name: name, definition: definition('new') }) },
      { deploy: 'all' },
    );
    assert.equal(run.code, 0, run.stdout);
    const comment = h.github.comments.get(77)?.[0]?.body ?? '';
    assert.ok(comment.length > 100, 'a comment was posted');
    assert.ok(run.summary.includes('onerror'), 'summary shows the name');
    for (const [where, text] of [
      ['summary', run.summary],
      ['comment', comment],
    ] as const) {
      assert.ok(!text.includes('<img'), `${where} has raw <img`);
      assert.ok(!text.includes('</details><img'), `${where} breaks out of details`);
      assert.ok(
        !/(^|[^`])@everyone/.test(text) || text.includes('@&#8203;everyone') || text.includes('`@everyone'),
        `${where} pings @everyone:\n${text.slice(0, 2000)}`,
      );
    }
  });
});
