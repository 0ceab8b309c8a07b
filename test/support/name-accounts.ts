/**
 * What the end-to-end tests of name references share: an emulated account (the real emulator, seeded from an
 * account seed file, with a Studio flow to name), a flow that uses every kind of name reference, and the values
 * each reference must resolve to, read from the SIDs the emulator derived (never written down here).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { latestPublished, latestRevision } from '../../src/emulator/store.ts';
import { startEmulator, type AccountSeed, type EmulatorHandle } from '../../src/emulator/server.ts';
import { ROOT } from './run-action.ts';

export const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const ACCOUNT_SEEDS = path.join(ROOT, 'test/fixtures/account');
/** The Studio flow `${flow-name:…}` names, created in each account with its own FW SID. */
export const HELPER = 'Shared Helper';

const trigger = (next: string) => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [{ event: 'incomingMessage' }, { next, event: 'incomingCall' }, { event: 'incomingRequest' }],
  properties: { offset: { x: 0, y: 0 } },
});

/** A minimal valid definition (the helper flow in Studio, a flow with no name reference). */
export function plainDefinition(say: string) {
  return {
    description: say,
    states: [
      trigger('say'),
      {
        name: 'say',
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { say, offset: { x: 0, y: 200 } },
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

/** A flow whose account-specific values are all names: a Function, a workflow, a task channel, a Studio flow. */
export function portableDefinition(functionRef = '${function:hours/api/hours}') {
  return {
    description: 'Portable IVR',
    states: [
      trigger('check_hours'),
      {
        name: 'check_hours',
        type: 'run-function',
        transitions: [
          { next: 'to_agent', event: 'success' },
          { next: 'helper', event: 'fail' },
        ],
        properties: {
          service_sid: functionRef,
          environment_sid: functionRef,
          function_sid: functionRef,
          url: functionRef,
          parameters: [{ key: 'tz', value: 'Europe/London' }],
          offset: { x: 0, y: 200 },
        },
      },
      {
        name: 'to_agent',
        type: 'send-to-flex',
        transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
        properties: {
          workflow: '${workflow:Sales}',
          channel: '${channel:voice}',
          attributes: '{"name": "{{trigger.call.From}}"}',
          offset: { x: 0, y: 400 },
        },
      },
      {
        name: 'helper',
        type: 'run-subflow',
        transitions: [{ event: 'completed' }, { event: 'failed' }],
        properties: {
          flow_sid: '${flow-name:Shared Helper}',
          flow_revision: 'LatestPublished',
          parameters: [],
          offset: { x: 300, y: 400 },
        },
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

export interface Account {
  emulator: EmulatorHandle;
  accountSid: string;
  authToken: string;
  /** The FW SID of the helper flow in this account's Studio. */
  helperSid: string;
}

/**
 * The real emulator with the account seed file `seed` (of test/fixtures/account/), or `edit` of it, and the
 * helper flow.
 */
export async function startAccount(
  seed: string,
  accountSid: string,
  edit: (seed: AccountSeed) => void = () => {},
): Promise<Account> {
  const authToken = `auth-token-of-${seed}`;
  const file = path.join(ACCOUNT_SEEDS, seed);
  const account = JSON.parse(await readFile(file, 'utf8')) as AccountSeed;
  edit(account);
  const emulator = await startEmulator({ credentials: { accountSid, authToken }, account, accountSource: file });
  const helperSid = emulator.store.create({
    friendlyName: HELPER,
    definition: plainDefinition('Helping'),
    status: 'published',
    commitMessage: SHA,
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
  return { emulator, accountSid, authToken, helperSid };
}

/** The values a reference must resolve to in an account, from the SIDs its emulator derived. */
export function expectedValues(account: Account, choice: { environment: string; path: string }) {
  const service = account.emulator.account.services.find((s) => s.uniqueName === 'hours');
  const env = service?.environments.find((e) => e.uniqueName === choice.environment);
  const version = env?.build?.versions.find((v) => v.path === choice.path);
  const workspace = account.emulator.account.workspaces[0];
  if (!service || !env || !version || !workspace)
    throw new Error(`the seed has no ${choice.environment}${choice.path}`);
  return {
    service_sid: service.sid,
    environment_sid: env.sid,
    function_sid: version.functionSid,
    url: `https://${env.domainName}${version.path}`,
    workflow: workspace.workflows.find((w) => w.friendlyName === 'Sales')?.sid,
    channel: workspace.channels.find((c) => c.uniqueName === 'voice')?.sid,
    flow_sid: account.helperSid,
  };
}

/** The definition Studio holds (published, else latest) for the flow of that friendly name; undefined if none. */
export function heldDefinition(emulator: EmulatorHandle, friendlyName: string): unknown {
  const flow = emulator.store.list().find((f) => latestRevision(f).friendlyName === friendlyName);
  if (!flow) return undefined;
  return (latestPublished(flow) ?? latestRevision(flow)).definition;
}

/** Requests to one API in the emulator's log. */
export const requestsTo = (emulator: EmulatorHandle, api: 'studio' | 'serverless' | 'taskrouter') =>
  emulator.requests.filter((r) => r.api === api);

/** Writes to Studio (every POST but Validate, every DELETE). */
export const studioWrites = (emulator: EmulatorHandle) =>
  emulator.requests.filter(
    (r) => r.api === 'studio' && (r.method === 'DELETE' || (r.method === 'POST' && r.path !== '/v2/Flows/Validate')),
  );
