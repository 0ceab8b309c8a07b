/**
 * `${env.NAME}` in config values (variables' values, `serverless.environment`, `taskrouter.workspace`): taken
 * from the step's environment when the environment that holds them is selected, so Terraform outputs and secrets
 * need not be committed. Every value taken is a secret (StepEnv.secret). `$${env.NAME}` is the literal text.
 */
import { UserError } from '../errors.ts';
import { ENV_NAME, reservedEnvName, type StepEnv } from '../secrets/step-env.ts';

const ENV_REF = /(\$?)\$\{env\.([^}\r\n]*)(\}?)/g;
const MARK = '${env.';

export interface EnvPlace {
  /** The config file, as named in messages. */
  configPath: string;
  /** The key holding the value, e.g. `environments.production.variables.API_KEY`. */
  key: string;
}

function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters must not reach a message line
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** `text` with each `${env.NAME}` replaced by that variable's value; a UserError naming the key and the fix otherwise. */
export function expandEnv(text: string, env: StepEnv | undefined, place: EnvPlace): string {
  if (!text.includes(MARK)) return text;
  const where = `${place.configPath}: ${place.key}`;
  return text.replace(ENV_REF, (match: string, escape: string, name: string, close: string) => {
    if (escape !== '') return match.slice(1);
    if (close === '' || !ENV_NAME.test(name)) {
      throw new UserError(
        `${where}: "${shown(match)}" is not a well-formed \${env.NAME}: names are capital letters, digits and "_", not starting with a digit, closed with "}". ` +
          'Write e.g. ${env.PROD_API_KEY}, or $${env.…} for the literal text.',
      );
    }
    const reserved = reservedEnvName(name);
    if (reserved !== undefined) {
      throw new UserError(
        `${where}: \${env.${name}} may not be read: ${reserved}. Pass the value to the step under another name (env: in the workflow) and use that.`,
      );
    }
    const value = env && Object.hasOwn(env.values, name) ? env.values[name] : undefined;
    if (value === undefined || value === '') {
      throw new UserError(
        `${where}: \${env.${name}} is ${value === '' ? 'empty' : 'not set'} in the step's environment. ` +
          `Set ${name} in the step's env: (e.g. ${name}: \${{ secrets.${name} }}), or remove the reference.`,
      );
    }
    env?.secret(value);
    return value;
  });
}
