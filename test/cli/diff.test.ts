/** `diff`: each flow file against its live flow in Studio, as the pull-request comment shows it. */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { makeWorkspace, ROOT } from '../support/run-action.ts';
import { EXAMPLES_LIVE, runCli } from './run-cli.ts';

const ACCOUNT = `AC${'d1'.repeat(16)}`;
const TOKEN = 'cli-diff-auth-token';

describe('studio-flow-ci diff --emulator-seed', () => {
  test('prints the change per widget in plain text: revision line, values, text diff, rewired transitions', async () => {
    const run = await runCli(['diff', '--emulator-seed', EXAMPLES_LIVE, 'examples/main-ivr.json']);
    assert.equal(run.code, 0, run.stderr);
    const expected = [
      'examples/main-ivr.json',
      /^ {2}Main IVR · live r1 \(published \d{4}-\d\d-\d\d, commit 3f2a9c1\) → r2 on merge$/,
      '',
      '  1 widget removed, 2 changed; 1 moved on the canvas',
      '',
      '  Removed say_closed · say-play',
      '',
      '  Changed gather_menu · gather-input-on-call',
      '',
      '  - say:',
      '    - Thanks for calling. Press 1 for sales, 2 for support.',
      "    + Thanks for calling {{flow.data.company | default: 'Owl Bank'}}. Press 1 for sales, 2 for support.",
      '  - timeout: 3 → 5',
      '  - gather_menu --timeout--> say_goodbye (was connect_support)',
      '',
      '  Changed split_choice · split-based-on',
      '',
      '  - split_choice --noMatch--> say_goodbye (was say_closed)',
      '',
    ];
    const lines = run.stdout.split('\n');
    assert.equal(lines.length, expected.length, run.stdout);
    expected.forEach((want, i) =>
      typeof want === 'string' ? assert.equal(lines[i], want) : assert.match(lines[i] as string, want),
    );
    assert.doesNotMatch(run.stdout, /[`*\\]/, 'no Markdown markup when stdout is not a terminal');
    assert.ok(!run.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
  });

  test('a flow not in Studio yet "will be created"; a file with errors is not compared, its errors on stderr, exit 1', async () => {
    const run = await runCli(['diff', '--emulator-seed', EXAMPLES_LIVE, '--flows', 'examples/*.json']);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^examples\/sms-survey\.json\n {2}sms-survey · not in Studio yet: will be created on merge$/m,
    );
    assert.match(run.stderr, /^examples\/sms-survey\.json:39:11: error: /m);
    const broken = await makeWorkspace({ 'flows/broken.json': '{ "states": [' });
    const unread = await runCli(['diff', '--emulator', '--workspace', broken]);
    assert.equal(unread.code, 1);
    assert.match(unread.stdout, /^flows\/broken\.json\n {2}not compared with Studio: 1 error \(see above\)$/m);
  });

  test('a flow with drafts only is the same flow: diffed against its draft, never "will be created"', async () => {
    const definition = {
      description: 'd',
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ event: 'incomingMessage' }],
          properties: { offset: { x: 0, y: 0 } },
        },
      ],
    };
    const seed = await makeWorkspace({
      'survey.json': JSON.stringify({ friendly_name: 'Survey', status: 'draft', definition }),
    });
    const workspace = await makeWorkspace({
      'flows/survey.json': JSON.stringify({
        friendlyName: 'Survey',
        definition: { ...definition, description: 'new' },
      }),
    });
    const run = await runCli(['diff', '--emulator-seed', seed, '--workspace', workspace]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^flows\/survey\.json\n {2}Survey · draft r1 \(never published, saved \d{4}-\d\d-\d\d\) → r2 on merge\n {2}Flow FW[0-9a-f]{32} \("Survey"\) was never published: a merge updates it in place/m,
    );
    assert.doesNotMatch(run.stdout, /will be created/);
  });

  test("--markdown prints each flow's section of the comment: revision line, changes, Mermaid picture", async () => {
    const run = await runCli(['diff', '--emulator-seed', EXAMPLES_LIVE, '--markdown', 'examples/main-ivr.json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^<details open><summary>✅ Main IVR — <code>examples\/main-ivr\.json<\/code><\/summary>/);
    assert.match(run.stdout, /→ \*\*r2\*\* on merge/);
    assert.match(run.stdout, /- `timeout`: `3` → `5`/);
    assert.match(run.stdout, /```mermaid\nflowchart TD\n/);
  });

  test('--exit-code: 0 when every flow matches Studio, 1 when one differs or is new', async () => {
    const same = await runCli([
      'diff',
      '--emulator-seed',
      EXAMPLES_LIVE,
      '--exit-code',
      '--workspace',
      EXAMPLES_LIVE,
      '--flows',
      'main-ivr.json',
    ]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^main-ivr\.json\n {2}Main IVR · no changes · live r1 /);
    const changed = await runCli(['diff', '--emulator-seed', EXAMPLES_LIVE, '--exit-code', 'examples/main-ivr.json']);
    assert.equal(changed.code, 1);
    const created = await runCli(['diff', '--emulator', '--exit-code', 'examples/main-ivr.json']);
    assert.equal(created.code, 1);
    assert.match(created.stdout, /will be created on merge/);
    assert.equal(
      (await runCli(['diff', '--emulator', 'examples/main-ivr.json'])).code,
      0,
      'without --exit-code a difference is not a failure',
    );
  });

  test('--progress ticks per flow on stderr, stdout keeps only the diff', async () => {
    const run = await runCli([
      'diff',
      '--emulator-seed',
      EXAMPLES_LIVE,
      '--progress',
      '--fail-on',
      'never',
      '--flows',
      'examples/*.json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const n = (await readdir(path.join(ROOT, 'examples'))).filter((f) => f.endsWith('.json')).length;
    assert.ok(n >= 2);
    assert.deepEqual(
      run.stderr
        .match(new RegExp(`^\\[\\d+\\/${n}\\] .+$`, 'gm'))
        ?.map((l) => l.slice(0, l.indexOf(']') + 1))
        .sort(),
      Array.from({ length: n }, (_, i) => `[${i + 1}/${n}]`).sort(),
    );
    assert.doesNotMatch(run.stdout, /\[\d+\/\d+\]/);
  });
});

describe('studio-flow-ci diff against Studio (credentials from the environment)', () => {
  let studio: EmulatorHandle;
  before(async () => {
    const live = JSON.parse(await readFile(path.join(EXAMPLES_LIVE, 'main-ivr.json'), 'utf8')) as {
      definition: unknown;
    };
    studio = await startEmulator({
      credentials: { accountSid: ACCOUNT, authToken: TOKEN },
      seed: [{ friendlyName: 'Main IVR', definition: live.definition, commitMessage: 'edited in the Console' }],
    });
  });
  after(() => studio.close());

  test('reads the live flow (one list call, one fetch) and never calls Validate', async () => {
    studio.requests.length = 0;
    const run = await runCli(['diff', '--studio-url', studio.url, 'examples/main-ivr.json'], {
      env: { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Main IVR · live r1 \(published \d{4}-\d\d-\d\d, “edited in the Console”\) → r2 on merge/);
    assert.deepEqual(
      studio.requests.map((r) => `${r.method} ${r.path}`),
      ['GET /v2/Flows', `GET /v2/Flows/${studio.store.list()[0]?.sid}`],
    );
  });

  test('without credentials (and no --emulator) diff is bad input naming the variables, exit 2', async () => {
    const run = await runCli(['diff', '--studio-url', studio.url, 'examples/main-ivr.json']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN/);
    assert.equal(run.stdout, '');
  });

  test('a config environment names the live flow: its friendly name applies', async () => {
    const workspace = await makeWorkspace({
      'flows/ivr.json': await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8'),
      'studio.yml':
        'environments:\n  prod: {}\nflows:\n  - path: flows/ivr.json\n    environments:\n      prod: { friendly_name: Other IVR }\n',
    });
    const env = { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN };
    const plain = await runCli(
      ['diff', '--studio-url', studio.url, '--workspace', workspace, '--config', 'studio.yml'],
      { env },
    );
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /Main IVR · live r1/);
    const prod = await runCli(
      ['diff', '--studio-url', studio.url, '--workspace', workspace, '--config', 'studio.yml', '--environment', 'prod'],
      { env },
    );
    assert.equal(prod.code, 0, prod.stderr);
    assert.match(prod.stdout, /Other IVR · not in Studio yet: will be created on merge/);
  });
});
