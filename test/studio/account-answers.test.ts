/**
 * Serverless and TaskRouter answers are upstream data: every malformed one is a clear error naming what was
 * wrong, never a crash, never silently trusted, and never carries hostile text or credentials into a message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountLists } from '../../src/studio/account-types.ts';
import { page, useAccountRig } from '../support/account-rig.ts';
import { sendJson } from '../support/raw-server.ts';

const ZS = `ZS${'a'.repeat(32)}`;
const ZE = `ZE${'b'.repeat(32)}`;
const ZB = `ZB${'c'.repeat(32)}`;
const ZH = `ZH${'d'.repeat(32)}`;
const ZN = `ZN${'e'.repeat(32)}`;
const WS = `WS${'f'.repeat(32)}`;
const WW = `WW${'1'.repeat(32)}`;
const TC = `TC${'2'.repeat(32)}`;
const HOSTILE = '<img src=x onerror=alert(1)>\n::error::pwned @admin';

const rig = useAccountRig();
const lists = () => rig.lists();

const service = { sid: ZS, unique_name: 'hours', friendly_name: 'Hours' };
const environment = {
  sid: ZE,
  service_sid: ZS,
  unique_name: 'production',
  domain_suffix: null,
  domain_name: 'hours-1.twil.io',
  build_sid: ZB,
};
const version = { sid: ZN, function_sid: ZH, service_sid: ZS, path: '/api/hours', visibility: 'protected' };
const build = { sid: ZB, service_sid: ZS, function_versions: [version] };
const workflow = { sid: WW, workspace_sid: WS, friendly_name: 'Assign to Anyone' };
const channel = { sid: TC, workspace_sid: WS, unique_name: 'voice', friendly_name: 'Voice' };

/** Each case: what the server answers, which read, and what the one-line message must say. */
const CASES: { name: string; read: (l: AccountLists) => Promise<unknown>; body: unknown; expect: RegExp }[] = [
  {
    name: 'a service SID of another prefix',
    read: (l) => l.services(),
    body: page('services', [{ ...service, sid: ZE }]),
    expect: /a service whose "sid" is not a SID \(ZS and 32 hex digits\): ZEb{32} \(entry 1 of "services"\)/,
  },
  {
    name: 'a hostile string as a SID',
    read: (l) => l.services(),
    body: page('services', [{ ...service, sid: HOSTILE }]),
    expect: /"sid" is not a SID \(ZS and 32 hex digits\): a malformed SID/,
  },
  {
    name: 'a missing unique_name',
    read: (l) => l.services(),
    body: page('services', [{ sid: ZS, friendly_name: 'x' }]),
    expect: /a service without a string "unique_name"/,
  },
  {
    name: 'a non-string friendly_name',
    read: (l) => l.services(),
    body: page('services', [{ ...service, friendly_name: { $gt: '' } }]),
    expect: /a service without a string "friendly_name"/,
  },
  {
    name: 'an entry that is not an object',
    read: (l) => l.services(),
    body: page('services', [null]),
    expect: /a service that is not a JSON object/,
  },
  { name: 'no "services" array', read: (l) => l.services(), body: { meta: {} }, expect: /has no "services" array/ },
  { name: 'an empty JSON object', read: (l) => l.workspaces(), body: {}, expect: /has no "workspaces" array/ },
  {
    name: 'an environment of another service',
    read: (l) => l.environments(ZS),
    body: page('environments', [{ ...environment, service_sid: `ZS${'9'.repeat(32)}` }]),
    expect: /an environment whose "service_sid" is ZS9{32} instead of ZSa{32}/,
  },
  {
    name: 'a malformed build_sid',
    read: (l) => l.environments(ZS),
    body: page('environments', [{ ...environment, build_sid: 'ZB1' }]),
    expect: /"build_sid" is neither null nor a SID/,
  },
  {
    name: 'a domain_suffix that is a number',
    read: (l) => l.environments(ZS),
    body: page('environments', [{ ...environment, domain_suffix: 5 }]),
    expect: /"domain_suffix" is neither a string nor null/,
  },
  {
    name: 'another build',
    read: (l) => l.build(ZS, ZB),
    body: { ...build, sid: `ZB${'0'.repeat(32)}` },
    expect: /a build whose "sid" is ZB0{32} instead of ZBc{32}/,
  },
  {
    name: 'a build without function_versions',
    read: (l) => l.build(ZS, ZB),
    body: { sid: ZB, service_sid: ZS },
    expect: /a build without a "function_versions" array/,
  },
  {
    name: 'a function path without "/"',
    read: (l) => l.build(ZS, ZB),
    body: { ...build, function_versions: [{ ...version, path: 'api/hours' }] },
    expect: /a function version whose "path" is not a path starting with "\/" \(entry 1 of "function_versions"\)/,
  },
  {
    name: 'a function version of another service',
    read: (l) => l.build(ZS, ZB),
    body: { ...build, function_versions: [{ ...version, service_sid: `ZS${'0'.repeat(32)}` }] },
    expect: /"service_sid" is ZS0{32} instead of ZSa{32}/,
  },
  {
    name: 'a workflow of another workspace',
    read: (l) => l.workflows(WS),
    body: page('workflows', [{ ...workflow, workspace_sid: `WS${'0'.repeat(32)}` }]),
    expect: /a workflow whose "workspace_sid" is WS0{32} instead of WSf{32}/,
  },
  {
    name: 'task channels under "task_channels" instead of "channels"',
    read: (l) => l.taskChannels(WS),
    body: page('task_channels', [channel]),
    expect: /has no "channels" array/,
  },
  {
    name: 'a task channel SID that is a workflow SID',
    read: (l) => l.taskChannels(WS),
    body: page('channels', [{ ...channel, sid: WW }]),
    expect: /a task channel whose "sid" is not a SID \(TC and 32 hex digits\): WW1{32}/,
  },
  {
    name: 'a next_page_url of another list',
    read: (l) => l.services(),
    body: page('services', [service], 'https://serverless.twilio.com/v1/Workspaces?Page=1'),
    expect: /next_page_url that names another path than the list itself/,
  },
  {
    name: 'a next_page_url that is not a string',
    read: (l) => l.services(),
    body: page('services', [service], { href: 'x' } as unknown as string),
    expect: /next_page_url that is not a string/,
  },
];

describe('hostile Serverless and TaskRouter answers', () => {
  for (const c of CASES) {
    it(`${c.name}: a clear one-line error`, async () => {
      rig.answer = (_e, res) => sendJson(res, 200, c.body);
      const error = await c.read(lists()).catch((e: unknown) => e);
      assert.ok(error instanceof Error, 'must be refused, not trusted');
      assert.match(error.message, /^Twilio (Serverless|TaskRouter): /);
      assert.match(error.message, c.expect);
      assert.ok(!/[\r\n]/.test(error.message), 'one line');
      assert.ok(!error.message.includes('<img') && !error.message.includes('::error'), 'no hostile text');
    });
  }
});
