import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environmentNames, flowTarget, parseConfig, requireEnvironment } from '../../src/config/load.ts';

const SID_A = 'FW0123456789abcdef0123456789abcdef';
const SID_B = 'FWfedcba9876543210fedcba9876543210';
const config = parseConfig(
  '.github/studio-flow-ci.yml',
  [
    'environments:',
    '  staging: {}',
    '  production: {}',
    'flows:',
    '  - path: flows/main-ivr.json',
    '    friendly_name: Main IVR',
    '    environments:',
    `      staging: { sid: ${SID_A}, friendly_name: "Main IVR (staging)" }`,
    `      production: { sid: ${SID_B} }`,
    '  - path: flows/new.json',
    '    environments:',
    '      staging: { friendly_name: New }',
    '',
  ].join('\n'),
);

test('environmentNames lists the defined environments in file order', () => {
  assert.deepEqual(environmentNames(config), ['staging', 'production']);
  assert.deepEqual(environmentNames(parseConfig('c.yml', '')), []);
});

test('flowTarget prefers the environment entry, then the flow default', () => {
  assert.deepEqual(flowTarget(config, 'flows/main-ivr.json', 'staging'), {
    sid: SID_A,
    friendlyName: 'Main IVR (staging)',
  });
  assert.deepEqual(flowTarget(config, 'flows/main-ivr.json', 'production'), { sid: SID_B, friendlyName: 'Main IVR' });
  assert.deepEqual(flowTarget(config, 'flows/new.json', 'staging'), { friendlyName: 'New' });
  assert.deepEqual(flowTarget(config, 'flows/new.json', 'production'), {});
});

test('flowTarget is empty for a file the config does not list, or an inherited property name', () => {
  assert.deepEqual(flowTarget(config, 'flows/other.json', 'staging'), {});
  assert.deepEqual(flowTarget(config, 'flows/main-ivr.json', 'constructor'), { friendlyName: 'Main IVR' });
});

test('requireEnvironment accepts a defined environment', () => {
  assert.doesNotThrow(() => requireEnvironment(config, 'production', '.github/studio-flow-ci.yml'));
});

test('requireEnvironment refuses an undefined one, listing the defined ones and the fix', () => {
  assert.throws(() => requireEnvironment(config, 'prod', '.github/studio-flow-ci.yml'), {
    name: 'UserError',
    message:
      'The environment "prod" is not defined in .github/studio-flow-ci.yml (defined: staging, production). ' +
      'Set the environment to one of them, or add "prod" under "environments" in .github/studio-flow-ci.yml.',
  });
  assert.throws(() => requireEnvironment(config, 'toString', 'c.yml'), {
    name: 'UserError',
    message: /^The environment "toString" is not defined/,
  });
  assert.throws(() => requireEnvironment(parseConfig('c.yml', '{}'), 'staging', 'c.yml'), {
    name: 'UserError',
    message:
      'The environment "staging" is not defined in c.yml (no environments are defined). Add it under "environments" in c.yml, or leave the environment unset.',
  });
});
