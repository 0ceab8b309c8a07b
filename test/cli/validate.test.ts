/** `lint`, `validate` and its alias `check`: findings on stderr at file:line:column, exit codes, credentials, config. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { makeWorkspace, ROOT } from '../support/run-action.ts';
import { EXAMPLES_LIVE, runCli } from './run-cli.ts';

const ACCOUNT = `AC${'c1'.repeat(16)}`;
const TOKEN = 'cli-test-auth-token';
const API_KEY = `SK${'c2'.repeat(16)}`;
const API_SECRET = 'cli-test-api-secret';
const SURVEY_ERROR =
  /^examples\/sms-survey\.json:39:11: error: Widget "check_score" \(split-based-on\): transition "match" goes to "escalate_low_score"/m;

describe('studio-flow-ci lint', () => {
  test('a valid flow passes: exit 0, nothing on stdout', async () => {
    const run = await runCli(['lint', 'examples/main-ivr.json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.doesNotMatch(run.stderr, /: (error|warning): /);
    assert.match(run.stderr, /^examples\/main-ivr\.json: 0 error\(s\), 0 warning\(s\), Validate: offline$/m);
  });

  test('a broken flow fails: exit 1, the error at its line and column, the failing file named', async () => {
    const run = await runCli(['lint', '--flows', 'examples/*.json']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, SURVEY_ERROR);
    assert.match(
      run.stderr,
      // The broken transition, and the demo's flow test that meets it (examples/sms-survey.test.yaml).
      /Studio flow check failed \(fail-on: error\): examples\/sms-survey\.json \(2 errors, 1 warning; 1 failing flow test\)\.\n$/,
    );
    assert.doesNotMatch(run.stderr, /No Twilio credentials/, 'lint asked for no Studio: no warning about it');
  });

  test('--fail-on decides the exit code', async () => {
    assert.equal((await runCli(['lint', '--fail-on', 'never', 'examples/sms-survey.json'])).code, 0);
    assert.equal((await runCli(['lint', '--fail-on', 'warning', 'examples/main-ivr.json'])).code, 0);
    const warnings = await makeWorkspace({ 'flows/lonely.json': await lonelyWidgetFlow() });
    assert.equal((await runCli(['lint', '--workspace', warnings])).code, 0, 'a warning passes by default');
    assert.equal((await runCli(['lint', '--workspace', warnings, '--fail-on', 'warning'])).code, 1);
  });

  test('never calls Studio, even with credentials in the environment', async () => {
    const run = await runCli(['lint', '--studio-url', 'http://127.0.0.1:9', 'examples/main-ivr.json'], {
      env: { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN },
    });
    assert.equal(run.code, 0, run.stderr);
  });

  test('a JSON syntax error is reported at its line (the default glob, relative to --workspace)', async () => {
    const workspace = await makeWorkspace({ 'flows/broken.json': '{\n  "states": [\n    oops\n  ]\n}\n' });
    const run = await runCli(['lint', '--workspace', workspace]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^flows\/broken\.json:3:5: error: /m);
  });

  test('no flow files: bad input, exit 2, naming the glob (as the action does), not a green check of nothing', async () => {
    const workspace = await makeWorkspace({ 'README.md': 'no flows here' });
    const run = await runCli(['lint', '--workspace', workspace]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /"flows\/\*\*\/\*\.json" matches no file in .*nothing would be checked/);
  });

  test('--progress prints [n/total] per flow on stderr; without it (not a terminal) there is none', async () => {
    const run = await runCli([
      'lint',
      '--progress',
      '--fail-on',
      'never',
      'examples/main-ivr.json',
      'examples/sms-survey.json',
    ]);
    assert.equal(run.code, 0);
    const ticks = run.stderr.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l));
    assert.equal(ticks.length, 2);
    assert.deepEqual(ticks.map((t) => t.slice(0, 6)).sort(), ['[1/2] ', '[2/2] ']);
    assert.deepEqual(ticks.map((t) => t.slice(6)).sort(), ['examples/main-ivr.json', 'examples/sms-survey.json']);
    const quiet = await runCli(['lint', '--fail-on', 'never', 'examples/main-ivr.json', 'examples/sms-survey.json']);
    assert.doesNotMatch(quiet.stderr, /^\[\d+\/\d+\]/m);
    const off = await runCli(['lint', '--no-progress', 'examples/main-ivr.json']);
    assert.doesNotMatch(off.stderr, /^\[\d+\/\d+\]/m);
  });

  test('the config file and --environment: variables resolved before the lint; an unknown environment is bad input', async () => {
    const workspace = await makeWorkspace({
      'flows/notify.json': JSON.stringify(notifyFlow()),
      '.github/studio-flow-ci.yml': 'environments:\n  staging:\n    variables:\n      ONCALL_NUMBER: "+15005550006"\n',
    });
    const ok = await runCli(['lint', '--workspace', workspace, '--environment', 'staging', '--fail-on', 'warning']);
    assert.equal(ok.code, 0, ok.stderr);
    const unresolved = await runCli(['lint', '--workspace', workspace, '--fail-on', 'warning']);
    assert.equal(unresolved.code, 1, 'without an environment the placeholder is left: a warning');
    assert.match(unresolved.stderr, /ONCALL_NUMBER/);
    const unknown = await runCli(['lint', '--workspace', workspace, '--environment', 'prod']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /prod/);
    const missing = await runCli([
      'lint',
      '--workspace',
      workspace,
      '--config',
      'nowhere.yml',
      '--environment',
      'staging',
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--environment is 'staging', but there is no config file at nowhere\.yml/);
  });
});

describe('studio-flow-ci validate against the emulator', () => {
  let studio: EmulatorHandle;
  before(async () => {
    studio = await startEmulator({
      credentials: { accountSid: ACCOUNT, authToken: TOKEN, apiKeys: [{ sid: API_KEY, secret: API_SECRET }] },
    });
  });
  after(() => studio.close());

  test('credentials from TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN: Twilio Validate is asked, exit 0', async () => {
    studio.requests.length = 0;
    const run = await runCli(['validate', '--studio-url', studio.url, 'examples/main-ivr.json'], {
      env: { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^examples\/main-ivr\.json: 0 error\(s\), 0 warning\(s\), Validate: valid$/m);
    assert.ok(studio.requests.some((r) => r.method === 'POST' && r.path === '/v2/Flows/Validate' && r.status === 200));
  });

  test('credentials from TWILIO_API_KEY + TWILIO_API_SECRET work the same; check is an alias of validate', async () => {
    const env = { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: API_SECRET };
    const validate = await runCli(['validate', '--studio-url', studio.url, 'examples/main-ivr.json'], { env });
    const check = await runCli(['check', '--studio-url', studio.url, 'examples/main-ivr.json'], { env });
    assert.equal(validate.code, 0, validate.stderr);
    assert.match(validate.stderr, /Validate: valid/);
    assert.deepEqual(check, validate);
  });

  test('without credentials validate is the offline lint, and says so', async () => {
    studio.requests.length = 0;
    const run = await runCli(['validate', '--studio-url', studio.url, 'examples/main-ivr.json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Validate: offline/);
    assert.match(run.stderr, /warning: No Twilio credentials/);
    assert.equal(studio.requests.length, 0);
  });

  test('wrong credentials are bad input (exit 2), naming the fix, never the secret', async () => {
    const run = await runCli(['validate', '--studio-url', studio.url, 'examples/main-ivr.json'], {
      env: { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: 'not-the-token' },
    });
    assert.equal(run.code, 2, run.stderr);
    assert.doesNotMatch(run.stderr + run.stdout, /not-the-token/);
  });

  test('a half-given credential is bad input naming the environment variable', async () => {
    const run = await runCli(['validate', '--studio-url', studio.url, 'examples/main-ivr.json'], {
      env: { TWILIO_AUTH_TOKEN: TOKEN },
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /TWILIO_ACCOUNT_SID is required with TWILIO_AUTH_TOKEN/);
  });
});

describe('studio-flow-ci validate --emulator', () => {
  test('Studio errors and lint errors fail (exit 1); --markdown prints the pull-request comment on stdout', async () => {
    const run = await runCli([
      'validate',
      '--emulator-seed',
      EXAMPLES_LIVE,
      '--markdown',
      'examples/main-ivr.json',
      'examples/sms-survey.json',
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^<!-- studio-flow-ci:check -->/);
    assert.match(
      run.stdout,
      /Main IVR · live r1 \(published \d{4}-\d\d-\d\d, commit `3f2a9c1`\) → \*\*r2\*\* on merge/,
    );
    assert.match(run.stdout, /```mermaid/);
    assert.match(run.stderr, SURVEY_ERROR);
  });

  test('demo runs the examples against the emulator and exits 0 (fail-on never)', async () => {
    const run = await runCli(['demo'], { cwd: path.join(ROOT, 'test') });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Main IVR/);
    assert.match(run.stdout, /sms-survey/);
  });
});

/** main-ivr with one widget no transition reaches: a warning, not an error. */
async function lonelyWidgetFlow(): Promise<string> {
  const flow = JSON.parse(await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8')) as {
    definition: { states: unknown[] };
  };
  flow.definition.states.push({
    name: 'lonely',
    type: 'say-play',
    transitions: [{ event: 'audioComplete' }],
    properties: { say: 'hi', offset: { x: 0, y: 900 } },
  });
  return JSON.stringify(flow, null, 2);
}

function notifyFlow() {
  return {
    description: 'Notify the on-call number',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [
          { event: 'incomingMessage' },
          { event: 'incomingCall' },
          { next: 'notify', event: 'incomingRequest' },
        ],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'notify',
        type: 'send-message',
        transitions: [{ event: 'sent' }, { event: 'failed' }],
        properties: {
          from: '{{flow.channel.address}}',
          to: '${var.ONCALL_NUMBER}',
          body: 'Alert',
          offset: { x: 0, y: 200 },
        },
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}
