/** Adversarial: which Studio flow a file is (issue 10, point 1), and create answers (point 3). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
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

describe('conflicts', () => {
  test("a config entry giving staging the SID of ANOTHER file's flow: conflict, nothing written (push changing only one file)", async () => {
    const alpha = seed('Alpha', 'a');
    seed('Beta', 'b');
    const config = `environments:\n  staging: {}\nflows:\n  - path: flows/beta.json\n    environments:\n      staging: { sid: ${alpha} }\n`;
    const files = {
      'flows/alpha.json': json({ friendly_name: 'Alpha', definition: definition('a') }),
      'flows/beta.json': json({ friendly_name: 'Beta', definition: definition('b new') }),
      '.github/studio-flow-ci.yml': config,
    };
    const run = await push(files, { environment: 'staging' }, [{ filename: 'flows/beta.json', status: 'modified' }]);
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(writes(), []);
    assert.deepEqual(says(alpha).length, 1);
    assert.match(
      run.stdout,
      /flows\/alpha\.json and flows\/beta\.json both resolve|flows\/beta\.json and flows\/alpha\.json both resolve/,
    );
  });

  test('two files whose names differ only by Unicode normalisation (NFC vs NFD) are one flow name to a human: conflict', async () => {
    const nfc = 'Caf\u00e9';
    const nfd = 'Cafe\u0301';
    const files = {
      'flows/a.json': json({ friendly_name: nfc, definition: definition('A') }),
      'flows/b.json': json({ friendly_name: nfd, definition: definition('B') }),
    };
    const run = await push(files, { deploy: 'all', 'allow-create': 'true' });
    const flows = h.studio.store.list().map((f) => JSON.stringify(f.revisions.at(-1)!.friendlyName));
    assert.ok(
      run.code === 1 || flows.length < 2,
      `two flows that render the same name were created: ${flows.join(', ')}`,
    );
    assert.match(
      run.stdout,
      /flows\/a\.json and flows\/b\.json both resolve to the flow name .*differ only in Unicode normalisation/,
      run.stdout,
    );
  });

  test('a renamed file (name from file name) onto a name another live flow already has: error, nothing written', async () => {
    seed('greeting', 'hello');
    seed('welcome', 'someone else');
    const run = await push({ 'flows/welcome.json': json(definition('hello again')) }, {}, [
      { filename: 'flows/welcome.json', status: 'renamed', previous_filename: 'flows/greeting.json' },
    ]);
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(writes(), []);
  });

  test("a PR that changes one file sees a conflict with an UNCHANGED file meeting it on one flow through the environment's SID", async () => {
    const alpha = seed('Alpha', 'a');
    const config = `environments:\n  staging: {}\nflows:\n  - path: flows/other.json\n    environments:\n      staging: { sid: ${alpha} }\n`;
    const files = {
      'flows/alpha.json': json({ friendly_name: 'Alpha', definition: definition('a new') }),
      'flows/other.json': json({ friendly_name: 'Other', definition: definition('o') }),
      '.github/studio-flow-ci.yml': config,
    };
    const run = await pullRequest(
      files,
      [{ filename: 'flows/alpha.json', status: 'modified' }],
      { ...files, 'flows/alpha.json': json({ friendly_name: 'Alpha', definition: definition('a') }) },
      { environment: 'staging' },
    );
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /flows\/alpha\.json and flows\/other\.json both resolve/);
  });
});

describe('create answered wrongly', () => {
  test("a create answered with an EXISTING flow's SID (write applied): the record names the new flow, the other is untouched", async () => {
    const other = seed('Other', 'x');
    h.studio.writeAnswer = { kind: 'other-sid', applied: true };
    const run = await push(
      { 'flows/new.json': json({ friendly_name: 'New', definition: definition('n') }) },
      { deploy: 'all', 'allow-create': 'true' },
    );
    h.studio.writeAnswer = undefined;
    const created = named('New');
    assert.equal(created.length, 1);
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    assert.deepEqual([deployed[0]?.status, deployed[0]?.sid], ['created', created[0]!.sid], run.outputs.deployed);
    assert.equal(says(other).length, 1);
  });

  test('a create answered other-sid and NOT applied: failed, no flow, exit 1', async () => {
    seed('Other', 'x');
    h.studio.writeAnswer = { kind: 'other-sid', applied: false };
    const run = await push(
      { 'flows/new.json': json({ friendly_name: 'New', definition: definition('n') }) },
      { deploy: 'all', 'allow-create': 'true' },
    );
    h.studio.writeAnswer = undefined;
    assert.equal(named('New').length, 0);
    assert.equal(run.code, 1);
    assert.equal(JSON.parse(run.outputs.deployed ?? '[]')[0]?.status, 'failed', run.outputs.deployed);
  });

  test('Validate answering {} on deploy: nothing written, exit 1', async () => {
    const sid = seed('Survey', 'old');
    h.studio.validateAnswer = 'empty-object';
    const run = await push(
      { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('new') }) },
      { deploy: 'all' },
    );
    h.studio.validateAnswer = undefined;
    assert.equal(run.code, 1);
    assert.equal(says(sid).length, 1);
  });
});

describe('deletions', () => {
  test('a push deleting a flow file deletes no flow and writes nothing', async () => {
    const sid = seed('Survey', 'x');
    const run = await push({ 'flows/other.json': json({ friendly_name: 'Other', definition: definition('o') }) }, {}, [
      { filename: 'flows/survey.json', status: 'removed' },
    ]);
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(writes(), []);
    assert.ok(h.studio.store.get(sid));
  });
});

describe('Validate odd shapes on deploy', () => {
  for (const kind of ['redirect', 'not-json', 'empty', 'valid-false'] as const) {
    test(`Validate answering '${kind}' on deploy: nothing written, exit 1, no stack trace`, async () => {
      const sid = seed('Survey', 'old');
      h.studio.validateAnswer = kind;
      const run = await push(
        { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('new') }) },
        { deploy: 'all' },
      );
      h.studio.validateAnswer = undefined;
      assert.equal(run.code, 1);
      assert.equal(says(sid).length, 1);
      assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .*\.js:\d+/);
      const deployed = JSON.parse(run.outputs.deployed ?? '[]');
      assert.equal(deployed[0]?.status, 'not-attempted', run.outputs.deployed);
    });
  }
});
