/**
 * End to end: `${env.NAME}` in the config file on a pull request. The value comes from the step's environment,
 * is what Twilio validates, and is a secret: the PR comment's diff, the summary and the log show [redacted],
 * never the value. A missing variable fails the run naming it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction } from '../support/run-action.ts';

const ACCOUNT = `AC${'e7'.repeat(16)}`;
const AUTH = 'env-secrets-auth-token';
const TOKEN = 'ghs_envSecretsToken0000000000000000000';
const VALUE = 'sk_live_PR0D_s1te_9f8e7d6c5b4a';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

let studio: EmulatorHandle;
let github: FakeGitHub;
let sid: string;

/** `lines`: the value on a line of its own, so the comment's diff shows the body line by line. */
const notify = (site: string, lines = false) => ({
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
        body: lines ? `Alert from\n${site}\nend of alert` : `Alert from ${site}`,
        offset: { x: 0, y: 200 },
      },
    },
  ],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
});

async function checkPR(number: number, env: Record<string, string>, lines = false) {
  github.pullFiles.set(number, [{ filename: 'flows/notify.json', status: 'modified' }]);
  const files = {
    'flows/notify.json': JSON.stringify(notify('${var.SITE}', lines), null, 2),
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
    new Map(Object.entries({ ...files, 'flows/notify.json': JSON.stringify(notify('the old site', lines)) })),
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

describe('${env.NAME} in the config on a pull request', () => {
  test('the value is validated, and the comment, summary and log show [redacted] in its place', async () => {
    const r = await checkPR(31, { PROD_SITE_SECRET: VALUE });
    assert.equal(r.code, 0, r.stdout);
    const validate = studio.requests.find((q) => q.path === '/v2/Flows/Validate');
    assert.match(validate?.params.Definition ?? '', new RegExp(`Alert from ${VALUE}`));
    const body = github.comments.get(31)?.[0]?.body ?? '';
    assert.match(body, /Alert from \[redacted\]/);
    const shown: [string, string][] = [
      ['comment', body],
      ['summary', r.summary],
      ['log', visible(r.stdout)],
      ['outputs', JSON.stringify(r.outputs)],
    ];
    for (const [where, text] of shown) {
      assert.ok(!text.includes(VALUE), `${where} shows the value`);
    }
    assert.match(r.stdout, new RegExp(`::add-mask::${VALUE}`));
  });

  test('a variable missing from the step’s environment fails the run, naming it and the fix', async () => {
    const r = await checkPR(32, {});
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /::error::\.github\/studio-flow-ci\.yml: environments\.production\.variables\.SITE: \$\{env\.PROD_SITE_SECRET\} is not set in the step's environment\. Set PROD_SITE_SECRET/,
    );
  });

  // A value with line breaks (a PEM key, a JSON credential): the comment's diff shows a multi-line string line by
  // line, so no line of the value may be shown either (each line of 8 characters or more is a secret of its own).
  test('a multi-line value: no line of it in the comment, the summary, the log or the outputs', async () => {
    const value = 'first-line-of-it Q1w2E3r4\nsecond line: Z9x8C7v6b5\r\n  third_line_indented 11aa22bb\nok';
    const r = await checkPR(51, { PROD_SITE_SECRET: value }, true);
    assert.equal(r.code, 0, r.stdout);
    const validate = studio.requests.findLast((q) => q.path === '/v2/Flows/Validate');
    assert.ok(
      (validate?.params.Definition ?? '').includes(JSON.stringify(value).slice(1, -1)),
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
    for (const line of value.split(/\r?\n/).filter((l) => l.trim().length >= 8)) {
      for (const [where, text] of shown)
        assert.ok(!text.includes(line.trim()), `${where} shows ${JSON.stringify(line)}:\n${text}`);
    }
  });
});
