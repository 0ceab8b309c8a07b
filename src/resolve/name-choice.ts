/**
 * The shared types of the reverse index (src/resolve/name-index.ts), and which Serverless environment of a service and which TaskRouter workspace an environment's name references use:
 * the config's choices (`serverless.environment`, `taskrouter.workspace`), or the only one there is. Pure: the
 * reverse index (src/resolve/name-index.ts) and its loader (src/resolve/name-lists.ts) share these rules.
 */
import type { ServerlessBuild, ServerlessEnvironment, ServerlessService, Workspace } from '../studio/account-types.ts';

/** The environment's choices (from the config file's environment; part B's keys). */
export interface NameChoices {
  /** A service's environment by unique_name, else by domain_suffix; optional when a service has one environment. */
  serverlessEnvironment?: string | undefined;
  /** The workspace by friendly name; optional when the account has exactly one workspace. */
  workspace?: string | undefined;
}

/** One service with its environments and the build deployed to the chosen one (when loaded). */
export interface LoadedService {
  service: ServerlessService;
  environments: readonly ServerlessEnvironment[];
  /** The build deployed to the chosen environment; undefined when none is or it was not loaded. */
  build?: ServerlessBuild | undefined;
}

/** A reference's text, or why the value gets none. */
export type Naming = { ref: string } | { reason: string };

/** Where a value stands: its key, and the live properties of the run-function widget it is a field of. */
export interface ValuePlace {
  key?: string | undefined;
  runFunction?: Record<string, unknown> | undefined;
}

export type Chosen<T> = { chosen: T } | { reason: string };

const quoted = (s: string) => JSON.stringify(s);

/** The environment of `service` the choices pick. */
export function chooseEnvironment(
  service: ServerlessService,
  environments: readonly ServerlessEnvironment[],
  choices: NameChoices,
): Chosen<ServerlessEnvironment> {
  const wanted = choices.serverlessEnvironment;
  const names = environments.map((e) => e.uniqueName).join(', ') || 'none';
  if (wanted === undefined || wanted === '') {
    if (environments.length === 1) return { chosen: environments[0]! };
    return {
      reason:
        environments.length === 0
          ? `the service ${quoted(service.uniqueName)} has no environment`
          : `the service ${quoted(service.uniqueName)} has ${environments.length} environments (${names}) and the config chooses none (serverless.environment)`,
    };
  }
  const byName = environments.filter((e) => e.uniqueName === wanted);
  const found = byName.length > 0 ? byName : environments.filter((e) => e.domainSuffix === wanted);
  if (found.length === 1) return { chosen: found[0]! };
  return {
    reason:
      found.length === 0
        ? `the service ${quoted(service.uniqueName)} has no environment ${quoted(wanted)} (it has: ${names})`
        : `the service ${quoted(service.uniqueName)} has ${found.length} environments named ${quoted(wanted)}`,
  };
}

/** The workspace the choices pick. */
export function chooseWorkspace(workspaces: readonly Workspace[], choices: NameChoices): Chosen<Workspace> {
  const wanted = choices.workspace;
  if (wanted === undefined || wanted === '') {
    if (workspaces.length === 1) return { chosen: workspaces[0]! };
    return {
      reason:
        workspaces.length === 0
          ? 'the account has no TaskRouter workspace'
          : `the account has ${workspaces.length} TaskRouter workspaces and the config chooses none (taskrouter.workspace)`,
    };
  }
  const found = workspaces.filter((w) => w.friendlyName === wanted);
  if (found.length === 1) return { chosen: found[0]! };
  return {
    reason:
      found.length === 0
        ? `the account has no TaskRouter workspace named ${quoted(wanted)}`
        : `${found.length} TaskRouter workspaces are named ${quoted(wanted)} (${found.map((w) => w.sid).join(', ')})`,
  };
}
