import { UserError } from '../errors.ts';
import type { EnvironmentView } from '../targets/intent.ts';
import { flowTarget, loadConfig, requireEnvironment } from './load.ts';

/**
 * The config file seen through the chosen environment: per-file SIDs and names, and variables.
 * Undefined when there is no config file and no environment was asked for.
 */
export async function environmentView(workspace: string, configPath: string, environment: string): Promise<EnvironmentView | undefined> {
  const config = await loadConfig(workspace, configPath);
  if (!config) {
    if (!environment) return undefined;
    throw new UserError(
      `Input 'environment' is '${environment}', but there is no config file at ${configPath}. ` +
        "Create it (see the README's Environments section) or set the 'config' input to its path.",
    );
  }
  if (environment) requireEnvironment(config, environment, configPath);
  return {
    ...(environment ? { name: environment } : {}),
    targetOf: (path) => flowTarget(config, path, environment),
    variables: environment ? config.environments[environment]?.variables : undefined,
  };
}
