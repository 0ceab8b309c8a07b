/**
 * End to end: a push or PR that changes only the config file covers every flow whose target, name
 * or used variables it changes (issue 10, "What to deploy"). The base config is read through the
 * fake GitHub's contents API; the workspace holds the new one.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'c0'.repeat(16)}`;
const TOKEN_TW = 'config-e2e-auth-token';
const GH_TOKEN = 'ghs_configE2eToken00000000000000000000';
const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const CONFIG = '.github/studio-flow-ci.yml';
const PR = 11;

let studio: EmulatorHandle;
let github: FakeGitHub;

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
  description: 'config e2e',
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
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const config = (site: string, lobbyName = 'Lobby (staging)') => `environments:
  staging:
    variables:
      SITE: ${site}
flows:
  - path: flows/notify.json
    environments:
      staging: { friendly_name: Notify (staging) }
  - path: flows/lobby.json
    environments:
      staging: { friendly_name: ${lobbyName} }
`;
/** notify.json uses ${var.SITE}; lobby.json uses no variable. */
const files = (site: string, lobbyName?: string) => ({
  'flows/notify.json': json(flow('Alert from ${var.SITE}')),
  'flows/lobby.json': json(flow('Welcome')),
  [CONFIG]: config(site, lobbyName),
});
const seed = (friendlyName: string, say: string) =>
  studio.store.create({
    friendlyName,
    definition: flow(say),
    status: 'published',
    commitMessage: BEFORE,
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
const inputs = {
  'twilio-account-sid': ACCOUNT,
  'twilio-auth-token': TOKEN_TW,
  flows: 'flows/**/*.json',
  'github-token': GH_TOKEN,
  environment: 'staging',
};

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  // The base commit: SITE is "old"; the flow files are there too (a PR sees a live flow only when its base maps it).
  github.contents.set(BEFORE, new Map(Object.entries(files('old'))));
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('a change to the config file only', () => {
  test('a push changing a variable deploys the flow that uses it, and only that one', async () => {
    const notify = seed('Notify (staging)', 'Alert from old');
    const lobby = seed('Lobby (staging)', 'Welcome');
    github.compareFiles.set(`${BEFORE}...${SHA}`, [{ filename: CONFIG, status: 'modified' }]);
    const run = await runAction({
      workspace: await makeWorkspace(files('new')),
      eventName: 'push',
      eventPath: await writeEvent({
        ref: 'refs/heads/master',
        before: BEFORE,
        after: SHA,
        created: false,
        deleted: false,
        forced: false,
        repository: {
          id: 186853002,
          name: 'Hello-World',
          full_name: 'Codertocat/Hello-World',
          default_branch: 'master',
        },
      }),
      apiUrl: github.url,
      env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
      inputs: { ...inputs, 'studio-url': studio.url },
    });
    assert.equal(run.code, 0, run.stdout);
    const latest = studio.store.get(notify)!.revisions.at(-1)!;
    assert.deepEqual(
      [latest.revision, (latest.definition as any).states[1].properties.say, latest.commitMessage],
      [2, 'Alert from new', SHA],
    );
    assert.equal(studio.store.get(lobby)!.revisions.length, 1, 'a flow the change does not touch is not deployed');
    assert.deepEqual(
      JSON.parse(run.outputs.deployed ?? '[]').map((d: any) => [d.path, d.status]),
      [['flows/notify.json', 'updated']],
    );
    assert.match(run.summary, /variable SITE/);
  });

  test("a PR changing a variable and another flow's name checks exactly those two flows", async () => {
    seed('Notify (staging)', 'Alert from old');
    seed('Lobby (staging)', 'Welcome');
    github.pullFiles.set(PR, [{ filename: CONFIG, status: 'modified' }]);
    github.comments.set(PR, []);
    const run = await runAction({
      workspace: await makeWorkspace(files('new', 'Lobby (staging v2)')),
      eventName: 'pull_request',
      eventPath: await prPayload((p) => {
        p.number = PR;
        p.pull_request.number = PR;
      }),
      apiUrl: github.url,
      inputs: { ...inputs, 'studio-url': studio.url },
    });
    assert.equal(run.code, 0, run.stdout);
    const results = JSON.parse(run.outputs.results ?? '[]');
    assert.deepEqual(
      results.map((r: any) => [r.path, r.friendlyName, r.studio]),
      [
        ['flows/lobby.json', 'Lobby (staging v2)', 'created'],
        ['flows/notify.json', 'Notify (staging)', 'changed'],
      ],
    );
    assert.doesNotMatch(github.comments.get(PR)?.[0]?.body ?? '', /no flow files changed/);
  });
});
