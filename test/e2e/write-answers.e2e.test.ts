/**
 * End to end: the dist deploy on a push event against an emulator that answers writes wrongly (empty, `{}`,
 * 204, another flow's SID, the previous revision, a redirect, not JSON). A write counts only when Studio
 * holds it: not applied → the run fails, nothing is reported written, Studio is unchanged; applied → the
 * revision Studio really holds is reported. And a PR check whose Validate answers `200 {"valid": false}` fails.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { WRITE_ANSWER_KINDS } from '../../src/emulator/wrong-answers.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'e5'.repeat(16)}`;
const TOKEN_TW = 'write-answers-e2e-auth-token';
const GH_TOKEN = 'ghs_writeAnswersE2eToken0000000000000';
const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let studio: EmulatorHandle;
let github: FakeGitHub;
let ivr: { friendly_name: string; definition: any };

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
function flow(name: string, say: string) {
  const f = structuredClone(ivr);
  f.friendly_name = name;
  f.definition.states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say = say;
  return f;
}
/** Sales IVR is live (r1); New IVR is not in Studio yet. */
let FILES: Record<string, string>;

async function deploy() {
  github.compareFiles.set(
    `${BEFORE}...${SHA}`,
    Object.keys(FILES).map((filename) => ({ filename, status: 'modified' as const })),
  );
  const eventPath = await writeEvent({
    ref: 'refs/heads/master',
    before: BEFORE,
    after: SHA,
    created: false,
    deleted: false,
    forced: false,
    repository: { id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    pusher: { name: 'Codertocat', email: '21031067+Codertocat@users.noreply.github.com' },
  });
  return runAction({
    workspace: await makeWorkspace(FILES),
    eventName: 'push',
    eventPath,
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
    },
  });
}

/** Every flow in Studio: name → [sid, revision numbers, latest commit message]. */
function snapshot() {
  return Object.fromEntries(
    studio.store
      .list()
      .map((f) => [
        f.revisions.at(-1)!.friendlyName,
        [f.sid, f.revisions.map((r) => r.revision), f.revisions.at(-1)!.commitMessage],
      ]),
  );
}

/** The log as a reader sees it: the runner consumes ::add-mask:: lines. */
const visible = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

type Deployed = { path: string; status: string; sid?: string; revision?: number };
const deployedOf = (outputs: Record<string, string>): Deployed[] => JSON.parse(outputs.deployed ?? '[]');

before(async () => {
  ivr = JSON.parse(await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8'));
  FILES = {
    'flows/sales.json': json(flow('Sales IVR', 'new goodbye')),
    'flows/new.json': json(flow('New IVR', 'hello new')),
  };
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
    seed: [
      { friendlyName: 'Sales IVR', definition: flow('Sales IVR', 'old goodbye').definition, commitMessage: BEFORE },
    ],
  });
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('deploy: a write counts only when Studio holds it', () => {
  for (const kind of WRITE_ANSWER_KINDS) {
    test(`writes answered "${kind}": not applied → failed, nothing claimed, Studio unchanged; applied → the revision Studio holds`, async () => {
      const before = snapshot();
      studio.writeAnswer = { kind, applied: false };
      const lost = await deploy();
      assert.notEqual(lost.code, 0, `not applied must fail the run\n${lost.stdout}`);
      const claimed = deployedOf(lost.outputs).filter((d) => d.status === 'created' || d.status === 'updated');
      assert.deepEqual(claimed, [], 'no flow is reported written');
      assert.match(lost.stdout, /::error::.*did not apply the write to flow "(Sales|New) IVR"/);
      assert.ok(
        !visible(lost.stdout).includes(TOKEN_TW) && !lost.summary.includes(TOKEN_TW),
        'the auth token never appears',
      );
      assert.deepEqual(snapshot(), before, "Studio's store is unchanged");

      studio.writeAnswer = { kind, applied: true };
      const landed = await deploy();
      assert.equal(landed.code, 0, landed.stdout);
      const held = snapshot();
      assert.deepEqual(held['Sales IVR']?.slice(1), [[1, 2], SHA]);
      assert.deepEqual(held['New IVR']?.slice(1), [[1], SHA]);
      const deployed = Object.fromEntries(
        deployedOf(landed.outputs).map((d) => [d.path, [d.status, d.sid, d.revision]]),
      );
      assert.deepEqual(deployed, {
        'flows/sales.json': ['updated', held['Sales IVR']?.[0], 2],
        'flows/new.json': ['created', held['New IVR']?.[0], 1],
      });
      assert.match(landed.stdout, /reading it back shows Studio holds the write/);
    });
  }
});

describe('deploy: a write whose answer does not confirm it and whose read-back fails', () => {
  test('the run fails, the flow is not claimed written, and the log says the state is unknown and where to look', async () => {
    const sales = studio.store.list()[0]!.sid;
    let written = false;
    // Reads work until the write went out; then every read fails, so the write cannot be confirmed.
    studio.fault = (r) => {
      if (r.method === 'POST' && r.path === `/v2/Flows/${sales}`) written = true;
      return written && r.method === 'GET' ? { status: 403, code: 20403, message: 'Forbidden' } : undefined;
    };
    studio.writeAnswer = { kind: 'empty-object', applied: true };
    const run = await deploy();
    assert.notEqual(run.code, 0, run.stdout);
    assert.deepEqual(
      deployedOf(run.outputs).filter((d) => d.status === 'created' || d.status === 'updated'),
      [],
    );
    assert.match(
      run.stdout,
      new RegExp(
        `::error::.*POST /v2/Flows/${sales} \\(update flow "Sales IVR"\\) may or may not have been applied: Studio answered HTTP 200 with an empty JSON object`,
      ),
    );
    assert.match(run.stdout, new RegExp(`Studio → Flows → flow ${sales} → Revisions`));
  });
});

describe('check: Validate must say valid: true', () => {
  test('a PR check whose Validate answers 200 {"valid": false} fails, saying what Studio answered', async () => {
    studio.validateAnswer = 'valid-false';
    github.pullFiles.set(7, [{ filename: 'flows/sales.json', status: 'modified' }]);
    const eventPath = await prPayload((p) => {
      p.number = 7;
      p.pull_request.number = 7;
    });
    const run = await runAction({
      workspace: await makeWorkspace({ 'flows/sales.json': FILES['flows/sales.json'] as string }),
      eventName: 'pull_request',
      eventPath,
      apiUrl: github.url,
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': TOKEN_TW,
        flows: 'flows/**/*.json',
        'studio-url': studio.url,
        'github-token': GH_TOKEN,
        mode: 'check',
      },
    });
    assert.notEqual(run.code, 0, run.stdout);
    assert.equal(run.outputs.valid, 'false');
    const results = JSON.parse(run.outputs.results ?? '[]') as { path: string; validate: string }[];
    assert.deepEqual(
      results.map((r) => [r.path, r.validate]),
      [['flows/sales.json', 'invalid']],
    );
    assert.match(run.stdout, /Twilio's Validate answered HTTP 200 without "valid": true/);
    assert.equal(studio.requests.filter((r) => r.answer === 'valid-false').length, 1);
  });
});
