/**
 * Adversarial, end to end through dist/: a deploy (push to the default branch) where name references cannot all be
 * resolved must write NOTHING to Studio: not the flows whose references resolve, not a stand-in, not the reference
 * text. Cases: a Function path the deployed build lacks, two workspaces and none chosen, two workflows of one name,
 * (a build deploying one path twice: the emulator refuses to seed it; see names-roundtrip.test.ts). And the happy path, to show the same set-up deploys.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { startEmulator, type AccountSeed, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { ACCOUNT, deploy, GH_TOKEN, json, TOKEN_TW } from '../deploy/e2e-kit.ts';

let studio: EmulatorHandle | undefined;
let github: FakeGitHub | undefined;

const trigger = {
  name: 'Trigger',
  type: 'trigger',
  transitions: [{ event: 'incomingMessage' }, { next: 'hours', event: 'incomingCall' }, { event: 'incomingRequest' }],
  properties: { offset: { x: 0, y: 0 } },
};
const fnRef = (path: string) => `\${function:hours-service${path}}`;
const flowFile = (name: string, path: string, workflow: string) =>
  json({
    friendly_name: name,
    definition: {
      description: name,
      states: [
        trigger,
        {
          name: 'hours',
          type: 'run-function',
          transitions: [{ next: 'agent', event: 'success' }, { event: 'fail' }],
          properties: {
            service_sid: fnRef(path),
            environment_sid: fnRef(path),
            function_sid: fnRef(path),
            url: fnRef(path),
            offset: { x: 0, y: 200 },
          },
        },
        {
          name: 'agent',
          type: 'send-to-flex',
          transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
          properties: { workflow, channel: '${channel:voice}', attributes: '{}', offset: { x: 0, y: 400 } },
        },
      ],
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
    },
  });

const seed = (edit: { workspaces?: number; twiceWorkflow?: boolean } = {}): AccountSeed => ({
  serverless: {
    services: [
      {
        unique_name: 'hours-service',
        environments: [
          {
            unique_name: 'production',
            functions: [{ path: '/api/hours' }],
          },
        ],
      },
    ],
  },
  taskrouter: {
    workspaces: Array.from({ length: edit.workspaces ?? 1 }, (_, i) => ({
      friendly_name: i === 0 ? 'Flex Task Assignment' : `Other ${i}`,
      workflows: edit.twiceWorkflow
        ? [{ friendly_name: 'Sales' }, { friendly_name: 'Sales' }]
        : [{ friendly_name: 'Sales' }],
      task_channels: [{ unique_name: 'voice' }],
    })),
  },
});

async function start(account: AccountSeed, faults?: Parameters<typeof startEmulator>[0]['faults']) {
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
    account,
    ...(faults ? { faults } : {}),
  });
  github = await startFakeGitHub({ token: GH_TOKEN });
}
beforeEach(async () => {
  await studio?.close();
  await github?.close();
});
after(async () => {
  await studio?.close();
  await github?.close();
});

const writes = () => studio!.requests.filter((q) => q.method !== 'GET' && q.path !== '/v2/Flows/Validate');

describe('a deploy with a name reference that does not resolve writes nothing', () => {
  test('the happy path deploys both flows, with the SIDs filled in (the set-up works)', async () => {
    await start(seed());
    const r = await deploy(
      { studio: studio!, github: github! },
      {
        files: {
          'flows/f0.json': flowFile('F0', '/api/hours', '${workflow:Sales}'),
          'flows/f1.json': flowFile('F1', '/api/hours', '${workflow:Sales}'),
        },
      },
    );
    assert.equal(r.code, 0, r.stdout);
    const sent = writes().map((q) => q.params.Definition ?? '');
    assert.equal(sent.length >= 2, true, JSON.stringify(writes().map((q) => q.path)));
    for (const d of sent) {
      assert.doesNotMatch(d, /\$\{|0{32}|stand-in/);
      assert.match(d, /"workflow":"WW[0-9a-f]{32}"/);
    }
  });

  const cases: [string, AccountSeed, string, string, RegExp][] = [
    ['a path the deployed build lacks', seed(), '/api/missing', '${workflow:Sales}', /\/api\/missing/],
    ['two workspaces, none chosen', seed({ workspaces: 2 }), '/api/hours', '${workflow:Sales}', /workspace/],
    ['two workflows named Sales', seed({ twiceWorkflow: true }), '/api/hours', '${workflow:Sales}', /ambiguous/],
  ];
  for (const [name, account, path, workflow, error] of cases) {
    test(name, async () => {
      await start(account);
      const r = await deploy(
        { studio: studio!, github: github! },
        {
          files: {
            'flows/f0.json': flowFile('F0', '/api/hours', '${workflow:Sales}'),
            'flows/f1.json': flowFile('F1', path, workflow),
          },
        },
      );
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stdout, /::error title=[^\n]*name-reference[^\n]*,file=flows\/f1\.json,line=\d+/);
      assert.match(r.stdout, error);
      assert.deepEqual(
        writes().map((q) => `${q.method} ${q.path}`),
        [],
        'nothing may be written to Studio',
      );
    });
  }

  test('the Serverless API answers only errors: one clear line, nothing written (also not the flow without Functions)', async () => {
    await start(seed(), { share: 1, kinds: ['error'], match: (q) => q.api === 'serverless', seed: 1 });
    const plain = JSON.parse(flowFile('F0', '/api/hours', '${workflow:Sales}'));
    plain.definition.states[1].properties = {
      ...plain.definition.states[1].properties,
      ...{
        service_sid: `ZS${'1'.repeat(32)}`,
        environment_sid: `ZE${'1'.repeat(32)}`,
        function_sid: `ZH${'1'.repeat(32)}`,
        url: 'https://hours-1111.twil.io/api/hours',
      },
    };
    const r = await deploy(
      { studio: studio!, github: github! },
      { files: { 'flows/f0.json': json(plain), 'flows/f1.json': flowFile('F1', '/api/hours', '${workflow:Sales}') } },
    );
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /::error title=[^\n]*name-reference[^\n]*,file=flows\/f1\.json,line=\d+[^\n]*Serverless/);
    assert.deepEqual(
      writes().map((q) => `${q.method} ${q.path}`),
      [],
      'nothing may be written to Studio',
    );
  });
});
