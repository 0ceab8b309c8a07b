/**
 * An in-memory AccountLists (src/studio/account-types.ts) built from plain data, for part C's tests (the reverse
 * index, the sync's round trip, `portable`). SIDs not given are derived from the account tag and the names, so two
 * fake accounts have different SIDs. Counts calls per method; a list can be told to fail.
 */
import { createHash } from 'node:crypto';
import type { NameIndex } from '../../src/resolve/name-index.ts';
import { findNameRefs, functionPartForKey } from '../../src/resolve/name-syntax.ts';
import type { AccountLists, ServerlessBuild, ServerlessEnvironment } from '../../src/studio/account-types.ts';

export interface FakeFunction {
  path: string;
  sid?: string;
}
export interface FakeEnvironment {
  uniqueName: string;
  domainSuffix?: string | null;
  domainName?: string;
  sid?: string;
  /** The deployed build's functions; null: no build. */
  functions: FakeFunction[] | null;
}
export interface FakeService {
  uniqueName: string;
  sid?: string;
  environments: FakeEnvironment[];
}
export interface FakeWorkspace {
  friendlyName: string;
  sid?: string;
  workflows?: { friendlyName: string; sid?: string }[];
  channels?: { uniqueName: string; sid?: string }[];
}
export interface FakeAccountSpec {
  tag: string;
  services?: FakeService[];
  workspaces?: FakeWorkspace[];
  flows?: { friendlyName: string; sid?: string }[];
  /** Methods that reject (e.g. 'services'). */
  fail?: string[];
}

export function fakeSid(prefix: string, ...names: string[]): string {
  return prefix + createHash('sha256').update(names.join('\u0000')).digest('hex').slice(0, 32);
}

export type FakeAccount = AccountLists & { calls: Record<string, number> };

export function fakeAccount(spec: FakeAccountSpec): FakeAccount {
  const calls: Record<string, number> = {};
  const t = spec.tag;
  const services = (spec.services ?? []).map((s) => {
    const sid = s.sid ?? fakeSid('ZS', t, s.uniqueName);
    const environments = s.environments.map((e): ServerlessEnvironment & { fns: FakeFunction[] | null } => {
      const suffix = e.domainSuffix === undefined ? e.uniqueName : e.domainSuffix;
      return {
        sid: e.sid ?? fakeSid('ZE', t, s.uniqueName, e.uniqueName),
        serviceSid: sid,
        uniqueName: e.uniqueName,
        domainSuffix: suffix,
        domainName: e.domainName ?? `${s.uniqueName}-${t}${suffix ? `-${suffix}` : ''}.twil.io`,
        buildSid: e.functions === null ? null : fakeSid('ZB', t, s.uniqueName, e.uniqueName),
        fns: e.functions,
      };
    });
    return { service: { sid, uniqueName: s.uniqueName, friendlyName: s.uniqueName }, environments };
  });
  const workspaces = (spec.workspaces ?? []).map((w) => ({
    sid: w.sid ?? fakeSid('WS', t, w.friendlyName),
    friendlyName: w.friendlyName,
    spec: w,
  }));
  // Like the real AccountLists: each list (method and arguments) is read once; later calls share the answer.
  const memo = new Map<string, Promise<unknown>>();
  const counted = <T>(method: string, value: () => T, ...args: string[]): Promise<T> => {
    const key = [method, ...args].join('\u0000');
    const hit = memo.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    calls[method] = (calls[method] ?? 0) + 1;
    const answer = spec.fail?.includes(method)
      ? Promise.reject(new Error(`Twilio fake: listing ${method} failed: HTTP 503 Service Unavailable`))
      : Promise.resolve(value());
    answer.catch(() => {});
    memo.set(key, answer);
    return answer;
  };
  const lists: FakeAccount = {
    calls,
    services: () => counted('services', () => services.map((s) => s.service)),
    environments: (serviceSid) =>
      counted(
        'environments',
        () => (services.find((s) => s.service.sid === serviceSid)?.environments ?? []).map(({ fns: _, ...e }) => e),
        serviceSid,
      ),
    build: (serviceSid, buildSid) =>
      counted(
        'build',
        (): ServerlessBuild => {
          const service = services.find((s) => s.service.sid === serviceSid)!;
          const environment = service.environments.find((e) => e.buildSid === buildSid)!;
          return {
            sid: buildSid,
            serviceSid,
            functions: (environment.fns ?? []).map((f) => ({
              versionSid: fakeSid('ZN', t, service.service.uniqueName, environment.uniqueName, f.path),
              functionSid: f.sid ?? fakeSid('ZH', t, service.service.uniqueName, f.path),
              path: f.path,
              visibility: 'protected',
            })),
          };
        },
        serviceSid,
        buildSid,
      ),
    workspaces: () => counted('workspaces', () => workspaces.map(({ spec: _, ...w }) => w)),
    workflows: (workspaceSid) =>
      counted(
        'workflows',
        () =>
          (workspaces.find((w) => w.sid === workspaceSid)?.spec.workflows ?? []).map((f) => ({
            sid: f.sid ?? fakeSid('WW', t, workspaceSid, f.friendlyName),
            workspaceSid,
            friendlyName: f.friendlyName,
          })),
        workspaceSid,
      ),
    taskChannels: (workspaceSid) =>
      counted(
        'taskChannels',
        () =>
          (workspaces.find((w) => w.sid === workspaceSid)?.spec.channels ?? []).map((c) => ({
            sid: c.sid ?? fakeSid('TC', t, workspaceSid, c.uniqueName),
            workspaceSid,
            uniqueName: c.uniqueName,
            friendlyName: c.uniqueName,
          })),
        workspaceSid,
      ),
    flows: () =>
      counted('flows', () =>
        (spec.flows ?? []).map((f) => ({
          sid: f.sid ?? fakeSid('FW', t, f.friendlyName),
          friendlyName: f.friendlyName,
        })),
      ),
    stats: () => ({
      serverless: (calls['services'] ?? 0) + (calls['environments'] ?? 0) + (calls['build'] ?? 0),
      taskrouter: (calls['workspaces'] ?? 0) + (calls['workflows'] ?? 0) + (calls['taskChannels'] ?? 0),
      studio: calls['flows'] ?? 0,
    }),
  };
  return lists;
}

/**
 * The account the real fixtures were exported from: mbarry-owl-OrderLookupIVR's Service, environment and Functions
 * with the SIDs its run-function widgets hold (/httpRequest and /allow; the published flow's url fields read
 * https://example.com/…, the author's stand-in for the domain, so the domain here is one of ours), a dev environment
 * beside it, and the webchat flow's send-to-flex workflow and channel.
 */
export function realFixturesAccount(): FakeAccount {
  return fakeAccount({
    tag: 'real',
    services: [
      {
        uniqueName: 'order-lookup-ivr',
        sid: 'ZS5e6a380e716e80587d5ca025cd8797a6',
        environments: [
          {
            uniqueName: 'production',
            domainSuffix: null,
            domainName: 'order-lookup-ivr-8000.twil.io',
            sid: 'ZE108a9762ca7f50d6d4abb6f159f6c1b9',
            functions: [
              { path: '/httpRequest', sid: 'ZH1276e1872729dad365cd69104809a0d0' },
              { path: '/allow', sid: 'ZH0579a70e11af2b0c842d2e7b32e73f56' },
            ],
          },
          {
            uniqueName: 'dev',
            domainSuffix: 'dev',
            functions: [{ path: '/httpRequest', sid: 'ZH1276e1872729dad365cd69104809a0d0' }, { path: '/beta' }],
          },
        ],
      },
    ],
    workspaces: [
      {
        friendlyName: 'Flex Task Assignment',
        workflows: [{ friendlyName: 'Assign to Anyone', sid: 'WWd8cd0445d2df474f0744283a8cac96b7' }],
        channels: [{ uniqueName: 'chat', sid: 'TC97cc0cbcd14e9f3a5f7f2b9668ae8cdd' }, { uniqueName: 'voice' }],
      },
    ],
  });
}

/**
 * A definition's name references replaced by what the index resolves them to (a stand-in for the deploy's
 * resolution, part B's src/resolve/names.ts): bare Function references in run-function's own fields take the
 * field's part; `$${…}` becomes the literal text. Throws on a reference that does not resolve.
 */
export function resolveWithIndex(definition: unknown, index: NameIndex): unknown {
  const walk = (value: unknown, key: string, runFunction: boolean): unknown => {
    if (typeof value === 'string') {
      let out = '';
      let last = 0;
      for (const m of findNameRefs(value)) {
        out += value.slice(last, m.index);
        last = m.index + m.text.length;
        if (m.escaped) out += m.text.slice(1);
        else {
          const part =
            m.ref?.kind === 'function'
              ? (m.ref.part ?? (runFunction ? functionPartForKey(key) : undefined))
              : undefined;
          const got = m.ref ? index.valueOf(m.ref, part) : { reason: m.problem?.error ?? '?' };
          if (!('value' in got)) throw new Error(`${m.text} does not resolve: ${got.reason}`);
          out += got.value;
        }
      }
      return out + value.slice(last);
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key, false));
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const isRunFunction = record['type'] === 'run-function';
      return Object.fromEntries(
        Object.entries(record).map(([k, v]) => [
          k,
          k === 'properties' && isRunFunction && v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, walk(pv, pk, true)]))
            : walk(v, k, false),
        ]),
      );
    }
    return value;
  };
  return walk(definition, '', false);
}
