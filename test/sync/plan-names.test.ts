/** planSync with name references: the run's account lists are read once, only when a file uses a name. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { Agent } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { readSettings } from '../../src/settings.ts';
import { StudioClient } from '../../src/studio/client.ts';
import { pullText } from '../../src/cli/pull.ts';
import { styleFor } from '../../src/cli/markdown-text.ts';
import { renderSyncBody } from '../../src/report/sync-body.ts';
import { planSync, type SyncInput } from '../../src/sync/plan.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';
import { fakeAccount, fakeSid, type FakeAccount } from '../support/fake-account-c.ts';

const agent = new Agent();
let emulator: EmulatorHandle;
let workspace: string;
useTestEmulator(agent, (e) => (emulator = e));
afterEach(() => rm(workspace, { recursive: true, force: true }));

type Def = ReturnType<typeof sampleDefinition> & { states: Array<Record<string, any>> };
const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function files(entries: Record<string, string>): Promise<void> {
  workspace = await mkdtemp(path.join(tmpdir(), 'sync-names-'));
  for (const [rel, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    await writeFile(path.join(workspace, rel), text);
  }
}

function live(friendlyName: string, definition: unknown): string {
  const input = {
    friendlyName,
    definition,
    status: 'published' as const,
    commitMessage: null,
    valid: true,
    errors: [],
    warnings: [],
  };
  return emulator.store.create(input).sid;
}

function input(lists: FakeAccount | undefined): SyncInput {
  const read = (name: string) =>
    ({ 'twilio-account-sid': ACCOUNT_SID, 'twilio-auth-token': AUTH_TOKEN, 'studio-url': emulator.url })[name] ?? '';
  const settings = readSettings(read, () => {});
  const studio = new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
  });
  return { workspace, settings, studio, ...(lists ? { lists } : {}) };
}

const account = () =>
  fakeAccount({
    tag: 'plan',
    services: [{ uniqueName: 'svc', environments: [{ uniqueName: 'p', functions: [{ path: '/f' }] }] }],
    workspaces: [{ friendlyName: 'W', workflows: [{ friendlyName: 'Sales' }, { friendlyName: 'Support' }] }],
  });
const ww = (name: string) => fakeSid('WW', 'plan', fakeSid('WS', 'plan', 'W'), name);

function withWorkflow(workflow: string, name = 'a'): Def {
  const def = sampleDefinition(name) as Def;
  def.states.push({
    name: 'flex',
    type: 'send-to-flex',
    transitions: [],
    properties: { workflow, channel: 'TC' + '0'.repeat(32), attributes: '{}' },
  });
  return def;
}

describe('planSync with name references', () => {
  it('flows without names: no Serverless, TaskRouter or extra Studio call', async () => {
    await files({ 'flows/a.json': pretty({ friendly_name: 'A', definition: sampleDefinition() }) });
    live('A', sampleDefinition());
    const lists = account();
    const plan = await planSync(input(lists));
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.files[0]!.changed, false);
    assert.deepEqual(lists.stats(), { serverless: 0, taskrouter: 0, studio: 0 });
  });

  it('a workflow changed in the Console comes back as the name that gives it; only TaskRouter is read, once', async () => {
    await files({
      'flows/a.json': pretty({ friendly_name: 'A', definition: withWorkflow('${workflow:Sales}') }),
      'flows/b.json': pretty({ friendly_name: 'B', definition: withWorkflow('${workflow:Sales}', 'b') }),
    });
    live('A', withWorkflow(ww('Support')));
    live('B', withWorkflow(ww('Sales'), 'b'));
    const lists = account();
    const plan = await planSync(input(lists));
    assert.deepEqual(plan.problems, []);
    const [a, b] = plan.files;
    assert.equal(b!.changed, false, 'unchanged name: the file stays byte for byte');
    const changed = a!
      .before!.split('\n')
      .flatMap((l, i) => (l === a!.after.split('\n')[i] ? [] : [l.trim(), a!.after.split('\n')[i]!.trim()]));
    assert.deepEqual(changed, ['"workflow": "${workflow:Sales}",', '"workflow": "${workflow:Support}",']);
    assert.deepEqual(
      a!.placeholders.map((p) => [p.placeholder, p.written]),
      [['${workflow:Sales}', '${workflow:Support}']],
    );
    assert.deepEqual(lists.stats(), { serverless: 0, taskrouter: 3, studio: 0 });
    // pull prints it, and the sync pull request lists it with the old and the new text
    assert.match(
      pullText(plan, styleFor({ isTTY: false }, {})),
      /\$\{workflow:Sales\} in "flex": live "WW[0-9a-f]{32}", the environment gives "WW[0-9a-f]{32}" \(written back as "\$\{workflow:Support\}"\)/,
    );
    const body = renderSyncBody(plan);
    assert.match(body, /1 name reference now resolves to another live value/);
    assert.match(
      body,
      /\| `flows\/a\.json` \| `flex` \| `\$\{workflow:Sales\}` \| `WW[0-9a-f]{32}` \| `\$\{workflow:Support\}` \|/,
    );
  });

  it('a list that cannot be read stops the sync with one clear error: nothing is written', async () => {
    await files({ 'flows/a.json': pretty({ friendly_name: 'A', definition: withWorkflow('${workflow:Sales}') }) });
    live('A', withWorkflow(ww('Support')));
    const lists = fakeAccount({ tag: 'x', fail: ['workspaces'] });
    const plan = await planSync(input(lists));
    assert.equal(plan.files.length, 0);
    assert.equal(plan.problems.length, 1);
    assert.equal(plan.problems[0]!.level, 'error');
    assert.match(
      plan.problems[0]!.message,
      /flows\/a\.json uses name references, but the account's lists could not be read: .*HTTP 503/,
    );
  });
});
