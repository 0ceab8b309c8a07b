/** Adversarial: draft-only flows, and renamed files (issue 10, "What to build" 1). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  addRev,
  BEFORE,
  definition,
  freshStudio,
  h,
  json,
  named,
  pullRequest,
  push,
  says,
  seed,
  startAll,
  stopAll,
  writes,
} from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

describe('draft-only flows', () => {
  test('a draft-only flow whose draft equals the file is PUBLISHED by a published deploy (not reported unchanged)', async () => {
    const sid = seed('Survey', 'same text', 'draft');
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('same text') }) },
      { deploy: 'all' },
    );
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    const store = says(sid);
    // Studio must hold a published revision: a draft-only flow serves no call.
    assert.ok(
      store.some(([, status]) => status === 'published'),
      `store: ${JSON.stringify(store)}; deployed: ${JSON.stringify(deployed)}; code ${run.code}`,
    );
  });

  test('on-failure rollback of a draft-only flow does not publish its old draft', async () => {
    const draftOnly = seed('A flow', 'draft text', 'draft');
    const other = seed('B flow', 'b live');
    h.studio.fault = (r) =>
      r.method === 'POST' && r.path === `/v2/Flows/${other}`
        ? { status: 400, code: 12345, message: 'refused for the test' }
        : undefined;
    const run = await push(
      {
        'flows/a.json': json({ friendly_name: 'A flow', definition: definition('a new') }),
        'flows/b.json': json({ friendly_name: 'B flow', definition: definition('b new') }),
      },
      { deploy: 'all', 'on-failure': 'rollback' },
    );
    h.studio.fault = undefined;
    const store = says(draftOnly);
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    // Before the run the flow had never been published; after a rolled-back run it must still not be.
    assert.ok(
      !store.some(([, status, text]) => status === 'published' && text === 'draft text'),
      `store: ${JSON.stringify(store)}; deployed: ${JSON.stringify(deployed)}`,
    );
  });
});

describe('renamed files', () => {
  test('a renamed file that also changes its friendly_name keeps its flow (no second flow, no orphan)', async () => {
    const sid = seed('Greeting', 'hello');
    // The old file, at the push's `before`, is what named the flow.
    h.github.contents.set(
      BEFORE,
      new Map([['flows/greeting.json', json({ friendly_name: 'Greeting', definition: definition('hello') })]]),
    );
    const files = { 'flows/welcome.json': json({ friendly_name: 'Welcome', definition: definition('hello again') }) };
    const renamed = [
      { filename: 'flows/welcome.json', status: 'renamed' as const, previous_filename: 'flows/greeting.json' },
    ];
    const run = await push(files, { 'allow-create': 'true' }, renamed);
    const flows = h.studio.store
      .list()
      .map((f) => [f.sid === sid ? 'old' : 'new', f.revisions.at(-1)!.friendlyName, f.revisions.length]);
    assert.deepEqual(
      flows,
      [['old', 'Welcome', 2]],
      `store: ${JSON.stringify(flows)}; deployed: ${run.outputs.deployed}`,
    );
  });

  test('a renamed file that drops its friendly_name (old file named the flow) keeps its flow', async () => {
    const sid = seed('Greeting', 'hello');
    h.github.contents.set(
      BEFORE,
      new Map([['flows/greeting.json', json({ friendly_name: 'Greeting', definition: definition('hello') })]]),
    );
    const files = { 'flows/welcome.json': json(definition('hello again')) };
    const renamed = [
      { filename: 'flows/welcome.json', status: 'renamed' as const, previous_filename: 'flows/greeting.json' },
    ];
    const run = await push(files, { 'allow-create': 'true' }, renamed);
    const flows = h.studio.store
      .list()
      .map((f) => [f.sid === sid ? 'old' : 'new', f.revisions.at(-1)!.friendlyName, f.revisions.length]);
    assert.deepEqual(
      flows,
      [['old', 'welcome', 2]],
      `store: ${JSON.stringify(flows)}; deployed: ${run.outputs.deployed}`,
    );
  });

  test('the PR check of a rename that changes the name says the flow is kept, not created', async () => {
    const sid = seed('Greeting', 'hello');
    const files = { 'flows/welcome.json': json({ friendly_name: 'Welcome', definition: definition('hello again') }) };
    const renamed = [
      { filename: 'flows/welcome.json', status: 'renamed' as const, previous_filename: 'flows/greeting.json' },
    ];
    const run = await pullRequest(files, renamed, {
      'flows/greeting.json': json({ friendly_name: 'Greeting', definition: definition('hello') }),
    });
    const comment = h.github.comments.get(9)?.[0]?.body ?? '';
    assert.doesNotMatch(comment, /will be created|not in Studio/i, comment.slice(0, 3000));
    assert.match(comment, new RegExp(sid), 'names the kept flow');
    assert.equal(writes().length, 0);
    void run;
  });
});

describe('draft on top (never-go-backwards & drift)', () => {
  test('a Console DRAFT on top of our published revision is drift: on-drift fail refuses', async () => {
    const sid = seed('Survey', 'ours');
    addRev(sid, 'Survey', 'console work in progress', 'draft', null);
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('next') }) },
      { deploy: 'all' },
    );
    assert.equal(run.code, 1, run.stdout);
    assert.equal(says(sid).length, 2, 'nothing written over the Console draft');
    void named;
  });
});

describe('pure rename (git mv, content unchanged)', () => {
  test('a pure rename keeps its flow: the next change to the renamed file updates the same flow, never creates one', async () => {
    const sid = seed('greeting', 'hello');
    // GitHub holds the old file at the push's `before`: the rename reads its identity there.
    h.github.contents.set(BEFORE, new Map([['flows/greeting.json', json(definition('hello'))]]));
    const renamed = [
      { filename: 'flows/welcome.json', status: 'renamed' as const, previous_filename: 'flows/greeting.json' },
    ];
    const first = await push({ 'flows/welcome.json': json(definition('hello')) }, { 'allow-create': 'true' }, renamed);
    const afterFirst = {
      code: first.code,
      deployed: first.outputs.deployed,
      name: h.studio.store.get(sid)!.revisions.at(-1)!.friendlyName,
    };
    const second = await push(
      { 'flows/welcome.json': json(definition('hello again')) },
      { 'allow-create': 'true' },
      [{ filename: 'flows/welcome.json', status: 'modified' }],
      '4444444444444444444444444444444444444444',
      'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    );
    const flows = h.studio.store
      .list()
      .map((f) => [f.sid === sid ? 'old' : 'new', f.revisions.at(-1)!.friendlyName, f.revisions.length]);
    // r2 renames the flow (a merge renames it: the README), r3 is the next change; one flow, never a second.
    assert.deepEqual(
      flows,
      [['old', 'welcome', 3]],
      `after rename: ${JSON.stringify(afterFirst)}; after next change: ${JSON.stringify(flows)}; deployed ${second.outputs.deployed}`,
    );
  });
});
