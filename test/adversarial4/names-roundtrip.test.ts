/**
 * Adversarial: resolve(portable(x)) == x and resolve(sync(live)) == live, with names Twilio answers that a
 * reference cannot hold as they are (`${var.…` and `$${…` are read by an earlier step of resolution, `#` in a
 * service splits off a part), and a build that deploys one path twice. A name that cannot round-trip must stay a
 * SID (with a reason), never be written as a reference that resolves to something else or to nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveNameRefs } from '../../src/resolve/names.ts';
import { resolveVariables } from '../../src/resolve/variables.ts';
import { resolveFlowRefs } from '../../src/resolve/flow-refs.ts';
import { buildNameIndex } from '../../src/resolve/name-index.ts';
import { portableDefinition } from '../../src/sync/portable.ts';
import { reverseSubstitutions } from '../../src/sync/reverse.ts';
import { fakeAccount, serviceData, sid, type FakeAccountData } from '../support/fake-account.ts';

const WS = sid('WS', 1);
const VARIABLES = { A: 'x', B: 'y' };
const HOSTILE = ['Tier ${var.A', 'Tier $${var.B', 'Tier ${flow:flows/a.json', 'VIP$${workflow:x'];

const account = (names: string[]): FakeAccountData => ({
  workspaces: [{ sid: WS, friendlyName: 'Flex Task Assignment' }],
  workflows: names.map((friendlyName, i) => ({ sid: sid('WW', i + 1), workspaceSid: WS, friendlyName })),
  channels: [{ sid: sid('TC', 1), workspaceSid: WS, uniqueName: 'voice', friendlyName: 'Voice' }],
});

const flex = (workflow: string) => ({
  description: 'd',
  initial_state: 'Trigger',
  states: [{ name: 'flex', type: 'send-to-flex', transitions: [], properties: { workflow, channel: 'voice' } }],
});
const workflowOf = (d: unknown) => (d as ReturnType<typeof flex>).states[0]!.properties.workflow;

/** The file as a deploy reads it (src/resolve/document.ts): variables, then flow refs, then name references. */
async function resolve(definition: unknown, data: FakeAccountData): Promise<{ value: unknown; errors: string[] }> {
  const vars = resolveVariables(definition, VARIABLES);
  const refs = await resolveFlowRefs(vars.definition, { target: async () => ({ sid: sid('FW', 9) }) }, 'f.json');
  const names = await resolveNameRefs(refs.definition, { lists: fakeAccount(data) });
  const errors = [...vars.findings, ...refs.findings, ...names.findings]
    .filter((f) => f.severity === 'error')
    .map((f) => f.message);
  return { value: workflowOf(names.definition), errors };
}

const index = (data: FakeAccountData) =>
  buildNameIndex({
    choices: {},
    workspaces: data.workspaces!,
    workflows: data.workflows!,
    taskChannels: data.channels!,
  });

describe('portable: a workflow whose name a reference cannot hold stays a SID', () => {
  for (const [i, name] of HOSTILE.entries()) {
    test(JSON.stringify(name), async () => {
      const data = account(['Sales', ...HOSTILE]);
      const live = sid('WW', i + 2);
      const out = portableDefinition(flex(live), { names: index(data), pathOf: () => undefined, self: 'f.json' });
      const back = await resolve(out.definition, data);
      assert.deepEqual(back, { value: live, errors: [] }, `portable wrote ${String(workflowOf(out.definition))}`);
    });
  }
});

describe('sync: a Console edit to such a workflow is written back so that it resolves to the live SID', () => {
  for (const [i, name] of HOSTILE.entries()) {
    test(JSON.stringify(name), async () => {
      const data = account(['Sales', ...HOSTILE]);
      const file = flex('${workflow:Sales}');
      const resolved = resolveVariables(file, VARIABLES).definition;
      const live = flex(sid('WW', i + 2));
      const out = reverseSubstitutions(
        { file, resolved, live },
        { variables: VARIABLES, sidOf: () => undefined, names: index(data) },
      );
      const back = await resolve(out.definition, data);
      assert.deepEqual(
        back,
        { value: sid('WW', i + 2), errors: [] },
        `sync wrote ${String(workflowOf(out.definition))}`,
      );
    });
  }
});

describe('Functions', () => {
  const fnWidget = (props: Record<string, string>) => ({
    description: 'd',
    initial_state: 'Trigger',
    states: [{ name: 'fn', type: 'run-function', transitions: [], properties: props }],
  });

  test('a service whose unique name holds "#": portable keeps the SIDs rather than write a reference that does not parse', async () => {
    const data = serviceData('team#1', [{ uniqueName: 'production', suffix: null, paths: ['/hours'] }]);
    const env = data.environments![0]!;
    const fn = data.builds![0]!.functions[0]!;
    const props = {
      service_sid: data.services![0]!.sid,
      environment_sid: env.sid,
      function_sid: fn.functionSid,
      url: `https://${env.domainName}/hours`,
    };
    const loaded = [{ service: data.services![0]!, environments: data.environments!, build: data.builds![0]! }];
    const names = buildNameIndex({ choices: {}, services: loaded });
    const out = portableDefinition(fnWidget(props), { names, pathOf: () => undefined, self: 'f.json' });
    const resolved = await resolveNameRefs(out.definition, { lists: fakeAccount(data) });
    assert.deepEqual(
      resolved.findings.filter((f) => f.severity === 'error').map((f) => f.message),
      [],
      JSON.stringify(out.definition),
    );
    assert.deepEqual((resolved.definition as ReturnType<typeof fnWidget>).states[0]!.properties, props);
  });

  test('a build that deploys one path twice (two Functions): the reference is ambiguous, not the first one', async () => {
    const data = serviceData('hours', [
      { uniqueName: 'production', suffix: null, paths: ['/api/hours', '/api/hours'] },
    ]);
    const [first, second] = data.builds![0]!.functions;
    assert.notEqual(first!.functionSid, second!.functionSid);
    const ref = '${function:hours/api/hours}';
    const out = await resolveNameRefs(
      fnWidget({ service_sid: ref, environment_sid: ref, function_sid: ref, url: ref }),
      {
        lists: fakeAccount(data),
      },
    );
    const errors = out.findings.filter((f) => f.severity === 'error');
    assert.ok(errors.length > 0, `resolved to ${JSON.stringify(out.definition)}`);
    assert.match(errors[0]!.message, /ambiguous|twice/);
    assert.match(errors[0]!.message, new RegExp(first!.functionSid));
  });
});

describe('portable: a repository flow file whose path a ${flow:…} cannot hold', () => {
  const subflow = (flowSid: string) => ({
    description: 'd',
    initial_state: 'Trigger',
    states: [{ name: 'sub', type: 'run-subflow', transitions: [], properties: { flow_sid: flowSid } }],
  });
  for (const file of [
    'flows/${var.A}.json',
    'flows/$${var.A}.json',
    'flows/${flow:x.json',
    'flows/${var.A.json',
    'flows/${var.A',
  ]) {
    test(JSON.stringify(file), async () => {
      const live = sid('FW', 7);
      const names = buildNameIndex({ choices: {}, flows: [] });
      const out = portableDefinition(subflow(live), { names, pathOf: () => file, self: 'f.json' });
      const props = (out.definition as ReturnType<typeof subflow>).states[0]!.properties;
      const vars = resolveVariables(out.definition, VARIABLES);
      const seen: string[] = [];
      const refs = await resolveFlowRefs(
        vars.definition,
        { target: async (p) => (seen.push(p), p === file ? { sid: live } : { sid: sid('FW', 8) }) },
        'f.json',
      );
      const back = (refs.definition as ReturnType<typeof subflow>).states[0]!.properties.flow_sid;
      assert.equal(back, live, `portable wrote ${props.flow_sid}; resolution looked up ${JSON.stringify(seen)}`);
    });
  }
});
