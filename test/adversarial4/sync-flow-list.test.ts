/**
 * Adversarial: a sync (planSync, as the action's sync mode and the CLI's pull call it: the run's AccountLists over
 * the run's Studio client) of files using `${flow-name:…}` lists the account's Studio flows once per run, as a check
 * or a deploy does; the identity of each file and the flow-name index share that one listing.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Agent } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { readSettings } from '../../src/settings.ts';
import { accountListsOfRun } from '../../src/studio/lists-of-run.ts';
import { StudioClient } from '../../src/studio/client.ts';
import { planSync } from '../../src/sync/plan.ts';
import { planPortable } from '../../src/sync/portable-plan.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;
useTestEmulator(agent, (e) => (emulator = e));

function withSubflow(flowSid: string, name: string) {
  const def = sampleDefinition(name) as ReturnType<typeof sampleDefinition> & { states: Record<string, unknown>[] };
  def.states.push({ name: 'sub', type: 'run-subflow', transitions: [], properties: { flow_sid: flowSid } });
  return def;
}

test('three files with ${flow-name:…}: one listing of the Studio flows for identities and names', async () => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'adv14-sync-list-'));
  await mkdir(path.join(workspace, 'flows'));
  const live = (friendlyName: string, definition: unknown) =>
    emulator.store.create({
      friendlyName,
      definition,
      status: 'published',
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
    }).sid;
  const survey = live('Survey', sampleDefinition('s'));
  const other = live('Other', sampleDefinition('o'));
  for (const n of ['a', 'b', 'c']) {
    live(n.toUpperCase(), withSubflow(n === 'c' ? other : survey, n));
    const file = { friendly_name: n.toUpperCase(), definition: withSubflow('${flow-name:Survey}', n) };
    await writeFile(path.join(workspace, `flows/${n}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
  const read = (name: string) =>
    ({ 'twilio-account-sid': ACCOUNT_SID, 'twilio-auth-token': AUTH_TOKEN, 'studio-url': emulator.url })[name] ?? '';
  const settings = readSettings(read, () => {});
  const studio = new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
  });
  const lists = accountListsOfRun(settings, () => {}, studio)!;
  try {
    emulator.requests.length = 0;
    const plan = await planSync({ workspace, settings, studio, lists });
    assert.deepEqual(plan.problems, []);
    const c = plan.files.find((f) => f.path === 'flows/c.json')!;
    assert.match(c.after, /"flow_sid": "\$\{flow-name:Other\}"/, 'the Console edit comes back as the name');
    const listings = emulator.requests.filter((q) => q.method === 'GET' && /^\/v2\/Flows(\?|$)/.test(q.path));
    assert.equal(listings.length, 1, `the flows were listed ${listings.length} times`);
  } finally {
    await lists.close();
    await studio.close();
  }
});

test('portable of files holding subflow SIDs: one listing of the Studio flows for ${flow:PATH} and ${flow-name:…}', async () => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'adv14-portable-list-'));
  await mkdir(path.join(workspace, 'flows'));
  const live = (friendlyName: string, definition: unknown) =>
    emulator.store.create({
      friendlyName,
      definition,
      status: 'published',
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
    }).sid;
  const survey = live('Survey', sampleDefinition('s'));
  const child = live('Child', sampleDefinition('c'));
  await writeFile(
    path.join(workspace, 'flows/child.json'),
    `${JSON.stringify({ friendly_name: 'Child', definition: sampleDefinition('c') }, null, 2)}\n`,
  );
  for (const n of ['a', 'b']) {
    const file = { friendly_name: n.toUpperCase(), definition: withSubflow(n === 'a' ? survey : child, n) };
    await writeFile(path.join(workspace, `flows/${n}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
  const read = (name: string) =>
    ({ 'twilio-account-sid': ACCOUNT_SID, 'twilio-auth-token': AUTH_TOKEN, 'studio-url': emulator.url })[name] ?? '';
  const settings = readSettings(read, () => {});
  const studio = new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
  });
  const lists = accountListsOfRun(settings, () => {}, studio)!;
  try {
    emulator.requests.length = 0;
    const plan = await planPortable({
      workspace,
      settings,
      files: ['flows/a.json', 'flows/b.json'],
      studio,
      names: { lists, choices: {} },
    });
    assert.deepEqual(plan.problems, []);
    assert.match(plan.files[0]!.after, /"flow_sid": "\$\{flow-name:Survey\}"/);
    assert.match(plan.files[1]!.after, /"flow_sid": "\$\{flow:flows\/child\.json\}"/);
    const listings = emulator.requests.filter((q) => q.method === 'GET' && /^\/v2\/Flows(\?|$)/.test(q.path));
    assert.equal(listings.length, 1, `the flows were listed ${listings.length} times`);
  } finally {
    await lists.close();
    await studio.close();
  }
});
