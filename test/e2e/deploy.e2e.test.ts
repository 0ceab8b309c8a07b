/** End to end: deploy mode on push events, against the emulator (with injected write failures). */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, ROOT, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'d4'.repeat(16)}`;
const TOKEN_TW = 'deploy-e2e-auth-token';
const GH_TOKEN = 'ghs_deployE2eToken000000000000000000';
const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let studio: EmulatorHandle;
let github: FakeGitHub;
let ivr: { friendly_name: string; definition: any };

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
function flow(name: string, say: string) {
  const f = structuredClone(ivr);
  f.friendly_name = name;
  f.definition.states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say = say;
  return f;
}
const names = ['Sales IVR', 'Support IVR', 'Billing IVR'];
const files = (say: string) => Object.fromEntries(names.map((n, i) => [`flows/f${i}.json`, json(flow(n, say))]));

/** A push payload with GitHub's fields for the repository of the example PR payload. */
async function pushEvent(extra: Record<string, unknown> = {}) {
  return writeEvent({
    ref: 'refs/heads/master',
    before: BEFORE,
    after: SHA,
    created: false,
    deleted: false,
    forced: false,
    repository: { id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    pusher: { name: 'Codertocat', email: '21031067+Codertocat@users.noreply.github.com' },
    ...extra,
  });
}

async function deploy(
  workspaceFiles: Record<string, string>,
  inputs: Record<string, string> = {},
  event?: Promise<string>,
) {
  github.compareFiles.set(
    `${BEFORE}...${SHA}`,
    Object.keys(workspaceFiles).map((filename) => ({ filename, status: 'modified' as const })),
  );
  const workspace = await makeWorkspace(workspaceFiles);
  return runAction({
    workspace,
    eventName: 'push',
    eventPath: await (event ?? pushEvent()),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
      ...inputs,
    },
  });
}

/** friendly name → [revision, commit message, say text] of the latest revision. */
function live() {
  return Object.fromEntries(
    studio.store.list().map((f) => {
      const r = f.revisions.at(-1)!;
      const say = (r.definition as any).states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say;
      return [r.friendlyName, [r.revision, r.commitMessage, say]];
    }),
  );
}

before(async () => {
  ivr = JSON.parse(await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8'));
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
    seed: names.map((n) => ({ friendlyName: n, definition: flow(n, 'old goodbye').definition, commitMessage: BEFORE })),
  });
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('deploy on push', () => {
  test('a push changing 3 flows makes 3 revisions with the SHA as commit message; a re-run makes none', async () => {
    const run = await deploy(files('new goodbye'));
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(live(), Object.fromEntries(names.map((n) => [n, [2, SHA, 'new goodbye']])));
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    assert.deepEqual(
      deployed.map((d: any) => [d.path, d.status, d.previousRevision, d.revision]),
      [
        ['flows/f0.json', 'updated', 1, 2],
        ['flows/f1.json', 'updated', 1, 2],
        ['flows/f2.json', 'updated', 1, 2],
      ],
    );
    assert.match(run.summary, /\| Sales IVR \| `flows\/f0\.json` \| 🚀 updated \| r1 → r2 \|/);
    const writes = () => studio.requests.filter((r) => r.method === 'POST' && r.path !== '/v2/Flows/Validate').length;
    studio.requests.length = 0;
    const again = await deploy(files('new goodbye'));
    assert.equal(again.code, 0, again.stdout);
    assert.equal(writes(), 0, 'a re-run writes nothing');
    assert.equal(
      studio.requests.filter((r) => r.path === '/v2/Flows/Validate').length,
      0,
      'flows identical to live are not validated again',
    );
    assert.deepEqual(
      JSON.parse(again.outputs.deployed ?? '[]').map((d: any) => d.status),
      ['unchanged', 'unchanged', 'unchanged'],
    );
  });

  test('an invalid flow among 3: nothing is published, the flow and line are named', async () => {
    const broken = flow('Support IVR', 'new goodbye');
    broken.definition.states[2].transitions[0].next = 'nowhere';
    const run = await deploy({ ...files('new goodbye'), 'flows/f1.json': json(broken) });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::Nothing was deployed: 1 flow failed the check \(flows\/f1\.json\)/);
    assert.match(run.stdout, /::error title=.*,file=flows\/f1\.json,line=\d+/);
    assert.deepEqual(live(), Object.fromEntries(names.map((n) => [n, [1, BEFORE, 'old goodbye']])));
  });

  test('a write failing on the 2nd of 3: rollback leaves all 3 as before', async () => {
    let updates = 0;
    studio.fault = (r) =>
      r.method === 'POST' && r.path.startsWith('/v2/Flows/FW') && ++updates === 2
        ? { status: 400, code: 20001, message: 'Invalid parameter' }
        : undefined;
    // One write at a time, so the 3rd is never started (writes side by side: parallel-deploy.e2e.test.ts).
    const run = await deploy(files('new goodbye'), { concurrency: '1' });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::Deploy stopped: flows\/f1\.json failed .* Every flow this run had deployed was rolled back\. Not attempted: 1\./,
    );
    const state = live();
    assert.deepEqual(state['Sales IVR'], [3, `Rollback by studio-flow-ci of ${SHA}: restore r1`, 'old goodbye']);
    assert.deepEqual(state['Support IVR'], [1, BEFORE, 'old goodbye']);
    assert.deepEqual(state['Billing IVR'], [1, BEFORE, 'old goodbye']);
    assert.deepEqual(
      JSON.parse(run.outputs.deployed ?? '[]').map((d: any) => d.status),
      ['rolled-back', 'failed', 'not-attempted'],
    );
  });

  test('a write failing on the 2nd of 3 with on-failure: stop leaves 1 deployed and says so', async () => {
    let updates = 0;
    studio.fault = (r) =>
      r.method === 'POST' && r.path.startsWith('/v2/Flows/FW') && ++updates === 2
        ? { status: 400, code: 20001, message: 'Invalid parameter' }
        : undefined;
    const run = await deploy(files('new goodbye'), { 'on-failure': 'stop', concurrency: '1' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Left deployed: flows\/f0\.json\. Not attempted: 1\./);
    assert.deepEqual(live()['Sales IVR'], [2, SHA, 'new goodbye']);
    assert.deepEqual(live()['Support IVR'], [1, BEFORE, 'old goodbye']);
    // Re-running after the partial failure deploys only what is left.
    studio.fault = undefined;
    const again = await deploy(files('new goodbye'), { 'on-failure': 'stop' });
    assert.deepEqual(
      JSON.parse(again.outputs.deployed ?? '[]').map((d: any) => d.status),
      ['unchanged', 'updated', 'updated'],
    );
  });
});

describe('drift guard', () => {
  async function consoleEdit() {
    const sales = studio.store.list().find((f) => f.revisions.at(-1)!.friendlyName === 'Sales IVR')!;
    studio.store.update(sales.sid, {
      friendlyName: 'Sales IVR',
      status: 'published',
      definition: flow('Sales IVR', 'console goodbye').definition,
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
    });
  }

  test('on-drift: fail (default) deploys nothing and names the revision', async () => {
    await consoleEdit();
    const run = await deploy(files('new goodbye'));
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::Nothing was deployed: flows\/f0\.json: the latest revision of "Sales IVR" \(r2, FW[0-9a-f]{32}\) was not made by studio-flow-ci/,
    );
    assert.deepEqual(live()['Support IVR'], [1, BEFORE, 'old goodbye']);
  });

  test('on-drift: warn overwrites with a warning; overwrite does it silently', async () => {
    await consoleEdit();
    const warned = await deploy(files('new goodbye'), { 'on-drift': 'warn' });
    assert.equal(warned.code, 0, warned.stdout);
    assert.match(warned.stdout, /::warning::Overwriting a Console edit: flows\/f0\.json/);
    assert.deepEqual(live()['Sales IVR'], [3, SHA, 'new goodbye']);

    await consoleEdit();
    const silent = await deploy(files('newer goodbye'), { 'on-drift': 'overwrite' });
    assert.equal(silent.code, 0, silent.stdout);
    assert.doesNotMatch(silent.stdout, /::warning/);
    assert.deepEqual(live()['Sales IVR'], [5, SHA, 'newer goodbye']);
  });
});

describe('where deploys may run from', () => {
  test('a push to another branch is refused with the allowed ones named', async () => {
    const run = await deploy(files('new goodbye'), {}, pushEvent({ ref: 'refs/heads/feature/x' }));
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::Deploy mode runs only from 'master', a release or a tag, not from 'refs\/heads\/feature\/x'/,
    );
    assert.equal(studio.requests.length, 0);
  });

  test('a first push (zero before) deploys every flow file', async () => {
    const run = await deploy(
      files('new goodbye'),
      {},
      pushEvent({ before: '0000000000000000000000000000000000000000', created: true }),
    );
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.summary, /Scope: first or forced push: every flow\./);
  });
});

describe('rollback on demand', () => {
  test('a dispatch with mode rollback re-publishes a past revision with a commit message that says so', async () => {
    await deploy(files('new goodbye'));
    assert.deepEqual(live()['Sales IVR'], [2, SHA, 'new goodbye']);
    const workspace = await makeWorkspace(files('new goodbye'));
    const run = await runAction({
      workspace,
      eventName: 'workflow_dispatch',
      eventPath: await writeEvent({ ref: 'refs/heads/master', inputs: { flow: 'flows/f0.json', revision: '1' } }),
      apiUrl: github.url,
      env: { GITHUB_SHA: SHA },
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': TOKEN_TW,
        'studio-url': studio.url,
        mode: 'rollback',
        flow: 'flows/f0.json',
        revision: '1',
      },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(live()['Sales IVR'], [3, `Rollback by studio-flow-ci of ${SHA}: restore r1`, 'old goodbye']);
    assert.deepEqual(live()['Support IVR'], [2, SHA, 'new goodbye'], 'other flows are untouched');
    const [outcome] = JSON.parse(run.outputs.deployed ?? '[]');
    assert.deepEqual([outcome.status, outcome.previousRevision, outcome.revision], ['rolled-back', 2, 3]);
  });

  test('a rollback without a revision says which inputs it needs', async () => {
    const run = await runAction({
      workspace: await makeWorkspace({}),
      eventName: 'workflow_dispatch',
      eventPath: await writeEvent({ inputs: {} }),
      apiUrl: github.url,
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': TOKEN_TW,
        'studio-url': studio.url,
        mode: 'rollback',
        flow: 'Sales IVR',
      },
    });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::Mode 'rollback' needs the inputs 'flow' .* and 'revision'/);
  });
});

describe('trace from git to Studio', () => {
  test('a push reports the deployed revisions on the merged pull request', async () => {
    github.commitPulls.set(SHA, [{ number: 2, merged_at: '2026-11-23T08:00:00Z' }]);
    github.comments.delete(2);
    const run = await deploy(files('new goodbye'));
    assert.equal(run.code, 0, run.stdout);
    const [comment] = github.comments.get(2) ?? [];
    assert.match(comment?.body ?? '', /<!-- studio-flow-ci:deploy -->/);
    assert.match(comment?.body ?? '', /\| Billing IVR \| `flows\/f2\.json` \| 🚀 updated \| r1 → r2 \|/);
  });

  test('a release deploys every flow, tags each revision and appends the table to the notes', async () => {
    github.releases.set(77, { id: 77, tag_name: 'v1.4.0', body: 'Release notes by a human.' });
    const event = writeEvent({
      action: 'published',
      release: { id: 77, tag_name: 'v1.4.0', body: 'Release notes by a human.', draft: false, prerelease: false },
      repository: { id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    });
    const workspace = await makeWorkspace(files('release goodbye'));
    const run = await runAction({
      workspace,
      eventName: 'release',
      eventPath: await event,
      apiUrl: github.url,
      env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/tags/v1.4.0' },
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': TOKEN_TW,
        flows: 'flows/**/*.json',
        'studio-url': studio.url,
        'github-token': GH_TOKEN,
        tag: 'studio/{environment}/{flow}/r{revision}',
      },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual([...github.refs.keys()].sort(), [
      'refs/tags/studio/default/billing-ivr/r2',
      'refs/tags/studio/default/sales-ivr/r2',
      'refs/tags/studio/default/support-ivr/r2',
    ]);
    const notes = github.releases.get(77)!.body;
    assert.ok(notes.startsWith('Release notes by a human.\n\n<!-- studio-flow-ci:deploy -->'), notes);
    assert.match(notes, /Scope: release v1\.4\.0: every flow\./);
    assert.match(notes, /\| Sales IVR \| `flows\/f0\.json` \| 🚀 updated \| r1 → r2 \|/);
  });
});
