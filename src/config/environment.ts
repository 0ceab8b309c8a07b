/** The config file seen through one environment (the head's, or the base commit's for the drift check). */
import { UserError } from '../errors.ts';
import { flowTarget, loadConfig, parseConfig, requireEnvironment, type StudioConfig } from './load.ts';
import type { StepEnv } from '../secrets/step-env.ts';
import type { NameChoices } from '../resolve/names.ts';
import { expandEnv } from './env-values.ts';
import type { EnvironmentConfig, EnvironmentView } from './model.ts';

/** Where `${env.NAME}` in config values comes from, and the file named in its errors. */
export interface EnvSource {
  configPath?: string;
  stepEnv?: StepEnv | undefined;
}

/** The chosen environment's values with `${env.NAME}` taken from the step's environment (only this one's). */
function expanded(
  name: string,
  env: EnvironmentConfig,
  source: EnvSource,
): { variables: Record<string, string>; choices: NameChoices } {
  const configPath = source.configPath ?? 'the config file';
  const take = (key: string, text: string) =>
    expandEnv(text, source.stepEnv, { configPath, key: `environments.${name}.${key}` });
  const variables = Object.fromEntries(
    Object.entries(env.variables).map(([key, value]) => [key, take(`variables.${key}`, value)]),
  );
  const choices: NameChoices = {};
  if (env.serverless) choices.serverlessEnvironment = take('serverless.environment', env.serverless.environment);
  if (env.taskrouter) choices.workspace = take('taskrouter.workspace', env.taskrouter.workspace);
  return { variables, choices };
}

/** A config seen through one environment ('' for none): per-file SIDs and names, variables, name choices. */
export function viewOf(config: StudioConfig, environment: string, source: EnvSource = {}): EnvironmentView {
  const env =
    environment && Object.hasOwn(config.environments, environment) ? config.environments[environment] : undefined;
  const values = env ? expanded(environment, env, source) : undefined;
  return {
    ...(environment ? { name: environment } : {}),
    targetOf: (path) => flowTarget(config, path, environment),
    variables: values?.variables,
    ...(values ? { choices: values.choices } : {}),
  };
}

/** What selects the environment: the `config` and `environment` inputs, and the step's environment. */
export interface EnvironmentChoice {
  configPath: string;
  environment: string;
  stepEnv?: StepEnv | undefined;
}

/**
 * The config file seen through the chosen environment: per-file SIDs and names, and variables.
 * Undefined when there is no config file and no environment was asked for.
 */
export async function environmentView(
  workspace: string,
  choice: EnvironmentChoice,
): Promise<EnvironmentView | undefined> {
  const { configPath, environment, stepEnv } = choice;
  const config = await loadConfig(workspace, configPath);
  if (!config) {
    if (!environment) return undefined;
    throw new UserError(
      `Input 'environment' is '${environment}', but there is no config file at ${configPath}. ` +
        "Create it (see the README's Environments section) or set the 'config' input to its path.",
    );
  }
  if (environment) requireEnvironment(config, environment, configPath);
  return viewOf(config, environment, { configPath, stepEnv });
}

/**
 * The config file at another commit (its text, read through GitHub), seen through the environment;
 * undefined when there was none there, or it did not parse (the caller falls back to the workspace's).
 */
export function environmentViewAt(text: string | undefined, choice: EnvironmentChoice): EnvironmentView | undefined {
  const { configPath, environment } = choice;
  if (text === undefined) return environment ? { name: environment, targetOf: () => ({}), variables: {} } : undefined;
  try {
    return viewOf(parseConfig(configPath, text), environment, { configPath, stepEnv: choice.stepEnv });
  } catch {
    return undefined;
  }
}

export interface BaseEnvironmentInput {
  /** A file's text at the base commit (undefined: not there); may throw. */
  readBase: (path: string) => Promise<string | undefined>;
  configPath: string;
  environment: string;
  stepEnv?: StepEnv | undefined;
  /** What stands in when the base config cannot be read or parsed: the workspace's view. */
  fallback: EnvironmentView | undefined;
}

/** The config file at the base commit (PR base, push `before`), seen through the environment. */
export async function baseEnvironmentView(input: BaseEnvironmentInput): Promise<EnvironmentView | undefined> {
  try {
    const text = await input.readBase(input.configPath.replace(/^(\.\/)+/, ''));
    return text === undefined && !input.environment ? undefined : (environmentViewAt(text, input) ?? input.fallback);
  } catch {
    return input.fallback; // the base config could not be read: the workspace's stands in
  }
}
