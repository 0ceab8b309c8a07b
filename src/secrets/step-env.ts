/**
 * The step's environment as config values may use it (`${env.NAME}` in the config file): the variables, and
 * what to do with every value taken from them (each is a secret: masked in the log and scrubbed from every
 * outgoing text). Passed in from the entry points; nothing below them reads `process.env` for this.
 */

export interface StepEnv {
  /** The step's environment variables (the action's `process.env`, the CLI's). */
  values: Readonly<Record<string, string | undefined>>;
  /** Called with each value taken from it, before it is used: register it as a secret. */
  secret: (value: string) => void;
}

/** Names `${env.NAME}` accepts: capital letters, digits and "_", not starting with a digit. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Variables that hold the run's own secrets or the runner's internals: never readable through the config. */
const RESERVED_PREFIXES = ['INPUT_', 'ACTIONS_'] as const;
const RESERVED_NAMES = new Set([
  'GITHUB_TOKEN',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_KEY',
  'TWILIO_API_SECRET',
]);

/** Why a name may not be read through `${env.NAME}`, or undefined when it may. */
export function reservedEnvName(name: string): string | undefined {
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix !== undefined) {
    return prefix === 'INPUT_'
      ? "it holds one of the action's own inputs (its credentials among them)"
      : "it belongs to the Actions runner's internals";
  }
  if (RESERVED_NAMES.has(name)) return 'it holds the credentials the action itself runs with';
  return undefined;
}
