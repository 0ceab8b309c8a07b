/**
 * Adversarial: the sync of a run-function widget written with bare `${function:…}` references, against live widgets
 * edited in the Console in every way (another Function, another service, another environment's URL, fields that
 * disagree with each other): whatever the sync writes must resolve back to exactly the live values, field by field.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildNameIndex } from '../../src/resolve/name-index.ts';
import { resolveNameRefs } from '../../src/resolve/names.ts';
import { reverseSubstitutions } from '../../src/sync/reverse.ts';
import { fakeAccount, serviceData, type FakeAccountData } from '../support/fake-account.ts';

const a = serviceData(
  'svc-a',
  [
    { uniqueName: 'dev', suffix: 'dev', paths: ['/one', '/two', '/dev-only'] },
    { uniqueName: 'production', suffix: null, paths: ['/one', '/two'] },
  ],
  1,
);
const b = serviceData('svc-b', [{ uniqueName: 'production', suffix: null, paths: ['/one', '/three'] }], 2);
const data: FakeAccountData = {
  services: [...a.services!, ...b.services!],
  environments: [...a.environments!, ...b.environments!],
  builds: [...a.builds!, ...b.builds!],
};
const choices = { serverlessEnvironment: 'production' };

/** The four values of the Function at `path` of `service` in `environment`. */
function valuesOf(service: 'svc-a' | 'svc-b', environment: string, path: string) {
  const svc = data.services!.find((s) => s.uniqueName === service)!;
  const env = data.environments!.find((e) => e.serviceSid === svc.sid && e.uniqueName === environment)!;
  const fn = data.builds!.find((x) => x.sid === env.buildSid)!.functions.find((f) => f.path === path)!;
  return {
    service_sid: svc.sid,
    environment_sid: env.sid,
    function_sid: fn.functionSid,
    url: `https://${env.domainName}${path}`,
  };
}

const widget = (properties: Record<string, string>) => ({
  description: 'd',
  initial_state: 'Trigger',
  states: [{ name: 'fn', type: 'run-function', transitions: [], properties }],
});
const propsOf = (d: unknown) => (d as ReturnType<typeof widget>).states[0]!.properties;
const bare = (ref: string) => ({ service_sid: ref, environment_sid: ref, function_sid: ref, url: ref });

async function index() {
  const loaded = data.services!.map((service) => {
    const environments = data.environments!.filter((e) => e.serviceSid === service.sid);
    const chosen = environments.find((e) => e.uniqueName === 'production')!;
    return { service, environments, build: data.builds!.find((x) => x.sid === chosen.buildSid) };
  });
  return buildNameIndex({ choices, services: loaded });
}

const LIVE: [string, Record<string, string>][] = [
  ['another Function of the same service', valuesOf('svc-a', 'production', '/two')],
  ['a Function of another service', valuesOf('svc-b', 'production', '/three')],
  ['the same path in another service', valuesOf('svc-b', 'production', '/one')],
  ['the dev environment (not the chosen one)', valuesOf('svc-a', 'dev', '/one')],
  ['a path deployed in dev only', valuesOf('svc-a', 'dev', '/dev-only')],
  [
    'function_sid of one Function, url of another',
    { ...valuesOf('svc-a', 'production', '/one'), url: valuesOf('svc-a', 'production', '/two').url },
  ],
  [
    'service_sid of another service than function_sid',
    { ...valuesOf('svc-a', 'production', '/two'), service_sid: valuesOf('svc-b', 'production', '/one').service_sid },
  ],
  ['function_sid removed, url of another Function', { ...valuesOf('svc-a', 'production', '/two'), function_sid: '' }],
  [
    'a url with a query string',
    { ...valuesOf('svc-a', 'production', '/one'), url: valuesOf('svc-a', 'production', '/one').url + '?x=1' },
  ],
];

describe('sync of bare Function references: what is written resolves to the live values', () => {
  for (const [name, live] of LIVE) {
    test(name, async () => {
      const file = widget(bare('${function:svc-a/one}'));
      const resolved = (await resolveNameRefs(file, { lists: fakeAccount(data), choices })).definition;
      const out = reverseSubstitutions(
        { file, resolved, live: widget(live) },
        { variables: {}, sidOf: () => undefined, names: await index() },
      );
      const back = await resolveNameRefs(out.definition, { lists: fakeAccount(data), choices });
      const errors = back.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      assert.deepEqual(
        { values: propsOf(back.definition), errors },
        { values: live, errors: [] },
        `sync wrote ${JSON.stringify(propsOf(out.definition))}`,
      );
    });
  }
});

describe('sync of a workflow reference inside text: what is written resolves to the live text', () => {
  const WS = 'WS' + '1'.repeat(32);
  const tr: FakeAccountData = {
    workspaces: [{ sid: WS, friendlyName: 'Flex Task Assignment' }],
    workflows: [
      { sid: 'WW' + '1'.repeat(32), workspaceSid: WS, friendlyName: 'Sales' },
      { sid: 'WW' + '2'.repeat(32), workspaceSid: WS, friendlyName: 'Support' },
      { sid: 'WW' + '3'.repeat(32), workspaceSid: WS, friendlyName: 'Twice' },
      { sid: 'WW' + '4'.repeat(32), workspaceSid: WS, friendlyName: 'Twice' },
    ],
    channels: [],
  };
  const say = (text: string) => ({
    description: 'd',
    initial_state: 'Trigger',
    states: [{ name: 'w', type: 'say-play', transitions: [], properties: { say: text } }],
  });
  const cases: [string, string][] = [
    ['another workflow', `Queue WW${'2'.repeat(32)} please`],
    ['the reference as literal text', 'Queue ${workflow:Sales} please'],
    ['an escaped reference as literal text', 'Queue $${workflow:Support} please'],
    ['a workflow of an ambiguous name', `Queue WW${'3'.repeat(32)} please`],
    ['a SID of another kind', `Queue TC${'2'.repeat(32)} please`],
    ['the SID and more text', `Queue WW${'2'.repeat(32)}x please`],
  ];
  for (const [name, live] of cases) {
    test(name, async () => {
      const file = say('Queue ${workflow:Sales} please');
      const lists = () => fakeAccount(tr);
      const resolved = (await resolveNameRefs(file, { lists: lists() })).definition;
      const names = buildNameIndex({
        choices: {},
        workspaces: tr.workspaces!,
        workflows: tr.workflows!,
        taskChannels: [],
      });
      const out = reverseSubstitutions(
        { file, resolved, live: say(live) },
        { variables: {}, sidOf: () => undefined, names },
      );
      const written = (out.definition as ReturnType<typeof say>).states[0]!.properties.say;
      const back = await resolveNameRefs(out.definition, { lists: lists() });
      const text = (back.definition as ReturnType<typeof say>).states[0]!.properties.say;
      // Either the live text comes back exactly, or the file is kept as it was and the change is reported.
      if (written === 'Queue ${workflow:Sales} please') assert.ok(out.placeholders.length > 0, 'kept, so reported');
      else assert.equal(text, live, `sync wrote ${written}`);
    });
  }
});
