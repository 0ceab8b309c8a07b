/**
 * End to end through dist/ with the real emulator serving test/fixtures/account/ambiguous.json: names that cannot
 * be decided (two services of one unique name, two workspaces and none configured, two workflows and two task
 * channels of one name) fail the deploy, each at its line naming what is ambiguous and the fix; nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { portableDefinition, SHA, startAccount, studioWrites, type Account } from '../support/name-accounts.ts';
import { makeWorkspace, runAction, writeEvent } from '../support/run-action.ts';

const GH_TOKEN = 'ghs_namesAmbiguousE2eToken00000000000000';

let account: Account;
let github: FakeGitHub;

async function deploy(config: string, text: string) {
  const workspace = await makeWorkspace({ 'flows/portable.json': text, '.github/studio-flow-ci.yml': config });
  const event = { ref: 'refs/heads/master', before: '0'.repeat(40), after: SHA, created: true };
  return runAction({
    workspace,
    eventName: 'push',
    eventPath: await writeEvent({ ...event, repository: { default_branch: 'master' } }),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': account.accountSid,
      'twilio-auth-token': account.authToken,
      flows: 'flows/**/*.json',
      'studio-url': account.emulator.url,
      'github-token': GH_TOKEN,
      environment: 'production',
      mode: 'deploy',
      deploy: 'all',
    },
  });
}

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
  account = await startAccount('ambiguous.json', `AC${'a8'.repeat(16)}`);
});
after(async () => {
  await account.emulator.close();
  await github.close();
});

test('ambiguous names and an undecidable workspace fail the deploy at their lines, naming both SIDs, writing nothing', async () => {
  const definition = portableDefinition();
  const flex = definition.states.find((s) => s.name === 'to_agent')!.properties as Record<string, unknown>;
  flex.workflow = '${workflow:Assign to Anyone}';
  const text = `${JSON.stringify({ friendly_name: 'Ambiguous', definition }, null, 2)}\n`;
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const errorAt = (stdout: string, needle: string) =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('::error title=Studio flow lint (name-reference),file=flows/portable.json,'))
      .find((l) => l.includes(`,line=${lineOf(needle)},`)) ?? `no error at ${needle}:\n${stdout}`;
  const [hours1, hours2] = account.emulator.account.services.filter((s) => s.uniqueName === 'hours');
  const ws = account.emulator.account.workspaces[0]!;
  const [ww1, ww2] = ws.workflows;
  const [tc1, tc2] = ws.channels;

  const noChoice = await deploy('environments:\n  production: {}\n', text);
  assert.equal(noChoice.code, 1, noChoice.stdout);
  assert.match(
    errorAt(noChoice.stdout, '"url": '),
    new RegExp(`is ambiguous: 2 services are named "hours".*${hours1!.sid}.*${hours2!.sid}.*%0AFix: Rename`),
  );
  assert.match(errorAt(noChoice.stdout, '"workflow": '), /the account has 2.*%0AFix: .*taskrouter\.workspace/);

  const chosen = await deploy(
    'environments:\n  production:\n    taskrouter: { workspace: Flex Task Assignment }\n',
    text,
  );
  assert.equal(chosen.code, 1, chosen.stdout);
  assert.match(
    errorAt(chosen.stdout, '"workflow": '),
    new RegExp(`is ambiguous: 2 workflows are named "Assign to Anyone" .*${ww1!.sid}.*${ww2!.sid}`),
  );
  assert.match(
    errorAt(chosen.stdout, '"channel": '),
    new RegExp(`is ambiguous: 2 task channels are named "voice" .*${tc1!.sid}.*${tc2!.sid}`),
  );
  for (const run of [noChoice, chosen])
    assert.match(run.stdout, /::error::Nothing was deployed: 1 flow failed the check \(flows\/portable\.json\)/);
  assert.equal(studioWrites(account.emulator).length, 0, 'nothing written to Studio');
});
