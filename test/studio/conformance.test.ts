/**
 * Every request the real client sends, and every response the real emulator returns for it, must conform to
 * Twilio's OpenAPI description of Studio v2 (test/fixtures/openapi/twilio_studio_v2.json).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { startEmulator } from '../../src/emulator/server.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { StudioClient } from '../../src/studio/client.ts';
import { loadOpenApiChecker, toJsonSchema } from '../support/openapi.ts';
import type { CheckedRequest } from '../support/openapi.ts';
import { recordingDispatcher } from '../support/recording-dispatcher.ts';
import type { RecordedExchange } from '../support/recording-dispatcher.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  brokenDefinition,
  CREDENTIALS,
  sampleDefinition,
  testLint,
} from '../support/sample-flows.ts';

const SPEC = fileURLToPath(new URL('../fixtures/openapi/twilio_studio_v2.json', import.meta.url));
const checker = loadOpenApiChecker(SPEC);
const agent = new Agent();
const { dispatcher, exchanges } = recordingDispatcher(agent);
let emulator: EmulatorHandle;

function asChecked(exchange: RecordedExchange): CheckedRequest {
  return {
    method: exchange.method,
    path: exchange.path,
    contentType: exchange.headers['content-type'],
    body: exchange.body,
  };
}

/** Drive every client method, successes and failures, through the recording dispatcher. */
async function driveClient(): Promise<void> {
  const api = new StudioClient({ baseUrl: emulator.url, username: ACCOUNT_SID, password: AUTH_TOKEN, dispatcher });
  const expectError = async (promise: Promise<unknown>): Promise<void> => {
    await assert.rejects(promise);
  };
  for (let i = 0; i < 1100; i += 1) {
    emulator.store.create({
      friendlyName: `Seed ${i}`,
      definition: sampleDefinition(),
      status: 'published',
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
    });
  }
  assert.equal((await api.listFlows()).length, 1100);
  const flow = await api.createFlow({
    friendlyName: 'Conformance',
    status: 'draft',
    definition: sampleDefinition(),
    commitMessage: 'c1',
  });
  await api.getFlow(flow.sid);
  await api.updateFlow(flow.sid, {
    status: 'published',
    definition: sampleDefinition('v2'),
    commitMessage: 'c2',
    friendlyName: 'Conf 2',
  });
  await api.updateFlow(flow.sid, { status: 'draft' });
  assert.deepEqual(await api.validateFlow({ friendlyName: 'Conf', status: 'draft', definition: sampleDefinition() }), {
    valid: true,
  });
  assert.equal(
    (await api.validateFlow({ friendlyName: 'Conf', status: 'published', definition: brokenDefinition() })).valid,
    false,
  );
  assert.equal((await api.listRevisions(flow.sid)).length, 3);
  await api.getRevision(flow.sid, 1);
  await api.getRevision(flow.sid, 'LatestPublished');
  await api.getRevision(flow.sid, 'LatestRevision');
  await expectError(api.getRevision(flow.sid, 'Newest' as 'LatestRevision'));
  await expectError(api.getRevision(flow.sid, 42));
  await expectError(api.createFlow({ friendlyName: 'Broken', status: 'draft', definition: brokenDefinition() }));
  await api.deleteFlow(flow.sid);
  await expectError(api.getFlow(flow.sid));
  await expectError(api.deleteFlow(flow.sid));
  const intruder = new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: 'not-the-token',
    dispatcher,
  });
  await expectError(intruder.listFlows());
}

before(async () => {
  emulator = await startEmulator({ credentials: CREDENTIALS, lint: testLint });
  await driveClient();
});
after(async () => {
  await emulator.close();
  await agent.close();
});

describe('OpenAPI conformance of client requests and emulator responses', () => {
  it('covered every Studio operation the client uses, with successes and errors', () => {
    const seen = new Set(exchanges.map((e) => `${checker.operationId(asChecked(e))} ${e.status}`));
    assert.deepEqual([...seen].sort(), [
      'CreateFlow 201',
      'CreateFlow 400',
      'DeleteFlow 204',
      'DeleteFlow 404',
      'FetchFlow 200',
      'FetchFlow 404',
      'FetchFlowRevision 200',
      'FetchFlowRevision 400',
      'FetchFlowRevision 404',
      'ListFlow 200',
      'ListFlow 401',
      'ListFlowRevision 200',
      'UpdateFlow 200',
      'UpdateFlowValidate 200',
      'UpdateFlowValidate 400',
    ]);
    assert.equal(exchanges.filter((e) => e.path.startsWith('/v2/Flows?')).length, 3, 'two list pages, then the 401');
  });

  it('every request the client sent matches its operation (path, method, query, form body)', () => {
    for (const exchange of exchanges) {
      assert.deepEqual(checker.checkRequest(asChecked(exchange)), [], `${exchange.method} ${exchange.path}`);
    }
  });

  it("every response the emulator returned validates against the spec (or is Twilio's error shape)", () => {
    for (const exchange of exchanges) {
      const problems = checker.checkResponse(asChecked(exchange), {
        status: exchange.status,
        body: exchange.responseBody,
      });
      assert.deepEqual(problems, [], `${exchange.method} ${exchange.path} → ${exchange.status}`);
    }
  });
});

describe('the OpenAPI checker itself', () => {
  it('converts nullable, $ref siblings and enums', () => {
    const spec = { components: { schemas: { s: { type: 'string', enum: ['a', 'b'] } } } };
    assert.deepEqual(toJsonSchema({ $ref: '#/components/schemas/s', nullable: true, 'x-twilio': {} }, spec), {
      type: ['string', 'null'],
      enum: ['a', 'b', null],
    });
  });

  it('rejects wrong requests', () => {
    const form = 'application/x-www-form-urlencoded';
    assert.deepEqual(
      checker.checkRequest({
        method: 'POST',
        path: '/v2/Flows',
        contentType: form,
        body: 'FriendlyName=x&Status=live&Foo=1',
      }),
      [
        'CreateFlow: required form parameter Definition missing',
        'CreateFlow form Status must be equal to one of the allowed values',
        'CreateFlow: form parameter Foo is not in the spec',
      ],
    );
    assert.deepEqual(
      checker.checkRequest({
        method: 'POST',
        path: '/v2/Flows/Validate',
        contentType: 'application/json',
        body: 'Status=draft&FriendlyName=x&Definition={}',
      }),
      ['UpdateFlowValidate: content-type must be application/x-www-form-urlencoded, got application/json'],
    );
    assert.deepEqual(checker.checkRequest({ method: 'GET', path: '/v2/Flow' }), [
      'no path in the spec matches /v2/Flow',
    ]);
    assert.deepEqual(checker.checkRequest({ method: 'PUT', path: '/v2/Flows' }), [
      'PUT is not an operation of /v2/Flows',
    ]);
    assert.deepEqual(checker.checkRequest({ method: 'GET', path: '/v2/Flows/FW123?PageSize=5000' }), [
      'FetchFlow path Sid must NOT have fewer than 34 characters',
      'FetchFlow path Sid must match pattern "^FW[0-9a-fA-F]{32}$"',
      'FetchFlow: query parameter PageSize is not in the spec',
    ]);
    assert.deepEqual(checker.checkRequest({ method: 'GET', path: '/v2/Flows?PageSize=5000' }), [
      'ListFlow query PageSize must be <= 1000',
    ]);
  });

  it('rejects wrong responses', () => {
    const fetch = { method: 'GET', path: '/v2/Flows/FW0123456789abcdef0123456789abcdef' };
    const badFlow = { sid: 'XX1', date_created: 'yesterday', revision: '3', status: 'live', url: 'not a url' };
    assert.deepEqual(checker.checkResponse(fetch, { status: 200, body: JSON.stringify(badFlow) }).sort(), [
      'FetchFlow 200 body/date_created must match format "date-time"',
      'FetchFlow 200 body/revision must be integer,null',
      'FetchFlow 200 body/sid must NOT have fewer than 34 characters',
      'FetchFlow 200 body/sid must match pattern "^FW[0-9a-fA-F]{32}$"',
      'FetchFlow 200 body/status must be equal to one of the allowed values',
      'FetchFlow 200 body/url must match format "uri"',
    ]);
    assert.deepEqual(checker.checkResponse({ method: 'POST', path: '/v2/Flows' }, { status: 200, body: '{}' }), [
      'CreateFlow: status 200 is not a declared response',
    ]);
    assert.deepEqual(
      checker.checkResponse(fetch, {
        status: 404,
        body: JSON.stringify({ code: 20404, message: 'Not found', status: 400 }),
      }),
      [
        "FetchFlow 404 error must have required property 'more_info'",
        'FetchFlow: error status 400 ≠ HTTP 404',
        'FetchFlow: more_info does not name code 20404',
      ],
    );
    assert.deepEqual(checker.checkResponse({ method: 'DELETE', path: fetch.path }, { status: 204, body: '{"ok":1}' }), [
      'DeleteFlow 204: expected no body',
    ]);
  });
});
