/**
 * An in-memory AccountLists built from plain data, for tests of name references: counts the calls per method,
 * and can be told to fail a list (with the one-line, scrubbed message the real lists reject with).
 */
import { AccountListError } from '../../src/studio/account-errors.ts';
import type {
  AccountLists,
  DeployedFunction,
  ListedFlow,
  ServerlessBuild,
  ServerlessEnvironment,
  ServerlessService,
  TaskChannel,
  Workflow,
  Workspace,
} from '../../src/studio/account-types.ts';

export interface FakeAccountData {
  services?: ServerlessService[];
  environments?: ServerlessEnvironment[];
  builds?: ServerlessBuild[];
  workspaces?: Workspace[];
  workflows?: Workflow[];
  channels?: TaskChannel[];
  flows?: ListedFlow[];
}

export type ListMethod = Exclude<keyof AccountLists, 'stats'>;

export interface FakeAccount extends AccountLists {
  /** Requests so far per method: like the real lists, each distinct call is answered once and then shared. */
  calls: Record<ListMethod, number>;
  /** Make a method reject with `message` from now on (an AccountListError with `status`, as the real lists do). */
  fail(method: ListMethod, message: string, status?: number | null): void;
}

const hex = (n: number, seed: string) => (seed + n.toString(16)).padStart(32, '0').slice(-32);
/** A well-formed SID of a kind, distinct per (seed, n). */
export const sid = (prefix: string, n: number, seed = '') => `${prefix}${hex(n, seed)}`;

/** One service with one environment per entry of `envs`, each deploying a build with the given paths. */
export function serviceData(
  uniqueName: string,
  envs: { uniqueName: string; suffix: string | null; paths: string[] | null }[],
  n = 1,
): FakeAccountData {
  const serviceSid = sid('ZS', n);
  const environments: ServerlessEnvironment[] = [];
  const builds: ServerlessBuild[] = [];
  envs.forEach((e, i) => {
    const buildSid = e.paths === null ? null : sid('ZB', n * 100 + i);
    environments.push({
      sid: sid('ZE', n * 100 + i),
      serviceSid,
      uniqueName: e.uniqueName,
      domainSuffix: e.suffix,
      domainName: `${uniqueName}-${1000 + n}${e.suffix ? `-${e.suffix}` : ''}.twil.io`,
      buildSid,
    });
    if (buildSid !== null) {
      const functions: DeployedFunction[] = (e.paths ?? []).map((path, j) => ({
        versionSid: sid('ZN', n * 10000 + i * 100 + j),
        functionSid: sid('ZH', n * 1000 + j),
        path,
        visibility: 'public',
      }));
      builds.push({ sid: buildSid, serviceSid, functions });
    }
  });
  return { services: [{ sid: serviceSid, uniqueName, friendlyName: uniqueName }], environments, builds };
}

export function fakeAccount(data: FakeAccountData): FakeAccount {
  const calls: Record<ListMethod, number> = {
    services: 0,
    environments: 0,
    build: 0,
    workspaces: 0,
    workflows: 0,
    taskChannels: 0,
    flows: 0,
  };
  const failures = new Map<ListMethod, { message: string; status: number | null }>();
  const memo = new Map<string, Promise<unknown>>();
  const answer = <T>(method: ListMethod, value: () => T, ...args: string[]): Promise<T> => {
    const key = [method, ...args].join('\u0000');
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      calls[method]++;
      const failure = failures.get(method);
      hit =
        failure === undefined
          ? Promise.resolve().then(value)
          : Promise.reject(
              new AccountListError({
                api:
                  method === 'flows'
                    ? 'Studio'
                    : /workflows|workspaces|taskChannels/.test(method)
                      ? 'TaskRouter'
                      : 'Serverless',
                message: failure.message,
                status: failure.status,
                cause: undefined,
              }),
            );
      memo.set(key, hit);
    }
    return hit;
  };
  const requests = () => ({
    serverless: calls.services + calls.environments + calls.build,
    taskrouter: calls.workspaces + calls.workflows + calls.taskChannels,
    studio: calls.flows,
  });
  return {
    calls,
    fail: (method, message, status = 401) => void failures.set(method, { message, status }),
    services: () => answer('services', () => data.services ?? []),
    environments: (serviceSid) =>
      answer('environments', () => (data.environments ?? []).filter((e) => e.serviceSid === serviceSid), serviceSid),
    build: (serviceSid, buildSid) =>
      answer(
        'build',
        () => {
          const build = (data.builds ?? []).find((b) => b.sid === buildSid && b.serviceSid === serviceSid);
          if (!build) throw new Error(`Twilio Serverless: reading build ${buildSid} failed: HTTP 404`);
          return build;
        },
        serviceSid,
        buildSid,
      ),
    workspaces: () => answer('workspaces', () => data.workspaces ?? []),
    workflows: (workspaceSid) =>
      answer('workflows', () => (data.workflows ?? []).filter((w) => w.workspaceSid === workspaceSid), workspaceSid),
    taskChannels: (workspaceSid) =>
      answer('taskChannels', () => (data.channels ?? []).filter((c) => c.workspaceSid === workspaceSid), workspaceSid),
    flows: () => answer('flows', () => data.flows ?? []),
    stats: requests,
  };
}
