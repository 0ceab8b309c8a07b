/**
 * Where the Serverless and TaskRouter lists are read (the base-URL rule), and their transport and paging answers
 * as upstream data: a next page elsewhere, an endless list, a redirect, an HTML page, an error echoing our
 * credentials: each one clear line, never followed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings, twilioApiUrls } from '../../src/settings.ts';
import { accountListsFor } from '../../src/studio/account-lists.ts';
import { page, useAccountRig } from '../support/account-rig.ts';
import { sendJson } from '../support/raw-server.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from '../support/sample-flows.ts';

const ZS = `ZS${'a'.repeat(32)}`;

const rig = useAccountRig();
const lists = () => rig.lists();

const service = { sid: ZS, unique_name: 'hours', friendly_name: 'Hours' };

describe('hostile paging and transport answers of Serverless and TaskRouter', () => {
  it('a next_page_url to another host is refused: our credentials never go there', async () => {
    rig.answer = (_e, res) =>
      sendJson(res, 200, page('services', [service], `${rig.elsewhere.url}/v1/Services?Page=1`));
    rig.elsewhere.exchanges.length = 0;
    await assert.rejects(
      lists().services(),
      /Twilio Serverless: listing the services failed: .*next_page_url that names another host/,
    );
    assert.equal(rig.elsewhere.exchanges.length, 0);
  });

  it("a next page on Twilio's own host is read from the configured base URL (a proxy in between)", async () => {
    rig.answer = (exchange, res) =>
      sendJson(
        res,
        200,
        exchange.url.includes('Page=1')
          ? page('services', [{ ...service, sid: `ZS${'1'.repeat(32)}` }])
          : page('services', [service], 'https://serverless.twilio.com/v1/Services?PageSize=1000&Page=1'),
      );
    rig.server.exchanges.length = 0;
    assert.equal((await lists().services()).length, 2);
    assert.deepEqual(
      rig.server.exchanges.map((e) => e.url),
      ['/v1/Services?PageSize=1000', '/v1/Services?PageSize=1000&Page=1'],
    );
  });

  it('an endless list stops at the page cap with a clear error', async () => {
    let n = 0;
    rig.answer = (_e, res, origin) => sendJson(res, 200, page('workspaces', [], `${origin}/v1/Workspaces?Page=${++n}`));
    await assert.rejects(
      lists().workspaces(),
      /Twilio TaskRouter: listing the workspaces failed: .*more than 1000 pages/,
    );
  });

  it('a redirect is not followed', async () => {
    rig.answer = (_e, res) => res.writeHead(302, { location: `${rig.elsewhere.url}/login` }).end();
    rig.elsewhere.exchanges.length = 0;
    await assert.rejects(
      lists().services(),
      /Twilio Serverless: listing the services failed: answered a redirect \(HTTP 302\)/,
    );
    assert.equal(rig.elsewhere.exchanges.length, 0);
  });

  it('a 200 HTML page (a captive portal) is not JSON, said so', async () => {
    rig.answer = (_e, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Login</title></html>');
    await assert.rejects(
      lists().workspaces(),
      /Twilio TaskRouter: listing the workspaces failed: answered HTTP 200 with a body that is not JSON/,
    );
  });

  it('an error body that echoes the credentials, with line breaks and a huge message: scrubbed, one short line', async () => {
    const token = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
    rig.answer = (_e, res) =>
      sendJson(res, 403, {
        code: 20003,
        message: `denied for ${AUTH_TOKEN} (Basic ${token})\n::error::x ${'y'.repeat(100_000)}`,
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 403,
      });
    const error = await lists()
      .services()
      .catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.ok(!error.message.includes(AUTH_TOKEN) && !error.message.includes(token));
    assert.ok(!error.message.includes('\n'));
    assert.ok(error.message.length < 600, `short: ${error.message.length}`);
    assert.match(
      error.message,
      /HTTP 403, error 20003: denied for \[redacted\].*Give the API key access to Serverless/,
    );
  });
});

describe('where the lists come from', () => {
  it('offline (no credentials): no AccountLists', () => {
    const settings = readSettings(
      (name) => (name === 'studio-url' ? 'https://studio.twilio.com' : ''),
      () => {},
    );
    assert.equal(
      accountListsFor(settings, () => {}),
      undefined,
    );
  });

  it("Twilio's own hosts with the default studio-url; everything under any other studio-url", () => {
    assert.deepEqual(twilioApiUrls('https://studio.twilio.com'), {
      studio: 'https://studio.twilio.com',
      serverless: 'https://serverless.twilio.com',
      taskrouter: 'https://taskrouter.twilio.com',
    });
    assert.deepEqual(twilioApiUrls('http://127.0.0.1:4010'), {
      studio: 'http://127.0.0.1:4010',
      serverless: 'http://127.0.0.1:4010',
      taskrouter: 'http://127.0.0.1:4010',
    });
    assert.equal(twilioApiUrls('https://proxy.example.test').serverless, 'https://proxy.example.test');
  });

  it("a regional Studio host of Twilio's has its Serverless and TaskRouter beside it; look-alikes do not", () => {
    assert.deepEqual(twilioApiUrls('https://studio.dublin.ie1.twilio.com'), {
      studio: 'https://studio.dublin.ie1.twilio.com',
      serverless: 'https://serverless.dublin.ie1.twilio.com',
      taskrouter: 'https://taskrouter.dublin.ie1.twilio.com',
    });
    for (const lookAlike of [
      'https://studio.twilio.com.evil.test',
      'https://studio.dublin.ie1.twilio.com:8443',
      'http://studio.dublin.ie1.twilio.com',
      'https://xstudio.twilio.com',
      'https://studio.a.b.c.twilio.com',
    ]) {
      const urls = twilioApiUrls(lookAlike);
      assert.equal(urls.serverless, urls.studio, lookAlike);
      assert.equal(urls.taskrouter, urls.studio, lookAlike);
    }
  });
});
