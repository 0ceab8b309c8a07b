/**
 * The flow document pipeline (src/document/document.ts, src/resolve/document.ts): one object whose views
 * — source, parsed, resolved, checked, toSend — are built once, and the check takes every view it compares,
 * lints, validates or pictures from that object (the PR's file and the base branch's alike).
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkFlowFile } from '../../src/check/flow-check.ts';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { documentOf, type FlowDocument } from '../../src/document/document.ts';
import { resolveDocument } from '../../src/resolve/document.ts';
import { STAND_IN_SID, type FlowRefResolver } from '../../src/resolve/flow-refs.ts';
import type { LiveFlow } from '../../src/studio/live.ts';
import type { ValidateFlowInput } from '../../src/studio/types.ts';

const SID = `FW${'ab'.repeat(16)}`;
const CHILD = `FW${'cd'.repeat(16)}`;
const NEW = `FW${'ef'.repeat(16)}`;
const flow = (say: string, sub: string) => ({
  description: 'd',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [{ event: 'incomingCall', next: 'say' }],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'say',
      type: 'say-play',
      transitions: [{ event: 'audioComplete', next: 'sub' }],
      properties: { say, offset: { x: 0, y: 200 } },
    },
    {
      name: 'sub',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'failed' }],
      properties: { flow_sid: sub, offset: { x: 0, y: 400 } },
    },
  ],
});
const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const refs = (known: Record<string, string>): FlowRefResolver => ({
  target: async (p) => (known[p] ? { sid: known[p] } : { pending: true }),
});
const sayOf = (definition: unknown) => (definition as ReturnType<typeof flow>).states[1]?.properties.say;
const subOf = (definition: unknown) => (definition as ReturnType<typeof flow>).states[2]?.properties.flow_sid;

function parsed(source: string, file = 'flows/main.json'): FlowDocument {
  const { document, findings } = documentOf(file, source);
  assert.ok(document, findings.map((f) => f.message).join('; '));
  return document;
}

describe('documentOf: the source and parsed views', () => {
  it('keeps the text as read and the parsed file with positions and its own name', () => {
    const source = text({ friendly_name: 'Main', definition: flow('Hi ${var.WHO}', '${flow:flows/child.json}') });
    const doc = parsed(source);
    assert.equal(doc.source, source);
    assert.equal(doc.parsed.friendlyName, 'Main');
    assert.equal(sayOf(doc.parsed.definition), 'Hi ${var.WHO}', 'the parsed view is the file as written');
    const brace = source.split('\n').findIndex((l) => l.includes('"name": "say"')); // 0-based: the line before it, 1-based
    assert.equal(doc.parsed.locate('/states/1')?.line, brace);
  });

  it('gives no document, only findings, for text that is not a flow file: broken, markup, huge, odd encoding', () => {
    for (const bad of [
      '{"states": [',
      '<script>alert(1)</script>',
      '\n\n::error ::x\n',
      `{"a": "${'x'.repeat(200_000)}"`,
      '\uFEFF\uFFFD{}}',
      '',
    ]) {
      const { document, findings } = documentOf('flows/x.json', bad);
      assert.equal(document, undefined, JSON.stringify(bad.slice(0, 40)));
      assert.ok(
        findings.some((f) => f.severity === 'error'),
        JSON.stringify(bad.slice(0, 40)),
      );
      assert.ok(
        findings.every((f) => !f.message.includes('<script>') && !f.message.includes('xxxxxxxxxx')),
        'a message never quotes the file',
      );
    }
  });
});

describe('resolveDocument: the views of one environment', () => {
  const source = text(flow('Hi ${var.WHO}', '${flow:flows/child.json}'));

  it('resolved: variables in, known references as SIDs; checked: the same; toSend: the same', async () => {
    const doc = await resolveDocument(parsed(source), {
      path: 'flows/main.json',
      variables: { WHO: 'Ann' },
      refs: refs({ 'flows/child.json': CHILD }),
    });
    for (const view of [doc.resolved, doc.checked, doc.toSend(new Map())]) {
      assert.equal(sayOf(view), 'Hi Ann');
      assert.equal(subOf(view), CHILD);
    }
    assert.deepEqual(doc.pending, []);
    assert.equal(sayOf(doc.parsed.definition), 'Hi ${var.WHO}', 'the parsed view is never changed');
  });

  it('a reference to a flow not in Studio yet: kept in resolved, a stand-in in checked, the new SID in toSend', async () => {
    const doc = await resolveDocument(parsed(source), {
      path: 'flows/main.json',
      variables: { WHO: 'Ann' },
      refs: refs({}),
    });
    assert.equal(subOf(doc.resolved), '${flow:flows/child.json}');
    assert.equal(subOf(doc.checked), STAND_IN_SID);
    assert.equal(subOf(doc.toSend(new Map([['flows/child.json', NEW]]))), NEW);
    assert.equal(subOf(doc.toSend(new Map())), '${flow:flows/child.json}', 'no SID yet: kept, never emptied');
    assert.deepEqual(doc.pending, [{ pointer: '/states/2/properties/flow_sid', path: 'flows/child.json' }]);
    assert.equal(sayOf(doc.toSend(new Map())), 'Hi Ann', 'what is sent has the variables too');
  });

  it('no environment: a placeholder stays, with a finding of the asked severity', async () => {
    const doc = await resolveDocument(parsed(source), {
      path: 'flows/main.json',
      variables: undefined,
      unresolved: 'error',
    });
    assert.equal(sayOf(doc.resolved), 'Hi ${var.WHO}');
    assert.deepEqual(
      doc.findings.map((f) => [f.severity, f.rule]),
      [['error', 'unresolved-variable']],
    );
  });
});

describe('checkFlowFile takes every view from the one document', () => {
  it('Validate gets `checked`, the diff and the picture `resolved`, the base branch is resolved the same way', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-document-'));
    const pr = flow('Hi ${var.WHO}, new', '${flow:flows/child.json}');
    await writeFile(path.join(workspace, 'main.json'), text({ friendly_name: 'Main', definition: pr }));
    // Live holds the base branch's file resolved for the environment: no drift, only the PR's change.
    const live: LiveFlow = {
      sid: SID,
      friendlyName: 'Main',
      revision: 4,
      definition: flow('Hi Ann', CHILD),
      commitMessage: null,
      dateUpdated: null,
      latestCommitMessage: null,
    };
    const sent: ValidateFlowInput[] = [];
    const check = await checkFlowFile({
      workspace,
      change: { path: 'main.json', status: 'modified' },
      validator: { validateFlow: async (input) => (sent.push(input), { valid: true }) },
      onValidateFailure: (e) => assert.fail(String(e)),
      lookup: {
        flow: async (sid) => (sid === SID ? live : undefined),
        named: async (name) => (name === 'Main' ? [SID] : []),
      },
      environment: { name: 'prod', targetOf: () => ({}), variables: { WHO: 'Ann' } },
      refs: refs({ 'flows/child.json': CHILD }),
      readBase: async () =>
        text({ friendly_name: 'Main', definition: flow('Hi ${var.WHO}', '${flow:flows/child.json}') }),
    });
    assert.deepEqual(
      check.findings.filter((f) => f.severity === 'error'),
      [],
    );
    const doc = check.document;
    assert.ok(doc);
    assert.equal(sayOf(doc.resolved), 'Hi Ann, new');
    assert.deepEqual(
      sent.map((s) => s.definition),
      [doc.checked],
    );
    assert.deepEqual(check.comparison?.diff, diffDefinitions(live.definition, doc.resolved));
    assert.equal(check.comparison?.drift, undefined, 'base and live compared like with like: no false drift');
  });
});
