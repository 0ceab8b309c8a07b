/**
 * checkFlowFile and the identity rules: the name a SID-bound file writes, a renamed file's old
 * identity, and the base definition of the drift check resolved with the BASE commit's config.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkFlowFile, type CheckFileInput } from '../../src/check/flow-check.ts';
import type { LiveFlow, LiveLookup } from '../../src/studio/live.ts';
import type { EnvironmentView } from '../../src/targets/intent.ts';

const SID = `FW${'ab'.repeat(16)}`;
const OTHER = `FW${'cd'.repeat(16)}`;
const definition = (say: string) => ({
  description: 'x',
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
      transitions: [{ event: 'audioComplete' }],
      properties: { say, offset: { x: 0, y: 200 } },
    },
  ],
});
const live = (sid: string, friendlyName: string, say: string): LiveFlow => ({
  sid,
  friendlyName,
  revision: 3,
  definition: definition(say),
  commitMessage: null,
  dateUpdated: null,
  latestCommitMessage: null,
});
function lookup(flows: LiveFlow[]): LiveLookup {
  return {
    flow: async (sid) => flows.find((f) => f.sid === sid),
    named: async (name) => flows.filter((f) => f.friendlyName === name).map((f) => f.sid),
  };
}
const view = (
  name: string,
  targets: Record<string, { sid?: string; friendlyName?: string }>,
  variables: Record<string, string> = {},
): EnvironmentView => ({ name, targetOf: (p) => targets[p] ?? {}, variables });

async function check(
  file: { path: string; text: unknown },
  input: Omit<CheckFileInput, 'workspace' | 'change' | 'validator' | 'onValidateFailure'> & {
    change?: Partial<CheckFileInput['change']>;
  },
) {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-identity-'));
  await writeFile(path.join(workspace, path.basename(file.path)), `${JSON.stringify(file.text, null, 2)}\n`);
  const { change, ...rest } = input;
  return checkFlowFile({
    ...rest,
    workspace,
    change: { path: path.basename(file.path), status: 'modified', ...change },
    validator: undefined,
    onValidateFailure: (e) => assert.fail(String(e)),
  });
}

describe('the name a found flow is written with', () => {
  it("found by the environment's SID with no name given: the live flow's name, not the file name", async () => {
    const flow = await check(
      { path: 'survey.json', text: definition('new') },
      {
        lookup: lookup([live(SID, 'Survey (staging)', 'old')]),
        environment: view('staging', { 'survey.json': { sid: SID } }),
      },
    );
    assert.equal(flow.friendlyName, 'Survey (staging)');
  });

  it('an explicit name (the file, or the config entry) still renames it', async () => {
    const named = await check(
      { path: 'survey.json', text: { friendly_name: 'Survey 2', definition: definition('new') } },
      {
        lookup: lookup([live(SID, 'Survey (staging)', 'old')]),
        environment: view('staging', { 'survey.json': { sid: SID } }),
      },
    );
    assert.equal(named.friendlyName, 'Survey 2');
    const configured = await check(
      { path: 'survey.json', text: definition('new') },
      {
        lookup: lookup([live(SID, 'Survey (staging)', 'old')]),
        environment: view('staging', { 'survey.json': { sid: SID, friendlyName: 'Survey S' } }),
      },
    );
    assert.equal(configured.friendlyName, 'Survey S');
  });
});

describe('a renamed file', () => {
  it("keeps the flow of its old file's identity when the new name finds none", async () => {
    const flow = await check(
      { path: 'welcome.json', text: { friendly_name: 'Welcome', definition: definition('hi') } },
      {
        lookup: lookup([live(SID, 'Greeting', 'hello')]),
        change: {
          status: 'renamed',
          previousPath: 'greeting.json',
          previous: { path: 'greeting.json', friendlyName: 'Greeting' },
        },
      },
    );
    assert.deepEqual([flow.identity?.state, flow.comparison?.live?.sid, flow.friendlyName], ['found', SID, 'Welcome']);
  });

  it('a new name that is another flow, or an old file that could not be read: an error, no comparison', async () => {
    const clash = await check(
      { path: 'welcome.json', text: { friendly_name: 'Welcome', definition: definition('hi') } },
      {
        lookup: lookup([live(SID, 'Greeting', 'hello'), live(OTHER, 'Welcome', 'x')]),
        change: {
          status: 'renamed',
          previousPath: 'greeting.json',
          previous: { path: 'greeting.json', friendlyName: 'Greeting' },
        },
      },
    );
    assert.deepEqual([clash.identity?.state, clash.comparison], ['ambiguous', undefined]);
    assert.ok(
      clash.findings.some((f) => f.severity === 'error' && f.message.includes(`which is the Studio flow ${SID}`)),
    );
    const unread = await check(
      { path: 'welcome.json', text: definition('hi') },
      {
        change: {
          status: 'renamed',
          previousPath: 'greeting.json',
          previous: { path: 'greeting.json', unreadable: 'HTTP 502' },
        },
      },
    );
    assert.deepEqual(
      unread.findings.filter((f) => f.severity === 'error').map((f) => f.rule),
      ['rename-unresolved'],
    );
  });
});

describe('drift: the base definition is resolved with the base commit config', () => {
  const text = definition('Alert from ${var.SITE}');
  const readBase = async () => `${JSON.stringify(text)}\n`;
  it('live = base resolved with the BASE value: no drift; with the head value it would be', async () => {
    const input = {
      lookup: lookup([live(SID, 'notify', 'Alert from old')]),
      environment: view('staging', {}, { SITE: 'new' }),
      readBase,
    };
    const right = await check(
      { path: 'notify.json', text },
      { ...input, base: { environment: view('staging', {}, { SITE: 'old' }) } },
    );
    assert.equal(right.comparison?.drift, undefined);
    assert.equal(right.comparison?.diff?.identical, false, 'the merge still changes the live flow');
    const legacy = await check({ path: 'notify.json', text }, input);
    assert.ok(legacy.comparison?.drift, 'without the base config the head values stand in (the old behaviour)');
  });
});
