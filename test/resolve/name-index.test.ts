/** The reverse index: SID/URL → the name reference that resolves to it, only when unique and writable; else why. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildNameIndex, type NameIndex } from '../../src/resolve/name-index.ts';
import { loadNameIndex, needsOfReferences, needsOfSids, NO_NEEDS } from '../../src/resolve/name-lists.ts';
import { fakeAccount, fakeSid, realFixturesAccount } from '../support/fake-account-c.ts';

const ALL = { functions: true, taskrouter: true, flows: true };
const URL_PROD = 'https://order-lookup-ivr-8000.twil.io/httpRequest';

async function realIndex(serverlessEnvironment?: string): Promise<NameIndex> {
  return loadNameIndex(realFixturesAccount(), { serverlessEnvironment }, ALL);
}

function reasonOf(naming: unknown): string {
  assert.ok(
    naming && typeof naming === 'object' && 'reason' in naming,
    `expected a reason, got ${JSON.stringify(naming)}`,
  );
  return (naming as { reason: string }).reason;
}

test('a URL-only run-function is named by its host and path in the chosen build', async () => {
  const index = await realIndex('production');
  assert.deepEqual(index.nameOf(URL_PROD, { key: 'url', runFunction: { url: URL_PROD } }), {
    ref: '${function:order-lookup-ivr/httpRequest}',
  });
  assert.deepEqual(index.nameOf(URL_PROD), { ref: '${function:order-lookup-ivr/httpRequest#url}' });
  // and it resolves back to the very URL
  assert.deepEqual(index.valueOf({ kind: 'function', service: 'order-lookup-ivr', path: '/httpRequest' }, 'url'), {
    value: URL_PROD,
  });
});

test('ZS, ZE and ZH of a run-function name the Function its function_sid gives; each resolves back', async () => {
  const index = await realIndex('production');
  const ref = { kind: 'function' as const, service: 'order-lookup-ivr', path: '/httpRequest' };
  const props: Record<string, unknown> = { url: URL_PROD };
  for (const part of ['service_sid', 'environment_sid', 'function_sid'] as const) {
    const value = index.valueOf(ref, part);
    assert.ok('value' in value);
    props[part] = value.value;
  }
  // the SIDs the real widget "order_lookup" of mbarry-owl-OrderLookupIVR.json holds
  assert.deepEqual(
    { ...props },
    {
      url: URL_PROD,
      service_sid: 'ZS5e6a380e716e80587d5ca025cd8797a6',
      environment_sid: 'ZE108a9762ca7f50d6d4abb6f159f6c1b9',
      function_sid: 'ZH1276e1872729dad365cd69104809a0d0',
    },
  );
  for (const key of ['service_sid', 'environment_sid', 'function_sid', 'url'])
    assert.deepEqual(index.nameOf(props[key] as string, { key, runFunction: props }), {
      ref: '${function:order-lookup-ivr/httpRequest}',
    });
  // as published, the widget's url is the author's stand-in for the domain: its SIDs still name the Function, the
  // url is not that Function's URL and keeps no name
  const published: Record<string, unknown> = { ...props, url: 'https://example.com/httpRequest' };
  assert.deepEqual(index.nameOf(published['function_sid'] as string, { key: 'function_sid', runFunction: published }), {
    ref: '${function:order-lookup-ivr/httpRequest}',
  });
  assert.match(
    reasonOf(index.nameOf('https://example.com/httpRequest', { key: 'url', runFunction: published })),
    /not the url of the Function the widget's function_sid or url names \(\/httpRequest\)/,
  );
  // outside a run-function: a ZH gets its part; a ZS alone names no Function
  assert.deepEqual(index.nameOf(props['function_sid'] as string), {
    ref: '${function:order-lookup-ivr/httpRequest#function_sid}',
  });
  assert.match(reasonOf(index.nameOf(props['service_sid'] as string)), /alone names no Function/);
  // a ZE of another environment inside the widget does not match the Function its function_sid names
  const dev = fakeSid('ZE', 'real', 'order-lookup-ivr', 'dev');
  assert.match(
    reasonOf(index.nameOf(dev, { key: 'environment_sid', runFunction: { ...props, environment_sid: dev } })),
    /not the environment_sid/,
  );
});

test('a URL of an environment the config does not choose, a path not deployed, no choice among two: no name, reason given', async () => {
  const prod = await realIndex('production');
  const devUrl = 'https://order-lookup-ivr-real-dev.twil.io/beta';
  assert.match(
    reasonOf(prod.nameOf(devUrl)),
    /environment "dev" of the service "order-lookup-ivr", which is not the environment the config chooses/,
  );
  assert.match(reasonOf(prod.nameOf('https://order-lookup-ivr-8000.twil.io/beta')), /path "\/beta" is not deployed/);
  assert.equal(prod.nameOf('https://example.com/hours'), undefined, 'a URL on no Serverless domain is not ours');
  const dev = await realIndex('dev');
  assert.deepEqual(dev.nameOf(devUrl), { ref: '${function:order-lookup-ivr/beta#url}' });
  const none = await realIndex(undefined);
  assert.match(
    reasonOf(none.nameOf(URL_PROD, { key: 'url', runFunction: { url: URL_PROD } })),
    /2 environments \(production, dev\) and the config chooses none/,
  );
  assert.match(
    reasonOf(none.valueOf({ kind: 'function', service: 'order-lookup-ivr', path: '/beta' }, 'url')),
    /chooses none/,
  );
  assert.match(
    reasonOf(prod.valueOf({ kind: 'function', service: 'nope', path: '/x' }, 'url')),
    /no Serverless service has the unique name "nope"/,
  );
  assert.match(reasonOf(prod.valueOf({ kind: 'function', service: 'order-lookup-ivr', path: '/x' })), /needs a part/);
});

test('workflows and channels of the chosen workspace by unique names; ambiguous names give no reference', async () => {
  const index = await realIndex('production');
  assert.deepEqual(index.nameOf('WWd8cd0445d2df474f0744283a8cac96b7'), { ref: '${workflow:Assign to Anyone}' });
  assert.deepEqual(index.nameOf('TC97cc0cbcd14e9f3a5f7f2b9668ae8cdd'), { ref: '${channel:chat}' });
  assert.deepEqual(index.valueOf({ kind: 'workflow', name: 'Assign to Anyone' }), {
    value: 'WWd8cd0445d2df474f0744283a8cac96b7',
  });

  const twice = fakeAccount({
    tag: 't',
    workspaces: [
      {
        friendlyName: 'W',
        workflows: [{ friendlyName: 'Sales' }, { friendlyName: 'Sales' }, { friendlyName: 'Support' }],
      },
    ],
  });
  const amb = await loadNameIndex(twice, {}, ALL);
  const sales = (await twice.workflows(fakeSid('WS', 't', 'W'))).filter((w) => w.friendlyName === 'Sales');
  for (const w of sales)
    assert.match(
      reasonOf(amb.nameOf(w.sid)),
      new RegExp(`2 workflows are named "Sales" \\(.*${w.sid}.*\\): the name is ambiguous`),
    );
  assert.match(reasonOf(amb.valueOf({ kind: 'workflow', name: 'Sales' })), /ambiguous/);
  assert.match(reasonOf(amb.nameOf(fakeSid('WW', 'other'))), /no workflow of the workspace "W" has this SID/);
});

test('names that cannot be written (a "}", a line break, blank) give no reference; markup is kept as written', async () => {
  const account = fakeAccount({
    tag: 'u',
    services: [
      { uniqueName: 'svc', environments: [{ uniqueName: 'p', functions: [{ path: '/a#b' }, { path: '/ok' }] }] },
    ],
    workspaces: [
      {
        friendlyName: 'W',
        workflows: [
          { friendlyName: 'a}b' },
          { friendlyName: 'two\nlines' },
          { friendlyName: ' ' },
          { friendlyName: '<b>@team</b> ::error x' },
        ],
      },
    ],
    flows: [{ friendlyName: 'Main}' }],
  });
  const index = await loadNameIndex(account, {}, ALL);
  const workflows = await account.workflows(fakeSid('WS', 'u', 'W'));
  for (const w of workflows.slice(0, 3)) assert.match(reasonOf(index.nameOf(w.sid)), /cannot be written/);
  assert.deepEqual(index.nameOf(workflows[3]!.sid), { ref: '${workflow:<b>@team</b> ::error x}' });
  assert.match(reasonOf(index.nameOf(fakeSid('ZH', 'u', 'svc', '/a#b'))), /path "\/a#b" cannot be written/);
  assert.deepEqual(index.nameOf(fakeSid('ZH', 'u', 'svc', '/ok')), { ref: '${function:svc/ok#function_sid}' });
  assert.match(reasonOf(index.nameOf(fakeSid('FW', 'u', 'Main}'))), /cannot be written/);
});

test('SIDs of another kind: no name form (reason), the account SID and plain text are not ours', async () => {
  const index = await realIndex('production');
  assert.match(reasonOf(index.nameOf(`PN${'a'.repeat(32)}`)), /no name reference stands for PN… SIDs/);
  assert.equal(index.nameOf(`AC${'a'.repeat(32)}`), undefined);
  assert.equal(index.nameOf('hello'), undefined);
  assert.equal(index.nameOf(`WW${'A'.repeat(32)}`), undefined, 'upper-case hex is not a SID');
  // a FW when Studio flows were not read
  const noFlows = buildNameIndex({ choices: {} });
  assert.match(reasonOf(noFlows.nameOf(`FW${'1'.repeat(32)}`)), /not read/);
});

test('the loader reads only the APIs the needs name, and a failed list rejects with its line', async () => {
  const account = realFixturesAccount();
  await loadNameIndex(account, {}, NO_NEEDS);
  assert.deepEqual(account.stats(), { serverless: 0, taskrouter: 0, studio: 0 });
  await loadNameIndex(account, {}, { ...NO_NEEDS, taskrouter: true });
  assert.deepEqual(account.stats(), { serverless: 0, taskrouter: 3, studio: 0 });
  const failing = fakeAccount({ tag: 'f', services: [], fail: ['services'] });
  await assert.rejects(loadNameIndex(failing, {}, ALL), /listing services failed: HTTP 503/);
  assert.deepEqual(needsOfReferences({ a: ['${workflow:x}', '$${function:s/p}', { b: '${flow-name:y}' }] }), {
    functions: false,
    taskrouter: true,
    flows: true,
  });
  assert.deepEqual(needsOfSids({ states: [{ properties: { url: URL_PROD } }] }), {
    functions: true,
    taskrouter: false,
    flows: false,
  });
  assert.deepEqual(needsOfSids({ x: 'https://example.com/a', y: `TC${'0'.repeat(32)}` }), {
    functions: false,
    taskrouter: true,
    flows: false,
  });
});

test('10,000 workflows: the index is built and answers quickly', async () => {
  const workflows = Array.from({ length: 10_000 }, (_, i) => ({ friendlyName: `wf ${i}` }));
  const account = fakeAccount({ tag: 'big', workspaces: [{ friendlyName: 'W', workflows }] });
  const started = performance.now();
  const index = await loadNameIndex(account, {}, ALL);
  const sids = await account.workflows(fakeSid('WS', 'big', 'W'));
  for (const w of sids) assert.ok('ref' in index.nameOf(w.sid)!);
  assert.ok(performance.now() - started < 5000);
});
