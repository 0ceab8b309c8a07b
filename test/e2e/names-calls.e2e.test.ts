/**
 * End to end through dist/ with the real emulator: which account APIs a run calls. A flow with no name reference
 * (check and deploy) makes no Serverless or TaskRouter request, even in a repository configured for names; a flow
 * with them does (so the count can fail). A deploy whose Serverless API fails says so in one line and writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import {
  expectedValues,
  heldDefinition,
  plainDefinition,
  portableDefinition,
  requestsTo,
  SHA,
  startAccount,
  studioWrites,
  type Account,
} from '../support/name-accounts.ts';
import { makeWorkspace, prPayload, runAction, writeEvent } from '../support/run-action.ts';

const GH_TOKEN = 'ghs_namesCallsE2eToken000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const CONFIG = `environments:
  production:
    serverless: { environment: production }
    taskrouter: { workspace: Flex Task Assignment }
`;

let account: Account;
let github: FakeGitHub;

const fileOf = (name: string, definition: unknown) =>
  `${JSON.stringify({ friendly_name: name, definition }, null, 2)}\n`;

async function run(
  mode: 'check' | 'deploy',
  files: Record<string, string>,
  more: { config?: string; env?: Record<string, string> } = {},
) {
  const config = more.config ?? CONFIG;
  const workspace = await makeWorkspace({ ...files, '.github/studio-flow-ci.yml': config });
  const inputs = {
    'twilio-account-sid': account.accountSid,
    'twilio-auth-token': account.authToken,
    flows: 'flows/**/*.json',
    'studio-url': account.emulator.url,
    'github-token': GH_TOKEN,
    environment: 'production',
    'fail-on': 'error',
    mode,
  };
  if (mode === 'deploy') {
    const event = { ref: 'refs/heads/master', before: '0'.repeat(40), after: SHA, created: true };
    return runAction({
      workspace,
      eventName: 'push',
      eventPath: await writeEvent({ ...event, repository: { default_branch: 'master' } }),
      apiUrl: github.url,
      env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master', ...more.env },
      inputs: { ...inputs, deploy: 'all' },
    });
  }
  github.pullFiles.set(
    51,
    Object.keys(files).map((filename) => ({ filename, status: 'added' as const })),
  );
  github.contents.set(BASE_SHA, new Map([['.github/studio-flow-ci.yml', config]]));
  github.contents.set(SHA, new Map(Object.entries(files)));
  const eventPath = await prPayload((p) => {
    p.number = 51;
    p.pull_request.number = 51;
  });
  return runAction({ workspace, eventName: 'pull_request', eventPath, apiUrl: github.url, inputs });
}

const apis = () => ({
  studio: requestsTo(account.emulator, 'studio').length,
  serverless: requestsTo(account.emulator, 'serverless').length,
  taskrouter: requestsTo(account.emulator, 'taskrouter').length,
});

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
  account = await startAccount('production.json', `AC${'c3'.repeat(16)}`);
});
beforeEach(() => {
  account.emulator.requests.length = 0;
  account.emulator.fault = undefined;
});
after(async () => {
  await account.emulator.close();
  await github.close();
});

describe('account API calls', () => {
  const plain = { 'flows/plain.json': fileOf('Plain', plainDefinition('Hello')) };

  test('a pull request whose flow has no name reference makes no Serverless or TaskRouter request', async () => {
    const r = await run('check', plain);
    assert.equal(r.code, 0, r.stdout);
    const calls = apis();
    assert.ok(calls.studio > 0, 'Studio was asked (Validate, the live flow)');
    assert.deepEqual({ serverless: calls.serverless, taskrouter: calls.taskrouter }, { serverless: 0, taskrouter: 0 });
  });

  test('a deploy of a flow with no name reference makes none either, and one with names does', async () => {
    const r = await run('deploy', plain);
    assert.equal(r.code, 0, r.stdout);
    assert.ok(studioWrites(account.emulator).length > 0, 'the flow was written');
    const calls = apis();
    assert.deepEqual({ serverless: calls.serverless, taskrouter: calls.taskrouter }, { serverless: 0, taskrouter: 0 });

    // The same count is not zero when a flow uses names: each list once (services, environments, the build;
    // workspaces, workflows, task channels).
    account.emulator.requests.length = 0;
    const named = await run('deploy', { 'flows/named.json': fileOf('Named', portableDefinition()) });
    assert.equal(named.code, 0, named.stdout);
    assert.deepEqual(
      requestsTo(account.emulator, 'serverless').map((q) => q.path.replace(/Z[SEB][0-9a-f]{32}/g, '…')),
      ['/v1/Services', '/v1/Services/…/Environments', '/v1/Services/…/Builds/…'],
    );
    assert.deepEqual(
      requestsTo(account.emulator, 'taskrouter').map((q) => q.path.replace(/WS[0-9a-f]{32}/g, '…')),
      ['/v1/Workspaces', '/v1/Workspaces/…/Workflows', '/v1/Workspaces/…/TaskChannels'],
    );
  });

  test('serverless.environment from ${env.NAME}: the step environment picks the build; a missing one is named', async () => {
    const config = CONFIG.replace('environment: production', 'environment: "${env.SLS_ENVIRONMENT}"');
    const file = { 'flows/named.json': fileOf('From env', portableDefinition()) };
    const r = await run('deploy', file, { config, env: { SLS_ENVIRONMENT: 'dev-environment' } });
    assert.equal(r.code, 0, r.stdout);
    const def = heldDefinition(account.emulator, 'From env') as ReturnType<typeof portableDefinition>;
    const fn = def.states.find((s) => s.name === 'check_hours')?.properties as Record<string, unknown>;
    const want = expectedValues(account, { environment: 'dev-environment', path: '/api/hours' });
    assert.deepEqual([fn.environment_sid, fn.url], [want.environment_sid, want.url]);

    account.emulator.requests.length = 0;
    const missing = await run('deploy', file, { config });
    assert.equal(missing.code, 1);
    assert.match(
      missing.stdout,
      /::error::\.github\/studio-flow-ci\.yml: environments\.production\.serverless\.environment: \$\{env\.SLS_ENVIRONMENT\} is not set in the step's environment\. Set SLS_ENVIRONMENT/,
    );
    assert.equal(studioWrites(account.emulator).length, 0, 'nothing written');
  });

  for (const status of [500, 401]) {
    test(`a deploy whose Serverless API answers ${status} fails in one line naming Twilio Serverless, writing nothing`, async () => {
      account.emulator.fault = (q) =>
        q.api === 'serverless' ? { status, code: status === 401 ? 20003 : 20500, message: 'Unavailable' } : undefined;
      const r = await run('deploy', { 'flows/named.json': fileOf('Named again', portableDefinition()) });
      assert.notEqual(r.code, 0);
      const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
      const serverless = errors.filter((l) => /Twilio Serverless/.test(l));
      // The four run-function fields hold one reference: one error line, at the first field.
      assert.equal(serverless.length, 1, r.stdout);
      for (const line of serverless) {
        assert.match(line, new RegExp(`Twilio Serverless: listing the services failed: HTTP ${status}`));
        assert.doesNotMatch(line, /at .*\.js:\d+|auth-token-of|\.\.(%0A|$)/);
      }
      assert.match(r.stdout, /::error::Nothing was deployed: 1 flow failed the check \(flows\/named\.json\)/);
      assert.equal(studioWrites(account.emulator).length, 0, 'nothing written to Studio');
      assert.ok(requestsTo(account.emulator, 'serverless').length > 0, 'Serverless was tried');
    });
  }
});
