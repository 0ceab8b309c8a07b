/** Studio's `next_page_url` is upstream data: following it must never send our credentials anywhere else. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { StudioClient } from '../../src/studio/client.ts';
import { nextPath } from '../../src/studio/paging.ts';
import { startRawServer, sendJson, type RawServer } from '../support/raw-server.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from '../support/sample-flows.ts';

const agent = new Agent();
let elsewhere: RawServer;
let studio: RawServer;
let next = '';

before(async () => {
  elsewhere = await startRawServer((_exchange, res) =>
    sendJson(res, 200, { flows: [], meta: { next_page_url: null } }),
  );
  studio = await startRawServer((exchange, res) => {
    const first = !exchange.url.includes('Page=1');
    sendJson(res, 200, { flows: [], meta: { next_page_url: first ? next : null } });
  });
});
after(async () => {
  await agent.close();
  await elsewhere.close();
  await studio.close();
});

const client = () =>
  new StudioClient({
    baseUrl: studio.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
    retry: false,
  });

describe('next_page_url from Studio', () => {
  for (const shape of [
    (host: string) => `https://studio.twilio.com//${host}/v2/Flows?PageSize=1000&Page=1`,
    (host: string) => `https://studio.twilio.com/\\${host}/v2/Flows?PageSize=1000&Page=1`,
    (host: string) => `//${host}/v2/Flows?PageSize=1000&Page=1`,
  ]) {
    it(`never reaches another host, and says why: ${shape('HOST')}`, async () => {
      next = shape(new URL(elsewhere.url).host);
      studio.exchanges.length = 0;
      elsewhere.exchanges.length = 0;
      const error = await client()
        .listFlows()
        .catch((e: unknown) => e);
      assert.equal(elsewhere.exchanges.length, 0, 'a request (with our Authorization header) reached the other host');
      assert.ok(error instanceof Error, 'the odd next_page_url must be refused, not followed');
      assert.match(error.message, /next_page_url/);
      assert.ok(!error.message.includes(AUTH_TOKEN));
    });
  }

  it('follows a next page of the same list, whatever host Twilio names (only its path and query are used)', async () => {
    next = `https://studio.twilio.com/v2/Flows?PageSize=1000&Page=1`;
    studio.exchanges.length = 0;
    assert.deepEqual(await client().listFlows(), []);
    assert.deepEqual(
      studio.exchanges.map((e) => e.url),
      ['/v2/Flows?PageSize=1000', '/v2/Flows?PageSize=1000&Page=1'],
    );
  });

  it('nextPath refuses another list, a protocol-relative path and a non-http URL', () => {
    assert.equal(nextPath(null, '/v2/Flows'), null);
    assert.equal(nextPath('', '/v2/Flows'), null);
    assert.throws(
      () => nextPath('https://studio.twilio.com/v2/Flows/FWx/Revisions?Page=1', '/v2/Flows'),
      /next_page_url/,
    );
    assert.throws(() => nextPath('javascript:alert(1)', '/v2/Flows'), /next_page_url/);
    assert.throws(() => nextPath(42, '/v2/Flows'), /next_page_url/);
  });
});
