/**
 * A `${env.NAME}` value the flow resolves, rendered by the simulator into a message body, shown as the `actual`
 * of a failed expectation: the comment, summary and log pass the run's credential scrubber (src/egress/gate.ts),
 * but the JUnit file the action writes (input `junit-report`) leaves the process too (CI tools upload and publish
 * it). Its masking was only the credential shapes; a secret without a known shape went out in clear.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction } from '../support/run-action.ts';

const ACCOUNT = `AC${'a5'.repeat(16)}`;
const AUTH = 'adv15-junit-leak-auth-token';
const TOKEN = 'ghs_adv15JunitLeakToken0000000000000000';
const SECRET = 'Zq8Zq8pin-7731-Kx9Kx9-otp-seed';

let studio: EmulatorHandle;
let github: FakeGitHub;

const FLOW = {
  description: 'Sends a code',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage', next: 'send_code' },
        { event: 'incomingCall' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'send_code',
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: { body: 'Your code: ${var.CODE}', offset: { x: 0, y: 200 } },
    },
  ],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
};

const TESTS = [
  'scenarios:',
  '  - name: the code is sent',
  '    trigger: message',
  '    expect: { messages: ["Your code: 1234"] }',
  '',
].join('\n');

before(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: AUTH } });
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('a ${env.NAME} value rendered into a failed expectation', () => {
  test('is in no JUnit file, comment, summary or log', async () => {
    github.pullFiles.set(51, [{ filename: 'flows/code.json', status: 'added' }]);
    const workspace = await makeWorkspace({
      'flows/code.json': JSON.stringify(FLOW, null, 2),
      'flows/code.test.yaml': TESTS,
      '.github/studio-flow-ci.yml': [
        'environments:',
        '  production:',
        '    variables: { CODE: "${env.CODE_SECRET}" }',
        '',
      ].join('\n'),
    });
    const eventPath = await prPayload((p) => {
      p.number = 51;
      p.pull_request.number = 51;
    });
    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      eventPath,
      apiUrl: github.url,
      env: { CODE_SECRET: SECRET },
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': AUTH,
        flows: 'flows/**/*.json',
        'studio-url': studio.url,
        'github-token': TOKEN,
        environment: 'production',
        'fail-on': 'error',
        'junit-report': 'reports/flow-tests.xml',
      },
    });
    assert.equal(run.code, 1, run.stdout);
    const junit = await readFile(path.join(workspace, 'reports/flow-tests.xml'), 'utf8');
    // The scenario did fail on the rendered message: the attack reached the place it aims at.
    assert.match(junit, /<failure message="message 1: expected/);
    const comment = (github.comments.get(51) ?? []).map((c) => c.body).join('\n');
    const log = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const [where, text] of [
      ['JUnit file', junit],
      ['comment', comment],
      ['summary', run.summary],
      ['log', log],
    ] as const) {
      assert.ok(!text.includes(SECRET.slice(6, 20)), `the ${where} shows the secret:\n${text.slice(0, 3000)}`);
    }
  });
});
