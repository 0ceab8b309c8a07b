/**
 * End to end through dist/ with the real emulator serving Studio, Serverless and TaskRouter: one flow file of name
 * references deploys to two accounts (staging, production) with each account's own SIDs and Function URL, and a
 * pull request naming a Function path that is not in the deployed build fails at that line, writing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import {
  expectedValues,
  heldDefinition,
  portableDefinition,
  requestsTo,
  SHA,
  startAccount,
  studioWrites,
  type Account,
} from '../support/name-accounts.ts';
import { makeWorkspace, prPayload, runAction, writeEvent } from '../support/run-action.ts';

const GH_TOKEN = 'ghs_namesE2eToken00000000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const NAME = 'Portable IVR';

// Staging picks its Serverless environment by domain suffix and has one workspace (none named); production picks
// by unique name among two environments and names its workspace; preview, in the production account, picks the
// other environment by its suffix.
const CONFIG = `# studio-flow-ci config
environments:
  staging:
    serverless: { environment: stage }
  production:
    serverless: { environment: production }
    taskrouter: { workspace: Flex Task Assignment }
  preview:
    serverless: { environment: dev }
    taskrouter: { workspace: Flex Task Assignment }
flows:
  - path: flows/portable.json
    environments:
      preview: { friendly_name: Portable IVR (preview) }
`;

let staging: Account;
let production: Account;
let github: FakeGitHub;

const fileOf = (definition: unknown) => `${JSON.stringify({ friendly_name: NAME, definition }, null, 2)}\n`;

const inputsFor = (account: Account, environment: string) => ({
  'twilio-account-sid': account.accountSid,
  'twilio-auth-token': account.authToken,
  flows: 'flows/**/*.json',
  'studio-url': account.emulator.url,
  'github-token': GH_TOKEN,
  environment,
  'fail-on': 'error',
});

async function deploy(account: Account, environment: string, text: string) {
  const workspace = await makeWorkspace({ 'flows/portable.json': text, '.github/studio-flow-ci.yml': CONFIG });
  const event = {
    ref: 'refs/heads/master',
    before: '0'.repeat(40),
    after: SHA,
    created: true,
    repository: { default_branch: 'master' },
  };
  return runAction({
    workspace,
    eventName: 'push',
    eventPath: await writeEvent(event),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: { ...inputsFor(account, environment), mode: 'deploy', deploy: 'all' },
  });
}

async function openPR(number: number, account: Account, text: string) {
  const lines = text.split('\n').slice(0, -1);
  const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
  const file: FakeFile = { filename: 'flows/portable.json', status: 'added', patch };
  github.pullFiles.set(number, [file]);
  github.contents.set(BASE_SHA, new Map([['.github/studio-flow-ci.yml', CONFIG]]));
  // The PR head (the review comments are placed on its lines).
  github.contents.set(SHA, new Map([['flows/portable.json', text]]));
  const workspace = await makeWorkspace({ 'flows/portable.json': text, '.github/studio-flow-ci.yml': CONFIG });
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  return runAction({
    workspace,
    eventName: 'pull_request',
    eventPath,
    apiUrl: github.url,
    inputs: { ...inputsFor(account, 'production'), mode: 'check' },
  });
}

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
  staging = await startAccount('staging.json', `AC${'5a'.repeat(16)}`);
  production = await startAccount('production.json', `AC${'9d'.repeat(16)}`);
});
after(async () => {
  await staging.emulator.close();
  await production.emulator.close();
  await github.close();
});

describe('one flow file of names, two accounts', () => {
  test('deploys to staging and to production, each Studio holding its own account’s SIDs and URL', async () => {
    const text = fileOf(portableDefinition());
    const runs = [
      { account: staging, environment: 'staging', serverless: 'staging' },
      { account: production, environment: 'production', serverless: 'production' },
    ];
    for (const { account, environment } of runs) {
      const r = await deploy(account, environment, text);
      assert.equal(r.code, 0, `${environment}: ${r.stdout}`);
    }
    const held = runs.map(({ account, serverless }) => {
      const want = expectedValues(account, { environment: serverless, path: '/api/hours' });
      const def = heldDefinition(account.emulator, NAME) as ReturnType<typeof portableDefinition> | undefined;
      assert.ok(def, `the ${serverless} account holds the flow`);
      const props = (name: string) => def.states.find((s) => s.name === name)?.properties as Record<string, unknown>;
      const fn = props('check_hours');
      const flex = props('to_agent');
      assert.deepEqual(
        {
          service_sid: fn.service_sid,
          environment_sid: fn.environment_sid,
          function_sid: fn.function_sid,
          url: fn.url,
          workflow: flex.workflow,
          channel: flex.channel,
          flow_sid: props('helper').flow_sid,
        },
        want,
        `${serverless}: the definition Studio holds`,
      );
      // Everything else is the file's own text: parameters, Liquid, layout.
      assert.deepEqual(fn.parameters, [{ key: 'tz', value: 'Europe/London' }]);
      assert.equal(flex.attributes, '{"name": "{{trigger.call.From}}"}');
      assert.ok(!JSON.stringify(def).includes('${'), `${serverless}: no reference left in what Studio holds`);
      return want;
    });
    // The two accounts really differ in every value, so each came from its own account.
    const [a, b] = held;
    assert.ok(a && b);
    for (const key of Object.keys(a) as (keyof typeof a)[])
      assert.notEqual(a[key], b[key], `${key} differs between the accounts`);
    // Production chose the environment named "production" over "dev-environment" (a different domain).
    assert.doesNotMatch(String(b.url), /-dev\.twil\.io/);
    assert.match(String(a.url), /-stage\.twil\.io\/api\/hours$/);
  });

  test('in one account the configured environment decides: preview gets the dev build; a path only it holds fails production', async () => {
    const preview = await deploy(
      production,
      'preview',
      fileOf(portableDefinition('${function:hours/api/not-yet-live}')),
    );
    assert.equal(preview.code, 0, preview.stdout);
    const want = expectedValues(production, { environment: 'dev-environment', path: '/api/not-yet-live' });
    const def = heldDefinition(production.emulator, `${NAME} (preview)`) as ReturnType<typeof portableDefinition>;
    const fn = def.states.find((s) => s.name === 'check_hours')?.properties as Record<string, unknown>;
    assert.deepEqual(
      [fn.service_sid, fn.environment_sid, fn.function_sid, fn.url],
      [want.service_sid, want.environment_sid, want.function_sid, want.url],
    );
    assert.match(String(fn.url), /-dev\.twil\.io\/api\/not-yet-live$/);

    production.emulator.requests.length = 0;
    const before = heldDefinition(production.emulator, NAME);
    const live = await deploy(
      production,
      'production',
      fileOf(portableDefinition('${function:hours/api/not-yet-live}')),
    );
    assert.equal(live.code, 1, live.stdout);
    assert.match(
      live.stdout,
      /::error title=Studio flow lint \(name-reference\),file=flows\/portable\.json,line=\d+,col=\d+::.*names path "\/api\/not-yet-live", which the build deployed to environment "production" of service "hours" does not hold\..*It is deployed in "dev-environment"/,
    );
    assert.equal(studioWrites(production.emulator).length, 0, 'nothing written');
    assert.deepEqual(heldDefinition(production.emulator, NAME), before);
  });

  test('a pull request naming a Function path not in the deployed build fails at that line, writing nothing', async () => {
    production.emulator.requests.length = 0;
    const text = fileOf(portableDefinition('${function:hours/api/hour}'));
    const lines = text.split('\n');
    // The four run-function fields hold the reference: one mistake, said once at the first field's line.
    const line = lines.findIndex((l) => l.includes('"service_sid": "${function:hours/api/hour}"')) + 1;
    assert.ok(line > 0);
    const r = await openPR(41, production, text);
    assert.equal(r.code, 1, r.stdout);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error title=') && l.includes('/api/hour'));
    assert.equal(annotations.length, 1, r.stdout);
    assert.match(
      annotations[0]!,
      new RegExp(`^::error title=Studio flow lint \\(name-reference\\),file=flows/portable\\.json,line=${line},`),
    );
    assert.match(annotations[0]!, /names path "\/api\/hour", which the build deployed to environment "production"/);
    assert.match(annotations[0]!, /The same reference is in environment_sid, function_sid, url too\./);
    assert.match(annotations[0]!, /Did you mean "\/api\/hours"\?/);
    const reviews = github.reviewComments.get(41) ?? [];
    assert.deepEqual(
      reviews.map((c) => [c.path, c.line]),
      [['flows/portable.json', line]],
    );
    assert.match(reviews[0]!.body, /\/api\/hour\b/);
    assert.match(reviews[0]!.body, /Did you mean "\/api\/hours"/);
    const comment = github.comments.get(41)?.[0]?.body ?? '';
    assert.match(comment, new RegExp(`line ${line}:\\d+`));
    assert.equal(studioWrites(production.emulator).length, 0, 'nothing written to Studio');
    assert.ok(requestsTo(production.emulator, 'serverless').length > 0, 'the build was read from Serverless');
  });
});
