/**
 * Adversarial, end to end: a `${env.NAME}` value with line breaks (a PEM key, a JSON credential) put by the PR's
 * config into a message body. The PR comment's diff shows a multi-line string line by line, so no line of the
 * value may be shown either (each line of 8 characters or more is a secret of its own).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction } from '../support/run-action.ts';

const ACCOUNT = `AC${'e8'.repeat(16)}`;
const AUTH = 'env-secrets-auth-token';
const TOKEN = 'ghs_envSecretsToken0000000000000000000';
const VALUE = 'first-line-of-it Q1w2E3r4\nsecond line: Z9x8C7v6b5\r\n  third_line_indented 11aa22bb\nok';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

let studio: EmulatorHandle;
let github: FakeGitHub;
let sid: string;

const notify = (site: string) => ({
  description: 'Notify',
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
        to: '+15005550006',
        body: `Alert from\n${site}\nend of alert`,
        offset: { x: 0, y: 200 },
      },
    },
  ],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
});

async function checkPR(number: number, env: Record<string, string>) {
  github.pullFiles.set(number, [{ filename: 'flows/notify.json', status: 'modified' }]);
  const files = {
    'flows/notify.json': JSON.stringify(notify('${var.SITE}'), null, 2),
    '.github/studio-flow-ci.yml': [
      'environments:',
      '  production:',
      '    variables:',
      '      SITE: "${env.PROD_SITE_SECRET}"',
      'flows:',
      '  - path: flows/notify.json',
      `    environments: { production: { sid: ${sid} } }`,
      '',
    ].join('\n'),
  };
  // The base branch maps the file to the same flow, whose live content it holds: the PR may see its diff.
  github.contents.set(
    BASE_SHA,
    new Map(Object.entries({ ...files, 'flows/notify.json': JSON.stringify(notify('the old site')) })),
  );
  const workspace = await makeWorkspace(files);
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  return runAction({
    workspace,
    eventName: 'pull_request',
    eventPath,
    apiUrl: github.url,
    env,
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': AUTH,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': TOKEN,
      environment: 'production',
      'fail-on': 'error',
    },
  });
}

const visible = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

before(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: AUTH } });
  sid = studio.store.create({
    friendlyName: 'Notify',
    definition: notify('the old site'),
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

describe('a multi-line ${env.NAME} value', () => {
  test('no line of it in the comment, the summary, the log or the outputs', async () => {
    const r = await checkPR(51, { PROD_SITE_SECRET: VALUE });
    assert.equal(r.code, 0, r.stdout);
    const validate = studio.requests.find((q) => q.path === '/v2/Flows/Validate');
    assert.ok(
      (validate?.params.Definition ?? '').includes(JSON.stringify(VALUE).slice(1, -1)),
      'Twilio gets the value',
    );
    const body = github.comments.get(51)?.[0]?.body ?? '';
    assert.match(body, /```diff/, 'the body is shown as a line diff');
    const shown: [string, string][] = [
      ['comment', body],
      ['summary', r.summary],
      ['log', visible(r.stdout)],
      ['outputs', Object.values(r.outputs).join('\n')],
    ];
    for (const line of VALUE.split(/\r?\n/).filter((l) => l.trim().length >= 8)) {
      for (const [where, text] of shown)
        assert.ok(!text.includes(line.trim()), `${where} shows ${JSON.stringify(line)}:\n${text}`);
    }
  });
});
