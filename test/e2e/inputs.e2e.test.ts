/** End to end: the run's own inputs and event — silent misconfiguration and a branch deletion. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'e7'.repeat(16)}`;
const TOKEN_TW = 'inputs-e2e-auth-token';
const GH_TOKEN = 'ghs_inputsE2eToken00000000000000000000';
const FLOW = JSON.stringify({
  friendly_name: 'Inputs',
  definition: {
    description: 'x',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage' }], properties: {} }],
  },
});

let studio: EmulatorHandle;
let github: FakeGitHub;
before(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  github = await startFakeGitHub({ token: GH_TOKEN });
});
after(async () => {
  await studio.close();
  await github.close();
});

const inputs = (extra: Record<string, string> = {}) => ({
  'twilio-account-sid': ACCOUNT,
  'twilio-auth-token': TOKEN_TW,
  'studio-url': studio.url,
  'github-token': GH_TOKEN,
  ...extra,
});

describe('inputs that would check nothing', () => {
  test("a 'flows' glob that matches no file fails the run by name (a typo used to pass green)", async () => {
    const workspace = await makeWorkspace({ 'flows/a.json': FLOW });
    const eventPath = await writeEvent({ inputs: {}, ref: 'refs/heads/main' });
    const run = await runAction({
      workspace,
      inputs: inputs({ mode: 'check', flows: 'flows/**/*.json\nflow/**/*.json' }),
      eventName: 'workflow_dispatch',
      eventPath,
      apiUrl: github.url,
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::Input 'flows': 'flow\/\*\*\/\*\.json' matches no file in the repository, so nothing would be checked\./,
    );
    assert.doesNotMatch(run.stdout, /unexpected error/);
    assert.equal(studio.requests.length, 0, 'nothing was asked of Studio');
  });

  test("a 'config' path that does not exist fails the run by name (it ran with no environment at all)", async () => {
    const workspace = await makeWorkspace({ 'flows/a.json': FLOW, '.github/studio-flow-ci.yml': 'environments: {}\n' });
    const eventPath = await writeEvent({ inputs: {}, ref: 'refs/heads/main' });
    const run = await runAction({
      workspace,
      inputs: inputs({ mode: 'check', flows: 'flows/**/*.json', config: '.github/studio-flow-ci.yaml' }),
      eventName: 'workflow_dispatch',
      eventPath,
      apiUrl: github.url,
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::Input 'config': \.github\/studio-flow-ci\.yaml does not exist in the repository\./,
    );
  });

  test('a push that deletes the branch is a clean no-op: exit 0, one line, no Studio or GitHub call', async () => {
    const workspace = await makeWorkspace({});
    const eventPath = await writeEvent({
      ref: 'refs/heads/feature',
      before: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      after: '0000000000000000000000000000000000000000',
      created: false,
      deleted: true,
      forced: false,
      repository: { id: 1, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'main' },
    });
    github.requests.length = 0;
    const run = await runAction({
      workspace,
      inputs: inputs({ mode: 'deploy', branches: '*' }),
      eventName: 'push',
      eventPath,
      apiUrl: github.url,
      env: { GITHUB_REF: 'refs/heads/feature' },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /The push deleted refs\/heads\/feature: there is nothing to check or deploy\./);
    assert.doesNotMatch(run.stdout, /::error/);
    assert.equal(studio.requests.length, 0);
    assert.equal(github.requests.length, 0);
  });
});
