/**
 * Adversarial, end to end through dist/: each account list is read once per run however many flows use it, on a
 * pull request that changes several flows whose base versions use name references too (both sides are resolved),
 * with one reference that fails (the "deployed elsewhere" hint reads other builds, once each) and a config change
 * that re-checks flows. Counted at the emulator, per API and path.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction } from '../support/run-action.ts';

const ACCOUNT = `AC${'b5'.repeat(16)}`;
const AUTH = 'adv14-lists-once-auth-token';
const TOKEN = 'ghs_adv14ListsOnceToken000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

let studio: EmulatorHandle;
let github: FakeGitHub;

const fn = (path: string) => `\${function:hours-service${path}}`;
const flow = (name: string, path: string, workflow: string) =>
  JSON.stringify(
    {
      friendly_name: name,
      definition: {
        description: name,
        states: [
          {
            name: 'Trigger',
            type: 'trigger',
            transitions: [
              { event: 'incomingMessage' },
              { next: 'hours', event: 'incomingCall' },
              { event: 'incomingRequest' },
            ],
            properties: { offset: { x: 0, y: 0 } },
          },
          {
            name: 'hours',
            type: 'run-function',
            transitions: [{ next: 'agent', event: 'success' }, { event: 'fail' }],
            properties: { service_sid: fn(path), environment_sid: fn(path), function_sid: fn(path), url: fn(path) },
          },
          {
            name: 'agent',
            type: 'send-to-flex',
            transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
            properties: { workflow, channel: '${channel:voice}', attributes: '{}' },
          },
        ],
        initial_state: 'Trigger',
        flags: { allow_concurrent_calls: true },
      },
    },
    null,
    2,
  );

before(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: AUTH },
    account: {
      serverless: {
        services: [
          {
            unique_name: 'hours-service',
            environments: [
              { unique_name: 'dev', domain_suffix: 'dev', functions: [{ path: '/api/hours' }, { path: '/api/new' }] },
              { unique_name: 'staging', domain_suffix: 'stage', functions: [{ path: '/api/hours' }] },
              { unique_name: 'production', functions: [{ path: '/api/hours' }, { path: '/api/old' }] },
            ],
          },
          { unique_name: 'other-service', environments: [{ unique_name: 'production', functions: [{ path: '/x' }] }] },
        ],
      },
      taskrouter: {
        workspaces: [
          {
            friendly_name: 'Flex Task Assignment',
            workflows: [{ friendly_name: 'Sales' }, { friendly_name: 'Support' }],
            task_channels: [{ unique_name: 'voice' }, { unique_name: 'chat' }],
          },
        ],
      },
    },
  });
});
after(async () => {
  await studio.close();
  await github.close();
});

test('five flows, both sides resolved, a failing path and a config change: each list once', async () => {
  const config = (workspace: string) =>
    [
      'environments:',
      '  production:',
      '    serverless: { environment: production }',
      `    taskrouter: { workspace: ${workspace} }`,
      '',
    ].join('\n');
  const head: Record<string, string> = { '.github/studio-flow-ci.yml': config('Flex Task Assignment') };
  const base: Record<string, string> = { '.github/studio-flow-ci.yml': config('"Flex Task Assignment"') };
  for (let i = 0; i < 5; i++) {
    head[`flows/f${i}.json`] = flow(
      `F${i}`,
      i === 4 ? '/api/new' : '/api/hours',
      i % 2 ? '${workflow:Sales}' : '${workflow:Support}',
    );
    base[`flows/f${i}.json`] = flow(`F${i}`, '/api/old', '${workflow:Sales}');
  }
  github.pullFiles.set(7, [
    ...Object.keys(head)
      .filter((p) => p.startsWith('flows/'))
      .map((filename) => ({ filename, status: 'modified' as const })),
    { filename: '.github/studio-flow-ci.yml', status: 'modified' as const },
  ]);
  github.contents.set(BASE_SHA, new Map(Object.entries(base)));
  const workspace = await makeWorkspace(head);
  const eventPath = await prPayload((p) => {
    p.number = 7;
    p.pull_request.number = 7;
  });
  const r = await runAction({
    workspace,
    eventName: 'pull_request',
    eventPath,
    apiUrl: github.url,
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
  assert.equal(r.code, 1, r.stdout); // f4's /api/new is deployed in dev only
  assert.match(r.stdout, /\/api\/new[^\n]*"dev"/);
  const reads = studio.requests.filter((q) => q.api === 'serverless' || q.api === 'taskrouter');
  const byPath = new Map<string, number>();
  for (const q of reads) byPath.set(q.path.split('?')[0]!, (byPath.get(q.path.split('?')[0]!) ?? 0) + 1);
  const twice = [...byPath].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], `read more than once: ${JSON.stringify([...byPath])}`);
  // f4's failing path reads the dev and staging builds for the hint, once each; 8 reads in all (measured: 5 Serverless, 3 TaskRouter).
  assert.ok(reads.length <= 10, `${reads.length} reads: ${JSON.stringify([...byPath])}`);
  const services = [...byPath.keys()].filter((p) => /\/Services\/ZS[0-9a-f]{32}\/Environments$/.test(p));
  assert.equal(services.length, 1, `only hours-service's environments: ${JSON.stringify(services)}`);
});
