/** `${flow:PATH}` references: found, resolved, kept pending, refused, and completed after a create. */
import { test } from 'node:test';
import {
  replaceRefs,
  resolveFlowRefs,
  STAND_IN_SID,
  type FlowRefResolver,
  type RefTarget,
} from '../../src/resolve/flow-refs.ts';

const SUB = `FW${'ab'.repeat(16)}`;
const NEW_SID = `FW${'cd'.repeat(16)}`;

function resolver(targets: Record<string, RefTarget>): FlowRefResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    target: async (path) => {
      asked.push(path);
      return targets[path] ?? { error: 'is unknown here', fix: 'name another' };
    },
  };
}

function caller(flowSid: string, extra: Record<string, unknown> = {}) {
  return {
    initial_state: 'Trigger',
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'ask' }] },
      {
        name: 'ask',
        type: 'run-subflow',
        properties: { flow_sid: flowSid, flow_revision: 'LatestPublished', ...extra },
        transitions: [{ event: 'completed' }, { event: 'failed' }],
      },
    ],
  };
}
const sidAt = (d: any) => d.states[1].properties.flow_sid;

test('a reference to a flow in Studio becomes its SID everywhere, and each path is asked once', async (t) => {
  const r = resolver({ 'flows/sub.json': { sid: SUB } });
  const out = await resolveFlowRefs(
    caller('${flow:./flows/sub.json}', { note: 'calls ${flow:flows/sub.json}' }),
    r,
    'flows/main.json',
  );
  t.assert.equal(sidAt(out.definition), SUB);
  t.assert.equal((out.definition as any).states[1].properties.note, `calls ${SUB}`);
  t.assert.deepEqual(out.pending, []);
  t.assert.deepEqual(out.findings, []);
  t.assert.deepEqual(r.asked, ['flows/sub.json']);
  t.assert.equal(out.checked, out.definition);
});

test('a reference to a flow not in Studio yet stays as written, is checked with a stand-in and completed later', async (t) => {
  const input = caller('${flow:flows/new.json}');
  const out = await resolveFlowRefs(input, resolver({ 'flows/new.json': { pending: true } }));
  t.assert.equal(sidAt(out.definition), '${flow:flows/new.json}');
  t.assert.equal(sidAt(out.checked), STAND_IN_SID);
  t.assert.deepEqual(out.pending, [{ pointer: '/states/1/properties/flow_sid', path: 'flows/new.json' }]);
  t.assert.equal(sidAt(out.complete(new Map([['flows/new.json', NEW_SID]]))), NEW_SID);
  t.assert.equal(sidAt(out.complete(new Map())), '${flow:flows/new.json}', 'no SID yet: kept, never emptied');
  t.assert.equal(sidAt(input), '${flow:flows/new.json}', 'the input is not changed');
});

test('without a resolver (offline) every reference is pending', async (t) => {
  const out = await resolveFlowRefs(caller('${flow:flows/a.json}'), undefined);
  t.assert.deepEqual(
    out.pending.map((p) => p.path),
    ['flows/a.json'],
  );
  t.assert.deepEqual(out.findings, []);
});

test('a refused reference is an error naming the widget and the fix; a malformed one too', async (t) => {
  const out = await resolveFlowRefs(caller('${flow:docs/readme.md}'), resolver({}));
  t.assert.equal(out.findings.length, 1);
  t.assert.partialDeepStrictEqual(out.findings[0], {
    severity: 'error',
    rule: 'flow-reference',
    widget: 'ask',
    pointer: '/states/1/properties/flow_sid',
    message: '"${flow:docs/readme.md}" is unknown here.',
    fix: 'name another',
  });
  const open = await resolveFlowRefs(caller('${flow:flows/a.json'), resolver({}));
  t.assert.match(open.findings[0]?.message ?? '', /is not closed with "}"/);
  const self = await resolveFlowRefs(
    caller('${flow:flows/me.json}'),
    resolver({ 'flows/me.json': { sid: SUB } }),
    'flows/me.json',
  );
  t.assert.match(self.findings[0]?.message ?? '', /refers to this same flow file/);
});

test('$${flow:…} is the literal text and is never taken for a reference', async (t) => {
  const out = await resolveFlowRefs(caller('$${flow:flows/a.json}'), resolver({}));
  t.assert.equal(sidAt(out.definition), '${flow:flows/a.json}');
  t.assert.deepEqual(out.findings, []);
  t.assert.deepEqual(out.pending, []);
  const mixed = await resolveFlowRefs(
    caller('${flow:flows/n.json}', { note: '$${flow:flows/n.json}' }),
    resolver({ 'flows/n.json': { pending: true } }),
  );
  const done = mixed.complete(new Map([['flows/n.json', NEW_SID]])) as any;
  t.assert.equal(done.states[1].properties.flow_sid, NEW_SID);
  t.assert.equal(
    done.states[1].properties.note,
    '${flow:flows/n.json}',
    'an escaped reference stays literal after completion',
  );
});

test('replaceRefs leaves keys and non-strings alone', (t) => {
  const out = replaceRefs({ '${flow:a.json}': 1, list: ['${flow:a.json}', 2, null] }, () => SUB);
  t.assert.deepEqual(out, { '${flow:a.json}': 1, list: [SUB, 2, null] });
});
