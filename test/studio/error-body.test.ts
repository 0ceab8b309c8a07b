/** Bad answers from Twilio (or from whatever answers in its place): what the user is told. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StudioClient } from '../../src/studio/client.ts';
import { toStudioApiError } from '../../src/studio/error-body.ts';
import { StudioApiError } from '../../src/studio/errors.ts';
import { describeStudioFailure } from '../../src/studio/explain.ts';
import { startRawServer } from '../support/raw-server.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from '../support/sample-flows.ts';

const PAGE = (title: string, body: string) =>
  `<!DOCTYPE html>\n<html><head><title>${title}</title><style>body{color:red}</style></head><body><h1>${title}</h1><p>${body}</p><script>var secret = "page-internal";</script></body></html>`;
const answer = (status: number, text: string) => ({
  status,
  method: 'POST',
  path: '/v2/Flows/Validate',
  text,
  secrets: [AUTH_TOKEN],
});

describe('Twilio answers HTML or nothing', () => {
  test('a 502 HTML page: said to be an HTML page, named by its title, never dumped', () => {
    const error = toStudioApiError(answer(502, PAGE('502 Bad Gateway', `upstream-body-text ${'filler '.repeat(200)}`)));
    assert.equal(error.code, null);
    assert.equal(
      error.message,
      'Twilio Studio POST /v2/Flows/Validate failed with HTTP 502 and an HTML page titled "502 Bad Gateway" instead of Twilio\'s error JSON: ' +
        "something other than the Studio API answered (a proxy, firewall or gateway on the way, or a 'studio-url' that is not the Studio API)",
    );
    const explained = describeStudioFailure(error);
    assert.equal(explained.fatal, false);
    assert.equal(
      explained.message,
      'Twilio Studio had a server error (HTTP 502): the answer was an HTML page titled "502 Bad Gateway", not Twilio\'s error JSON.',
    );
    assert.match(explained.fix, /status\.twilio\.com.*'studio-url'.*proxy/);
    for (const text of [error.message, explained.message, explained.fix]) {
      assert.ok(
        !/[<>]/.test(text) &&
          !text.includes('upstream-body-text') &&
          !text.includes('page-internal') &&
          !text.includes('color:red'),
        text,
      );
    }
  });

  test('a 403 HTML page (a firewall, or the Console instead of the API): says so and what to check', () => {
    const explained = describeStudioFailure(
      toStudioApiError(answer(403, '<html><body><h1>Access denied</h1><p>Ray ID 1234</p></body></html>')),
    );
    assert.deepEqual(explained, {
      fatal: false,
      message:
        'Twilio Studio refused the request (HTTP 403): the answer was an HTML page titled "Access denied", not Twilio\'s error JSON.',
      fix: "Check that 'studio-url' is the Studio API (https://studio.twilio.com, not the Console) and that no proxy or firewall blocks the runner.",
    });
  });

  test('an HTML page without a title, and a title that is long or holds the credential', () => {
    assert.match(
      toStudioApiError(answer(500, '<html><body>oops</body></html>')).message,
      /failed with HTTP 500 and an HTML page instead of Twilio's error JSON:/,
    );
    const long = toStudioApiError(answer(500, PAGE('x'.repeat(300), '')));
    assert.match(long.message, /titled "x{79}…"/);
    const leaky = toStudioApiError(answer(500, PAGE(`Error for ${AUTH_TOKEN}`, '')));
    assert.ok(!leaky.message.includes(AUTH_TOKEN));
    assert.match(leaky.message, /titled "Error for \[redacted\]"/);
  });

  test('an empty body with a 5xx or a 4xx', () => {
    const server = describeStudioFailure(toStudioApiError(answer(503, '')));
    assert.equal(
      server.message,
      "Twilio Studio had a server error (HTTP 503): the response body was empty, not Twilio's error JSON.",
    );
    const client = describeStudioFailure(toStudioApiError(answer(404, '  \n')));
    assert.equal(
      client.message,
      "Twilio Studio refused the request (HTTP 404): the response body was empty, not Twilio's error JSON.",
    );
    assert.match(client.fix, /'studio-url'/);
    assert.equal(
      toStudioApiError(answer(503, '')).message,
      "Twilio Studio POST /v2/Flows/Validate failed with HTTP 503 and a response that is not Twilio's error JSON (empty body)",
    );
  });

  test('plain text that is not JSON is quoted short and tag-free', () => {
    const error = toStudioApiError(
      answer(500, `upstream connect error or disconnect/reset before headers ${'x'.repeat(400)}`),
    );
    const quoted = /: "(.*)"$/.exec(error.message)?.[1] ?? '';
    assert.ok(quoted.startsWith('upstream connect error'));
    assert.equal(quoted.length, 200);
  });

  test('through the client, over HTTP: an HTML 404 from a wrong studio-url', async () => {
    const raw = await startRawServer((_e, res) =>
      res
        .writeHead(404, { 'content-type': 'text/html' })
        .end(PAGE('Page Not Found | Twilio', 'The Console, not the API')),
    );
    const client = new StudioClient({ baseUrl: raw.url, username: ACCOUNT_SID, password: AUTH_TOKEN });
    try {
      const error = await client.listFlows().catch((e: unknown) => e);
      assert.ok(error instanceof StudioApiError);
      const explained = describeStudioFailure(error);
      assert.equal(
        explained.message,
        'Twilio Studio refused the request (HTTP 404): the answer was an HTML page titled "Page Not Found | Twilio", not Twilio\'s error JSON.',
      );
      assert.ok(!explained.message.includes('The Console, not the API'));
    } finally {
      await client.close();
      await raw.close();
    }
  });
});

describe('Twilio refuses the credentials', () => {
  test('error 20003 (a wrong, rotated, expired or revoked secret): fatal, and the message says how to fix it', () => {
    const error = toStudioApiError(
      answer(
        401,
        JSON.stringify({
          code: 20003,
          message: 'Authenticate',
          more_info: 'https://www.twilio.com/docs/errors/20003',
          status: 401,
        }),
      ),
    );
    const explained = describeStudioFailure(error);
    assert.equal(explained.fatal, true);
    assert.match(
      explained.message,
      /^Twilio rejected the credentials \(Twilio error 20003\)\. The Auth Token or API key secret is wrong, expired \(an Auth Token changes when it is rotated in the Console\) or revoked/,
    );
    assert.match(
      explained.message,
      /Fix: create an API key in the Twilio Console \(Account → API keys & tokens\).*'twilio-api-key' and 'twilio-api-secret'.*'twilio-auth-token'.*re-run the job\. See https:\/\/www\.twilio\.com\/docs\/errors\/20003$/,
    );
    assert.ok(!explained.message.includes(AUTH_TOKEN));
  });

  test('a 401 without Twilio JSON (a proxy asking for its own login) is still about credentials', () => {
    const explained = describeStudioFailure(
      toStudioApiError(answer(401, '<html><title>401 Authorization Required</title></html>')),
    );
    assert.equal(explained.fatal, true);
    assert.match(explained.message, /^Twilio rejected the credentials \(HTTP 401\)\./);
  });
});
