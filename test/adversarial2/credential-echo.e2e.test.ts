/**
 * Issue 11 point 1(a): the run's credentials are scrubbed "in every encoding" from every field of every
 * upstream error. Here Studio (a proxy in front of it) echoes the request in forms one step away from the
 * three the scrubber knows: the Basic token without its `=` padding (base64url / unpadded, as JWT-style
 * tooling writes it), the Basic token double URL-encoded (a proxy that URL-encodes an already-encoded
 * query), the request's form body base64-encoded (a gateway's debug echo), and the hex Auth Token upper-cased.
 * Each form gives back the Auth Token by a one-line decode.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sendJson, startRawServer, type RawServer } from '../support/raw-server.ts';
import { ACCOUNT, channels, file, openPR, startKit, type Kit } from './kit.ts';

const TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const BASIC = Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64');

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.close();
});

const forms: Record<string, string> = {
  'Basic without padding': BASIC.replace(/=+$/, ''),
  'Basic double URL-encoded': encodeURIComponent(encodeURIComponent(BASIC)),
  'form body with the token, base64': Buffer.from(`AccountSid=${ACCOUNT}&AuthToken=${TOKEN}`).toString('base64'),
  'Auth Token upper-cased': TOKEN.toUpperCase(),
};

describe('credentials echoed by Studio in near-miss encodings', () => {
  for (const [name, form] of Object.entries(forms)) {
    test(`${name}: reaches no channel`, async () => {
      const echo: RawServer = await startRawServer((exchange, res) => {
        if (exchange.method === 'GET') return sendJson(res, 200, { flows: [], meta: { next_page_url: null } });
        sendJson(res, 400, {
          code: 81022,
          message: 'Invalid',
          more_info: `https://support.example/e?req=${form}`,
          status: 400,
          details: { errors: [{ message: `upstream saw ${form}`, property_path: '#/states/1/properties/say' }] },
        });
      });
      try {
        const run = await openPR(
          kit,
          { 'flows/echo.json': file('Echo', 'hi') },
          { studioUrl: echo.url, inputs: { 'twilio-auth-token': TOKEN } },
        );
        assert.equal(run.outputs.valid, 'false');
        const leaked = Object.entries(channels(kit, run))
          .filter(([, t]) => t.includes(form))
          .map(([n]) => n);
        assert.deepEqual(leaked, [], `${name} (${form}) reaches: ${leaked.join(', ')}`);
      } finally {
        await echo.close();
      }
    });
  }
});
