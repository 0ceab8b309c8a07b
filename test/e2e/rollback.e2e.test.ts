/**
 * End to end: mode rollback (issue 10, point 8). The flow is found by the identity rules (the
 * `environment` input and the config file, never the file's own production sid), a missing revision
 * is a clear error, and a rollback to what is already live writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'7b'.repeat(16)}`;
const TOKEN_TW = 'rollback-e2e-auth-token';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let studio: EmulatorHandle;
let github: FakeGitHub;
let production: string;
let staging: string;

const trigger = {
  name: 'Trigger',
  type: 'trigger',
  transitions: [
    { event: 'incomingMessage' },
    { event: 'incomingCall', next: 'say' },
    { event: 'incomingRequest' },
    { event: 'incomingParent' },
  ],
  properties: { offset: { x: 0, y: 0 } },
};
const flow = (say: string) => ({
  description: 'rollback e2e',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    trigger,
    {
      name: 'say',
      type: 'say-play',
      transitions: [{ event: 'audioComplete' }],
      properties: { say, offset: { x: 0, y: 200 } },
    },
  ],
});
const revision = (friendlyName: string, say: string) => ({
  friendlyName,
  definition: flow(say),
  status: 'published' as const,
  commitMessage: SHA,
  valid: true,
  errors: [],
  warnings: [],
});
const config = `environments:\n  staging: {}\n  production: {}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { friendly_name: Notify (staging) }\n`;
const says = (sid: string) =>
  studio.store.get(sid)!.revisions.map((r) => (r.definition as any).states[1].properties.say);
const writes = () => studio.requests.filter((r) => r.method === 'POST' || r.method === 'DELETE');

async function rollback(inputs: Record<string, string>) {
  const workspace = await makeWorkspace({
    // Exported from production: its own sid is production's.
    'flows/notify.json': JSON.stringify({ sid: production, friendly_name: 'Notify', definition: flow('v3') }),
    '.github/studio-flow-ci.yml': config,
  });
  return runAction({
    workspace,
    eventName: 'workflow_dispatch',
    eventPath: await writeEvent({
      inputs: {},
      ref: 'refs/heads/master',
      repository: { full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    }),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      mode: 'rollback',
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      ...inputs,
    },
  });
}

before(async () => {
  github = await startFakeGitHub();
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  production = studio.store.create(revision('Notify', 'p1')).sid;
  studio.store.update(production, revision('Notify', 'p2'));
  staging = studio.store.create(revision('Notify (staging)', 's1')).sid;
  studio.store.update(staging, revision('Notify (staging)', 's2'));
  studio.requests.length = 0;
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('rollback', () => {
  test('honours the environment: the staging flow is rolled back, production is untouched', async () => {
    const run = await rollback({ environment: 'staging', flow: 'flows/notify.json', revision: '1' });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(says(staging), ['s1', 's2', 's1']);
    assert.deepEqual(says(production), ['p1', 'p2'], 'production is untouched');
    assert.deepEqual(
      JSON.parse(run.outputs.deployed ?? '[]').map((d: any) => [d.sid, d.status, d.revision]),
      [[staging, 'rolled-back', 3]],
    );
  });

  test('a revision the flow does not have is a clear error naming the flow and its revisions; nothing is written', async () => {
    const run = await rollback({ environment: 'staging', flow: 'flows/notify.json', revision: '9' });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      new RegExp(
        `::error::Flow "Notify \\(staging\\)" \\(${staging}\\) has no revision 9; its revisions are 1\\.\\.2\\.`,
      ),
    );
    assert.doesNotMatch(run.stdout, /unexpected error|at .*\.js:\d+/);
    assert.deepEqual(writes(), []);
  });

  test('a rollback to the definition already live writes nothing and reports it unchanged', async () => {
    studio.store.update(staging, revision('Notify (staging)', 's1'));
    studio.requests.length = 0;
    const run = await rollback({ environment: 'staging', flow: staging, revision: '1' });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(writes(), []);
    assert.equal(studio.store.get(staging)!.revisions.length, 3);
    assert.deepEqual(
      JSON.parse(run.outputs.deployed ?? '[]').map((d: any) => [d.sid, d.status]),
      [[staging, 'unchanged']],
    );
  });
});
