/**
 * An upstream that echoes the request (a debugging proxy, a misconfigured gateway) puts our credentials in
 * every field of its error JSON: none of them may come out of the client, in any encoding.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { StudioClient } from '../../src/studio/client.ts';
import { StudioApiError } from '../../src/studio/errors.ts';
import { startRawServer, sendJson, type RawServer } from '../support/raw-server.ts';
import { ACCOUNT_SID, sampleDefinition } from '../support/sample-flows.ts';

const SECRET = 'echo/secret+value=with&odd chars';
const BASIC = Buffer.from(`${ACCOUNT_SID}:${SECRET}`).toString('base64');
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  BASIC,
  `${ACCOUNT_SID}:${SECRET}`,
  new URLSearchParams({ x: SECRET }).toString().slice(2),
];
const agent = new Agent();
let echo: RawServer;

before(async () => {
  echo = await startRawServer((exchange, res) => {
    const said = `you sent ${exchange.headers.authorization} with body ${exchange.body} (${SECRET}, ${encodeURIComponent(SECRET)})`;
    sendJson(res, 400, {
      code: 81022,
      message: `Flow definition validation failed: ${said}`,
      more_info: `https://www.twilio.com/docs/errors/81022?echo=${encodeURIComponent(said)}`,
      status: 400,
      details: {
        errors: [
          { message: said, property_path: '#/states/0' },
          { message: { nested: [said] }, property_path: '#/states/1' },
        ],
        echo: said,
      },
    });
  });
});
after(async () => {
  await echo.close();
  await agent.close();
});

const client = () =>
  new StudioClient({ baseUrl: echo.url, username: ACCOUNT_SID, password: SECRET, dispatcher: agent, retry: false });
const leaks = (value: unknown) =>
  FORMS.filter((form) => JSON.stringify(value).includes(form) || String(value).includes(form));

describe('an upstream echoing our request in its error', () => {
  it('Validate: no credential in the finding messages', async () => {
    const result = await client().validateFlow({
      friendlyName: 'x',
      status: 'published',
      definition: sampleDefinition('hi'),
    });
    assert.equal(result.valid, false);
    assert.deepEqual(leaks(result), []);
    assert.ok(!result.valid && result.errors[0]?.message.includes('[redacted]'));
  });

  it('a write: no credential in any field of the error', async () => {
    const error = await client()
      .createFlow({ friendlyName: 'x', status: 'draft', definition: sampleDefinition('hi') })
      .catch((e: unknown) => e);
    assert.ok(error instanceof StudioApiError);
    for (const field of [error.message, error.twilioMessage, error.moreInfo, error.details, error.stack]) {
      assert.deepEqual(leaks(field), [], String(field).slice(0, 300));
    }
  });
});
