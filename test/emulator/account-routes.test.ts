/** The Serverless and TaskRouter routes of the emulator, fed by an account seed: GET only, 404s, the request log's API. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { loadAccountSeed } from '../../src/emulator/account-seed.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { ACCOUNT_SID, AUTH_TOKEN, CREDENTIALS } from '../support/sample-flows.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/account/${name}`, import.meta.url));

describe('the routes an account seed feeds', () => {
  let emulator: EmulatorHandle;
  const get = async (p: string, method = 'GET') => {
    const res = await fetch(`${emulator.url}${p}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  before(async () => {
    emulator = await startEmulator({
      credentials: CREDENTIALS,
      account: await loadAccountSeed(fixture('ambiguous.json')),
    });
  });
  after(async () => emulator.close());

  it('the request log names each API', async () => {
    emulator.requests.length = 0;
    await get('/v1/Services');
    await get('/v1/Workspaces');
    await get('/v2/Flows');
    assert.deepEqual(
      emulator.requests.map((r) => r.api),
      ['serverless', 'taskrouter', 'studio'],
    );
  });

  it('an environment with "build": null or no functions has no build; a service is found by SID or unique name', async () => {
    const byName = await get('/v1/Services/empty/Environments');
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.body.environments, []);
    const hours = emulator.account.services[0];
    const envs = (await get(`/v1/Services/${hours?.sid}/Environments`)).body.environments as { build_sid: unknown }[];
    assert.deepEqual(
      envs.map((e) => e.build_sid),
      [null, null],
    );
  });

  it('GET only; unknown resources are 404 with Twilio error JSON', async () => {
    const post = await get('/v1/Services', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.body.code, 20004);
    const missing = await get(`/v1/Workspaces/WS${'0'.repeat(32)}/Workflows`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 20404);
    assert.equal(
      (await get(`/v1/Services/${emulator.account.services[0]?.sid}/Builds/ZB${'0'.repeat(32)}`)).status,
      404,
    );
    assert.equal((await get('/v1/Services/x/Functions')).status, 404);
  });

  it('workflows can be filtered by FriendlyName (both of the ambiguous ones come back)', async () => {
    const ws = emulator.account.workspaces[0]?.sid;
    const { body } = await get(`/v1/Workspaces/${ws}/Workflows?FriendlyName=${encodeURIComponent('Assign to Anyone')}`);
    assert.equal((body.workflows as unknown[]).length, 2);
  });

  it('unauthenticated requests are refused like Studio ones', async () => {
    const res = await fetch(`${emulator.url}/v1/Services`);
    assert.equal(res.status, 401);
  });
});
