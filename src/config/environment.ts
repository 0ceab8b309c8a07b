/** The config file seen through one environment (the head's, or the base commit's for the drift check). */
import { UserError } from '../errors.ts';
import { flowTarget, loadConfig, parseConfig, requireEnvironment, type StudioConfig } from './load.ts';
import type { EnvironmentView } from './model.ts';

/** A config seen through one environment ('' for none): per-file SIDs and names, and variables. */
export function viewOf(config: StudioConfig, environment: string): EnvironmentView {
  return {
    ...(environment ? { name: environment } : {}),
    targetOf: (path) => flowTarget(config, path, environment),
    variables: environment ? config.environments[environment]?.variables : undefined,
  };
}

/**
 * The config file seen through the chosen environment: per-file SIDs and names, and variables.
 * Undefined when there is no config file and no environment was asked for.
 */
export async function environmentView(
  workspace: string,
  configPath: string,
  environment: string,
): Promise<EnvironmentView | undefined> {
  const config = await loadConfig(workspace, configPath);
  if (!config) {
    if (!environment) return undefined;
    throw new UserError(
      `Input 'environment' is '${environment}', but there is no config file at ${configPath}. ` +
        "Create it (see the README's Environments section) or set the 'config' input to its path.",
    );
  }
  if (environment) requireEnvironment(config, environment, configPath);
  return viewOf(config, environment);
}

/**
 * The config file at another commit (its text, read through GitHub), seen through the environment;
 * undefined when there was none there, or it did not parse (the caller falls back to the workspace's).
 */
export function environmentViewAt(
  text: string | undefined,
  configPath: string,
  environment: string,
): EnvironmentView | undefined {
  if (text === undefined) return environment ? { name: environment, targetOf: () => ({}), variables: {} } : undefined;
  try {
    return viewOf(parseConfig(configPath, text), environment);
  } catch {
    return undefined;
  }
}

export interface BaseEnvironmentInput {
  /** A file's text at the base commit (undefined: not there); may throw. */
  readBase: (path: string) => Promise<string | undefined>;
  configPath: string;
  environment: string;
  /** What stands in when the base config cannot be read or parsed: the workspace's view. */
  fallback: EnvironmentView | undefined;
}

/** The config file at the base commit (PR base, push `before`), seen through the environment. */
export async function baseEnvironmentView(input: BaseEnvironmentInput): Promise<EnvironmentView | undefined> {
  try {
    const text = await input.readBase(input.configPath.replace(/^(\.\/)+/, ''));
    return text === undefined && !input.environment
      ? undefined
      : (environmentViewAt(text, input.configPath, input.environment) ?? input.fallback);
  } catch {
    return input.fallback; // the base config could not be read: the workspace's stands in
  }
}
