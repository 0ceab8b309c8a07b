import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { StudioClient } from '../../src/studio/client.ts';
import { FlowTooLargeError, StudioApiError, StudioNetworkError } from '../../src/studio/errors.ts';
import type { StudioRequest } from '../../src/studio/types.ts';
import { startRawServer, sendJson } from '../support/raw-server.ts';
import { ACCOUNT_SID, API_KEY, AUTH_TOKEN, brokenDefinition, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;

function client(overrides: Partial<ConstructorParameters<typeof StudioClient>[0]> = {}): StudioClient {
  return new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
    ...overrides,
  });
}

useTestEmulator(agent, (e) => (emulator = e));

describe('StudioClient against the emulator', () => {
  it('sends Basic auth; a bad secret is a StudioApiError 20003 that never shows the secret', async () => {
    assert.deepEqual(await client({ username: API_KEY.sid, password: API_KEY.secret }).listFlows(), []);
    const error = await client({ password: 'wrong-secret-value' })
      .listFlows()
      .catch((e: unknown) => e);
    assert.ok(error instanceof StudioApiError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 20003);
    assert.equal(error.moreInfo, 'https://www.twilio.com/docs/errors/20003');
    assert.equal(
      error.message,
      'Twilio Studio GET /v2/Flows?PageSize=1000 failed with HTTP 401, error 20003: Authenticate',
    );
    const token = Buffer.from(`${ACCOUNT_SID}:wrong-secret-value`).toString('base64');
    for (const secret of ['wrong-secret-value', token, AUTH_TOKEN]) {
      assert.ok(!error.message.includes(secret) && !JSON.stringify(error).includes(secret));
    }
  });

  it('form-encodes PascalCase params with Definition as a JSON string', async () => {
    const definition = sampleDefinition('Liquid {{flow.data.x}} & ümlaut');
    const flow = await client().createFlow({
      friendlyName: 'Support & Sales',
      status: 'draft',
      definition,
      commitMessage: 'abc123',
    });
    assert.deepEqual(emulator.requests[0]?.params, {
      FriendlyName: 'Support & Sales',
      Status: 'draft',
      Definition: JSON.stringify(definition),
      CommitMessage: 'abc123',
    });
    assert.equal(flow.friendlyName, 'Support & Sales');
    assert.deepEqual(flow.definition, definition);
    assert.equal(flow.revision, 1);
    assert.equal(flow.commitMessage, 'abc123');
    await client().updateFlow(flow.sid, { status: 'published' });
    const posts = emulator.requests.filter((r) => r.method === 'POST');
    assert.deepEqual(posts[1]?.params, { Status: 'published' }, 'undefined params are not sent');
  });

  it('follows next_page_url across 3 pages of flows', async () => {
    const sids: string[] = [];
    for (let i = 0; i < 2345; i += 1) {
      sids.push(
        emulator.store.create({
          friendlyName: `F${i}`,
          definition: {},
          status: 'draft',
          commitMessage: null,
          valid: true,
          errors: [],
          warnings: [],
        }).sid,
      );
    }
    const flows = await client().listFlows();
    assert.deepEqual(
      flows.map((f) => f.sid),
      sids,
    );
    assert.equal(flows[0]?.definition, null);
    assert.deepEqual(
      emulator.requests.map((r) => r.query.Page ?? '0'),
      ['0', '1', '2'],
    );
    assert.ok(emulator.requests.every((r) => r.query.PageSize === '1000'));
  });

  it("resolves an absolute next_page_url on Twilio's host against the client's own base URL", async () => {
    const raw = await startRawServer((exchange, res) => {
      const page = new URL(exchange.url, 'http://x').searchParams.get('Page') ?? '0';
      const next = page === '0' ? 'https://studio.twilio.com/v2/Flows?PageSize=1000&Page=1&PageToken=PAFW1' : null;
      sendJson(res, 200, {
        flows: [{ sid: `FW${page.padStart(32, '0')}`, friendly_name: `Page ${page}` }],
        meta: { key: 'flows', next_page_url: next },
      });
    });
    try {
      const flows = await client({ baseUrl: raw.url }).listFlows();
      assert.deepEqual(
        flows.map((f) => f.sid),
        [`FW${'0'.repeat(32)}`, `FW${'0'.repeat(31)}1`],
      );
      assert.deepEqual(
        raw.exchanges.map((e) => e.url),
        ['/v2/Flows?PageSize=1000', '/v2/Flows?PageSize=1000&Page=1&PageToken=PAFW1'],
      );
    } finally {
      await raw.close();
    }
  });

  it('maps Validate 81022 details to pointers; a valid definition is {valid: true}', async () => {
    assert.deepEqual(
      await client().validateFlow({ friendlyName: 'A', status: 'draft', definition: sampleDefinition() }),
      { valid: true },
    );
    assert.deepEqual(
      await client().validateFlow({ friendlyName: 'A', status: 'draft', definition: brokenDefinition() }),
      {
        valid: false,
        errors: [
          {
            message: 'Widget Trigger transitions to nowhere, which does not exist',
            pointer: '/states/0/transitions/0/next',
          },
        ],
      },
    );
  });

  it('reads revisions by number and alias, updates and deletes', async () => {
    const api = client();
    const flow = await api.createFlow({ friendlyName: 'R', status: 'published', definition: sampleDefinition('one') });
    await api.updateFlow(flow.sid, { status: 'draft', definition: sampleDefinition('two'), commitMessage: 'c2' });
    assert.equal((await api.getRevision(flow.sid, 'LatestPublished')).revision, 1);
    const latest = await api.getRevision(flow.sid, 'LatestRevision');
    assert.deepEqual([latest.revision, latest.status, latest.commitMessage], [2, 'draft', 'c2']);
    assert.deepEqual((await api.getRevision(flow.sid, 1)).definition, sampleDefinition('one'));
    assert.deepEqual(
      (await api.listRevisions(flow.sid)).map((r) => r.revision),
      [2, 1],
    );
    assert.equal((await api.getFlow(flow.sid)).status, 'draft');
    const badRef = await api.getRevision(flow.sid, 'Latest' as 'LatestRevision').catch((e: unknown) => e);
    assert.ok(badRef instanceof StudioApiError && badRef.code === 81021);
    await api.deleteFlow(flow.sid);
    const gone = await api.getFlow(flow.sid).catch((e: unknown) => e);
    assert.ok(gone instanceof StudioApiError && gone.code === 20404 && gone.status === 404);
  });

  it('refuses a body over 1,000,000 bytes before sending anything, naming the flow', async () => {
    const definition = sampleDefinition('x'.repeat(1_000_000));
    await assert.rejects(
      client().createFlow({ friendlyName: 'Huge IVR', status: 'draft', definition }),
      (error: unknown) => {
        assert.ok(error instanceof FlowTooLargeError);
        assert.equal(error.flowName, 'Huge IVR');
        assert.match(
          error.message,
          /^Flow "Huge IVR" is too large to send to Twilio Studio: the request body would be \d+ bytes, over the 1000000-byte limit/,
        );
        return true;
      },
    );
    await assert.rejects(
      client().validateFlow({ friendlyName: 'Huge IVR', status: 'draft', definition }),
      FlowTooLargeError,
    );
    assert.equal(emulator.requests.length, 0);
  });

  it('sends every request through the one wrappable send function', async () => {
    const seen: StudioRequest[] = [];
    const api = client({ wrapSend: (send) => (req) => (seen.push(req), send(req)) });
    await api.validateFlow({ friendlyName: 'W', status: 'draft', definition: sampleDefinition() });
    await api.listFlows();
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.path}`),
      ['POST /v2/Flows/Validate', 'GET /v2/Flows?PageSize=1000'],
    );
  });
});

describe('StudioClient with non-Twilio answers', () => {
  it('explains an HTML error body by its status and title, without dumping the page', async () => {
    const html = `<html><head><style>p{color:red}</style><title>502 Bad Gateway</title></head><body><h1>Bad   Gateway</h1><p>${'upstream '.repeat(40)}</p></body></html>`;
    const raw = await startRawServer((_e, res) => res.writeHead(502, { 'content-type': 'text/html' }).end(html));
    try {
      const error = await client({ baseUrl: raw.url, retry: false })
        .getFlow('FW00000000000000000000000000000000')
        .catch((e: unknown) => e);
      assert.ok(error instanceof StudioApiError);
      assert.equal(error.status, 502);
      assert.equal(error.code, null);
      assert.match(
        error.message,
        /^Twilio Studio GET \/v2\/Flows\/FW0{32} failed with HTTP 502 and an HTML page titled "502 Bad Gateway" instead of Twilio's error JSON: something other than the Studio API answered/,
      );
      assert.ok(!/[<>]|upstream/.test(error.message), 'no markup and no page text in the message');
      assert.equal(
        raw.exchanges[0]?.headers.authorization,
        `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
      );
      assert.equal(raw.exchanges[0]?.headers['user-agent'], 'studio-flow-ci');
    } finally {
      await raw.close();
    }
  });

  it('says so for an empty error body, and maps 81022 without details to one error', async () => {
    const raw = await startRawServer((e, res) => {
      if (e.method === 'GET') res.writeHead(503).end();
      else
        sendJson(res, 400, { code: 81022, message: 'Flow definition validation failed', more_info: 'x', status: 400 });
    });
    try {
      const api = client({ baseUrl: raw.url, retry: false });
      const error = await api.getFlow('FW1').catch((e: unknown) => e);
      assert.ok(error instanceof StudioApiError);
      assert.equal(
        error.message,
        "Twilio Studio GET /v2/Flows/FW1 failed with HTTP 503 and a response that is not Twilio's error JSON (empty body)",
      );
      assert.deepEqual(await api.validateFlow({ friendlyName: 'A', status: 'draft', definition: {} }), {
        valid: false,
        errors: [{ message: 'Flow definition validation failed', pointer: '' }],
      });
    } finally {
      await raw.close();
    }
  });

  it('wraps a refused connection in StudioNetworkError', async () => {
    const raw = await startRawServer(() => {});
    const url = raw.url;
    await raw.close();
    await assert.rejects(
      client({ baseUrl: url, retry: false }).getFlow('FW1'),
      (error: unknown) =>
        error instanceof StudioNetworkError &&
        error.message.startsWith('Could not reach Twilio Studio (GET /v2/Flows/FW1): '),
    );
  });
});
