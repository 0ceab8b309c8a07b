/** End to end: dist/index.js on a real pull_request payload, a fake GitHub on loopback and the emulator. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { startFakeGitHub, type FakeGitHub, type FakeFile } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'a1'.repeat(16)}`;
const KEY = `SK${'b2'.repeat(16)}`;
const SECRET = 'e2e-api-key-secret-value';
const TOKEN = 'ghs_e2eTestToken000000000000000000000';
const VALID = { copy: path.join(ROOT, 'examples/main-ivr.json') };
const INVALID = { copy: path.join(ROOT, 'examples/sms-survey.json') };

let studio: EmulatorHandle;
let github: FakeGitHub;

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'twilio-account-sid': ACCOUNT,
    'twilio-api-key': KEY,
    'twilio-api-secret': SECRET,
    flows: 'flows/**/*.json',
    'studio-url': studio.url,
    'github-token': TOKEN,
    mode: 'auto',
    'fail-on': 'error',
    ...extra,
  };
}

async function checkPR(
  files: FakeFile[],
  workspaceFiles: Parameters<typeof makeWorkspace>[0],
  extra: Record<string, string> = {},
  number = 2,
) {
  github.pullFiles.set(number, files);
  const workspace = await makeWorkspace(workspaceFiles);
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  return runAction({ workspace, inputs: inputs(extra), eventName: 'pull_request', eventPath, apiUrl: github.url });
}

/** The log as a reader sees it: the runner consumes ::add-mask:: lines. */
const visible = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
const modified = (filename: string): FakeFile => ({ filename, status: 'modified' });

before(async () => {
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: 'unused-token', apiKeys: [{ sid: KEY, secret: SECRET }] },
  });
  github = await startFakeGitHub({ token: TOKEN });
});
after(async () => {
  await studio.close();
  await github.close();
});
beforeEach(() => {
  github.readOnly = false;
  github.requests.length = 0;
  studio.requests.length = 0;
});

describe('check mode on a pull request', () => {
  test('one valid and one invalid flow: comment, annotations, outputs, exit code', async () => {
    const run = await checkPR(
      [modified('flows/main-ivr.json'), modified('flows/sms-survey.json'), modified('README.md')],
      {
        'flows/main-ivr.json': VALID,
        'flows/sms-survey.json': INVALID,
        'README.md': '# hi',
      },
    );
    assert.equal(run.code, 1, run.stdout + run.stderr);
    // The missing transition target is line 39 of examples/sms-survey.json ("next": "escalate_low_score").
    assert.match(
      run.stdout,
      /::error title=.*,file=flows\/sms-survey\.json,line=39,col=\d+::Widget "check_score" \(split-based-on\): transition "match" goes to "escalate_low_score"/,
    );
    assert.doesNotMatch(run.stdout, /::error[^\n]*file=flows\/main-ivr\.json/);
    assert.equal(run.outputs.valid, 'false');
    const results = JSON.parse(run.outputs.results ?? '[]') as {
      path: string;
      validate: string;
      findings: unknown[];
    }[];
    assert.deepEqual(
      results.map((r) => [r.path, r.validate]),
      [
        ['flows/main-ivr.json', 'valid'],
        ['flows/sms-survey.json', 'invalid'], // Validate is asked although the lint failed: its verdict too
      ],
    );
    const comments = github.comments.get(2) ?? [];
    assert.equal(comments.length, 1);
    const body = comments[0]?.body ?? '';
    assert.match(body, /<!-- studio-flow-ci:check -->/);
    assert.match(body, /1 of 2 flows invalid/);
    assert.match(body, /\| Main IVR \| `flows\/main-ivr\.json` \| modified \| new flow \| ✅ valid \|/);
    assert.match(body, /\*\*Error\*\* line 39:\d+, widget `check_score`/);
    assert.equal(run.outputs['comment-url'], comments[0]?.html_url);
    assert.match(run.summary, /1 of 2 flows invalid/);
    // Validate was asked of both flows (the invalid one too: Twilio's verdict is never skipped), with the API key;
    // the emulator's Validate reports the lint's error at the same place: one finding names both.
    const validates = studio.requests.filter((r) => r.path === '/v2/Flows/Validate');
    assert.deepEqual(validates.map((v) => v.params.FriendlyName).sort(), ['Main IVR', 'sms-survey']);
    assert.match(body, /\*\*Error\*\* line 39:\d+, widget `check_score` \(studio-flow-ci lint and Twilio Validate\)/);
    assert.deepEqual(
      results[1]?.findings
        .filter((f: any) => f.severity === 'error')
        .map((f: any) => [f.source, f.rule, f.alsoValidate !== undefined]),
      [['lint', 'transition-target', true]],
    );
    assert.ok(!visible(run.stdout).includes(SECRET) && !run.summary.includes(SECRET) && !body.includes(SECRET));
  });

  test('a Validate error from Studio is mapped to the line of the property it names', async () => {
    // A Studio rule our lint does not know: the emulator rejects say-play text over 20 characters.
    const strict = await startEmulator({
      credentials: { accountSid: ACCOUNT, authToken: 'unused-token', apiKeys: [{ sid: KEY, secret: SECRET }] },
      lint: (definition) => {
        const issues = lintDefinition(definition);
        const states = (definition as { states: { type: string; properties: { say?: string } }[] }).states;
        states.forEach((s, i) => {
          if (s.type === 'say-play' && (s.properties.say ?? '').length > 20) {
            issues.push({
              severity: 'error',
              rule: 'x',
              message: 'say is too long for this account',
              pointer: `/states/${i}/properties/say`,
            });
          }
        });
        return issues;
      },
    });
    try {
      github.pullFiles.set(3, [modified('flows/main-ivr.json')]);
      const workspace = await makeWorkspace({ 'flows/main-ivr.json': VALID });
      const eventPath = await prPayload((p) => {
        p.number = 3;
        p.pull_request.number = 3;
      });
      const run = await runAction({
        workspace,
        inputs: inputs({ 'studio-url': strict.url }),
        eventName: 'pull_request',
        eventPath,
        apiUrl: github.url,
      });
      assert.equal(run.code, 1);
      // "say" of say_goodbye is on line 79 of examples/main-ivr.json.
      assert.match(
        run.stdout,
        /::error title=Studio flow Validate \(studio-validate\),file=flows\/main-ivr\.json,line=79,col=\d+::widget "say_goodbye": say is too long for this account/,
      );
      const body = github.comments.get(3)?.[0]?.body ?? '';
      assert.match(
        body,
        /\*\*Error\*\* line 79:\d+, widget `say_goodbye` \(Twilio Validate\): say is too long for this account/,
      );
    } finally {
      await strict.close();
    }
  });

  test('a second run updates the same comment instead of adding one', async () => {
    const files = [modified('flows/main-ivr.json')];
    const first = await checkPR(files, { 'flows/main-ivr.json': VALID }, {}, 4);
    assert.equal(first.code, 0, first.stdout);
    github.requests.length = 0;
    const second = await checkPR(files, { 'flows/main-ivr.json': INVALID }, {}, 4);
    assert.equal(second.code, 1);
    const comments = github.comments.get(4) ?? [];
    assert.equal(comments.length, 1);
    assert.match(comments[0]?.body ?? '', /1 of 1 flow invalid/);
    assert.equal(github.requests.filter((r) => r.method === 'PATCH').length, 1);
    assert.equal(
      github.requests.filter((r) => r.method === 'POST' && r.path !== '/graphql').length,
      0,
      'no comment created',
    );
  });

  test("another user's comment carrying our marker is never edited or deleted: the report goes into a comment of our own", async () => {
    const forged = '<!-- studio-flow-ci:check -->\n### ✅ Studio flows: 1 flow valid (forged)';
    const quote = 'Bot writes <!-- studio-flow-ci:check --> first, see above';
    github.comments.set(12, [
      {
        id: 61_000,
        body: forged,
        html_url: 'https://github.com/Codertocat/Hello-World/pull/12#issuecomment-61000',
        user: { login: 'mallory', type: 'User' },
      },
      {
        id: 61_001,
        body: quote,
        html_url: 'https://github.com/Codertocat/Hello-World/pull/12#issuecomment-61001',
        user: { login: 'octocat', type: 'User' },
      },
    ]);
    const run = await checkPR([modified('flows/main-ivr.json')], { 'flows/main-ivr.json': INVALID }, {}, 12);
    assert.equal(run.code, 1);
    const comments = github.comments.get(12) ?? [];
    assert.deepEqual(
      comments.slice(0, 2).map((c) => c.body),
      [forged, quote],
    );
    assert.equal(comments.length, 3);
    assert.equal(comments[2]?.user.login, 'github-actions[bot]');
    assert.match(comments[2]?.body ?? '', /1 of 1 flow invalid/);
    assert.equal(run.outputs['comment-url'], comments[2]?.html_url);
  });

  test('GitHub failing every write (500): the outputs are set all the same, before any GitHub call', async () => {
    github.writeStatus = 500;
    try {
      const run = await checkPR([modified('flows/main-ivr.json')], { 'flows/main-ivr.json': INVALID }, {}, 13);
      assert.equal(run.code, 1);
      assert.equal(run.outputs.valid, 'false');
      assert.equal(JSON.parse(run.outputs.results ?? '[]')[0]?.path, 'flows/main-ivr.json');
      assert.match(run.summary, /1 of 1 flow invalid/);
    } finally {
      github.writeStatus = undefined;
    }
  });

  test('finds its comment on the second page of a busy PR', async () => {
    github.comments.set(
      5,
      Array.from({ length: 130 }, (_, i) => ({
        id: 50_000 + i,
        body: i === 117 ? '<!-- studio-flow-ci:check -->\nold report' : `human comment ${i}`,
        html_url: `https://github.com/Codertocat/Hello-World/pull/5#issuecomment-${50_000 + i}`,
        // Ours by author and marker; the humans' comments around it are never touched.
        user: i === 117 ? { login: 'github-actions[bot]', type: 'Bot' } : { login: 'someone', type: 'User' },
      })),
    );
    const run = await checkPR([modified('flows/main-ivr.json')], { 'flows/main-ivr.json': VALID }, {}, 5);
    assert.equal(run.code, 0, run.stdout);
    const comments = github.comments.get(5) ?? [];
    assert.equal(comments.length, 130);
    assert.match(comments[117]?.body ?? '', /Studio flows: 1 flow valid/);
    assert.ok(github.requests.some((r) => r.path.endsWith('/issues/5/comments') && r.query.page === '2'));
  });

  test('150 changed files across pages: flows on the second page are checked, removed ones listed', async () => {
    const files: FakeFile[] = Array.from({ length: 140 }, (_, i) => modified(`docs/page-${i}.md`));
    files.splice(120, 0, modified('flows/main-ivr.json'), modified('flows/sms-survey.json'));
    files.push({ filename: 'flows/old.json', status: 'removed' });
    files.push({ filename: 'flows/renamed-ivr.json', previous_filename: 'flows/ivr.json', status: 'renamed' });
    for (let i = files.length; i < 150; i++) files.push(modified(`src/file-${i}.ts`));
    assert.equal(files.length, 150);
    const run = await checkPR(
      files,
      {
        'flows/main-ivr.json': VALID,
        'flows/sms-survey.json': INVALID,
        'flows/renamed-ivr.json': VALID,
      },
      {},
      6,
    );
    assert.equal(run.code, 1);
    const results = JSON.parse(run.outputs.results ?? '[]') as { path: string; change: string }[];
    assert.deepEqual(
      results.map((r) => `${r.path}:${r.change}`),
      ['flows/main-ivr.json:modified', 'flows/sms-survey.json:modified', 'flows/renamed-ivr.json:renamed'],
    );
    assert.ok(github.requests.some((r) => r.path.endsWith('/pulls/6/files') && r.query.page === '2'));
    assert.match(github.comments.get(6)?.[0]?.body ?? '', /Removed flow files .*`flows\/old\.json`/);
  });
});

describe('degrading well', () => {
  test('no Twilio credentials: offline lint only, said in the summary, Studio never called', async () => {
    const run = await checkPR(
      [modified('flows/main-ivr.json')],
      { 'flows/main-ivr.json': VALID },
      {
        'twilio-account-sid': '',
        'twilio-api-key': '',
        'twilio-api-secret': '',
      },
      7,
    );
    assert.equal(run.code, 0, run.stdout);
    assert.equal(studio.requests.length, 0);
    assert.match(run.summary, /Offline lint only/);
    assert.match(run.stdout, /::warning::No Twilio credentials/);
    assert.equal(JSON.parse(run.outputs.results ?? '[]')[0].validate, 'offline');
    assert.equal(run.outputs.valid, 'true');
  });

  test('without pull-requests: write it writes the summary and one warning instead of failing', async () => {
    github.readOnly = true;
    const run = await checkPR([modified('flows/main-ivr.json')], { 'flows/main-ivr.json': VALID }, {}, 8);
    assert.equal(run.code, 0, run.stdout);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /pull-requests: write/);
    assert.match(run.summary, /Studio flows: 1 flow valid/);
    assert.equal(github.comments.get(8), undefined);
  });

  test('a bad input fails once, naming the input and the accepted values', async () => {
    const run = await checkPR(
      [modified('flows/main-ivr.json')],
      { 'flows/main-ivr.json': VALID },
      { 'fail-on': 'sometimes' },
      9,
    );
    assert.equal(run.code, 1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    assert.deepEqual(errors, ["::error::Input 'fail-on' is 'sometimes'; accepted values are: error, warning, never."]);
  });

  test('rejected credentials fail the run with what to fix, and never print the secret', async () => {
    const run = await checkPR(
      [modified('flows/main-ivr.json')],
      { 'flows/main-ivr.json': VALID },
      { 'twilio-api-secret': 'wrong-secret-value-123' },
      10,
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::Twilio rejected the credentials \(Twilio error 20003\)/);
    assert.ok(!visible(run.stdout).includes('wrong-secret-value-123'));
    assert.match(run.stdout, /::add-mask::wrong-secret-value-123/);
  });
});

describe('other check events', () => {
  test('merge_group: checks the files between the group base and head, posts no comment', async () => {
    github.compareFiles.set('f95f852...a1b2c3d', [modified('flows/main-ivr.json'), modified('docs/x.md')]);
    const workspace = await makeWorkspace({ 'flows/main-ivr.json': VALID, 'flows/untouched.json': INVALID });
    const eventPath = await writeEvent({
      merge_group: {
        head_sha: 'a1b2c3d',
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-2-f95f852',
        base_sha: 'f95f852',
        base_ref: 'refs/heads/main',
      },
    });
    const run = await runAction({
      workspace,
      inputs: inputs(),
      eventName: 'merge_group',
      eventPath,
      apiUrl: github.url,
    });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(
      JSON.parse(run.outputs.results ?? '[]').map((r: { path: string }) => r.path),
      ['flows/main-ivr.json'],
    );
    assert.equal(github.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  test('workflow_dispatch in check mode checks every flow file; invalid JSON is reported at its line', async () => {
    const workspace = await makeWorkspace({
      'flows/main-ivr.json': VALID,
      'flows/broken.json': '{\n  "states": [\n    {"name": "Trigger",}\n  ]\n}\n',
      'docs/not-a-flow.json': '{',
    });
    const eventPath = await writeEvent({ inputs: {}, ref: 'refs/heads/main' });
    const run = await runAction({
      workspace,
      inputs: inputs({ mode: 'check' }),
      eventName: 'workflow_dispatch',
      eventPath,
      apiUrl: github.url,
    });
    assert.equal(run.code, 1);
    assert.deepEqual(
      JSON.parse(run.outputs.results ?? '[]').map((r: { path: string; validate: string }) => [r.path, r.validate]),
      [
        ['flows/broken.json', 'skipped'],
        ['flows/main-ivr.json', 'valid'],
      ],
    );
    assert.match(
      run.stdout,
      /::error title=Studio flow parse \(json-syntax\),file=flows\/broken\.json,line=3,col=23::Unexpected trailing comma/,
    );
    assert.match(run.summary, /Studio flows: 1 of 2 flows invalid/);
  });
});
