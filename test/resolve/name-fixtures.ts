/** Shared data of the name-reference tests: one account's lists, widgets holding references, assertions. */
import assert from 'node:assert/strict';
import type { NameContext } from '../../src/resolve/names.ts';
import type { Finding } from '../../src/document/types.ts';
import { fakeAccount, serviceData, sid, type FakeAccountData } from '../support/fake-account.ts';

export const WS = sid('WS', 1);
export const taskrouter: FakeAccountData = {
  workspaces: [{ sid: WS, friendlyName: 'Flex Task Assignment' }],
  workflows: [
    { sid: sid('WW', 1), workspaceSid: WS, friendlyName: 'Assign to Anyone' },
    { sid: sid('WW', 2), workspaceSid: WS, friendlyName: 'Sales' },
  ],
  channels: [
    { sid: sid('TC', 1), workspaceSid: WS, uniqueName: 'voice', friendlyName: 'Voice' },
    { sid: sid('TC', 2), workspaceSid: WS, uniqueName: 'chat', friendlyName: 'Chat' },
  ],
};
export const serverless = serviceData('hours-service', [
  { uniqueName: 'dev-environment', suffix: 'dev', paths: ['/api/hours', '/api/new'] },
  { uniqueName: 'production', suffix: null, paths: ['/api/hours', '/api/holidays'] },
]);
export const flows: FakeAccountData = {
  flows: [
    { sid: sid('FW', 1), friendlyName: 'Survey' },
    { sid: sid('FW', 2), friendlyName: 'Twice' },
    { sid: sid('FW', 3), friendlyName: 'Twice' },
  ],
};
export const account = (extra: FakeAccountData = {}) =>
  fakeAccount({ ...serverless, ...taskrouter, ...flows, ...extra });

export const runFunction = (props: Record<string, string>) => ({
  name: 'hours',
  type: 'run-function',
  transitions: [{ event: 'success' }, { event: 'fail' }],
  properties: { offset: { x: 0, y: 0 }, ...props },
});
export const definition = (...states: unknown[]) => ({ description: 'd', initial_state: 'Trigger', states });
export const FN = {
  service_sid: '${function:hours-service/api/hours}',
  environment_sid: '${function:hours-service/api/hours}',
  function_sid: '${function:hours-service/api/hours}',
  url: '${function:hours-service/api/hours}',
};
export const flex = (props: Record<string, string>) => ({
  name: 'flex',
  type: 'send-to-flex',
  transitions: [{ event: 'callComplete' }],
  properties: { offset: { x: 0, y: 0 }, ...props },
});
export const propsOf = (def: unknown, i = 0) =>
  (def as { states: { properties: Record<string, unknown> }[] }).states[i]!.properties;
export const production: NameContext['choices'] = { serverlessEnvironment: 'production' };

export function oneError(findings: Finding[], pattern: RegExp): Finding {
  assert.equal(findings.length, 1, JSON.stringify(findings));
  const [f] = findings;
  assert.equal(f!.severity, 'error');
  assert.equal(f!.rule, 'name-reference');
  assert.match(f!.message, pattern);
  return f!;
}
