/**
 * Adversarial: the names a PR's config may not read through `${env.NAME}` (the action's inputs, the workflow token,
 * the runner's internals, the Twilio credentials), in every spelling that could reach them; and the message of a
 * refusal never holds the value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandEnv } from '../../src/config/env-values.ts';
import { UserError } from '../../src/errors.ts';

const SECRET = 's3cr3t-value-that-must-not-leak';
const values: Record<string, string> = {
  'INPUT_TWILIO-AUTH-TOKEN': SECRET,
  INPUT_TWILIO_AUTH_TOKEN: SECRET,
  'INPUT_GITHUB-TOKEN': SECRET,
  'input_twilio-auth-token': SECRET,
  GITHUB_TOKEN: SECRET,
  github_token: SECRET,
  ACTIONS_RUNTIME_TOKEN: SECRET,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: SECRET,
  TWILIO_AUTH_TOKEN: SECRET,
  TWILIO_API_SECRET: SECRET,
  TWILIO_ACCOUNT_SID: SECRET,
  TWILIO_API_KEY: SECRET,
};
const taken: string[] = [];
const env = { values, secret: (v: string) => void taken.push(v) };
const place = { configPath: '.github/studio-flow-ci.yml', key: 'environments.production.variables.X' };

describe('reserved names cannot be read, however they are spelt', () => {
  const attempts = [
    '${env.INPUT_TWILIO-AUTH-TOKEN}',
    '${env.INPUT_TWILIO_AUTH_TOKEN}',
    '${env.input_twilio-auth-token}',
    '${env.INPUT_GITHUB-TOKEN}',
    '${env.GITHUB_TOKEN}',
    '${env.github_token}',
    '${env.Github_Token}',
    '${env. GITHUB_TOKEN}',
    '${env.GITHUB_TOKEN }',
    '${env.GITHUB_TOKEN\u200b}',
    '${env.ACTIONS_RUNTIME_TOKEN}',
    '${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}',
    '${env.TWILIO_AUTH_TOKEN}',
    '${env.TWILIO_API_SECRET}',
    '${env.TWILIO_ACCOUNT_SID}',
    '${env.TWILIO_API_KEY}',
    'prefix-${env.GITHUB_TOKEN}',
    '$${env.X}${env.GITHUB_TOKEN}',
  ];
  for (const text of attempts) {
    test(JSON.stringify(text), () => {
      taken.length = 0;
      assert.throws(
        () => expandEnv(text, env, place),
        (error: unknown) =>
          error instanceof UserError &&
          error.message.startsWith('.github/studio-flow-ci.yml: environments.production.variables.X: ') &&
          !error.message.includes(SECRET),
      );
      assert.deepEqual(taken, [], 'nothing was taken');
    });
  }
});
