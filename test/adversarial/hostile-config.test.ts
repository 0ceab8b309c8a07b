/** Adversarial: a hostile PR puts its payload in the CONFIG's friendly_name, not the flow file. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { definition, freshStudio, h, json, pullRequest, push, startAll, stopAll, writes } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

const cfg = (name: string) =>
  `environments:\n  staging: {}\nflows:\n  - path: flows/a.json\n    environments:\n      staging: { friendly_name: ${JSON.stringify(name)} }\n`;

test('a config friendly_name with a newline and a workflow command is an error, never a command or HTML', async () => {
  const evil = 'Evil\n::error::pwned <img src=x onerror=alert(1)>';
  const files = { 'flows/a.json': json(definition('hi')), '.github/studio-flow-ci.yml': cfg(evil) };
  const run = await pullRequest(
    files,
    [
      { filename: '.github/studio-flow-ci.yml', status: 'modified' },
      { filename: 'flows/a.json', status: 'added' },
    ],
    {},
    { environment: 'staging' },
  );
  assert.doesNotMatch(run.stdout, /^::error::pwned/m, 'workflow command injected');
  const comment = h.github.comments.get(9)?.[0]?.body ?? '';
  assert.ok(!comment.includes('<img'), 'raw HTML in the comment');
  assert.equal(
    run.code,
    1,
    `a name with a line break must be refused as it is for a file's own name; comment: ${comment.slice(0, 600)}`,
  );
});

test('a 100,000-character config friendly_name is refused before any write (files are capped at 200)', async () => {
  const files = { 'flows/a.json': json(definition('hi')), '.github/studio-flow-ci.yml': cfg('N'.repeat(100_000)) };
  const run = await push(files, { environment: 'staging', deploy: 'all', 'allow-create': 'true' });
  assert.equal(
    run.code,
    1,
    `code ${run.code}; deployed output ${String(run.outputs.deployed).length} chars, status ${JSON.parse(run.outputs.deployed ?? '[]')[0]?.status}; Studio names: ${h.studio.store
      .list()
      .map((f) => f.revisions.at(-1)!.friendlyName.length + ' chars')
      .join(', ')}`,
  );
  assert.deepEqual(writes(), []);
});

test('a push deploying a config friendly_name with a newline writes no such name to Studio and injects no command', async () => {
  const evil = 'Evil\n::error::pwned';
  const files = { 'flows/a.json': json(definition('hi')), '.github/studio-flow-ci.yml': cfg(evil) };
  const run = await push(files, { environment: 'staging', deploy: 'all', 'allow-create': 'true' });
  assert.doesNotMatch(run.stdout, /^::error::pwned/m, 'workflow command injected');
  const names = h.studio.store.list().map((f) => f.revisions.at(-1)!.friendlyName);
  assert.deepEqual(names, [], `Studio now holds ${JSON.stringify(names)}; code ${run.code}`);
});
