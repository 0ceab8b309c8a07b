/**
 * End to end through dist/: hostile name references in a pull request (markup, @mentions, workflow commands,
 * a line break, a huge name, a bidi override) and hostile names in the account (markup, an escape sequence, "%0A"
 * that a runner would decode): every error stays one workflow-command line at the reference's line, the PR
 * comment and review comments render it inert, and nothing is written to Studio.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { portableDefinition, SHA, startAccount, studioWrites, type Account } from '../support/name-accounts.ts';
import { makeWorkspace, prPayload, runAction } from '../support/run-action.ts';

const GH_TOKEN = 'ghs_namesHostileE2eToken000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const CONFIG = `environments:
  production:
    serverless: { environment: production }
    taskrouter: { workspace: Flex Task Assignment }
`;
// Names in the account, as Twilio may hold them: only suggestions bring them into a message.
const EVIL_WORKFLOW = 'Sales <img src=x onerror=alert(1)> @octocat %0A::error::from-twilio';
const EVIL_CHANNEL = 'voice\u001b[31m<b>red</b>';
const HUGE = 'x'.repeat(60_000);

let account: Account;
let github: FakeGitHub;

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
  account = await startAccount('production.json', `AC${'b1'.repeat(16)}`, (seed) => {
    const ws = seed.taskrouter!.workspaces[0]!;
    ws.workflows = [...(ws.workflows ?? []), { friendly_name: EVIL_WORKFLOW }];
    ws.task_channels = [...(ws.task_channels ?? []), { unique_name: EVIL_CHANNEL }];
  });
});
after(async () => {
  await account.emulator.close();
  await github.close();
});

test('hostile name references and hostile account names: one line each, inert in the PR, nothing written', async () => {
  const definition = portableDefinition('${function:hours/api/hours\n}');
  const props = (name: string) => definition.states.find((s) => s.name === name)!.properties as Record<string, unknown>;
  props('to_agent').workflow = '${workflow:Sales <img src=x onerror=alert(1)> @octocat %0A::error::from-twilio!}';
  props('to_agent').channel = '${channel:voice\u001b[31m<b>red</b>!}';
  props('to_agent').attributes = `\${channel:${HUGE}}`;
  props('helper').flow_sid = '${flow-name:<script>alert(1)</script> @admin \u202eRLO\n::error::from-the-pr}';
  const text = `${JSON.stringify({ friendly_name: 'Hostile', definition }, null, 2)}\n`;
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

  const number = 61;
  const patch = `@@ -0,0 +1,${lines.length - 1} @@\n${lines
    .slice(0, -1)
    .map((l) => `+${l}`)
    .join('\n')}`;
  github.pullFiles.set(number, [{ filename: 'flows/hostile.json', status: 'added', patch }]);
  github.contents.set(BASE_SHA, new Map([['.github/studio-flow-ci.yml', CONFIG]]));
  github.contents.set(SHA, new Map([['flows/hostile.json', text]]));
  const workspace = await makeWorkspace({ 'flows/hostile.json': text, '.github/studio-flow-ci.yml': CONFIG });
  const r = await runAction({
    workspace,
    eventName: 'pull_request',
    eventPath: await prPayload((p) => {
      p.number = number;
      p.pull_request.number = number;
    }),
    apiUrl: github.url,
    inputs: {
      'twilio-account-sid': account.accountSid,
      'twilio-auth-token': account.authToken,
      flows: 'flows/**/*.json',
      'studio-url': account.emulator.url,
      'github-token': GH_TOKEN,
      environment: 'production',
      mode: 'check',
    },
  });
  assert.equal(r.code, 1, r.stdout);

  // The log: no injected command, no terminal escape, nothing huge; each error at its line.
  const out = r.stdout.split('\n');
  assert.ok(!out.some((l) => /^::error::(from-twilio|from-the-pr)/.test(l)), r.stdout);
  assert.ok(!r.stdout.includes('\u001b'), 'no terminal escape in the log');
  assert.ok(
    out.every((l) => l.length < 4_000),
    'no line carries the huge name',
  );
  const annotations = out.filter((l) => l.startsWith('::error title=Studio flow lint (name-reference)'));
  const at = (needle: string) => annotations.filter((l) => l.includes(`,line=${lineOf(needle)},`));
  assert.equal(at('"workflow": ').length, 1, r.stdout);
  assert.match(at('"workflow": ')[0]!, /%250A::error::from-twilio/, 'a "%0A" in a name reaches the runner escaped');
  assert.equal(at('"channel": ').length, 1, r.stdout);
  assert.equal(at('"attributes": ').length, 1, r.stdout);
  assert.match(at('"attributes": ')[0]!, /…/, 'the huge name is cut');
  assert.equal(at('"flow_sid": ').length, 1, r.stdout);
  assert.match(at('"flow_sid": ')[0]!, /line break/);
  assert.equal(at('"service_sid": ').length, 1, r.stdout);

  // The PR: markup and mentions inert in the comment and in every review comment.
  const comment = github.comments.get(number)?.[0]?.body ?? '';
  assert.ok(comment.length > 0);
  const reviews = (github.reviewComments.get(number) ?? []).map((c) => c.body);
  assert.ok(reviews.length >= 5, `review comments: ${reviews.length}`);
  for (const [where, body] of [['comment', comment], ...reviews.map((b, i) => [`review ${i}`, b])] as const) {
    assert.doesNotMatch(body, /<img|<script|<b>/, `${where}: markup`);
    assert.doesNotMatch(body, /(^|[^\w`])@(octocat|admin)\b/, `${where}: a live mention`);
    assert.ok(!body.includes('\u001b') && !body.includes('\u202e'), `${where}: a control or bidi character`);
    assert.ok(!body.includes(HUGE), `${where}: the huge name`);
  }
  assert.equal(studioWrites(account.emulator).length, 0, 'nothing written to Studio');
});
