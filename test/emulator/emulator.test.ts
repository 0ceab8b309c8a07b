import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent, request } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { ACCOUNT_SID, API_KEY, AUTH_TOKEN, brokenDefinition, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, any>;
}

async function call(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  form?: Record<string, string>,
  auth = `${ACCOUNT_SID}:${AUTH_TOKEN}`,
): Promise<Answer> {
  const res = await request(`${emulator.url}${path}`, {
    method,
    dispatcher: agent,
    headers: {
      authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

function createForm(name: string, status: string, definition: unknown = sampleDefinition()): Record<string, string> {
  return { FriendlyName: name, Status: status, Definition: JSON.stringify(definition) };
}

useTestEmulator(agent, (e) => (emulator = e));

describe('Studio emulator: flows and revisions', () => {
  it('creates revision 1 with Twilio-shaped fields built from its own base URL', async () => {
    const created = await call('POST', '/v2/Flows', { ...createForm('Support', 'published'), CommitMessage: 'first' });
    assert.equal(created.status, 201);
    const flow = created.body;
    assert.match(flow.sid, /^FW[0-9a-f]{32}$/);
    assert.equal(flow.account_sid, ACCOUNT_SID);
    assert.equal(flow.revision, 1);
    assert.equal(flow.status, 'published');
    assert.equal(flow.commit_message, 'first');
    assert.equal(flow.valid, true);
    assert.deepEqual(flow.errors, []);
    assert.deepEqual(flow.definition, sampleDefinition());
    assert.match(flow.date_created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(flow.url, `${emulator.url}/v2/Flows/${flow.sid}`);
    assert.equal(flow.links.revisions, `${emulator.url}/v2/Flows/${flow.sid}/Revisions`);
    assert.equal(flow.webhook_url, `${emulator.url}/v1/Accounts/${ACCOUNT_SID}/Flows/${flow.sid}`);
  });

  it('adds a revision on every update, and tracks LatestPublished apart from LatestRevision', async () => {
    const sid = (await call('POST', '/v2/Flows', createForm('Support', 'published'))).body.sid;
    const draft = await call('POST', `/v2/Flows/${sid}`, {
      Status: 'draft',
      Definition: JSON.stringify(sampleDefinition('v2')),
    });
    assert.equal(draft.status, 200);
    assert.equal(draft.body.revision, 2);
    assert.equal(draft.body.status, 'draft');
    assert.equal(draft.body.friendly_name, 'Support', 'friendly name kept when not sent');

    const latest = await call('GET', `/v2/Flows/${sid}/Revisions/LatestRevision`);
    assert.equal(latest.body.revision, 2);
    assert.equal(latest.body.definition.states[1].properties.body, 'v2');
    const published = await call('GET', `/v2/Flows/${sid}/Revisions/LatestPublished`);
    assert.equal(published.body.revision, 1);
    assert.equal(published.body.definition.states[1].properties.body, 'Hello {{flow.data.name}}');

    const same = await call('POST', `/v2/Flows/${sid}`, { Status: 'published' });
    assert.equal(same.body.revision, 3, 'an update that changes only the status still adds a revision');
    assert.equal(same.body.definition.states[1].properties.body, 'v2', 'definition carried over');
    assert.equal((await call('GET', `/v2/Flows/${sid}/Revisions/LatestPublished`)).body.revision, 3);

    const list = await call('GET', `/v2/Flows/${sid}/Revisions`);
    assert.deepEqual(
      list.body.revisions.map((r: { revision: number }) => r.revision),
      [3, 2, 1],
    );
    assert.deepEqual(
      list.body.revisions.map((r: { status: string }) => r.status),
      ['published', 'draft', 'published'],
    );
    assert.equal(list.body.revisions[0].definition, null);
    assert.equal(list.body.meta.key, 'revisions');
    assert.equal((await call('GET', `/v2/Flows/${sid}/Revisions/2`)).body.status, 'draft');
  });

  it('answers 404 for LatestPublished when the flow was never published', async () => {
    const sid = (await call('POST', '/v2/Flows', createForm('Drafty', 'draft'))).body.sid;
    const answer = await call('GET', `/v2/Flows/${sid}/Revisions/LatestPublished`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, 20404);
  });

  it('answers 81021 for a revision that is neither an integer nor an alias', async () => {
    const sid = (await call('POST', '/v2/Flows', createForm('Support', 'published'))).body.sid;
    for (const bad of ['latest', '1.5', 'LatestPublishedX']) {
      const answer = await call('GET', `/v2/Flows/${sid}/Revisions/${bad}`);
      assert.equal(answer.status, 400, bad);
      assert.deepEqual(answer.body, {
        code: 81021,
        message: 'Flow revision must be an integer or enum(LatestPublished, LatestRevision)',
        more_info: 'https://www.twilio.com/docs/errors/81021',
        status: 400,
      });
    }
    assert.equal((await call('GET', `/v2/Flows/${sid}/Revisions/7`)).body.code, 20404);
  });

  it('answers 20404 for unknown flows, including after delete', async () => {
    const missing = await call('GET', '/v2/Flows/FW00000000000000000000000000000000');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 20404);
    assert.equal(missing.body.more_info, 'https://www.twilio.com/docs/errors/20404');
    const sid = (await call('POST', '/v2/Flows', createForm('Gone', 'draft'))).body.sid;
    assert.equal((await call('DELETE', `/v2/Flows/${sid}`)).status, 204);
    assert.equal((await call('GET', `/v2/Flows/${sid}`)).status, 404);
    assert.equal((await call('DELETE', `/v2/Flows/${sid}`)).body.code, 20404);
    assert.equal((await call('GET', '/v2/Nope')).body.code, 20404);
  });

  it('pages the list with Twilio meta and null definitions', async () => {
    const sids: string[] = [];
    for (let i = 0; i < 5; i += 1) sids.push((await call('POST', '/v2/Flows', createForm(`F${i}`, 'draft'))).body.sid);
    const first = await call('GET', '/v2/Flows?PageSize=2');
    assert.deepEqual(
      first.body.flows.map((f: { sid: string }) => f.sid),
      sids.slice(0, 2),
    );
    assert.equal(first.body.flows[0].definition, null);
    assert.deepEqual(first.body.meta, {
      page: 0,
      page_size: 2,
      first_page_url: `${emulator.url}/v2/Flows?PageSize=2&Page=0`,
      previous_page_url: null,
      url: `${emulator.url}/v2/Flows?PageSize=2&Page=0`,
      next_page_url: `${emulator.url}/v2/Flows?PageSize=2&Page=1&PageToken=PA${sids[1]}`,
      key: 'flows',
    });
    const third = await call('GET', '/v2/Flows?PageSize=2&Page=2');
    assert.deepEqual(
      third.body.flows.map((f: { sid: string }) => f.sid),
      sids.slice(4),
    );
    assert.equal(third.body.meta.next_page_url, null);
    assert.equal((await call('GET', '/v2/Flows')).body.meta.page_size, 50);
    assert.equal((await call('GET', '/v2/Flows?PageSize=1001')).status, 400);
  });
});

describe('Studio emulator: validation and parameters', () => {
  it('validates like Studio: valid → {valid:true}; lint errors → 81022 with property paths', async () => {
    const ok = await call('POST', '/v2/Flows/Validate', createForm('Support', 'draft'));
    assert.deepEqual([ok.status, ok.body], [200, { valid: true }]);
    const bad = await call('POST', '/v2/Flows/Validate', createForm('Support', 'draft', brokenDefinition()));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 81022);
    assert.equal(bad.body.message, 'Flow definition validation failed');
    assert.deepEqual(bad.body.details.errors, [
      {
        message: 'Widget Trigger transitions to nowhere, which does not exist',
        property_path: '#/states/0/transitions/0/next',
      },
    ]);
    const create = await call('POST', '/v2/Flows', createForm('Support', 'draft', brokenDefinition()));
    assert.equal(create.body.code, 81022);
    assert.equal(emulator.store.flows.size, 0, 'an invalid create stores nothing');
  });

  it('keeps lint warnings on the flow without rejecting it', async () => {
    const { description: _dropped, ...noDescription } = sampleDefinition();
    const created = await call('POST', '/v2/Flows', createForm('NoDesc', 'draft', noDescription));
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.warnings, [
      { message: 'The flow has no description', property_path: '#/description' },
    ]);
  });

  it('rejects a Definition that is not JSON, a missing parameter and a bad Status with 400 / 20001', async () => {
    const notJson = await call('POST', '/v2/Flows/Validate', {
      FriendlyName: 'x',
      Status: 'draft',
      Definition: '{"states": [',
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.code, 20001);
    assert.match(notJson.body.message, /^Invalid Definition: it must be the flow definition as a JSON string \(/);
    const missing = await call('POST', '/v2/Flows', { Status: 'draft', Definition: '{}' });
    assert.equal(missing.body.message, 'Missing required parameter FriendlyName in the post body');
    const badStatus = await call('POST', '/v2/Flows', createForm('x', 'live'));
    assert.deepEqual(
      [badStatus.status, badStatus.body.message],
      [400, 'Invalid Status "live": must be draft or published'],
    );
  });

  it('checks Basic auth: auth token or API key pass, anything else is 401 / 20003', async () => {
    assert.equal((await call('GET', '/v2/Flows', undefined, `${API_KEY.sid}:${API_KEY.secret}`)).status, 200);
    const wrong = await call('GET', '/v2/Flows', undefined, `${ACCOUNT_SID}:wrong`);
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 20003);
    assert.equal(wrong.headers['www-authenticate'], 'Basic realm="Twilio API"');
    assert.equal((await call('GET', '/v2/Flows', undefined, `${API_KEY.sid}:${AUTH_TOKEN}`)).status, 401);
    assert.equal((await call('GET', '/v2/Flows', undefined, 'nocolon')).status, 401);
  });

  it('logs every request with its API, form params and status', async () => {
    await call('POST', '/v2/Flows/Validate', createForm('Logged', 'draft'));
    await call('GET', '/v2/Flows?PageSize=3', undefined, `${ACCOUNT_SID}:bad`);
    assert.deepEqual(emulator.requests, [
      {
        api: 'studio',
        method: 'POST',
        path: '/v2/Flows/Validate',
        query: {},
        params: createForm('Logged', 'draft'),
        status: 200,
      },
      { api: 'studio', method: 'GET', path: '/v2/Flows', query: { PageSize: '3' }, params: {}, status: 401 },
    ]);
  });
});
