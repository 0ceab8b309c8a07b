/**
 * End to end: which Studio flow a flow file is (issue 10, "Wrong flow written", "Duplicate flows",
 * "Twilio CLI exports misread", the PR side of "Drift misjudged"). The action's bundle on real event
 * payloads, against the Studio emulator and the fake GitHub on loopback.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'1d'.repeat(16)}`;
const TOKEN_TW = 'identity-e2e-auth-token';
const GH_TOKEN = 'ghs_identityE2eToken000000000000000000';
const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PR = 9;

let studio: EmulatorHandle;
let github: FakeGitHub;

const trigger = (next: string) => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [
    { event: 'incomingMessage' },
    { event: 'incomingCall', next },
    { event: 'incomingRequest' },
    { event: 'incomingParent', next },
  ],
  properties: { offset: { x: 0, y: 0 } },
});
/** A valid definition that says `text`; `extra` states follow it. */
function definition(text: string, extra: Record<string, unknown>[] = []) {
  const say = {
    name: 'say',
    type: 'say-play',
    transitions: [{ event: 'audioComplete', ...(extra[0] ? { next: extra[0]['name'] } : {}) }],
    properties: { say: text, offset: { x: 0, y: 200 } },
  };
  return {
    description: 'identity e2e',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [trigger('say'), say, ...extra],
  };
}
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const seed = (friendlyName: string, text: string, status: 'published' | 'draft' = 'published') =>
  studio.store.create({
    friendlyName,
    definition: definition(text),
    status,
    commitMessage: BEFORE,
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
const writes = () =>
  studio.requests.filter((r) => (r.method === 'POST' && r.path !== '/v2/Flows/Validate') || r.method === 'DELETE');
const named = (name: string) => studio.store.list().filter((f) => f.revisions.at(-1)?.friendlyName === name);
const inputs = (extra: Record<string, string>) => ({
  'twilio-account-sid': ACCOUNT,
  'twilio-auth-token': TOKEN_TW,
  flows: 'flows/**/*.json',
  'studio-url': studio.url,
  'github-token': GH_TOKEN,
  ...extra,
});

/** A push to master of `files`; the compare lists `changed` (default: every file, modified). */
async function push(files: Record<string, string>, extra: Record<string, string> = {}, changed?: FakeFile[]) {
  github.compareFiles.set(
    `${BEFORE}...${SHA}`,
    changed ?? Object.keys(files).map((filename) => ({ filename, status: 'modified' as const })),
  );
  return runAction({
    workspace: await makeWorkspace(files),
    eventName: 'push',
    eventPath: await writeEvent({
      ref: 'refs/heads/master',
      before: BEFORE,
      after: SHA,
      created: false,
      deleted: false,
      forced: false,
      repository: { id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    }),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: inputs(extra),
  });
}

/** The PR check of `files` (workspace at the head); GitHub lists `changed`; `base` is the base branch's files. */
async function pullRequest(files: Record<string, string>, changed: FakeFile[], base: Record<string, string> = {}) {
  github.pullFiles.set(PR, changed);
  github.contents.set(BEFORE, new Map(Object.entries(base)));
  github.comments.set(PR, []);
  return runAction({
    workspace: await makeWorkspace(files),
    eventName: 'pull_request',
    eventPath: await prPayload((p) => {
      p.number = PR;
      p.pull_request.number = PR;
    }),
    apiUrl: github.url,
    inputs: inputs({}),
  });
}

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('wrong flow written', () => {
  test("with an environment, the file's own sid (production's) is never used: the staging flow is written", async () => {
    const production = seed('Notify', 'production text');
    const staging = seed('Notify (staging)', 'old staging text');
    const config = `environments:\n  staging: {}\n  production: {}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { friendly_name: Notify (staging) }\n`;
    const files = {
      'flows/notify.json': json({ sid: production, friendly_name: 'Notify', definition: definition('new text') }),
      '.github/studio-flow-ci.yml': config,
    };
    const run = await push(files, { environment: 'staging', deploy: 'all' });
    assert.equal(run.code, 0, run.stdout);
    const prod = studio.store.get(production)!;
    assert.deepEqual(
      prod.revisions.map((r) => [r.revision, r.friendlyName]),
      [[1, 'Notify']],
      'production is untouched',
    );
    const stage = studio.store.get(staging)!.revisions.at(-1)!;
    assert.deepEqual(
      [stage.revision, stage.friendlyName, (stage.definition as any).states[1].properties.say],
      [2, 'Notify (staging)', 'new text'],
    );
    assert.match(
      run.stdout,
      /::warning title=Studio flow identity \(file-sid-ignored\).*file=flows\/notify\.json.*is not used with the environment "staging"/,
    );
  });
});

describe('duplicate flows', () => {
  test('a sid that is not in the account is an error naming the SID and the file; nothing is created', async () => {
    const ghost = `FW${'ab'.repeat(16)}`;
    const run = await push(
      { 'flows/ghost.json': json({ sid: ghost, friendly_name: 'Ghost', definition: definition('boo') }) },
      { deploy: 'all', 'allow-create': 'true' },
    );
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      new RegExp(
        `::error title=Studio flow identity \\(flow-identity\\),file=flows/ghost\\.json.*No Studio flow has the SID ${ghost}.*"Ghost".*never created`,
      ),
    );
    assert.deepEqual(writes(), []);
    assert.equal(studio.store.list().length, 0);
  });

  test('a flow that only has drafts is the same flow: updated in place, never created again', async () => {
    const sid = seed('Survey', 'draft text', 'draft');
    const files = { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('published text') }) };
    const run = await push(files, { deploy: 'all' });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(named('Survey').length, 1, 'no second "Survey" flow');
    assert.deepEqual(
      studio.store.get(sid)!.revisions.map((r) => [r.revision, r.status]),
      [
        [1, 'draft'],
        [2, 'published'],
      ],
    );
    const again = await push(files, { deploy: 'all' });
    assert.equal(again.code, 0, again.stdout);
    assert.deepEqual(
      JSON.parse(again.outputs.deployed ?? '[]').map((d: any) => [d.status, d.sid]),
      [['unchanged', sid]],
    );
  });

  test('two files resolving to one flow name: an error naming both, nothing written', async () => {
    const files = { 'flows/a/survey.json': json(definition('A')), 'flows/b/survey.json': json(definition('B')) };
    const run = await push(files, { deploy: 'all' });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /flows\/a\/survey\.json and flows\/b\/survey\.json both resolve to the flow name "survey"/,
    );
    assert.deepEqual(writes(), []);
  });

  test('two files meeting on one SID (one by sid, one by name) are refused in a PR check that changes only one', async () => {
    const sid = seed('Survey', 'live');
    const files = {
      'flows/survey.json': json({ sid, friendly_name: 'Survey', definition: definition('new') }),
      'flows/copy.json': json({ friendly_name: 'Survey', definition: definition('live') }),
    };
    const run = await pullRequest(files, [{ filename: 'flows/survey.json', status: 'modified' }]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(
      run.stdout,
      new RegExp(`flows/survey\\.json and flows/copy\\.json both resolve to the Studio flow ${sid}`),
    );
    assert.deepEqual(writes(), []);
  });

  test('a renamed flow file keeps its flow on merge, and the PR comment says so', async () => {
    const sid = seed('greeting', 'hello');
    const files = { 'flows/welcome.json': json(definition('hello again')) };
    const renamed: FakeFile[] = [
      { filename: 'flows/welcome.json', status: 'renamed', previous_filename: 'flows/greeting.json' },
    ];
    const check = await pullRequest(files, renamed, { 'flows/greeting.json': json(definition('hello')) });
    assert.equal(check.code, 0, check.stdout);
    const comment = github.comments.get(PR)?.[0]?.body ?? '';
    assert.match(comment, new RegExp(`Renamed from \`flows/greeting\\.json\`: keeps flow \`${sid}\``));
    assert.doesNotMatch(comment, /will be created/);

    const run = await push(files, {}, renamed);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(studio.store.list().length, 1, 'no new flow: the live one (which phone numbers point at) is kept');
    const latest = studio.store.get(sid)!.revisions.at(-1)!;
    assert.deepEqual([latest.revision, latest.friendlyName], [2, 'welcome']);
  });
});

describe('Twilio CLI exports', () => {
  test('friendlyName (camelCase) is the name: the live flow is not renamed after the file, resource fields stay quiet', async () => {
    const sid = seed('Order updates', 'old');
    const exported = {
      sid,
      accountSid: ACCOUNT,
      friendlyName: 'Order updates',
      status: 'published',
      revision: 1,
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
      dateCreated: '2026-01-01T00:00:00Z',
      dateUpdated: null,
      webhookUrl: 'https://webhooks.twilio.com/x',
      url: 'https://studio.twilio.com/v2/Flows/x',
      links: {},
      definition: definition('new'),
    };
    const run = await push({ 'flows/orders.json': json(exported) }, { deploy: 'all' });
    assert.equal(run.code, 0, run.stdout);
    const latest = studio.store.get(sid)!.revisions.at(-1)!;
    assert.deepEqual([latest.revision, latest.friendlyName], [2, 'Order updates']);
    assert.doesNotMatch(run.stdout, /unknown-key/);
  });
});

describe('drift misjudged (pull request)', () => {
  test('a flow calling a subflow by ${flow:…} is not reported drifted: the base is resolved like the head', async () => {
    const sub = seed('Survey', 'rate us');
    const call = {
      name: 'call',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'failed' }],
      properties: { flow_sid: sub, flow_revision: 'LatestPublished', parameters: [], offset: { x: 0, y: 400 } },
    };
    const main = (text: string, flowSid: string) => ({
      friendly_name: 'Main',
      definition: definition(text, [{ ...call, properties: { ...call.properties, flow_sid: flowSid } }]),
    });
    studio.store.create({
      friendlyName: 'Main',
      definition: main('hello', sub).definition,
      status: 'published',
      commitMessage: BEFORE,
      valid: true,
      errors: [],
      warnings: [],
    });
    const files = {
      'flows/main.json': json(main('hello there', '${flow:flows/survey.json}')),
      'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('rate us') }),
    };
    const run = await pullRequest(files, [{ filename: 'flows/main.json', status: 'modified' }], {
      'flows/main.json': json(main('hello', '${flow:flows/survey.json}')),
    });
    assert.equal(run.code, 0, run.stdout);
    const [result] = JSON.parse(run.outputs.results ?? '[]');
    assert.deepEqual([result.path, result.studio, result.drift], ['flows/main.json', 'changed', false]);
    assert.doesNotMatch(github.comments.get(PR)?.[0]?.body ?? '', /Drift/);
  });
});

describe('hostile flow files', () => {
  test('a CLI export whose friendlyName carries a workflow command and markup is an error, never a command or HTML', async () => {
    const hostile = 'Evil\n::error::pwned <img src=x onerror=alert(1)> @everyone';
    const files = {
      'flows/evil.json': json({ friendlyName: hostile, 'odd\n::warning::key': 1, definition: definition('hi') }),
    };
    const run = await pullRequest(files, [{ filename: 'flows/evil.json', status: 'added' }]);
    assert.equal(run.code, 1, run.stdout);
    assert.doesNotMatch(run.stdout, /^::error::pwned/m, 'no workflow command from the name');
    assert.doesNotMatch(run.stdout, /^::warning::key/m, 'no workflow command from a key');
    assert.match(
      run.stdout,
      /::error title=.*friendly-name.*file=flows\/evil\.json.*"friendlyName" holds a line break/,
    );
    assert.match(run.stdout, /::warning title=.*unknown-key.*file=flows\/evil\.json/);
    const comment = github.comments.get(PR)?.[0]?.body ?? '';
    assert.ok(!comment.includes('<img'), 'no raw HTML in the comment');
    assert.deepEqual(writes(), []);
  });
});

describe('live content of another flow', () => {
  test("a PR pointing a file at another flow's SID, or adding a file named like a live flow, sees none of its live content", async () => {
    const notify = seed('Notify', 'hello');
    const other = seed('Payments', 'token sk_live_0therTeamSecretValue');
    seed('Billing', 'token sk_live_BillingTeamSecretValue');
    const files = {
      'flows/notify.json': json({ sid: other, friendly_name: 'Notify', definition: definition('hello') }),
      'flows/billing.json': json({ friendly_name: 'Billing', definition: definition('x') }),
    };
    const changed: FakeFile[] = [
      { filename: 'flows/notify.json', status: 'modified' },
      { filename: 'flows/billing.json', status: 'added' },
    ];
    const run = await pullRequest(files, changed, {
      'flows/notify.json': json({ friendly_name: 'Notify', definition: definition('hello') }),
    });
    assert.equal(run.code, 0, run.stdout);
    const everything = [
      run.stdout,
      run.summary,
      JSON.stringify(run.outputs),
      JSON.stringify([...github.comments.values()]),
    ].join('\n');
    assert.ok(!/TeamSecret|token sk_/.test(everything), 'no live definition of another flow anywhere, not even masked');
    assert.match(
      run.stdout,
      new RegExp(
        `::warning title=Studio flow identity \\(live-hidden\\),file=flows/notify\\.json::.*the base branch maps flows/notify\\.json to ${notify}`,
      ),
    );
    assert.match(
      run.stdout,
      /::warning title=Studio flow identity \(live-hidden\),file=flows\/billing\.json::.*the base branch has no such file/,
    );
    assert.deepEqual(writes(), []);
  });
});
