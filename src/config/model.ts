/**
 * The config file as the rest of the action sees it (camelCase, variables as strings), and the
 * look-ups in it: environments, and which Studio flow a flow file is in one of them.
 */
import { UserError } from '../errors.ts';
import type { NameChoices } from '../resolve/names.ts';

export interface EnvironmentConfig {
  /** Values for `${var.NAME}` placeholders; numbers as written in the file, booleans as "true"/"false". */
  variables: Record<string, string>;
  /** Which environment of each Serverless service `${function:…}` names (unique name, else domain suffix). */
  serverless?: { environment: string };
  /** Which TaskRouter workspace `${workflow:…}` and `${channel:…}` name (friendly name). */
  taskrouter?: { workspace: string };
}

/** Which Studio flow a flow file is in one environment. */
export interface FlowTarget {
  sid?: string;
  friendlyName?: string;
}

/** What a flow file becomes in one environment. `variables` undefined: no environment was chosen. */
export interface EnvironmentView {
  /** The selected environment; undefined when none was (then a file's own `sid` applies). */
  name?: string;
  targetOf(path: string): FlowTarget;
  variables: Record<string, string> | undefined;
  /** What name references choose in the account (`${env.…}` already taken); undefined: no environment. */
  choices?: NameChoices;
}

export interface FlowConfig {
  /** Workspace-relative path of the flow file, `/`-separated, exactly as discovered. */
  path: string;
  /** Default friendly name for every environment. */
  friendlyName?: string;
  environments: Record<string, FlowTarget>;
}

export interface StudioConfig {
  environments: Record<string, EnvironmentConfig>;
  flows: FlowConfig[];
}

/** The file's data as the schema checked it (snake_case, values as parsed). */
export interface RawConfig {
  environments?: Record<
    string,
    {
      variables?: Record<string, string | number | boolean>;
      serverless?: { environment: string };
      taskrouter?: { workspace: string };
    }
  >;
  flows?: {
    path: string;
    friendly_name?: string;
    environments?: Record<string, { sid?: string; friendly_name?: string }>;
  }[];
}

/** `(defined: staging, production)`, or a note that none are. */
export function definedList(names: readonly string[]): string {
  return names.length === 0 ? '(no environments are defined)' : `(defined: ${names.join(', ')})`;
}

/** The environments the config defines, in file order. */
export function environmentNames(config: StudioConfig): string[] {
  return Object.keys(config.environments);
}

/**
 * Check that the environment a user chose (the `environment` input or `--environment`) is defined
 * in the config file at `configPath`; throws a UserError listing the defined ones otherwise.
 */
export function requireEnvironment(config: StudioConfig, environment: string, configPath: string): void {
  if (Object.hasOwn(config.environments, environment)) return;
  const names = environmentNames(config);
  const fix =
    names.length === 0
      ? `Add it under "environments" in ${configPath}, or leave the environment unset.`
      : `Set the environment to one of them, or add "${environment}" under "environments" in ${configPath}.`;
  throw new UserError(`The environment "${environment}" is not defined in ${configPath} ${definedList(names)}. ${fix}`);
}

/**
 * Where the flow file at `path` (workspace-relative, exactly as in the config) goes in
 * `environment`: the environment's own `sid`/`friendly_name` over the flow's default
 * `friendly_name`. Empty when the config does not list the file.
 */
export function flowTarget(config: StudioConfig, path: string, environment: string): FlowTarget {
  const flow = config.flows.find((f) => f.path === path);
  if (!flow) return {};
  const own = Object.hasOwn(flow.environments, environment) ? flow.environments[environment] : undefined;
  const target: FlowTarget = {};
  if (own?.sid !== undefined) target.sid = own.sid;
  const friendlyName = own?.friendlyName ?? flow.friendlyName;
  if (friendlyName !== undefined) target.friendlyName = friendlyName;
  return target;
}
