/** portableDefinition: which strings become names, which stay (and why), in every file shape write-back knows. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNameIndex } from '../../src/resolve/name-lists.ts';
import { portableDefinition, type PortableContext } from '../../src/sync/portable.ts';
import { writeBack } from '../../src/sync/write-back.ts';
import { fakeAccount, fakeSid, resolveWithIndex } from '../support/fake-account-c.ts';

const account = () =>
  fakeAccount({
    tag: 'p',
    services: [
      {
        uniqueName: 'hours',
        environments: [{ uniqueName: 'production', domainSuffix: null, functions: [{ path: '/api/hours' }] }],
      },
      {
        uniqueName: 'other',
        environments: [{ uniqueName: 'production', domainSuffix: null, functions: [{ path: '/x' }] }],
      },
    ],
    workspaces: [{ friendlyName: 'W', workflows: [{ friendlyName: 'Sales' }] }],
  });
const ALL = { functions: true, taskrouter: true, flows: true };
const fn = {
  service_sid: fakeSid('ZS', 'p', 'hours'),
  environment_sid: fakeSid('ZE', 'p', 'hours', 'production'),
  function_sid: fakeSid('ZH', 'p', 'hours', '/api/hours'),
  url: 'https://hours-p.twil.io/api/hours',
};
const WW = fakeSid('WW', 'p', fakeSid('WS', 'p', 'W'), 'Sales');

function flow(fnProps: Record<string, unknown>, say: string) {
  return {
    description: 'd',
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [], properties: {} },
      {
        name: 'fn',
        type: 'run-function',
        transitions: [],
        properties: { ...fnProps, parameters: [{ key: 'k', value: WW }] },
      },
      { name: 'say', type: 'say-play', transitions: [], properties: { say } },
    ],
    initial_state: 'Trigger',
  };
}

async function context(): Promise<PortableContext> {
  return { names: await loadNameIndex(account(), {}, ALL), pathOf: () => undefined, self: 'flows/a.json' };
}

test('a run-function with all four values becomes four bare references; placeholders and escaped text stay', async () => {
  const ctx = await context();
  const original = flow(fn, `Hi \${var.NAME} $\${workflow:Sales} ${WW}`);
  const out = portableDefinition(original, ctx);
  const props = (out.definition as ReturnType<typeof flow>).states[1]!.properties as Record<string, unknown>;
  for (const key of Object.keys(fn)) assert.equal(props[key], '${function:hours/api/hours}');
  assert.deepEqual(props['parameters'], [{ key: 'k', value: '${workflow:Sales}' }]);
  assert.equal(
    (out.definition as ReturnType<typeof flow>).states[2]!.properties['say'],
    original.states[2]!.properties['say'],
  );
  assert.deepEqual(
    out.replaced.map((r) => [r.widget, r.field, r.to]),
    [...Object.keys(fn).map((k) => ['fn', k, '${function:hours/api/hours}']), ['fn', 'value', '${workflow:Sales}']],
  );
  // what a deploy sends is the same before and after (the escape resolves to the literal text in both)
  assert.deepEqual(resolveWithIndex(out.definition, ctx.names), resolveWithIndex(original, ctx.names));
});

test("a run-function whose service_sid is another service's: that field is kept, with the reason", async () => {
  const ctx = await context();
  const out = portableDefinition(flow({ ...fn, service_sid: fakeSid('ZS', 'p', 'other') }, 'x'), ctx);
  assert.deepEqual(
    out.kept.map((k) => [k.field, k.reason]),
    [['service_sid', "it is not the service_sid of the Function the widget's function_sid or url names (/api/hours)"]],
  );
  assert.equal(out.replaced.length, 4, 'environment_sid, function_sid, url and the parameter');
});

test('a REST resource whose definition is a compact JSON string stays one compact string and resolves back', async () => {
  const ctx = await context();
  const original = flow(fn, 'x');
  const text = `${JSON.stringify({ friendly_name: 'A', definition: JSON.stringify(original) }, null, 2)}\n`;
  const out = portableDefinition(original, ctx);
  const after = writeBack(text, out.definition);
  const parsed = JSON.parse(after) as { friendly_name: string; definition: string };
  assert.equal(parsed.friendly_name, 'A');
  assert.ok(!parsed.definition.includes('\n'));
  assert.deepEqual(JSON.parse(parsed.definition), out.definition);
  assert.equal(writeBack(after, resolveWithIndex(out.definition, ctx.names)), text);
});
