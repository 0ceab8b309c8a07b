/**
 * End to end: a caller and a NEW subflow merged together. The caller names the subflow by file
 * (`${flow:flows/survey.json}`); the deploy creates the subflow first and writes the caller with its
 * new SID. Also: the PR check of the same change, a cycle, a bad reference, and draft re-runs.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction, writeEvent } from '../support/run-action.ts';

const ACCOUNT = `AC${'5b'.repeat(16)}`;
const TOKEN_TW = 'subflow-e2e-auth-token';
const GH_TOKEN = 'ghs_subflowE2eToken0000000000000000000';
const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let studio: EmulatorHandle;
let github: FakeGitHub;
let mainSid: string;

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
const say = (name: string, text: string) => ({
  name,
  type: 'say-play',
  transitions: [{ event: 'audioComplete' }],
  properties: { say: text, offset: { x: 0, y: 200 } },
});

/** The caller: says hello, then runs the survey subflow named by `flowSid`. */
function mainIvr(flowSid: string, extra: Record<string, unknown> = {}) {
  return {
    friendly_name: 'Main IVR',
    definition: {
      description: 'Main IVR',
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
      states: [
        trigger('hello'),
        {
          name: 'hello',
          type: 'say-play',
          transitions: [{ event: 'audioComplete', next: 'survey' }],
          properties: { say: 'Hello', offset: { x: 0, y: 200 } },
        },
        {
          name: 'survey',
          type: 'run-subflow',
          transitions: [{ event: 'completed' }, { event: 'failed' }],
          properties: { flow_sid: flowSid, flow_revision: 'LatestPublished', parameters: [], offset: { x: 0, y: 400 } },
        },
      ],
    },
    ...extra,
  };
}
function survey(name: string, text: string, calls?: string) {
  const states: unknown[] = [trigger('ask'), say('ask', text)];
  if (calls) {
    (states[1] as any).transitions[0].next = 'back';
    states.push({
      name: 'back',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'failed' }],
      properties: { flow_sid: calls, flow_revision: 'LatestPublished', offset: { x: 0, y: 400 } },
    });
  }
  return {
    friendly_name: name,
    definition: { description: name, initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, states },
  };
}
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

async function deploy(files: Record<string, string>, inputs: Record<string, string> = {}) {
  github.compareFiles.set(
    `${BEFORE}...${SHA}`,
    Object.keys(files).map((filename) => ({ filename, status: 'added' as const })),
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
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
      ...inputs,
    },
  });
}

const flowNamed = (name: string) => studio.store.list().find((f) => f.revisions.at(-1)?.friendlyName === name);
const writes = () =>
  studio.requests.filter((r) => (r.method === 'POST' && r.path !== '/v2/Flows/Validate') || r.method === 'DELETE');

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  // Live: Main IVR r1 ends after "hello" (no survey yet).
  const live = mainIvr('unused').definition;
  live.states = live.states.slice(0, 2);
  (live.states[1] as any).transitions[0] = { event: 'audioComplete' };
  mainSid = studio.store.create({
    friendlyName: 'Main IVR',
    definition: live,
    status: 'published',
    commitMessage: BEFORE,
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('a caller merged with a new subflow', () => {
  test('the subflow is created first and the caller is written with its new SID, each with the SHA', async () => {
    const run = await deploy({
      // Listed caller first: the order must come from the reference, not from the file list.
      'flows/main-ivr.json': json(mainIvr('${flow:flows/survey.json}')),
      'flows/survey.json': json(survey('Survey', 'Rate us from 1 to 5')),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const created = flowNamed('Survey');
    assert.ok(created, 'the survey flow was created');
    assert.deepEqual(
      writes().map((w) => [w.method, w.path]),
      [
        ['POST', '/v2/Flows'],
        ['POST', `/v2/Flows/${mainSid}`],
      ],
      'subflow first, then caller',
    );
    const main = flowNamed('Main IVR')!.revisions.at(-1)!;
    assert.equal((main.definition as any).states[2].properties.flow_sid, created.sid);
    assert.deepEqual([main.revision, main.commitMessage, created.revisions.at(-1)!.commitMessage], [2, SHA, SHA]);
    const deployed = JSON.parse(run.outputs.deployed ?? '[]');
    assert.deepEqual(
      deployed.map((d: any) => [d.path, d.status, d.sid]),
      [
        ['flows/survey.json', 'created', created.sid],
        ['flows/main-ivr.json', 'updated', mainSid],
      ],
    );

    // A re-run resolves the reference to the now-existing subflow: nothing to write.
    const before = writes().length;
    const again = await deploy({
      'flows/main-ivr.json': json(mainIvr('${flow:flows/survey.json}')),
      'flows/survey.json': json(survey('Survey', 'Rate us from 1 to 5')),
    });
    assert.equal(again.code, 0, again.stdout);
    assert.equal(writes().length, before, 'a re-run writes nothing');
    assert.deepEqual(
      JSON.parse(again.outputs.deployed ?? '[]').map((d: any) => d.status),
      ['unchanged', 'unchanged'],
    );
  });

  test('when the caller is refused at write time, the subflow this run created is deleted again', async () => {
    studio.fault = (r) =>
      r.method === 'POST' && r.path === `/v2/Flows/${mainSid}`
        ? { status: 400, code: 20001, message: 'Invalid parameter' }
        : undefined;
    const run = await deploy(
      {
        'flows/main-ivr.json': json(mainIvr('${flow:flows/survey.json}')),
        'flows/survey.json': json(survey('Survey', 'Rate us')),
      },
      { 'request-timeout': '5' },
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::Deploy stopped: flows\/main-ivr\.json failed/);
    assert.equal(flowNamed('Survey'), undefined, 'the created subflow was rolled back (deleted)');
    assert.equal(flowNamed('Main IVR')!.revisions.length, 1);
  });

  test('two new flows calling each other cannot be ordered: nothing is written and the cycle is named', async () => {
    const run = await deploy({
      'flows/a.json': json(survey('Flow A', 'A', '${flow:flows/b.json}')),
      'flows/b.json': json(survey('Flow B', 'B', '${flow:flows/a.json}')),
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::Nothing was deployed: flows\/a\.json → flows\/b\.json → flows\/a\.json call each other/,
    );
    assert.deepEqual(writes(), []);
  });

  test('a reference to a file that is not a flow is an error at its line; a subflow outside the deploy is named', async () => {
    const bad = await deploy({ 'flows/main-ivr.json': json(mainIvr('${flow:docs/survey.json}')) });
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout,
      /::error title=.*flow-reference.*,file=flows\/main-ivr\.json,line=\d+,col=\d+::.*"\$\{flow:docs\/survey\.json\}" names docs\/survey\.json, which is not a flow file selected by the 'flows' input/,
    );
    // The subflow file exists but is not part of a deploy of changed files, and not in Studio.
    github.compareFiles.set(`${BEFORE}...${SHA}`, [{ filename: 'flows/main-ivr.json', status: 'modified' }]);
    const outside = await runAction({
      workspace: await makeWorkspace({
        'flows/main-ivr.json': json(mainIvr('${flow:flows/survey.json}')),
        'flows/survey.json': json(survey('Survey', 'x')),
      }),
      eventName: 'push',
      eventPath: await writeEvent({
        ref: 'refs/heads/master',
        before: BEFORE,
        after: SHA,
        repository: { id: 1, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
      }),
      apiUrl: github.url,
      env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': TOKEN_TW,
        'studio-url': studio.url,
        'github-token': GH_TOKEN,
      },
    });
    assert.equal(outside.code, 1);
    assert.match(
      outside.stdout,
      /names flows\/survey\.json \("Survey"\), which is not in Studio and is not part of this deploy/,
    );
    assert.match(outside.stdout, /deploy: all/);
    assert.deepEqual(writes(), []);
  });

  test('the pull request check validates the caller with a stand-in and shows the reference in the diff', async () => {
    github.pullFiles.set(7, [
      { filename: 'flows/main-ivr.json', status: 'modified' },
      { filename: 'flows/survey.json', status: 'added' },
    ]);
    // The base branch maps the caller's file to the live Main IVR (a PR sees live content only then).
    github.contents.set(
      'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      new Map([['flows/main-ivr.json', json(mainIvr(`FW${'12'.repeat(16)}`))]]),
    );
    const run = await runAction({
      workspace: await makeWorkspace({
        'flows/main-ivr.json': json(mainIvr('${flow:flows/survey.json}')),
        'flows/survey.json': json(survey('Survey', 'Rate us')),
      }),
      eventName: 'pull_request',
      eventPath: await prPayload((p) => {
        p.number = 7;
        p.pull_request.number = 7;
      }),
      apiUrl: github.url,
      inputs: {
        'twilio-account-sid': ACCOUNT,
        'twilio-auth-token': TOKEN_TW,
        'studio-url': studio.url,
        'github-token': GH_TOKEN,
      },
    });
    assert.equal(run.code, 0, run.stdout);
    const results = JSON.parse(run.outputs.results ?? '[]');
    assert.deepEqual(
      results.map((r: any) => [r.path, r.validate, r.studio]),
      [
        ['flows/main-ivr.json', 'valid', 'changed'],
        ['flows/survey.json', 'valid', 'created'],
      ],
    );
    const validated = studio.requests
      .filter((q) => q.path === '/v2/Flows/Validate')
      .map((q) => q.params.Definition ?? '');
    assert.ok(
      validated.some((d) => d.includes(`"flow_sid":"FW${'0'.repeat(32)}"`)),
      'the caller was validated with the stand-in SID',
    );
    assert.match(run.summary, /Calls `flows\/survey\.json` by file: not in Studio yet, so a merge creates it first/);
    assert.deepEqual(writes(), [], 'a check writes nothing');
  });
});

describe('status: draft', () => {
  test('a re-run of a draft deploy writes no second draft', async () => {
    const files = { 'flows/main-ivr.json': json(mainIvr(`FW${'12'.repeat(16)}`)) };
    const first = await deploy(files, { status: 'draft' });
    assert.equal(first.code, 0, first.stdout);
    assert.deepEqual(
      flowNamed('Main IVR')!.revisions.map((r) => [r.revision, r.status]),
      [
        [1, 'published'],
        [2, 'draft'],
      ],
    );
    const again = await deploy(files, { status: 'draft' });
    assert.equal(again.code, 0, again.stdout);
    assert.equal(flowNamed('Main IVR')!.revisions.length, 2, 'no second draft');
    assert.deepEqual(
      JSON.parse(again.outputs.deployed ?? '[]').map((d: any) => d.status),
      ['unchanged'],
    );
  });
});
