/** The emulator's account seed: strict checks naming the file and JSON path, and the SIDs derived per account. */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { checkAccountSeed, loadAccountSeed } from '../../src/emulator/account-seed.ts';
import { buildAccount } from '../../src/emulator/account-store.ts';
import { ACCOUNT_SID } from '../support/sample-flows.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/account/${name}`, import.meta.url));
const OTHER_ACCOUNT = `AC${'9'.repeat(32)}`;
let dir: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'account-seed-'));
});

async function seedFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('account seed checks', () => {
  const BAD: [string, unknown, RegExp][] = [
    ['not an object', [], /\$ must be a JSON object/],
    [
      'an unknown top-level key',
      { serverles: {} },
      /\$ has the unknown key "serverles"; allowed: serverless, taskrouter/,
    ],
    ['services missing', { serverless: {} }, /\$\.serverless\.services is required/],
    ['services not an array', { serverless: { services: {} } }, /\$\.serverless\.services must be a JSON array/],
    [
      'a service without unique_name',
      { serverless: { services: [{ friendly_name: 'x' }] } },
      /\$\.serverless\.services\[0\]\.unique_name is required/,
    ],
    [
      'a unique_name with a line break',
      { serverless: { services: [{ unique_name: 'a\n::error::x' }] } },
      /\$\.serverless\.services\[0\]\.unique_name must be a non-empty one-line string/,
    ],
    [
      'a huge name',
      { taskrouter: { workspaces: [{ friendly_name: 'x'.repeat(100_000) }] } },
      /\$\.taskrouter\.workspaces\[0\]\.friendly_name must be a non-empty one-line string of at most 256/,
    ],
    [
      'a SID of the wrong prefix',
      { serverless: { services: [{ unique_name: 'a', sid: `ZE${'0'.repeat(32)}` }] } },
      /\$\.serverless\.services\[0\]\.sid must be a SID: ZS followed by 32 lowercase hex digits/,
    ],
    [
      'a function path without "/"',
      {
        serverless: {
          services: [{ unique_name: 'a', environments: [{ unique_name: 'p', functions: [{ path: 'api' }] }] }],
        },
      },
      /environments\[0\]\.functions\[0\]\.path must be a Function path starting with "\/"/,
    ],
    [
      'a bad visibility',
      {
        serverless: {
          services: [
            {
              unique_name: 'a',
              environments: [{ unique_name: 'p', functions: [{ path: '/a', visibility: 'secret' }] }],
            },
          ],
        },
      },
      /visibility must be "public", "protected" or "private"/,
    ],
    [
      'a domain_suffix with markup',
      { serverless: { services: [{ unique_name: 'a', environments: [{ unique_name: 'p', domain_suffix: '<b>' }] }] } },
      /domain_suffix must be null or a domain suffix/,
    ],
    [
      'build not an object',
      { serverless: { services: [{ unique_name: 'a', environments: [{ unique_name: 'p', build: 'ZB' }] }] } },
      /environments\[0\]\.build must be a JSON object/,
    ],
    [
      'a SID given twice',
      {
        taskrouter: {
          workspaces: [
            {
              friendly_name: 'a',
              workflows: [
                { friendly_name: 'x', sid: `WW${'1'.repeat(32)}` },
                { friendly_name: 'y', sid: `WW${'1'.repeat(32)}` },
              ],
            },
          ],
        },
      },
      /workflows\[1\]\.sid repeats the SID WW1{32} of \$\.taskrouter\.workspaces\[0\]\.workflows\[0\]\.sid; SIDs must be unique/,
    ],
  ];
  for (const [name, value, expected] of BAD) {
    it(`${name}: an error naming the source and the JSON path`, () => {
      assert.throws(
        () => checkAccountSeed(value, 'seed.json'),
        (error: Error) => {
          assert.match(error.message, /^Account seed seed\.json: /);
          assert.match(error.message, expected);
          assert.ok(error.message.length < 400 && !error.message.includes('\n'), 'short, one line');
          return true;
        },
      );
    });
  }

  it('allows duplicate names (resolution must meet them)', async () => {
    const account = buildAccount(await loadAccountSeed(fixture('ambiguous.json')), ACCOUNT_SID);
    assert.deepEqual(
      account.services.map((s) => s.uniqueName),
      ['hours', 'hours', 'empty'],
    );
    const workflows = account.workspaces[0]?.workflows ?? [];
    assert.deepEqual(
      workflows.map((w) => w.friendlyName),
      ['Assign to Anyone', 'Assign to Anyone'],
    );
    assert.notEqual(workflows[0]?.sid, workflows[1]?.sid);
  });

  it('a Function has one SID per service and path: a different one in another environment is an error', () => {
    const zh = (d: string) => `ZH${d.repeat(32)}`;
    const seed = checkAccountSeed(
      {
        serverless: {
          services: [
            {
              unique_name: 'a',
              environments: [
                { unique_name: 'p', functions: [{ path: '/x', sid: zh('1') }] },
                { unique_name: 's', functions: [{ path: '/x', sid: zh('2') }] },
              ],
            },
          ],
        },
      },
      'seed.json',
    );
    assert.throws(
      () => buildAccount(seed, ACCOUNT_SID, 'seed.json'),
      /environments\[1\]\.functions\[0\]\.sid is ZH2{32}, but the Function at \/x of this service is ZH1{32}/,
    );
    const same = structuredClone(seed);
    (same.serverless?.services[0]?.environments?.[1]?.functions?.[0] as { sid: string }).sid = zh('1');
    assert.doesNotThrow(() => buildAccount(same, ACCOUNT_SID, 'seed.json'));
  });

  it('files: not JSON, missing, a BOM', async () => {
    const broken = await seedFile('broken.json', '{ "serverless": ');
    await assert.rejects(
      loadAccountSeed(broken),
      new RegExp(`^Error: Account seed ${broken.replace(/[/.]/g, '\\$&')} is not JSON`),
    );
    await assert.rejects(
      loadAccountSeed(path.join(dir, 'nope.json')),
      /Cannot read the account seed .*nope\.json: ENOENT/,
    );
    const utf16 = path.join(dir, 'utf16.json');
    await writeFile(utf16, Buffer.from('\uFEFF{"taskrouter": {"workspaces": []}}\n::error::x', 'utf16le'));
    const error = await loadAccountSeed(utf16).catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, /utf16\.json is not JSON \(.*\); write it as in test\/fixtures\/account\/README\.md$/);
    assert.ok(/^[\x20-\x7e]*$/.test(error.message.replace(dir, '')), 'one printable line');
    const bom = await seedFile('bom.json', '\uFEFF{"taskrouter":{"workspaces":[]}}');
    assert.deepEqual(await loadAccountSeed(bom), { taskrouter: { workspaces: [] } });
  });
});

describe('derived SIDs', () => {
  it('are the same on every run and differ between accounts; given SIDs are kept', async () => {
    const seed = await loadAccountSeed(fixture('production.json'));
    const one = buildAccount(seed, ACCOUNT_SID);
    assert.deepEqual(buildAccount(seed, ACCOUNT_SID), one);
    const other = buildAccount(seed, OTHER_ACCOUNT);
    assert.notEqual(other.services[0]?.sid, one.services[0]?.sid);
    assert.notEqual(other.workspaces[0]?.workflows[0]?.sid, one.workspaces[0]?.workflows[0]?.sid);
    assert.match(one.services[0]?.environments[0]?.domainName ?? '', /^hours-\d{4}\.twil\.io$/);
    assert.match(one.services[0]?.environments[1]?.domainName ?? '', /^hours-\d{4}-dev\.twil\.io$/);
    const real = buildAccount(await loadAccountSeed(fixture('real-flows.json')), OTHER_ACCOUNT);
    assert.equal(real.workspaces[0]?.workflows[0]?.sid, 'WWd8cd0445d2df474f0744283a8cac96b7');
    assert.equal(
      real.workspaces[0]?.channels.find((c) => c.uniqueName === 'chat')?.sid,
      'TC97cc0cbcd14e9f3a5f7f2b9668ae8cdd',
    );
    // the SIDs mbarry-owl-OrderLookupIVR's run-function widgets hold
    assert.equal(real.services[0]?.sid, 'ZS5e6a380e716e80587d5ca025cd8797a6');
    assert.equal(real.services[0]?.environments[0]?.sid, 'ZE108a9762ca7f50d6d4abb6f159f6c1b9');
    assert.equal(real.services[0]?.environments[0]?.domainName, 'order-lookup-ivr-8000.twil.io');
    assert.equal(real.services[0]?.environments[0]?.build?.versions[0]?.path, '/httpRequest');
  });
});
