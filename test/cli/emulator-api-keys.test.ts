/**
 * The emulator accepts an API key (SK… + secret, Basic auth) for its account, as Twilio and the action do:
 * the demo key by default, or the one given with --api-key/--api-secret; and the CLI checks against it with
 * TWILIO_ACCOUNT_SID + TWILIO_API_KEY + TWILIO_API_SECRET, as the README recommends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, request } from 'undici';
import {
  DEMO_ACCOUNT_SID,
  DEMO_API_KEY_SECRET,
  DEMO_API_KEY_SID,
  DEMO_AUTH_TOKEN,
  runEmulatorCli,
} from '../../src/cli/emulator.ts';
import { parseApiKeyFlags } from '../../src/cli/emulator-flags.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { EXAMPLES_LIVE, runCli } from './run-cli.ts';

const KEY = 'SK0123456789abcdef0123456789abcdef';
const SECRET = 'a-real-looking-api-secret-4f1c';
const agent = new Agent();
after(() => agent.close());

async function status(url: string, user: string, password: string): Promise<number> {
  const res = await request(`${url}/v2/Flows`, {
    dispatcher: agent,
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  await res.body.dump();
  return res.statusCode;
}

async function started(args: string[]): Promise<{ handle: EmulatorHandle; lines: string[] }> {
  const lines: string[] = [];
  const handle = await runEmulatorCli(['--port', '0', ...args], { log: (line) => lines.push(line) });
  assert.ok(handle);
  return { handle, lines };
}

describe('emulator API keys', () => {
  test('by default the demo API key is accepted beside the demo auth token, and printed', async () => {
    const { handle, lines } = await started([]);
    try {
      assert.equal(await status(handle.url, DEMO_API_KEY_SID, DEMO_API_KEY_SECRET), 200);
      assert.equal(await status(handle.url, DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), 200);
      assert.equal(await status(handle.url, DEMO_API_KEY_SID, 'wrong'), 401);
      assert.equal(await status(handle.url, DEMO_API_KEY_SID, DEMO_AUTH_TOKEN), 401);
      assert.ok(lines.includes(`  API key:     ${DEMO_API_KEY_SID}`), lines.join('\n'));
      assert.ok(lines.includes(`  API secret:  ${DEMO_API_KEY_SECRET}`), lines.join('\n'));
    } finally {
      await handle.close();
    }
  });

  test('--api-key and --api-secret: that key is accepted, the demo key is not, and the secret is not printed', async () => {
    const { handle, lines } = await started(['--api-key', KEY, '--api-secret', SECRET]);
    try {
      assert.equal(await status(handle.url, KEY, SECRET), 200);
      assert.equal(await status(handle.url, KEY, `${SECRET}x`), 401);
      assert.equal(await status(handle.url, DEMO_API_KEY_SID, DEMO_API_KEY_SECRET), 401);
      assert.ok(!lines.join('\n').includes(SECRET), 'the secret given is never printed');
      assert.ok(lines.includes(`  API key:     ${KEY}`));
    } finally {
      await handle.close();
    }
  });

  test('bad --api-key/--api-secret values: a clear error naming the flag, never echoing the secret', () => {
    assert.throws(() => parseApiKeyFlags({ 'api-secret': SECRET }), /--api-secret needs --api-key/);
    assert.throws(() => parseApiKeyFlags({ 'api-key': KEY }), /--api-key needs --api-secret/);
    assert.throws(() => parseApiKeyFlags({ 'api-key': KEY, 'api-secret': '' }), /--api-key needs --api-secret/);
    for (const bad of ['SK123', DEMO_ACCOUNT_SID, `${KEY}\n::error::x`, 'SK'.padEnd(100_000, 'f'), '<b>SK</b>']) {
      assert.throws(
        () => parseApiKeyFlags({ 'api-key': bad, 'api-secret': SECRET }),
        (error: Error) =>
          /--api-key must be an API key SID, SK followed by 32 hex digits/.test(error.message) &&
          !error.message.includes(SECRET) &&
          error.message.length < 300 &&
          !error.message.includes('\n'),
        JSON.stringify(bad.slice(0, 40)),
      );
    }
  });

  test('the CLI emulator command refuses a malformed key in one line, exit 2, without the secret', async () => {
    const run = await runCli(['emulator', '--api-key', 'SK-nope', '--api-secret', SECRET]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--api-key must be an API key SID/);
    assert.ok(!run.stderr.includes(SECRET));
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1);
  });
});

describe('the CLI against an emulator, with API keys from the environment', () => {
  let emulator: EmulatorHandle;
  before(async () => {
    emulator = (await started(['--seed', EXAMPLES_LIVE, '--api-key', KEY, '--api-secret', SECRET])).handle;
  });
  after(() => emulator.close());

  test('validate with TWILIO_ACCOUNT_SID + TWILIO_API_KEY + TWILIO_API_SECRET: online, compared with the live flow', async () => {
    const env = { TWILIO_ACCOUNT_SID: DEMO_ACCOUNT_SID, TWILIO_API_KEY: KEY, TWILIO_API_SECRET: SECRET };
    const run = await runCli(['validate', '--studio-url', emulator.url, 'examples/main-ivr.json'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /examples\/main-ivr\.json: 0 error\(s\), 0 warning\(s\), Validate: valid/);
    assert.ok(!run.stderr.includes(SECRET) && !run.stdout.includes(SECRET));
  });

  test('a wrong secret: the authentication error, exit 1 or 2, and never the secret', async () => {
    const env = { TWILIO_ACCOUNT_SID: DEMO_ACCOUNT_SID, TWILIO_API_KEY: KEY, TWILIO_API_SECRET: 'not-the-secret' };
    const run = await runCli(['validate', '--studio-url', emulator.url, 'examples/main-ivr.json'], { env });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /20003|[Aa]uthenticat/);
    assert.ok(!run.stderr.includes('not-the-secret') && !run.stderr.includes(SECRET));
  });
});
