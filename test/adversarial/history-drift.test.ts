/** Adversarial: never go backwards (point 5) and drift (point 6). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';
import {
  addRev,
  BEFORE,
  definition,
  freshStudio,
  h,
  inputs,
  json,
  pullRequest,
  push,
  says,
  seed,
  SHA,
  startAll,
  stopAll,
} from './kit.ts';

before(startAll);
beforeEach(async () => {
  await freshStudio();
  h.github.compareStatus.clear();
});
after(stopAll);

const SHA1 = '1111111111111111111111111111111111111111';
const SHA2 = '2222222222222222222222222222222222222222';
const NEWER = '3333333333333333333333333333333333333333';

describe('drift', () => {
  test('a Console edit restored by an on-failure rollback is still drift on the next deploy (on-drift: fail)', async () => {
    const a = seed('A flow', 'a1');
    addRev(a, 'A flow', 'console edit', 'published', null);
    const b = seed('B flow', 'b1');
    const files = (t: string) => ({
      'flows/a.json': json({ friendly_name: 'A flow', definition: definition(`a ${t}`) }),
      'flows/b.json': json({ friendly_name: 'B flow', definition: definition(`b ${t}`) }),
    });
    h.studio.fault = (r) =>
      r.method === 'POST' && r.path === `/v2/Flows/${b}` ? { status: 400, code: 12345, message: 'refused' } : undefined;
    const first = await push(
      files('one'),
      { deploy: 'all', 'on-drift': 'overwrite', 'on-failure': 'rollback' },
      undefined,
      SHA1,
    );
    h.studio.fault = undefined;
    assert.equal(first.code, 1);
    assert.deepEqual(says(a).at(-1)!.slice(2), ['console edit'], 'the rollback restored the Console edit');
    h.github.compareStatus.set(`${SHA1}...${SHA2}`, 'ahead');
    const second = await push(files('two'), { deploy: 'all' }, undefined, SHA2);
    assert.equal(
      second.code,
      1,
      `the Console edit was silently overwritten; store ${JSON.stringify(says(a))}\n${second.stdout
        .split('\n')
        .filter((l) => /^::/.test(l))
        .join('\n')}`,
    );
  });

  test('a PR changing only a config variable does not report the live flow (ours, resolved with the OLD value) as drifted', async () => {
    const cfg = (site: string) =>
      `environments:\n  staging:\n    variables:\n      SITE: ${site}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { friendly_name: Notify (staging) }\n`;
    seed('Notify (staging)', 'Alert from old');
    const head = {
      'flows/notify.json': json(definition('Alert from ${var.SITE}')),
      '.github/studio-flow-ci.yml': cfg('new'),
    };
    const base = {
      'flows/notify.json': json(definition('Alert from ${var.SITE}')),
      '.github/studio-flow-ci.yml': cfg('old'),
    };
    const run = await pullRequest(head, [{ filename: '.github/studio-flow-ci.yml', status: 'modified' }], base, {
      environment: 'staging',
    });
    const results = JSON.parse(run.outputs.results ?? '[]');
    const notify = results.find((r: any) => r.path === 'flows/notify.json');
    assert.ok(notify, `notify.json checked: ${run.outputs.results}`);
    assert.equal(notify.drift, false, `${run.outputs.results}\n${h.github.comments.get(9)?.[0]?.body?.slice(0, 1500)}`);
  });

  test('a PR changing the flow AND the variable: drift false when live is the base resolved with the base value', async () => {
    const cfg = (site: string) =>
      `environments:\n  staging:\n    variables:\n      SITE: ${site}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { friendly_name: Notify (staging) }\n`;
    seed('Notify (staging)', 'Alert from old');
    const head = {
      'flows/notify.json': json(definition('Warning from ${var.SITE}')),
      '.github/studio-flow-ci.yml': cfg('new'),
    };
    const base = {
      'flows/notify.json': json(definition('Alert from ${var.SITE}')),
      '.github/studio-flow-ci.yml': cfg('old'),
    };
    const run = await pullRequest(
      head,
      [
        { filename: '.github/studio-flow-ci.yml', status: 'modified' },
        { filename: 'flows/notify.json', status: 'modified' },
      ],
      base,
      { environment: 'staging' },
    );
    const notify = JSON.parse(run.outputs.results ?? '[]').find((r: any) => r.path === 'flows/notify.json');
    assert.equal(notify?.drift, false, run.outputs.results);
  });
});

describe('never go backwards', () => {
  test('a live commit message holding a SHA of another repository (compare 404) is drift: refused, nothing written', async () => {
    const sid = seed(
      'Survey',
      'live',
      'published',
      'Deployed by other/repo at 9999999999999999999999999999999999999999',
    );
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('mine') }) },
      { deploy: 'all' },
    );
    assert.equal(run.code, 1, run.stdout);
    assert.equal(says(sid).length, 1);
  });

  test('a release deploy of an older commit after a newer push deploy is refused', async () => {
    const sid = seed('Survey', 'newer', 'published', NEWER);
    h.github.compareStatus.set(`${NEWER}...${SHA}`, 'behind');
    const run = await runAction({
      workspace: await makeWorkspace({
        'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('older') }),
      }),
      eventName: 'release',
      eventPath: await writeEvent({
        action: 'published',
        release: { id: 5, tag_name: 'v1.0.0', body: '', draft: false, prerelease: false },
        repository: {
          id: 1,
          name: 'Hello-World',
          full_name: 'Codertocat/Hello-World',
          default_branch: 'master',
          owner: { login: 'Codertocat' },
        },
      }),
      apiUrl: h.github.url,
      env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/tags/v1.0.0' },
      inputs: inputs({ deploy: 'all' }),
    });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(says(sid).length, 1);
    assert.match(run.stdout, /backwards/);
  });

  test('a DRAFT deploy written by a newer commit is not overwritten by an older push (status: draft)', async () => {
    const sid = seed('Survey', 'published base', 'published', BEFORE);
    addRev(sid, 'Survey', 'newer draft', 'draft', NEWER);
    h.github.compareStatus.set(`${NEWER}...${SHA}`, 'behind');
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('older') }) },
      { deploy: 'all', status: 'draft' },
    );
    assert.equal(run.code, 1, run.stdout);
    assert.equal(says(sid).length, 2, JSON.stringify(says(sid)));
  });
});

describe('never go backwards behind a Console draft', () => {
  test('published revision from a NEWER commit, a Console draft on top, on-drift: overwrite: an older push is still refused', async () => {
    const sid = seed('Survey', 'newer text', 'published', NEWER);
    addRev(sid, 'Survey', 'console wip', 'draft', null);
    h.github.compareStatus.set(`${NEWER}...${SHA}`, 'behind');
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('older text') }) },
      { deploy: 'all', 'on-drift': 'overwrite' },
    );
    assert.equal(run.code, 1, `older definition written over the newer one: ${JSON.stringify(says(sid))}`);
    assert.equal(says(sid).length, 2);
  });

  test('a published Console edit on top of a NEWER deploy, on-drift: overwrite: an older push does not put the older definition live', async () => {
    // r1 ours (NEWER) on flow X; a human Console edit on top (r2, on-drift overwrite in use): older push must still not go behind NEWER.
    const sid = seed('Survey', 'newer text', 'published', NEWER);
    addRev(sid, 'Survey', 'console fix', 'published', 'hotfix in console');
    h.github.compareStatus.set(`${NEWER}...${SHA}`, 'behind');
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('older text') }) },
      { deploy: 'all', 'on-drift': 'overwrite' },
    );
    const latest = says(sid).at(-1);
    assert.notDeepEqual(
      latest?.[2],
      'older text',
      `older commit's definition is live: ${JSON.stringify(says(sid))}; code ${run.code}`,
    );
  });
});
