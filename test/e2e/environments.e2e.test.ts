/** End to end: the config file's environments (SIDs, names, variables) in check and deploy modes. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'e5'.repeat(16)}`;
const TOKEN_TW = 'env-e2e-auth-token';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let studio: EmulatorHandle;
let github: FakeGitHub;
let stagingSid: string;

/** A flow whose SMS body and destination come from the environment's variables. */
const notify = {
  description: 'Notify the on-call number',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage' },
        { event: 'incomingCall' },
        { next: 'notify', event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'notify',
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: {
        from: '{{flow.channel.address}}',
        to: '${var.ONCALL_NUMBER}',
        body: 'Alert from ${var.SITE}: {{flow.data.text}}',
        offset: { x: 0, y: 200 },
      },
    },
  ],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
};

const config = (sid: string) => `# studio-flow-ci config
environments:
  staging:
    variables:
      ONCALL_NUMBER: +15005550006
      SITE: staging
  production:
    variables:
      SITE: production
flows:
  - path: flows/notify.json
    environments:
      staging: { sid: ${sid}, friendly_name: Notify (staging) }
      production: { friendly_name: Notify }
`;

async function run(eventName: string, inputs: Record<string, string>, event: unknown) {
  const workspace = await makeWorkspace({
    'flows/notify.json': JSON.stringify(notify, null, 2),
    '.github/studio-flow-ci.yml': config(stagingSid),
  });
  return runAction({
    workspace,
    eventName,
    eventPath: await writeEvent(event),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'fail-on': 'error',
      ...inputs,
    },
  });
}

before(async () => {
  github = await startFakeGitHub();
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  const resolved = JSON.parse(
    JSON.stringify(notify).replace('${var.ONCALL_NUMBER}', '+15005550006').replace('${var.SITE}', 'staging'),
  );
  stagingSid = studio.store.create({
    friendlyName: 'Notify (staging)',
    definition: resolved,
    status: 'published',
    commitMessage: SHA,
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('environments', () => {
  test('check for staging validates and diffs the resolved definition: no changes against the live flow', async () => {
    const r = await run('workflow_dispatch', { mode: 'check', environment: 'staging' }, { inputs: {} });
    assert.equal(r.code, 0, r.stdout);
    const [result] = JSON.parse(r.outputs.results ?? '[]');
    assert.deepEqual(
      [result.friendlyName, result.sid, result.studio, result.validate],
      ['Notify (staging)', stagingSid, 'unchanged', 'valid'],
    );
    const validate = studio.requests.find((q) => q.path === '/v2/Flows/Validate');
    assert.match(
      validate?.params.Definition ?? '',
      /"to":"\+15005550006","body":"Alert from staging: \{\{flow\.data\.text\}\}"/,
    );
  });

  test('a variable missing in the environment is an error naming file, widget and variable, never an empty string', async () => {
    const r = await run('workflow_dispatch', { mode: 'check', environment: 'production' }, { inputs: {} });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /::error title=Studio flow lint \(missing-variable\),file=flows\/notify\.json,line=\d+,col=\d+::.*ONCALL_NUMBER/,
    );
    assert.match(r.stdout, /notify/);
  });

  test('an unknown environment fails naming the defined ones', async () => {
    const r = await run('workflow_dispatch', { mode: 'check', environment: 'prod' }, { inputs: {} });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /::error::The environment "prod" is not defined in \.github\/studio-flow-ci\.yml .*staging.*production/,
    );
  });

  test('deploy without an environment refuses to publish literal placeholders', async () => {
    const r = await run(
      'push',
      { mode: 'deploy', deploy: 'all' },
      {
        ref: 'refs/heads/master',
        before: '0'.repeat(40),
        after: SHA,
        created: true,
        repository: { default_branch: 'master' },
      },
    );
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error::Nothing was deployed: 1 flow failed the check \(flows\/notify\.json\)/);
    assert.equal(studio.store.list().length, 1);
  });
});
