/**
 * The Serverless half of the reverse index: every Function deployed in the chosen environment of each service,
 * found by its SID (ZH), its URL, or (inside a run-function widget) by the widget's other fields; and each
 * `${function:SERVICE/PATH}` → its four values. Pure.
 */
import type { DeployedFunction, ServerlessEnvironment, ServerlessService } from '../studio/account-types.ts';
import {
  chooseEnvironment,
  type LoadedService,
  type NameChoices,
  type Naming,
  type ValuePlace,
} from './name-choice.ts';
import { formatNameRef, functionPartForKey, type FunctionPart, type NameRef } from './name-syntax.ts';

interface Entry {
  service: ServerlessService;
  environment: ServerlessEnvironment;
  fn: DeployedFunction;
  url: string;
  /** The bare reference text; undefined when the names cannot be written in one. */
  ref: string | undefined;
}

type Found = Entry | { reason: string };

export interface FunctionIndex {
  nameOf(value: string, place: ValuePlace): Naming | undefined;
  valueOf(ref: NameRef & { kind: 'function' }, part: FunctionPart | undefined): { value: string } | { reason: string };
}

const quoted = (s: string) => JSON.stringify(s);
const ZH = /^ZH[0-9a-f]{32}$/;

function partOf(entry: Entry, part: FunctionPart): string {
  if (part === 'service_sid') return entry.service.sid;
  if (part === 'environment_sid') return entry.environment.sid;
  if (part === 'function_sid') return entry.fn.functionSid;
  return entry.url;
}

function add(map: Map<string, Found>, key: string, entry: Entry, reason: string): void {
  map.set(key, map.has(key) ? { reason } : entry);
}

export function functionIndex(services: readonly LoadedService[], choices: NameChoices): FunctionIndex {
  const byRef = new Map<string, Found>();
  const bySid = new Map<string, Found>();
  const byUrl = new Map<string, Found>();
  const noBuild = new Map<string, string>(); // service unique name → why none of its Functions is deployed
  const hosts = new Map<string, { service: ServerlessService; environment: ServerlessEnvironment; chosen: boolean }>();
  const names = new Map<string, number>();
  const unchosen = new Set<string>(); // services whose environment cannot be chosen
  for (const s of services) names.set(s.service.uniqueName, (names.get(s.service.uniqueName) ?? 0) + 1);

  for (const loaded of services) {
    const { service } = loaded;
    const choice = chooseEnvironment(service, loaded.environments, choices);
    const chosen = 'chosen' in choice ? choice.chosen : undefined;
    for (const environment of loaded.environments)
      hosts.set(environment.domainName, { service, environment, chosen: environment === chosen });
    if ('reason' in choice) {
      noBuild.set(service.uniqueName, choice.reason);
      unchosen.add(service.uniqueName);
      continue;
    }
    if (!loaded.build || choice.chosen.buildSid === null) {
      noBuild.set(
        service.uniqueName,
        `the environment ${quoted(choice.chosen.uniqueName)} of the service ${quoted(service.uniqueName)} has no build deployed`,
      );
      continue;
    }
    const twice = (names.get(service.uniqueName) ?? 0) > 1;
    for (const fn of loaded.build.functions) {
      const ref = twice ? undefined : formatNameRef({ kind: 'function', service: service.uniqueName, path: fn.path });
      const entry: Entry = {
        service,
        environment: choice.chosen,
        fn,
        url: `https://${choice.chosen.domainName}${fn.path}`,
        ref,
      };
      const ambiguous = twice
        ? `${names.get(service.uniqueName)} services are named ${quoted(service.uniqueName)}: the name is ambiguous`
        : `the path ${quoted(fn.path)} is deployed twice in the build of the service ${quoted(service.uniqueName)}`;
      add(byRef, `${service.uniqueName}\u0000${fn.path}`, entry, ambiguous);
      add(bySid, fn.functionSid, entry, ambiguous);
      add(byUrl, entry.url, entry, ambiguous);
    }
  }

  function byFunctionSid(sid: string): Found {
    return (
      bySid.get(sid) ?? { reason: 'no Function with this SID is deployed in the chosen environment of any service' }
    );
  }

  function byUrlText(url: string): Found | undefined {
    const exact = byUrl.get(url);
    if (exact) return exact;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const host = hosts.get(parsed.host);
    if (!host) return undefined;
    const where = `the environment ${quoted(host.environment.uniqueName)} of the service ${quoted(host.service.uniqueName)}`;
    if (unchosen.has(host.service.uniqueName)) return { reason: noBuild.get(host.service.uniqueName)! };
    if (!host.chosen)
      return {
        reason: `it is a URL of ${where}, which is not the environment the config chooses (serverless.environment)`,
      };
    if (parsed.search !== '' || parsed.hash !== '' || parsed.protocol !== 'https:')
      return { reason: 'it is a Function URL with more than https, host and path' };
    return noBuild.has(host.service.uniqueName)
      ? { reason: noBuild.get(host.service.uniqueName)! }
      : { reason: `the path ${quoted(parsed.pathname)} is not deployed in the build of ${where}` };
  }

  /** The Function a run-function widget's live fields name: by function_sid, else by url. */
  function ofWidget(props: Record<string, unknown>): Found {
    const sid = props['function_sid'];
    if (typeof sid === 'string' && ZH.test(sid)) return byFunctionSid(sid);
    const url = props['url'];
    if (typeof url === 'string')
      return byUrlText(url) ?? { reason: 'its url is on no domain of any Serverless environment of the account' };
    return { reason: 'the widget has neither a function_sid nor a url that names a Function' };
  }

  const named = (found: Found, part?: FunctionPart): Naming => {
    if ('reason' in found) return found;
    if (found.ref === undefined)
      return { reason: `the path ${quoted(found.fn.path)} cannot be written in a reference` };
    return { ref: part ? found.ref.replace(/\}$/, `#${part}}`) : found.ref };
  };

  return {
    nameOf(value, place) {
      const part = place.runFunction ? functionPartForKey(place.key ?? '') : undefined;
      if (part && place.runFunction) {
        const found = ofWidget(place.runFunction);
        if (!('reason' in found) && partOf(found, part) !== value)
          return {
            reason: `it is not the ${part} of the Function the widget's function_sid or url names (${found.fn.path})`,
          };
        return named(found);
      }
      if (ZH.test(value)) return named(byFunctionSid(value), 'function_sid');
      if (value.startsWith('https://')) {
        const found = byUrlText(value);
        return found && named(found, 'url');
      }
      return {
        reason: 'a service, environment or version SID alone names no Function (use it in a run-function widget)',
      };
    },
    valueOf(ref, part) {
      if (!part)
        return { reason: 'outside a run-function widget\'s own fields a Function reference needs a part, e.g. "#url"' };
      const found = byRef.get(`${ref.service}\u0000${ref.path}`);
      if (found) return 'reason' in found ? found : { value: partOf(found, part) };
      if (noBuild.has(ref.service)) return { reason: noBuild.get(ref.service)! };
      if (!services.some((s) => s.service.uniqueName === ref.service))
        return { reason: `no Serverless service has the unique name ${quoted(ref.service)}` };
      return {
        reason: `the path ${quoted(ref.path)} is not deployed in the chosen environment of ${quoted(ref.service)}`,
      };
    },
  };
}
