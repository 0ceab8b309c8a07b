/**
 * Every request the Serverless and TaskRouter clients send, and every answer the emulator gives them, must conform
 * to Twilio's OpenAPI descriptions (test/fixtures/openapi/twilio_serverless_v1.json, twilio_taskrouter_v1.json);
 * every field the clients read must be a field of the response schema.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import type { AccountSeed } from '../../src/emulator/account-seed.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { ANSWER_FIELDS } from '../../src/studio/account-answers.ts';
import { ServerlessClient } from '../../src/studio/serverless.ts';
import { TaskRouterClient } from '../../src/studio/taskrouter.ts';
import { loadOpenApiChecker } from '../support/openapi.ts';
import type { CheckedRequest } from '../support/openapi.ts';
import { recordingDispatcher } from '../support/recording-dispatcher.ts';
import type { RecordedExchange } from '../support/recording-dispatcher.ts';
import { ACCOUNT_SID, AUTH_TOKEN, CREDENTIALS } from '../support/sample-flows.ts';

const specPath = (name: string) => fileURLToPath(new URL(`../fixtures/openapi/${name}`, import.meta.url));
const SERVERLESS_SPEC = specPath('twilio_serverless_v1.json');
const TASKROUTER_SPEC = specPath('twilio_taskrouter_v1.json');
const serverlessChecker = loadOpenApiChecker(SERVERLESS_SPEC);
const taskrouterChecker = loadOpenApiChecker(TASKROUTER_SPEC);
const agent = new Agent();
const { dispatcher, exchanges } = recordingDispatcher(agent);
let emulator: EmulatorHandle;

/** More than one page (1000) of services and of workflows, so that paging is covered too. */
function bigSeed(): AccountSeed {
  const many = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    serverless: {
      services: [
        {
          unique_name: 'hours',
          environments: [
            { unique_name: 'production', domain_suffix: null, functions: [{ path: '/api/hours' }] },
            { unique_name: 'dev', domain_suffix: 'dev', build: null },
          ],
        },
        ...many(1000).map((i) => ({ unique_name: `svc-${i}` })),
      ],
    },
    taskrouter: {
      workspaces: [
        {
          friendly_name: 'Flex Task Assignment',
          workflows: many(1001).map((i) => ({ friendly_name: `Workflow ${i}` })),
          task_channels: [{ unique_name: 'voice', friendly_name: 'Voice' }],
        },
      ],
    },
  };
}

const checkerFor = (exchange: RecordedExchange) =>
  exchange.path.startsWith('/v1/Services') ? serverlessChecker : taskrouterChecker;

function asChecked(exchange: RecordedExchange): CheckedRequest {
  return {
    method: exchange.method,
    path: exchange.path,
    contentType: exchange.headers['content-type'],
    body: exchange.body,
  };
}

async function driveClients(): Promise<void> {
  const options = { baseUrl: emulator.url, username: ACCOUNT_SID, password: AUTH_TOKEN, dispatcher, timeoutMs: 10_000 };
  const serverless = new ServerlessClient(options);
  const taskrouter = new TaskRouterClient(options);
  const services = await serverless.listServices();
  assert.equal(services.length, 1001);
  const hours = services.find((s) => s.uniqueName === 'hours');
  assert.ok(hours);
  const environments = await serverless.listEnvironments(hours.sid);
  const production = environments.find((e) => e.uniqueName === 'production');
  assert.ok(production?.buildSid);
  assert.equal((await serverless.fetchBuild(hours.sid, production.buildSid)).functions[0]?.path, '/api/hours');
  const unknownBuild = `ZB${'0'.repeat(32)}`;
  await assert.rejects(serverless.fetchBuild(hours.sid, unknownBuild), /404/);
  await assert.rejects(serverless.listEnvironments(`ZS${'0'.repeat(32)}`), /404/);
  const [workspace] = await taskrouter.listWorkspaces();
  assert.ok(workspace);
  assert.equal((await taskrouter.listWorkflows(workspace.sid)).length, 1001);
  assert.equal((await taskrouter.listTaskChannels(workspace.sid)).length, 1);
  await assert.rejects(taskrouter.listWorkflows(`WS${'0'.repeat(32)}`), /404/);
  const intruder = { ...options, password: 'not-the-token', retry: false as const };
  await assert.rejects(new ServerlessClient(intruder).listServices(), /401/);
  await assert.rejects(new TaskRouterClient(intruder).listWorkspaces(), /401/);
}

before(async () => {
  emulator = await startEmulator({ credentials: CREDENTIALS, account: bigSeed() });
  await driveClients();
});
after(async () => {
  await emulator.close();
  await agent.close();
});

describe('OpenAPI conformance of the Serverless and TaskRouter clients and the emulator', () => {
  it('covered every operation the clients use, with pages, successes and errors', () => {
    const seen = new Set(exchanges.map((e) => `${checkerFor(e).operationId(asChecked(e))} ${e.status}`));
    assert.deepEqual([...seen].sort(), [
      'FetchBuild 200',
      'FetchBuild 404',
      'ListEnvironment 200',
      'ListEnvironment 404',
      'ListService 200',
      'ListService 401',
      'ListTaskChannel 200',
      'ListWorkflow 200',
      'ListWorkflow 404',
      'ListWorkspace 200',
      'ListWorkspace 401',
    ]);
    assert.equal(exchanges.filter((e) => e.path.startsWith('/v1/Services?')).length, 3, 'two pages, then the 401');
    assert.equal(exchanges.filter((e) => /\/Workflows\?/.test(e.path) && e.status === 200).length, 2, 'two pages');
  });

  it('every request the clients sent matches its operation (path, method, query, no body)', () => {
    for (const exchange of exchanges)
      assert.deepEqual(
        checkerFor(exchange).checkRequest(asChecked(exchange)),
        [],
        `${exchange.method} ${exchange.path}`,
      );
  });

  it("every answer the emulator gave validates against the spec (or is Twilio's error shape)", () => {
    for (const exchange of exchanges) {
      const problems = checkerFor(exchange).checkResponse(asChecked(exchange), {
        status: exchange.status,
        body: exchange.responseBody,
      });
      assert.deepEqual(problems, [], `${exchange.method} ${exchange.path} → ${exchange.status}`);
    }
  });

  it('every field the clients read is a field of its response schema', () => {
    const schemas = (path: string) =>
      (JSON.parse(readFileSync(path, 'utf8')) as { components: { schemas: Record<string, { properties: object }> } })
        .components.schemas;
    const serverless = schemas(SERVERLESS_SPEC);
    const taskrouter = schemas(TASKROUTER_SPEC);
    const where = {
      service: serverless['serverless.v1.service'],
      environment: serverless['serverless.v1.service.environment'],
      build: serverless['serverless.v1.service.build'],
      // A build's function_versions are function version resources (the spec leaves the items untyped).
      functionVersion: serverless['serverless.v1.service.function.function_version'],
      workspace: taskrouter['taskrouter.v1.workspace'],
      workflow: taskrouter['taskrouter.v1.workspace.workflow'],
      taskChannel: taskrouter['taskrouter.v1.workspace.task_channel'],
    };
    for (const [resource, fields] of Object.entries(ANSWER_FIELDS)) {
      const schema = where[resource as keyof typeof where];
      assert.ok(schema, `no schema for ${resource}`);
      for (const field of fields)
        assert.ok(field.name in schema.properties, `${resource}.${field.name} is not in the spec's schema`);
    }
  });

  it('the checker refuses a request the spec does not have', () => {
    assert.deepEqual(serverlessChecker.checkRequest({ method: 'GET', path: '/v1/Services?PageSize=5000' }), [
      'ListService query PageSize must be <= 1000',
    ]);
    assert.deepEqual(taskrouterChecker.checkRequest({ method: 'GET', path: '/v1/Workspaces/WS1/Workflows' }), [
      'ListWorkflow path WorkspaceSid must NOT have fewer than 34 characters',
      'ListWorkflow path WorkspaceSid must match pattern "^WS[0-9a-fA-F]{32}$"',
    ]);
  });

  it('the checker refuses an answer the spec does not allow', () => {
    const list = { method: 'GET', path: `/v1/Workspaces/WS${'0'.repeat(32)}/TaskChannels` };
    const body = { channels: [{ sid: 'WW1', unique_name: 7 }], meta: { next_page_url: 'not a url' } };
    assert.deepEqual(taskrouterChecker.checkResponse(list, { status: 200, body: JSON.stringify(body) }).sort(), [
      'ListTaskChannel 200 body/channels/0/sid must NOT have fewer than 34 characters',
      'ListTaskChannel 200 body/channels/0/sid must match pattern "^TC[0-9a-fA-F]{32}$"',
      'ListTaskChannel 200 body/channels/0/unique_name must be string,null',
      'ListTaskChannel 200 body/meta/next_page_url must match format "uri"',
    ]);
  });
});
