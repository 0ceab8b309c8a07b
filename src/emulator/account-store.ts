/**
 * The emulated account's Serverless and TaskRouter resources, built once from an account seed. SIDs the seed does
 * not give are derived from the account SID and the names (so two emulated accounts differ and reruns agree);
 * a SID given twice is an error. A Function's ZH is per service and path, the same in every environment.
 */
import { createHash } from 'node:crypto';
import type { AccountSeed } from './account-seed.ts';

export interface EmulatedFunctionVersion {
  sid: string;
  functionSid: string;
  path: string;
  visibility: string;
}

export interface EmulatedEnvironment {
  sid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  build: { sid: string; versions: EmulatedFunctionVersion[] } | null;
}

export interface EmulatedService {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  domainBase: string;
  environments: EmulatedEnvironment[];
}

export interface EmulatedWorkspace {
  sid: string;
  friendlyName: string;
  workflows: { sid: string; friendlyName: string }[];
  channels: { sid: string; uniqueName: string; friendlyName: string }[];
}

export interface EmulatedAccount {
  services: EmulatedService[];
  workspaces: EmulatedWorkspace[];
}

/** `prefix` + 32 hex digits from the account SID and the parts: the same input always gives the same SID. */
export function derivedSid(prefix: string, accountSid: string, ...parts: (string | number)[]): string {
  const hash = createHash('sha256').update([accountSid, prefix, ...parts.map(String)].join('\u0000'));
  return prefix + hash.digest('hex').slice(0, 32);
}

/** The account a seed describes; throws naming `source` and the JSON path of a SID given twice. */
export function buildAccount(seed: AccountSeed, accountSid: string, source = 'the account seed'): EmulatedAccount {
  const owners = new Map<string, string>();
  const claim = (sid: string, path: string): string => {
    const first = owners.get(sid);
    if (first !== undefined)
      throw new Error(`Account seed ${source}: ${path} has SID ${sid}, already used at ${first}; SIDs must be unique`);
    owners.set(sid, path);
    return sid;
  };

  const services = (seed.serverless?.services ?? []).map((service, s): EmulatedService => {
    const at = `$.serverless.services[${s}]`;
    const sid = claim(service.sid ?? derivedSid('ZS', accountSid, s, service.unique_name), `${at}.sid`);
    const digits = parseInt(derivedSid('', accountSid, 'domain', sid).slice(0, 8), 16) % 9000;
    const domainBase = `${service.unique_name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${1000 + digits}`;
    const functionSids = new Map<string, string>();
    const environments = (service.environments ?? []).map((env, e): EmulatedEnvironment => {
      const envAt = `${at}.environments[${e}]`;
      const envSid = claim(env.sid ?? derivedSid('ZE', accountSid, sid, e, env.unique_name), `${envAt}.sid`);
      const suffix = env.domain_suffix ?? null;
      const functions = env.functions ?? [];
      let build: EmulatedEnvironment['build'] = null;
      if (env.build !== null && functions.length > 0) {
        const buildSid = claim(env.build?.sid ?? derivedSid('ZB', accountSid, envSid), `${envAt}.build.sid`);
        const versions = functions.map((fn, f): EmulatedFunctionVersion => {
          const fnAt = `${envAt}.functions[${f}]`;
          const known = functionSids.get(fn.path);
          const functionSid = fn.sid ?? known ?? derivedSid('ZH', accountSid, sid, fn.path);
          if (known !== undefined && known !== functionSid)
            throw new Error(
              `Account seed ${source}: ${fnAt}.sid is ${functionSid}, but the Function at ${fn.path} of this service is ${known} in another environment; a Function has one SID in every environment`,
            );
          if (known === undefined) functionSids.set(fn.path, claim(functionSid, `${fnAt}.sid`));
          return {
            sid: claim(derivedSid('ZN', accountSid, envSid, buildSid, f, fn.path), `${fnAt} (its version)`),
            functionSid,
            path: fn.path,
            visibility: fn.visibility ?? 'protected',
          };
        });
        build = { sid: buildSid, versions };
      }
      return {
        sid: envSid,
        uniqueName: env.unique_name,
        domainSuffix: suffix,
        domainName: env.domain_name ?? `${domainBase}${suffix === null ? '' : `-${suffix}`}.twil.io`,
        build,
      };
    });
    return {
      sid,
      uniqueName: service.unique_name,
      friendlyName: service.friendly_name ?? service.unique_name,
      domainBase,
      environments,
    };
  });

  const workspaces = (seed.taskrouter?.workspaces ?? []).map((ws, w): EmulatedWorkspace => {
    const at = `$.taskrouter.workspaces[${w}]`;
    const sid = claim(ws.sid ?? derivedSid('WS', accountSid, w, ws.friendly_name), `${at}.sid`);
    return {
      sid,
      friendlyName: ws.friendly_name,
      workflows: (ws.workflows ?? []).map((wf, i) => ({
        sid: claim(wf.sid ?? derivedSid('WW', accountSid, sid, i, wf.friendly_name), `${at}.workflows[${i}].sid`),
        friendlyName: wf.friendly_name,
      })),
      channels: (ws.task_channels ?? []).map((tc, i) => ({
        sid: claim(tc.sid ?? derivedSid('TC', accountSid, sid, i, tc.unique_name), `${at}.task_channels[${i}].sid`),
        uniqueName: tc.unique_name,
        friendlyName: tc.friendly_name ?? tc.unique_name,
      })),
    };
  });
  return { services, workspaces };
}
