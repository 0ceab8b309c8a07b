/**
 * AccountLists over the real clients and the emulator on loopback (real undici): what each list holds, paging,
 * memoization (one request however many callers), failures kept as one rejection, and the base-URL rule.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Agent } from 'undici';
import { loadAccountSeed } from '../../src/emulator/account-seed.ts';
import type { AccountSeed } from '../../src/emulator/account-seed.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { readSettings } from '../../src/settings.ts';
import type { Settings } from '../../src/settings.ts';
import { accountListsFor } from '../../src/studio/account-lists.ts';
import type { OwnedAccountLists } from '../../src/studio/account-lists.ts';
import { ACCOUNT_SID, AUTH_TOKEN, CREDENTIALS } from '../support/sample-flows.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/account/${name}`, import.meta.url));
const agent = new Agent();
const NO_WAIT = { maxAttempts: 3, sleep: async () => {} };
let emulator: EmulatorHandle;
const open: OwnedAccountLists[] = [];

function settingsFor(url: string, inputs: Record<string, string> = {}): Settings {
  const values: Record<string, string> = {
    'twilio-account-sid': ACCOUNT_SID,
    'twilio-auth-token': AUTH_TOKEN,
    'studio-url': url,
    ...inputs,
  };
  return readSettings(
    (name) => values[name] ?? '',
    () => {},
  );
}

function listsFor(url: string, log: string[] = []): OwnedAccountLists {
  const lists = accountListsFor(settingsFor(url), (m) => log.push(m), { dispatcher: agent, retry: NO_WAIT });
  assert.ok(lists);
  open.push(lists);
  return lists;
}

before(async () => {
  emulator = await startEmulator({
    credentials: CREDENTIALS,
    account: await loadAccountSeed(fixture('production.json')),
  });
});
beforeEach(() => {
  emulator.requests.length = 0;
  emulator.fault = undefined;
  emulator.faults = undefined;
});
after(async () => {
  await Promise.all(open.map((lists) => lists.close()));
  await emulator.close();
  await agent.close();
});

describe('AccountLists against the emulator', () => {
  it('reads each list as the emulated account holds it, in our slim types', async () => {
    const lists = listsFor(emulator.url);
    const [hours] = emulator.account.services;
    assert.ok(hours);
    assert.deepEqual(
      (await lists.services()).map((s) => [s.sid, s.uniqueName, s.friendlyName]),
      emulator.account.services.map((s) => [s.sid, s.uniqueName, s.friendlyName]),
    );
    const environments = await lists.environments(hours.sid);
    assert.deepEqual(
      environments.map((e) => [e.sid, e.serviceSid, e.uniqueName, e.domainSuffix, e.domainName, e.buildSid]),
      hours.environments.map((e) => [
        e.sid,
        hours.sid,
        e.uniqueName,
        e.domainSuffix,
        e.domainName,
        e.build?.sid ?? null,
      ]),
    );
    const dev = environments.find((e) => e.domainSuffix === 'dev');
    assert.ok(dev?.buildSid);
    const build = await lists.build(hours.sid, dev.buildSid);
    assert.deepEqual(
      build.functions.map((f) => f.path),
      ['/api/hours', '/api/holidays', '/api/not-yet-live'],
    );
    const production = environments.find((e) => e.domainSuffix === null);
    assert.ok(production?.buildSid);
    const live = await lists.build(hours.sid, production.buildSid);
    assert.equal(
      live.functions[0]?.functionSid,
      build.functions[0]?.functionSid,
      'a Function has one ZH in every environment',
    );
    assert.notEqual(live.functions[0]?.versionSid, build.functions[0]?.versionSid);
    const [workspace] = await lists.workspaces();
    assert.ok(workspace);
    assert.deepEqual(
      (await lists.workflows(workspace.sid)).map((w) => w.friendlyName),
      ['Assign to Anyone', 'Sales'],
    );
    assert.deepEqual(
      (await lists.taskChannels(workspace.sid)).map((c) => c.uniqueName),
      ['default', 'voice', 'chat', 'sms'],
    );
    assert.deepEqual(await lists.flows(), []);
    assert.deepEqual(lists.stats(), { serverless: 4, taskrouter: 3, studio: 1 });
    assert.deepEqual(
      emulator.requests.map((r) => r.api),
      ['serverless', 'serverless', 'serverless', 'serverless', 'taskrouter', 'taskrouter', 'taskrouter', 'studio'],
    );
  });

  it('asks for nothing until a list is wanted', async () => {
    const lists = listsFor(emulator.url);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(emulator.requests.length, 0);
    assert.deepEqual(lists.stats(), { serverless: 0, taskrouter: 0, studio: 0 });
  });

  it('50 concurrent callers of each list share one request', async () => {
    const lists = listsFor(emulator.url);
    const sid = emulator.account.services[0]?.sid as string;
    const results = await Promise.all(Array.from({ length: 50 }, () => lists.services()));
    await Promise.all(Array.from({ length: 50 }, () => lists.environments(sid)));
    await Promise.all(Array.from({ length: 50 }, () => lists.workspaces()));
    assert.ok(
      results.every((result) => result === results[0]),
      'every caller gets the same list',
    );
    await lists.services();
    assert.deepEqual(lists.stats(), { serverless: 2, taskrouter: 1, studio: 0 });
    assert.equal(emulator.requests.length, 3);
  });

  it('follows next_page_url over several pages, every page counted', async () => {
    const many: AccountSeed = {
      serverless: { services: Array.from({ length: 2345 }, (_, i) => ({ unique_name: `svc-${i}` })) },
    };
    const big = await startEmulator({ credentials: CREDENTIALS, account: many });
    try {
      const lists = listsFor(big.url);
      const services = await lists.services();
      assert.equal(services.length, 2345);
      assert.equal(new Set(services.map((s) => s.sid)).size, 2345);
      assert.deepEqual(lists.stats(), { serverless: 3, taskrouter: 0, studio: 0 });
      assert.deepEqual(
        big.requests.map((r) => r.query.PageSize),
        ['1000', '1000', '1000'],
      );
    } finally {
      await big.close();
    }
  });

  it('a Serverless 500 is retried, then one line naming the API, what was read and the fix; kept as that rejection', async () => {
    emulator.fault = (request) =>
      request.api === 'serverless' ? { status: 500, code: 20500, message: 'Internal\nServer Error' } : undefined;
    const log: string[] = [];
    const lists = listsFor(emulator.url, log);
    const first = await lists.services().catch((error: unknown) => error);
    assert.ok(first instanceof Error);
    assert.match(
      first.message,
      /^Twilio Serverless: listing the services failed: HTTP 500, error 20500: Internal Server Error\. Check 'studio-url'/,
    );
    assert.ok(!first.message.includes('\n'));
    assert.equal(lists.stats().serverless, 3, 'three attempts');
    assert.equal(log.length, 2);
    assert.match(log[0] ?? '', /^Retrying Twilio Serverless GET \/v1\/Services/);
    const again = await lists.services().catch((error: unknown) => error);
    assert.equal(again, first, 'the same rejection, no new request');
    assert.equal(lists.stats().serverless, 3);
    assert.deepEqual((await lists.workspaces()).length, 1, 'TaskRouter is not affected');
  });

  it("the emulator's random faults apply to the new APIs too, and retries get through them", async () => {
    emulator.faults = {
      share: 0.5,
      kinds: ['rate-limit', 'error'],
      retryAfterSeconds: 0,
      seed: 7,
      match: (r) => r.api !== 'studio',
    };
    const lists = accountListsFor(settingsFor(emulator.url), () => {}, {
      dispatcher: agent,
      retry: { maxAttempts: 20, sleep: async () => {} },
    });
    assert.ok(lists);
    open.push(lists);
    const [workspace] = await lists.workspaces();
    assert.equal((await lists.workflows(workspace?.sid as string)).length, 2);
    assert.ok(
      emulator.faultLog.some((f) => f.path.startsWith('/v1/Workspaces')),
      'faults were injected',
    );
  });

  it('an unreachable Serverless API is one clear line without credentials', async () => {
    const closed = await startEmulator({ credentials: CREDENTIALS });
    const url = closed.url;
    await closed.close();
    const error = await listsFor(url)
      .services()
      .catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      /^Twilio Serverless: listing the services failed: no HTTP answer \(.*ECONNREFUSED.*\)\. Check 'studio-url'/,
    );
    assert.ok(!error.message.includes(AUTH_TOKEN));
  });

  it('wrong credentials: one line saying which inputs to check', async () => {
    const lists = accountListsFor(settingsFor(emulator.url, { 'twilio-auth-token': 'wrong-token-value' }), () => {}, {
      dispatcher: agent,
      retry: NO_WAIT,
    });
    assert.ok(lists);
    open.push(lists);
    await assert.rejects(lists.workspaces(), (error: Error) => {
      assert.match(
        error.message,
        /^Twilio TaskRouter: listing the workspaces failed: HTTP 401, error 20003: Authenticate\. Check the Twilio credentials/,
      );
      assert.ok(!error.message.includes('wrong-token-value'));
      return true;
    });
    assert.equal(lists.stats().taskrouter, 1, 'bad credentials are not retried');
  });
});
