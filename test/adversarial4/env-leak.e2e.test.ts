/**
 * Adversarial: a `${env.NAME}` value (a secret) must not reach the PR comment, review comments, annotations, the
 * summary, the outputs or the log in any form our own code produces: not Markdown-escaped (`\_`), not
 * HTML-escaped (`&amp;`), not cut short with "…". The attacker is the PR: its config points the secret at a
 * place that ends up in a message (taskrouter.workspace, a variable inside a name reference).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction, type ActionRun } from '../support/run-action.ts';

const ACCOUNT = `AC${'a4'.repeat(16)}`;
const AUTH = 'adv14-env-leak-auth-token';
const TOKEN = 'ghs_adv14EnvLeakToken00000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

let studio: EmulatorHandle;
let github: FakeGitHub;

const flex = (workflow: string) => ({
  description: 'To an agent',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage' },
        { next: 'agent', event: 'incomingCall' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'agent',
      type: 'send-to-flex',
      transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
      properties: { workflow, channel: 'TC' + 'cd'.repeat(16), attributes: '{}', offset: { x: 0, y: 200 } },
    },
  ],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
});

async function checkPR(
  number: number,
  setup: { workflow: string; production: string[]; env: Record<string, string> },
): Promise<ActionRun & { comment: string; reviews: string }> {
  github.pullFiles.set(number, [{ filename: 'flows/agent.json', status: 'added' }]);
  const files = {
    'flows/agent.json': JSON.stringify(flex(setup.workflow), null, 2),
    '.github/studio-flow-ci.yml': ['environments:', '  production:', ...setup.production, ''].join('\n'),
  };
  github.contents.set(BASE_SHA, new Map());
  const workspace = await makeWorkspace(files);
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  const run = await runAction({
    workspace,
    eventName: 'pull_request',
    eventPath,
    apiUrl: github.url,
    env: setup.env,
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
  const comment = (github.comments.get(number) ?? []).map((c) => c.body).join('\n');
  // Everything written to GitHub for this PR (comments, reviews, their bodies as JSON text).
  const reviews = github
    .writes()
    .filter((w) => w.path.includes(`/${number}/`))
    .map((w) => JSON.stringify(w.body))
    .join('\n');
  return { ...run, comment, reviews };
}

/** What a reader sees: Markdown backslash escapes and HTML entities undone. */
function asRead(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#|~!.+-])/g, '$1')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}

/** Any 12 characters in a row of the secret, read as a person reads the text. */
function leaks(text: string, secret: string): string | undefined {
  const read = asRead(text);
  for (let i = 0; i + 12 <= secret.length; i++) {
    const piece = secret.slice(i, i + 12);
    if (read.includes(piece)) return piece;
  }
  return undefined;
}

function assertNoLeak(run: ActionRun & { comment: string; reviews: string }, secret: string): void {
  const log = run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  const places: [string, string][] = [
    ['comment', run.comment],
    ['GitHub writes (reviews, comments as JSON)', run.reviews],
    ['summary', run.summary],
    ['log and annotations', log],
    ['outputs', Object.values(run.outputs).join('\n')],
  ];
  for (const [where, text] of places) {
    const piece = leaks(text, secret);
    assert.equal(piece, undefined, `the ${where} show(s) "${piece}" of the secret:\n${text.slice(0, 3000)}`);
  }
}

before(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: AUTH },
    account: {
      taskrouter: {
        workspaces: [
          { friendly_name: 'Flex Task Assignment', workflows: [{ friendly_name: 'Assign to Anyone' }] },
          { friendly_name: 'Other', workflows: [{ friendly_name: 'Assign to Anyone' }] },
        ],
      },
    },
  });
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('a ${env.NAME} value steered into a message by the PR', () => {
  const underscored = 'prod_db_pass_word_7f3a9c2e';
  test('taskrouter.workspace from the environment, named in "no such workspace" (Markdown escapes _)', async () => {
    const run = await checkPR(41, {
      workflow: '${workflow:Assign to Anyone}',
      production: ['    taskrouter: { workspace: "${env.WS_SECRET}" }'],
      env: { WS_SECRET: underscored },
    });
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.comment, /names no workspace/);
    assertNoLeak(run, underscored);
  });

  const long = 'Zq8'.repeat(10) + 'LongSecretWithoutUnderscores' + 'Xy7'.repeat(10);
  test('a secret longer than a message cuts names (80 characters): no prefix of it is shown', async () => {
    const run = await checkPR(42, {
      workflow: '${workflow:Assign to Anyone}',
      production: ['    taskrouter: { workspace: "${env.WS_SECRET}" }'],
      env: { WS_SECRET: long },
    });
    assert.equal(run.code, 1, run.stdout);
    assertNoLeak(run, long);
  });

  test('a variable inside a name reference: the reference text is quoted in the error', async () => {
    const run = await checkPR(43, {
      workflow: '${workflow:${var.WF}}',
      production: ['    taskrouter: { workspace: Other }', '    variables: { WF: "${env.WF_SECRET}" }'],
      env: { WF_SECRET: long },
    });
    assert.equal(run.code, 1, run.stdout);
    assertNoLeak(run, long);
  });

  const html = 'pa&ss<wo>rd"Q\'9f3a9c2e11';
  test('HTML metacharacters in the value (escaped inside <details>)', async () => {
    const run = await checkPR(44, {
      workflow: '${workflow:${var.WF}}',
      production: ['    taskrouter: { workspace: Other }', '    variables: { WF: "${env.WF_SECRET}" }'],
      env: { WF_SECRET: html },
    });
    assert.equal(run.code, 1, run.stdout);
    assertNoLeak(run, html);
  });
});
