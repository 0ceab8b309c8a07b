/**
 * One name reference looked up in the account's lists (AccountLists): the SID or URL it stands for, or why it
 * cannot be found, naming what was looked for, where, and the closest existing names. Each distinct reference is
 * looked up once per lookup object; the lists themselves are read once per run by AccountLists. Only the lists a
 * reference needs are asked for (a flow with no Function reference never lists services).
 */
import type { AccountLists, ServerlessEnvironment, Workspace } from '../studio/account-types.ts';
import { chooseEnvironment as chooseByRule, type NameChoices } from './name-choice.ts';
import type { FunctionPart, NameRef } from './name-syntax.ts';
import { byName, HOST, FUNCTION_PATH, listError, nearest, quoted, SID, type Found } from './name-match.ts';

/** What an environment of the config chooses in the account (`${env.…}` already taken): one type and one rule
 * (src/resolve/name-choice.ts) for resolving a reference and for writing one back (sync, portable). */
export type { NameChoices } from './name-choice.ts';

export type Lookup = { value: string } | { error: string; fix: string };

export interface NameLookup {
  lookup(ref: NameRef, part?: FunctionPart): Promise<Lookup>;
}

/** Looks references up in `lists`, as the environment's `choices` say; every result is kept for the run. */
export function createNameLookup(lists: AccountLists, choices: NameChoices): NameLookup {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) cache.set(key, (hit = make().catch((error: unknown) => listError(error) as T)));
    return hit;
  };

  const workspace = (): Promise<Found<Workspace>> =>
    once('ws', async () => {
      const all = await lists.workspaces();
      const wanted = choices.workspace;
      if (wanted !== undefined) {
        const where = 'in this account (taskrouter.workspace of the environment)';
        return byName(all, wanted, { nameOf: (w) => w.friendlyName, what: 'workspace', where, prefix: 'WS' });
      }
      if (all.length === 1)
        return byName(all, all[0]!.friendlyName, {
          nameOf: (w) => w.friendlyName,
          what: 'workspace',
          where: '',
          prefix: 'WS',
        });
      return {
        error:
          all.length === 0
            ? 'needs a TaskRouter workspace, and the account has none'
            : `needs a TaskRouter workspace, and the account has ${all.length}`,
        fix:
          all.length === 0
            ? 'Create the workspace (Flex creates "Flex Task Assignment"), or check the credentials name the right account.'
            : `Choose one under environments.<env>.taskrouter.workspace in the config file (${all
                .slice(0, 5)
                .map((w) => quoted(w.friendlyName))
                .join(', ')}).`,
      };
    });

  const chooseEnvironment = (service: string, all: readonly ServerlessEnvironment[]): Found<ServerlessEnvironment> => {
    // The decision is the shared rule's; only the messages are this file's.
    const decided = chooseByRule({ sid: '', uniqueName: service, friendlyName: service }, all, choices);
    if ('chosen' in decided) return { found: decided.chosen };
    const wanted = choices.serverlessEnvironment || undefined;
    const names = all.map((e) => e.uniqueName);
    if (wanted === undefined) {
      if (all.length === 1) return { found: all[0]! };
      return {
        error: `cannot choose an environment of service ${quoted(service)}: it has ${all.length === 0 ? 'none' : all.length}`,
        fix:
          all.length === 0
            ? `Deploy the service to an environment first.`
            : `Name one under environments.<env>.serverless.environment in the config file (${names.slice(0, 5).map(quoted).join(', ')}).`,
      };
    }
    const match =
      all.filter((e) => e.uniqueName === wanted).length > 0
        ? all.filter((e) => e.uniqueName === wanted)
        : all.filter((e) => e.domainSuffix === wanted);
    if (match.length === 1) return { found: match[0]! };
    if (match.length > 1) {
      return {
        error: `is ambiguous: ${match.length} environments of service ${quoted(service)} match ${quoted(wanted)}`,
        fix: 'Name the environment by its unique_name.',
      };
    }
    return {
      error: `names service ${quoted(service)}, which has no environment ${quoted(wanted)} (by unique_name or domain_suffix)`,
      fix: `${nearest(wanted, names, 'environment')} Fix serverless.environment in the config file, or create the environment.`,
    };
  };

  const functionOf = (service: string, path: string): Promise<Found<Record<FunctionPart, string>>> =>
    once(`fn\u0000${service}\u0000${path}`, async () => {
      const services = await lists.services();
      const svc = byName(services, service, {
        nameOf: (s) => s.uniqueName,
        what: 'service',
        where: 'in this account',
        prefix: 'ZS',
      });
      if (!('found' in svc)) return svc;
      const envs = await lists.environments(svc.found.sid);
      const env = chooseEnvironment(service, envs);
      if (!('found' in env)) return env;
      const e = env.found;
      const envName = `${quoted(e.uniqueName)} of service ${quoted(service)}`;
      if (!SID('ZE').test(e.sid) || !HOST.test(e.domainName)) {
        return {
          error: `got an environment from Twilio that is not one (${quoted(e.sid)}, ${quoted(e.domainName)})`,
          fix: 'Check the studio-url; nothing was deployed.',
        };
      }
      if (e.buildSid === null) {
        return {
          error: `names environment ${envName}, which has no build deployed`,
          fix: 'Deploy the service to that environment (twilio serverless:deploy), then re-run.',
        };
      }
      const build = await lists.build(svc.found.sid, e.buildSid);
      const fn = build.functions.filter((f) => f.path === path);
      if (fn.length === 0) {
        const elsewhere: string[] = [];
        for (const other of envs) {
          if (other.sid === e.sid || other.buildSid === null) continue;
          // Only a hint: another environment's build that cannot be read is left out of it.
          const b = await lists.build(svc.found.sid, other.buildSid).catch(() => undefined);
          if (b?.functions.some((f) => f.path === path)) elsewhere.push(quoted(other.uniqueName));
        }
        const also =
          elsewhere.length > 0
            ? ` It is deployed in ${elsewhere.join(', ')}: deploy that code to this environment too.`
            : '';
        return {
          error: `names path ${quoted(path)}, which the build deployed to environment ${envName} does not hold`,
          fix: `${nearest(
            path,
            build.functions.map((f) => f.path),
            'function path',
          )}${also} Fix the path, or deploy the Function.`,
        };
      }
      const sids = [...new Set(fn.map((v) => v.functionSid))];
      if (sids.length > 1) {
        return {
          error: `is ambiguous: the build deployed to environment ${envName} holds path ${quoted(path)} ${sids.length} times (${sids.map(quoted).join(', ')})`,
          fix: 'Deploy the service again so that each path is one Function (twilio serverless:deploy); nothing was deployed.',
        };
      }
      const f = fn[0]!;
      if (!SID('ZH').test(f.functionSid) || !FUNCTION_PATH.test(f.path)) {
        return {
          error: `got a function from Twilio that is not one (${quoted(f.functionSid)}, ${quoted(f.path)})`,
          fix: 'Check the studio-url; nothing was deployed.',
        };
      }
      // https://www.twilio.com/docs/serverless/functions-assets/visibility: a private Function is a library for other
      // Functions, not reachable at its URL; Studio's Run Function widget calls public and protected ones.
      if (f.visibility === 'private') {
        return {
          error: `names path ${quoted(path)} of environment ${envName}, a private Function, which Studio cannot call`,
          fix: 'Make the Function protected (Studio signs its requests) and deploy the service again; nothing was deployed.',
        };
      }
      return {
        found: {
          service_sid: svc.found.sid,
          environment_sid: e.sid,
          function_sid: f.functionSid,
          url: `https://${e.domainName}${f.path}`,
        },
      };
    });

  const inWorkspace = (kind: 'workflow' | 'channel', name: string): Promise<Lookup> =>
    once(`${kind}\u0000${name}`, async () => {
      const ws = await workspace();
      if (!('found' in ws)) return ws;
      const where = `in workspace ${quoted(ws.found.friendlyName)}`;
      const found =
        kind === 'workflow'
          ? byName(await lists.workflows(ws.found.sid), name, {
              nameOf: (w) => w.friendlyName,
              what: 'workflow',
              where,
              prefix: 'WW',
            })
          : byName(await lists.taskChannels(ws.found.sid), name, {
              nameOf: (c) => c.uniqueName,
              what: 'task channel',
              where,
              prefix: 'TC',
            });
      return 'found' in found ? { value: found.found.sid } : found;
    });

  return {
    async lookup(ref, part) {
      if (ref.kind === 'function') {
        const fn = await functionOf(ref.service, ref.path);
        return 'found' in fn ? { value: fn.found[part ?? ref.part ?? 'function_sid'] } : fn;
      }
      if (ref.kind === 'flow-name') {
        return once(`flow\u0000${ref.name}`, async () => {
          const found = byName(await lists.flows(), ref.name, {
            nameOf: (f) => f.friendlyName,
            what: 'Studio flow',
            where: 'in this account',
            prefix: 'FW',
          });
          return 'found' in found ? { value: found.found.sid } : found;
        });
      }
      return inWorkspace(ref.kind, ref.name);
    },
  };
}
