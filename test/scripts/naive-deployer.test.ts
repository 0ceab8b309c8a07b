/**
 * The naive deployer `npm run bench` compares our deploy with: on a loopback emulator it lists once, writes every
 * flow (creates and updates) serially without Validate, and leaves Studio holding every flow; bad answers and bad
 * files are one-line errors that never carry the credentials.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { naiveDeploy, naiveFlowsFrom, type NaiveFlow } from '../../scripts/bench/naive-deployer.ts';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { latestRevision } from '../../src/emulator/store.ts';

const ACCOUNT_SID = `AC${'5a'.repeat(16)}`;
const AUTH_TOKEN = 'naive-secret-token-5a5a';
const COMMIT = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';

const definition = (say: string) => ({
  description: 'naive',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'greet' }], properties: {} },
    { name: 'greet', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say } },
  ],
});

const HOSTILE = 'Sales <b>@team</b>\n::error ::x %0A — “IVR” 🚀';

async function serve(
  answer: (url: string) => { status: number; body: string },
): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const { status, body } = answer(req.url ?? '/');
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('naive deployer on a loopback emulator', () => {
  let emulator: EmulatorHandle;
  before(async () => {
    emulator = await startEmulator({
      credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
      seed: ['Untouched', 'Changed', 'Same'].map((name) => ({ friendlyName: name, definition: definition(name) })),
    });
  });
  after(() => emulator.close());

  const sidOf = (name: string) =>
    [...emulator.store.flows.values()].find((f) => latestRevision(f).friendlyName === name)?.sid;

  test('1 list + N writes, no Validate, no read-back; Studio holds every flow published with its definition', async () => {
    emulator.requests.length = 0;
    const flows: NaiveFlow[] = [
      { friendlyName: 'Changed', definition: definition('changed now') },
      { friendlyName: 'Same', definition: definition('Same') },
      { friendlyName: 'New one', definition: definition('new') },
      { friendlyName: HOSTILE, definition: definition(`${HOSTILE} {{flow.data.x}}`) },
    ];
    const changedSid = sidOf('Changed');
    const result = await naiveDeploy({
      url: emulator.url,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      flows,
      commitMessage: COMMIT,
    });
    assert.deepEqual(result, { created: 2, updated: 2, requests: 5 });
    const seen = emulator.requests.map((r) => `${r.method} ${r.path.replace(/FW[0-9a-f]{32}/, 'FW…')} ${r.status}`);
    assert.deepEqual(seen, [
      'GET /v2/Flows 200',
      'POST /v2/Flows/FW… 200',
      'POST /v2/Flows/FW… 200',
      'POST /v2/Flows 201',
      'POST /v2/Flows 201',
    ]);
    assert.equal(emulator.requests[1]?.path, `/v2/Flows/${changedSid}`);
    assert.equal(emulator.store.flows.size, 5);
    for (const flow of flows) {
      const stored = [...emulator.store.flows.values()]
        .map(latestRevision)
        .find((r) => r.friendlyName === flow.friendlyName);
      assert.ok(stored, `Studio holds ${JSON.stringify(flow.friendlyName)}`);
      assert.deepEqual(stored.definition, flow.definition);
      assert.equal(stored.status, 'published');
      assert.equal(stored.commitMessage, COMMIT);
    }
    assert.equal(emulator.store.get(sidOf('Untouched') ?? '')?.revisions.length, 1);
    assert.equal(emulator.store.get(changedSid ?? '')?.revisions.length, 2);
  });

  test('wrong credentials: one list refused, a one-line error with the status, never the token', async () => {
    emulator.requests.length = 0;
    const error = await naiveDeploy({
      url: emulator.url,
      accountSid: ACCOUNT_SID,
      authToken: `${AUTH_TOKEN}-wrong`,
      flows: [{ friendlyName: 'x', definition: definition('x') }],
      commitMessage: COMMIT,
    }).then(
      () => assert.fail('deployed with wrong credentials'),
      (e: unknown) => e as Error,
    );
    assert.match(error.message, /^naive deployer: GET \/v2\/Flows answered 401: /);
    assert.doesNotMatch(error.message, /naive-secret|\n/);
    assert.equal(emulator.requests.length, 1);
  });

  test('stops at the first write Studio refuses, naming it; nothing after it is sent', async () => {
    emulator.requests.length = 0;
    let writes = 0;
    emulator.fault = (r) =>
      r.method === 'POST' && ++writes === 2
        ? { status: 500, code: 20500, message: 'Internal <b>error</b>\nagain' }
        : undefined;
    try {
      const flows = ['w1', 'w2', 'w3'].map((n) => ({ friendlyName: n, definition: definition(n) }));
      await assert.rejects(
        naiveDeploy({
          url: emulator.url,
          accountSid: ACCOUNT_SID,
          authToken: AUTH_TOKEN,
          flows,
          commitMessage: COMMIT,
        }),
        /^Error: naive deployer: POST \/v2\/Flows answered 500: 20500 Internal <b>error<\/b> again$/,
      );
      assert.equal(emulator.requests.length, 3);
    } finally {
      emulator.fault = undefined;
    }
  });
});

describe('naive deployer against wrong answers', () => {
  test('a list that is not a list of flows, or not JSON, is an error naming GET /v2/Flows', async () => {
    for (const [body, message] of [
      ['{}', /without a "flows" list/],
      ['{"flows":[{"sid":"FW1"}]}', /"friendly_name"/],
      ['<html>hi</html>', /body that is not JSON/],
      ['[1,2]', /without a "flows" list/],
    ] as const) {
      const fake = await serve(() => ({ status: 200, body }));
      try {
        await assert.rejects(
          naiveDeploy({
            url: fake.url,
            accountSid: ACCOUNT_SID,
            authToken: AUTH_TOKEN,
            flows: [],
            commitMessage: COMMIT,
          }),
          (e: Error) => /^naive deployer: GET \/v2\/Flows /.test(e.message) && message.test(e.message),
        );
      } finally {
        await close(fake.server);
      }
    }
  });

  test('a next page on another origin is refused before the credentials go there; an endless list stops', async () => {
    const elsewhere = await serve(() => ({ status: 200, body: '{"flows":[],"meta":{"next_page_url":null}}' }));
    const first = await serve(() => ({
      status: 200,
      body: JSON.stringify({ flows: [], meta: { next_page_url: `${elsewhere.url}/v2/Flows?Page=1` } }),
    }));
    const endless = await serve(() => ({
      status: 200,
      body: '{"flows":[],"meta":{"next_page_url":"/v2/Flows?Page=1"}}',
    }));
    try {
      for (const url of [first.url, endless.url])
        await assert.rejects(
          naiveDeploy({ url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, flows: [], commitMessage: COMMIT }),
          /^Error: naive deployer: GET \/v2\/Flows: page \d+ is not a next page of http:\/\/127\.0\.0\.1:\d+\.$/,
        );
      assert.deepEqual(elsewhere.hits, []);
      assert.equal(endless.hits.length, 100);
    } finally {
      await Promise.all([elsewhere, first, endless].map((s) => close(s.server)));
    }
  });

  test('flow files: not JSON, or without a name and a definition object, is an error naming the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sfci-naive-'));
    try {
      const files: Array<[string, string, RegExp]> = [
        ['broken.json', '{"friendly_name": ', /^naive deployer: cannot read broken\.json: /],
        [
          'array.json',
          '[]',
          /^naive deployer: array\.json needs a "friendly_name" string and a "definition" object\.$/,
        ],
        ['null.json', 'null', /null\.json needs/],
        ['text-def.json', '{"friendly_name":"a","definition":"{}"}', /text-def\.json needs/],
        ['no-name.json', '{"friendly_name":"","definition":{}}', /no-name\.json needs/],
      ];
      for (const [name, text] of files) await writeFile(path.join(dir, name), text);
      for (const [name, , message] of files)
        await assert.rejects(
          naiveFlowsFrom(dir, [name]),
          (e: Error) => message.test(e.message) && !e.message.includes('\n'),
        );
      await writeFile(
        path.join(dir, 'ok.json'),
        JSON.stringify({ friendly_name: HOSTILE, definition: definition('ok') }),
      );
      assert.deepEqual(await naiveFlowsFrom(dir, ['ok.json']), [
        { friendlyName: HOSTILE, definition: definition('ok') },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
