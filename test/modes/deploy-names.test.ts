/**
 * The deploy with name references (src/modes/deploy.ts with AccountLists): one flow file deploys to two accounts
 * with each account's SIDs filled in; a reference that cannot be resolved (a missing Function path, an unreadable
 * list) stops the deploy before anything is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { readRunContext } from '../../src/github/event.ts';
import type { ModeIO } from '../../src/io.ts';
import { runDeployMode } from '../../src/modes/deploy.ts';
import { readSettings } from '../../src/settings.ts';
import type { AccountLists } from '../../src/studio/account-types.ts';
import { studioClientFor } from '../../src/studio/from-settings.ts';
import { fakeAccount, serviceData, sid } from '../support/fake-account.ts';
import { makeWorkspace } from '../support/run-action.ts';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const ACCOUNTS = [`AC${'d1'.repeat(16)}`, `AC${'d2'.repeat(16)}`];
const AUTH = 'deploy-names-auth-token';

const flow = (path: string) => ({
  description: 'Business hours, then Flex',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [{ event: 'incomingCall', next: 'hours' }],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'hours',
      type: 'run-function',
      transitions: [{ event: 'success', next: 'flex' }, { event: 'fail' }],
      properties: {
        service_sid: '${function:hours-service' + path + '}',
        environment_sid: '${function:hours-service' + path + '}',
        function_sid: '${function:hours-service' + path + '}',
        url: '${function:hours-service' + path + '}',
        offset: { x: 0, y: 200 },
      },
    },
    {
      name: 'flex',
      type: 'send-to-flex',
      transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
      properties: {
        workflow: '${workflow:Assign to Anyone}',
        channel: '${channel:voice}',
        attributes: '{"type": "inbound"}',
        offset: { x: 0, y: 400 },
      },
    },
  ],
});

/** The lists of account `n`: its own SIDs for the same names. */
function accountLists(n: number) {
  const ws = sid('WS', n, 'a');
  return fakeAccount({
    ...serviceData('hours-service', [{ uniqueName: 'production', suffix: null, paths: ['/api/hours'] }], n),
    workspaces: [{ sid: ws, friendlyName: 'Flex Task Assignment' }],
    workflows: [{ sid: sid('WW', n, 'a'), workspaceSid: ws, friendlyName: 'Assign to Anyone' }],
    channels: [{ sid: sid('TC', n, 'a'), workspaceSid: ws, uniqueName: 'voice', friendlyName: 'Voice' }],
  });
}

const quietIO = (lines: string[]): ModeIO => ({
  info: (m) => void lines.push(m),
  warning: (m) => void lines.push(m),
  annotate: (a) => void lines.push(`${a.level}: ${a.message}`),
  setOutput: () => undefined,
  summary: async () => undefined,
  group: (_name, fn) => fn(),
});

const emulators: EmulatorHandle[] = [];
before(async () => {
  for (const accountSid of ACCOUNTS)
    emulators.push(await startEmulator({ credentials: { accountSid, authToken: AUTH } }));
});
after(async () => {
  for (const e of emulators) await e.close();
});

async function deploy(index: number, lists: AccountLists, path = '/api/hours') {
  const emulator = emulators[index]!;
  const workspace = await makeWorkspace({ 'flows/hours.json': JSON.stringify(flow(path), null, 2) });
  const inputs: Record<string, string> = {
    'twilio-account-sid': ACCOUNTS[index]!,
    'twilio-auth-token': AUTH,
    'studio-url': emulator.url,
    mode: 'deploy',
    deploy: 'all',
  };
  const settings = readSettings(
    (name) => inputs[name] ?? '',
    () => undefined,
  );
  const studio = studioClientFor(settings, () => undefined)!;
  const lines: string[] = [];
  try {
    const run = { ...readRunContext({}), workspace, eventName: 'cli', sha: SHA };
    const result = await runDeployMode({ settings, run, gh: undefined, studio, io: quietIO(lines), lists });
    return { result, lines, stored: emulator.store.list() };
  } finally {
    await studio.close();
  }
}

describe('deploy with name references', () => {
  it('one flow file deploys to two accounts, each with its own SIDs and URL', async () => {
    const written = [];
    for (const index of [0, 1]) {
      const lists = accountLists(index + 1);
      const { result, stored } = await deploy(index, lists);
      assert.equal(result.failure, undefined, JSON.stringify(result.record));
      assert.equal(stored.length, 1);
      const live = JSON.stringify(stored[0]!.revisions.at(-1)!.definition);
      assert.doesNotMatch(live, /\$\{(function|workflow|channel):/);
      written.push(live);
      assert.ok(live.includes(sid('ZS', index + 1)) && live.includes(sid('WW', index + 1, 'a')));
      assert.ok(live.includes(`https://hours-service-${1001 + index}.twil.io/api/hours`));
      assert.deepEqual(lists.stats(), { serverless: 3, taskrouter: 3, studio: 0 });
    }
    assert.notEqual(written[0], written[1]);
  });

  it('a Function path not in the deployed build: the deploy fails naming it, and writes nothing', async () => {
    const before = emulators[0]!.store.list().length;
    const requestsBefore = emulators[0]!.requests.length;
    const { result, lines } = await deploy(0, accountLists(1), '/api/hourz');
    assert.match(result.failure ?? '', /Nothing was deployed/);
    assert.ok(
      lines.some((l) => /name-reference|\/api\/hourz/.test(l)),
      lines.join('\n'),
    );
    assert.equal(emulators[0]!.store.list().length, before);
    const posts = emulators[0]!.requests
      .slice(requestsBefore)
      .filter((q) => q.method === 'POST' && q.path !== '/v2/Flows/Validate');
    assert.deepEqual(posts, []);
  });

  it('an unreadable list (Serverless 401) fails the deploy before any write', async () => {
    const lists = accountLists(2);
    lists.fail('services', 'Twilio Serverless: listing services failed: HTTP 401 (20003 Authenticate)');
    const requestsBefore = emulators[1]!.requests.length;
    const { result } = await deploy(1, lists);
    assert.match(result.failure ?? '', /Nothing was deployed/);
    const posts = emulators[1]!.requests
      .slice(requestsBefore)
      .filter((q) => q.method === 'POST' && q.path !== '/v2/Flows/Validate');
    assert.deepEqual(posts, []);
  });
});
