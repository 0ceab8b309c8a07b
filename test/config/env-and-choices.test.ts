/**
 * The config's name-reference choices (`serverless.environment`, `taskrouter.workspace`) and `${env.NAME}` in
 * config values: parsed, checked with clear errors, taken from the step's environment only for the selected
 * environment, each value registered as a secret; reserved names refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/load.ts';
import { viewOf } from '../../src/config/environment.ts';
import { UserError } from '../../src/errors.ts';
import type { StepEnv } from '../../src/secrets/step-env.ts';

const FILE = '.github/studio-flow-ci.yml';
const text = (production: string[]) =>
  [
    'environments:',
    '  staging:',
    '    variables: { KEY: "${env.STAGING_KEY}" }',
    '  production:',
    ...production,
    '',
  ].join('\n');
const stepEnv = (values: Record<string, string>) => {
  const secrets: string[] = [];
  const env: StepEnv = { values, secret: (v) => void secrets.push(v) };
  return { env, secrets };
};

function fails(run: () => unknown, ...patterns: RegExp[]): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UserError, String(error));
    for (const p of patterns) assert.match(error.message, p);
    assert.doesNotMatch(error.message, /\n\s+at /);
    return error.message;
  }
  assert.fail('expected a UserError');
}

describe('config: serverless.environment and taskrouter.workspace', () => {
  it('become the view’s choices, with ${env.NAME} taken from the step’s environment', () => {
    const config = parseConfig(
      FILE,
      text([
        '    variables: { API_KEY: "key-${env.PROD_API_KEY}-end", PLAIN: "$${env.NOT_READ}" }',
        '    serverless: { environment: "${env.SLS_ENV}" }',
        '    taskrouter: { workspace: Flex Task Assignment }',
      ]),
    );
    const { env, secrets } = stepEnv({ PROD_API_KEY: 'sk-prod-0123456789', SLS_ENV: 'production' });
    const view = viewOf(config, 'production', { configPath: FILE, stepEnv: env });
    assert.deepEqual(view.variables, { API_KEY: 'key-sk-prod-0123456789-end', PLAIN: '${env.NOT_READ}' });
    assert.deepEqual(view.choices, { serverlessEnvironment: 'production', workspace: 'Flex Task Assignment' });
    assert.deepEqual(secrets.sort(), ['production', 'sk-prod-0123456789']);
  });

  it('only the selected environment’s ${env.…} are read: staging’s missing variable does not fail production', () => {
    const config = parseConfig(FILE, text(['    variables: { A: "1" }']));
    const { env } = stepEnv({});
    assert.deepEqual(viewOf(config, 'production', { configPath: FILE, stepEnv: env }).variables, { A: '1' });
    assert.deepEqual(viewOf(config, '', { configPath: FILE, stepEnv: env }).variables, undefined);
  });

  it('a misspelt or incomplete key is an error naming the line, the key and the fix', () => {
    fails(
      () => parseConfig(FILE, text(['    serverless: { enviroment: production }'])),
      /studio-flow-ci\.yml:\d+:\d+/,
      /serverless\.enviroment is not a known key\. Did you mean "environment"\?/,
    );
    fails(
      () => parseConfig(FILE, text(['    taskrouter: {}'])),
      /environments\.production\.taskrouter has no "workspace"\. Add it \(e\.g\. workspace: Flex Task Assignment\)/,
    );
    fails(() => parseConfig(FILE, text(['    serverless: { environment: "" }'])), /must not be empty/);
    fails(() => parseConfig(FILE, text(['    taskrouter: { workspace: [a, b] }'])), /workspace must be a string/);
    fails(() => parseConfig(FILE, text(['    serverless: production'])), /serverless must be a mapping/);
  });
});

describe('config: ${env.NAME} errors', () => {
  const view =
    (value: string, values: Record<string, string> = {}) =>
    () =>
      viewOf(parseConfig(FILE, text([`    variables: { K: ${JSON.stringify(value)} }`])), 'production', {
        configPath: FILE,
        stepEnv: stepEnv(values).env,
      });

  it('a missing or empty variable names it, the key, the file and the fix', () => {
    fails(
      view('${env.PROD_KEY}'),
      /\.github\/studio-flow-ci\.yml: environments\.production\.variables\.K: \$\{env\.PROD_KEY\} is not set in the step's environment/,
      /Set PROD_KEY in the step's env:/,
    );
    fails(view('${env.PROD_KEY}', { PROD_KEY: '' }), /is empty/);
  });

  it('reserved names are refused: the action’s inputs, its token and credentials, the runner’s internals', () => {
    for (const name of [
      'INPUT_TWILIO-AUTH-TOKEN',
      'INPUT_GITHUB_TOKEN',
      'GITHUB_TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'TWILIO_AUTH_TOKEN',
      'TWILIO_API_SECRET',
    ]) {
      const values = { [name]: 'secret-value-123456' };
      if (name.includes('-')) {
        fails(view(`\${env.${name}}`, values), /not a well-formed/);
        continue;
      }
      const message = fails(view(`\${env.${name}}`, values), new RegExp(`\\$\\{env\\.${name}\\} may not be read`));
      assert.doesNotMatch(message, /secret-value/);
    }
  });

  it('malformed names and hostile text: one line, bounded, no value', () => {
    fails(view('${env.lower}'), /not a well-formed \$\{env\.NAME\}/);
    fails(view('${env.1ABC}'), /not a well-formed/);
    fails(view('${env.OPEN'), /not a well-formed/);
    const message = fails(view(`\${env.<img src=x>@team${'x'.repeat(500)}}`), /not a well-formed/);
    assert.ok(message.length < 600);
  });
});

describe('config changes that move name references', () => {
  it('serverless.environment affects flows with ${function:…}, taskrouter.workspace those with workflows or channels', async () => {
    const { affectedByConfig } = await import('../../src/config/changes.ts');
    const cfg = (env: string, ws: string) =>
      parseConfig(
        FILE,
        `environments:\n  production:\n    serverless: { environment: ${env} }\n    taskrouter: { workspace: ${ws} }\n`,
      );
    const uses = [
      { path: 'fn.json', variables: [], names: new Set(['function']) },
      { path: 'flex.json', variables: [], names: new Set(['workflow']) },
      { path: 'plain.json', variables: [] },
    ];
    assert.deepEqual(affectedByConfig(cfg('a', 'W'), cfg('b', 'W'), 'production', uses), [
      { path: 'fn.json', why: 'serverless.environment' },
    ]);
    assert.deepEqual(affectedByConfig(cfg('a', 'W'), cfg('a', 'X'), 'production', uses), [
      { path: 'flex.json', why: 'taskrouter.workspace' },
    ]);
    assert.deepEqual(affectedByConfig(cfg('a', 'W'), cfg('a', 'W'), 'production', uses), []);
  });
});
