/**
 * Name references through the sync's reverse: a name whose live value is what it resolves to stays; a live SID that
 * another name gives comes back as that name; a live SID no name gives comes back as the SID; all reported.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNameIndex } from '../../src/resolve/name-lists.ts';
import type { NameIndex } from '../../src/resolve/name-index.ts';
import { reverseSubstitutions, type ReverseContext } from '../../src/sync/reverse.ts';
import { fakeAccount, fakeSid } from '../support/fake-account-c.ts';

const ALL = { functions: true, taskrouter: true, flows: true };
const account = fakeAccount({
  tag: 'sync',
  services: [
    {
      uniqueName: 'hours',
      environments: [
        {
          uniqueName: 'production',
          domainSuffix: null,
          functions: [{ path: '/api/hours' }, { path: '/api/holidays' }],
        },
        { uniqueName: 'dev', functions: [{ path: '/api/hours' }] },
      ],
    },
  ],
  workspaces: [
    {
      friendlyName: 'Flex Task Assignment',
      workflows: [
        { friendlyName: 'Assign to Anyone' },
        { friendlyName: 'Support' },
        { friendlyName: 'Dup' },
        { friendlyName: 'Dup' },
      ],
      channels: [{ uniqueName: 'voice' }, { uniqueName: 'chat' }],
    },
  ],
  flows: [{ friendlyName: 'Child' }],
});
const WS = fakeSid('WS', 'sync', 'Flex Task Assignment');
const ww = (name: string) => fakeSid('WW', 'sync', WS, name);
const tc = (name: string) => fakeSid('TC', 'sync', WS, name);
const ZS = fakeSid('ZS', 'sync', 'hours');
const ZE = fakeSid('ZE', 'sync', 'hours', 'production');
const zh = (path: string) => fakeSid('ZH', 'sync', 'hours', path);
const url = (path: string) => `https://hours-sync.twil.io${path}`;

let index: NameIndex | undefined;
async function names(): Promise<NameIndex> {
  index ??= await loadNameIndex(account, { serverlessEnvironment: 'production' }, ALL);
  return index;
}

interface Def {
  states: { name: string; type: string; transitions: unknown[]; properties: Record<string, unknown> }[];
  initial_state: string;
}

function definition(flex: Record<string, unknown>, fn: Record<string, unknown>, say = 'hello'): Def {
  return {
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'hours' }], properties: {} },
      { name: 'hours', type: 'run-function', transitions: [], properties: { parameters: [], ...fn } },
      { name: 'to_flex', type: 'send-to-flex', transitions: [], properties: { attributes: '{}', ...flex } },
      { name: 'say', type: 'say-play', transitions: [], properties: { say } },
    ],
    initial_state: 'Trigger',
  };
}

const FILE_FLEX = { workflow: '${workflow:Assign to Anyone}', channel: '${channel:voice}' };
const FILE_FN = {
  service_sid: '${function:hours/api/hours}',
  environment_sid: '${function:hours/api/hours}',
  function_sid: '${function:hours/api/hours}',
  url: '${function:hours/api/hours}',
};
const liveFn = (path: string) => ({ service_sid: ZS, environment_sid: ZE, function_sid: zh(path), url: url(path) });

async function run(file: unknown, live: unknown, withNames = true) {
  const context: ReverseContext = {
    variables: {},
    sidOf: () => undefined,
    names: withNames ? await names() : undefined,
  };
  return reverseSubstitutions({ file, resolved: file, live }, context);
}

test('a name whose live value is what it resolves to stays as the name (bare run-function fields, parts, inside text)', async () => {
  const file = definition(FILE_FLEX, FILE_FN, 'Call ${function:hours/api/hours#url}?x={{flow.data.x}} now');
  const live = definition(
    { workflow: ww('Assign to Anyone'), channel: tc('voice') },
    liveFn('/api/hours'),
    `Call ${url('/api/hours')}?x={{flow.data.x}} now`,
  );
  const out = await run(file, live);
  assert.deepEqual(out.definition, file);
  assert.deepEqual(out.placeholders, []);
});

test('a live SID that another name gives comes back as that name, reported as a changed reference', async () => {
  const file = definition(FILE_FLEX, FILE_FN);
  const live = definition({ workflow: ww('Support'), channel: tc('chat') }, liveFn('/api/holidays'));
  const out = await run(file, live);
  const expected = definition(
    { workflow: '${workflow:Support}', channel: '${channel:chat}' },
    Object.fromEntries(Object.keys(FILE_FN).map((k) => [k, '${function:hours/api/holidays}'])),
  );
  // service_sid and environment_sid did not change (same service and environment) but now name the same Function
  assert.deepEqual(out.definition, expected);
  const changes = out.placeholders.map((p) => [p.widget, p.placeholder, p.live, p.written]);
  assert.deepEqual(changes, [
    ['hours', '${function:hours/api/hours}', zh('/api/holidays'), '${function:hours/api/holidays}'],
    ['hours', '${function:hours/api/hours}', url('/api/holidays'), '${function:hours/api/holidays}'],
    ['to_flex', '${workflow:Assign to Anyone}', ww('Support'), '${workflow:Support}'],
    ['to_flex', '${channel:voice}', tc('chat'), '${channel:chat}'],
  ]);
});

test('a live SID that no name gives (unknown, ambiguous) comes back as the SID, with the reason', async () => {
  const unknown = `WW${'e'.repeat(32)}`;
  const out = await run(
    definition(FILE_FLEX, FILE_FN),
    definition({ workflow: unknown, channel: tc('voice') }, liveFn('/api/hours')),
  );
  const flex = (out.definition as Def).states[2]!.properties;
  assert.equal(flex['workflow'], unknown);
  assert.equal(flex['channel'], '${channel:voice}');
  assert.equal(out.placeholders.length, 1);
  assert.equal(out.placeholders[0]!.written, unknown);
  assert.match(out.placeholders[0]!.reason ?? '', /no workflow of the workspace "Flex Task Assignment" has this SID/);

  const dup = await run(
    definition(FILE_FLEX, FILE_FN),
    definition({ workflow: ww('Dup'), channel: tc('voice') }, liveFn('/api/hours')),
  );
  assert.equal((dup.definition as Def).states[2]!.properties['workflow'], ww('Dup'));
  assert.match(dup.placeholders[0]!.reason ?? '', /2 workflows are named "Dup".*ambiguous/);
});

test('without account lists, or a name the account lacks, the reference stays as written and is reported', async () => {
  const file = definition(FILE_FLEX, FILE_FN);
  const live = definition({ workflow: ww('Support'), channel: tc('voice') }, liveFn('/api/hours'));
  const offline = await run(file, live, false);
  assert.deepEqual(offline.definition, file);
  assert.ok(offline.placeholders.every((p) => p.written === undefined));
  assert.match(
    offline.placeholders.find((p) => p.placeholder === '${workflow:Assign to Anyone}')!.reason ?? '',
    /no account lists/,
  );

  const missing = definition({ ...FILE_FLEX, workflow: '${workflow:Gone}' }, FILE_FN);
  const out = await run(missing, live);
  assert.equal((out.definition as Def).states[2]!.properties['workflow'], '${workflow:Gone}');
  assert.match(out.placeholders[0]!.reason ?? '', /no workflow is named "Gone"/);
});

test('live text that reads like a name reference is escaped; an escaped one in the file stays escaped', async () => {
  const live = definition(
    { workflow: ww('Assign to Anyone'), channel: tc('voice') },
    liveFn('/api/hours'),
    'say ${workflow:X} and ${function:a/b}',
  );
  const out = await run(definition(FILE_FLEX, FILE_FN), live);
  assert.equal((out.definition as Def).states[3]!.properties['say'], 'say $${workflow:X} and $${function:a/b}');
  const file = definition(FILE_FLEX, FILE_FN, 'say $${workflow:X}');
  const same = await run(
    file,
    definition({ workflow: ww('Assign to Anyone'), channel: tc('voice') }, liveFn('/api/hours'), 'say ${workflow:X}'),
  );
  assert.deepEqual(same.definition, file);
});
