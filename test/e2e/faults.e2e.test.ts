/**
 * The fault suite, end to end: dist/index.js deploys and checks 20 flows against an emulator that fails
 * 30 % of the Studio requests (429 with Retry-After, 500/503, lost responses whose write was applied). The
 * action must publish every flow exactly once and report exactly what a fault-free run reports.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import {
  startEmulator,
  type EmulatorHandle,
  type FaultOptions,
  type RequestLogEntry,
} from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction, writeEvent, type ActionRun } from '../support/run-action.ts';

const ACCOUNT = `AC${'e5'.repeat(16)}`;
const TOKEN_TW = 'faults-e2e-auth-token';
const GH_TOKEN = 'ghs_faultsE2eToken00000000000000000000';
const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const ZERO = '0'.repeat(40);
const COUNT = 20;
/** Each identical request may get at most this many faults: below the client's 6 attempts, so every call can succeed. */
const MAX_FAULTS_PER_REQUEST = 3;

let github: FakeGitHub;
let ivr: { friendly_name: string; definition: any };

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const pad = (i: number) => String(i).padStart(2, '0');

/** The example IVR named `name`, saying `say` before it hangs up; `broken` points a transition nowhere. */
function flow(name: string, say: string, broken = false) {
  const f = structuredClone(ivr);
  f.friendly_name = name;
  f.definition.states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say = say;
  if (broken)
    f.definition.states.find((s: { name: string }) => s.name === 'split_choice').transitions[0].next = 'nowhere';
  return f;
}

/**
 * 30 % of authenticated requests fail, mixed 429 (Retry-After 1 s), 500/503 and lost responses, seeded.
 * An identical request (method, path, query, body) gets at most MAX_FAULTS_PER_REQUEST faults, so no call
 * can exhaust its retries by bad luck: what is tested is that retries are safe, not the retry budget.
 */
function faultMix(seed: number): FaultOptions {
  const seen = new Map<string, number>();
  return {
    share: 0.3,
    kinds: ['rate-limit', 'error', 'lost-response'],
    retryAfterSeconds: 1,
    seed,
    match: (r) => {
      const key = `${r.method} ${r.path} ${JSON.stringify(r.query)} ${JSON.stringify(r.params)}`;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      return count <= MAX_FAULTS_PER_REQUEST;
    },
  };
}

/** The figures of one faulty run, for t.diagnostic. */
function report(t: TestContext, label: string, studio: EmulatorHandle, run: ActionRun, extra: string[] = []): void {
  const byKind = new Map<string, number>();
  for (const f of studio.faultLog) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = ['rate-limit', 'error', 'lost-response'].map((k) => `${k} ${byKind.get(k) ?? 0}`).join(', ');
  const errors = studio.requests.filter((r) => r.fault === 'error').map((r) => r.status);
  const retries = run.stdout.split('\n').filter((l) => l.startsWith('Retrying Twilio Studio')).length;
  const landed = run.stdout.split('\n').filter((l) => / was applied although attempt \d+ failed/.test(l)).length;
  const faulted = studio.faultLog.length;
  const onWrites = studio.faultLog.filter(
    (f) => f.method === 'DELETE' || (f.method === 'POST' && f.path !== '/v2/Flows/Validate'),
  );
  if (onWrites.length > 0)
    extra = [
      `${onWrites.length} faults on writes (${onWrites.filter((f) => f.kind === 'lost-response').length} lost responses: the write was applied)`,
      ...extra,
    ];
  t.diagnostic(
    `${label}: ${studio.requests.length} Studio requests, ${faulted} faults injected (${Math.round((faulted / studio.requests.length) * 100)} %): ${kinds} (HTTP 500: ${errors.filter((s) => s === 500).length}, 503: ${errors.filter((s) => s === 503).length})`,
  );
  t.diagnostic(
    `${label}: ${retries} retries in the action log, ${landed} ambiguous writes found applied and not sent again`,
  );
  for (const line of extra) t.diagnostic(`${label}: ${line}`);
}

before(async () => {
  ivr = JSON.parse(await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8'));
  github = await startFakeGitHub({ token: GH_TOKEN });
  // The seeded revisions name BEFORE: GitHub knows it as an ancestor of SHA (never going backwards checks it).
  github.compareStatus.set(`${BEFORE}...${SHA}`, 'ahead');
});
after(async () => {
  await github.close();
});

describe('deploy under faults', () => {
  let studio: EmulatorHandle;
  after(async () => studio?.close());

  test('20 flows (10 live, 10 new) with 30 % of Studio requests failing: each is published exactly once', async (t: TestContext) => {
    const names = Array.from({ length: COUNT }, (_, i) => `Fault IVR ${pad(i)}`);
    const existing = names.slice(0, COUNT / 2);
    studio = await startEmulator({
      credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
      seed: existing.map((n) => ({
        friendlyName: n,
        definition: flow(n, 'old goodbye').definition,
        commitMessage: BEFORE,
      })),
    });
    const seededSids = new Map(studio.store.list().map((f) => [f.revisions[0]!.friendlyName, f.sid]));
    const workspace = await makeWorkspace(
      Object.fromEntries(names.map((n, i) => [`flows/f${pad(i)}.json`, json(flow(n, `goodbye ${i}`))])),
    );
    studio.faults = faultMix(5);

    const run = await runAction({
      workspace,
      eventName: 'push',
      eventPath: await writeEvent({
        ref: 'refs/heads/master',
        before: ZERO,
        after: SHA,
        created: true,
        deleted: false,
        forced: false,
        repository: {
          id: 186853002,
          name: 'Hello-World',
          full_name: 'Codertocat/Hello-World',
          default_branch: 'master',
        },
      }),
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
    studio.faults = undefined;

    const flows = studio.store.list();
    const newRevisions = flows.reduce((sum, f) => sum + f.revisions.length, 0) - existing.length;
    report(t, 'deploy', studio, run, [
      `${newRevisions} revisions created, ${COUNT} expected; ${flows.length} flows in Studio, ${COUNT} expected`,
    ]);

    t.assert.equal(run.code, 0, run.stdout + run.stderr);
    const lostWrites = studio.faultLog.filter(
      (f) => f.kind === 'lost-response' && f.method === 'POST' && f.path !== '/v2/Flows/Validate',
    );
    t.assert.ok(
      lostWrites.some((f) => f.path === '/v2/Flows'),
      'a create lost its answer (the seed makes sure)',
    );
    t.assert.ok(
      lostWrites.some((f) => f.path.startsWith('/v2/Flows/FW')),
      'an update lost its answer (the seed makes sure)',
    );
    t.assert.ok(
      studio.faultLog.some((f) => f.kind === 'rate-limit') && studio.faultLog.some((f) => f.kind === 'error'),
    );

    // No duplicate flows; per flow exactly one new revision, with the SHA as its commit message.
    t.assert.deepEqual(flows.map((f) => f.revisions[0]!.friendlyName).sort(), names);
    for (const [i, name] of names.entries()) {
      const found = flows.find((f) => f.revisions[0]!.friendlyName === name)!;
      const expected =
        i < existing.length
          ? [
              [1, BEFORE, 'old goodbye'],
              [2, SHA, `goodbye ${i}`],
            ]
          : [[1, SHA, `goodbye ${i}`]];
      const got = found.revisions.map((r) => [
        r.revision,
        r.commitMessage,
        (r.definition as any).states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say,
      ]);
      t.assert.deepEqual(got, expected, name);
    }

    const deployed = JSON.parse(run.outputs.deployed ?? '[]') as {
      path: string;
      status: string;
      sid: string;
      revision: number;
      previousRevision?: number;
    }[];
    const sidOf = (name: string) => flows.find((f) => f.revisions[0]!.friendlyName === name)!.sid;
    t.assert.deepEqual(
      deployed.map((d) => [d.path, d.status, d.sid, d.revision, d.previousRevision]).sort(),
      names
        .map((n, i) =>
          i < existing.length
            ? [`flows/f${pad(i)}.json`, 'updated', seededSids.get(n), 2, 1]
            : [`flows/f${pad(i)}.json`, 'created', sidOf(n), 1, undefined],
        )
        .sort(),
    );
  });
});

describe('check mode under faults', () => {
  let studio: EmulatorHandle;
  after(async () => studio?.close());

  test('20 flows (valid, invalid, unchanged, changed, new): the results equal those of a run without faults', async (t: TestContext) => {
    const names = Array.from({ length: COUNT }, (_, i) => `Check IVR ${pad(i)}`);
    const invalid = new Set([3, 8, 14, 17]);
    // 0-5 live and unchanged (but 3, broken here, is changed), 6-11 live and changed, 12-19 not in Studio yet.
    studio = await startEmulator({
      credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
      seed: names.slice(0, 12).map((n, i) => ({
        friendlyName: n,
        definition: flow(n, i < 6 ? `say ${i}` : 'live text').definition,
        commitMessage: BEFORE,
      })),
    });
    const files = Object.fromEntries(
      names.map((n, i) => [`flows/c${pad(i)}.json`, json(flow(n, `say ${i}`, invalid.has(i)))]),
    );
    github.pullFiles.set(
      7,
      Object.keys(files).map((filename) => ({ filename, status: 'modified' as const })),
    );
    // The base branch has the files (a PR sees a live flow only when its base maps the file to it).
    github.contents.set(BEFORE, new Map(Object.entries(files)));
    const check = async () =>
      runAction({
        workspace: await makeWorkspace(files),
        eventName: 'pull_request',
        eventPath: await prPayload((p) => {
          p.number = 7;
          p.pull_request.number = 7;
        }),
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

    const clean = await check();
    const cleanRequests = studio.requests.length;
    t.assert.ok(clean.outputs.results, clean.stdout + clean.stderr);
    const results = JSON.parse(clean.outputs.results ?? '[]') as { path: string; validate: string; studio?: string }[];
    t.assert.deepEqual(
      results.map((r) => [r.path, r.validate, r.studio]),
      names.map((_, i) => [
        `flows/c${pad(i)}.json`,
        invalid.has(i) ? 'invalid' : 'valid', // Validate is asked of invalid flows too
        i < 6 && !invalid.has(i) ? 'unchanged' : i < 12 ? 'changed' : 'created',
      ]),
      'the fault-free run sees every kind of flow',
    );

    studio.requests.length = 0;
    studio.faults = faultMix(13);
    const faulty = await check();
    studio.faults = undefined;
    report(t, 'check', studio, faulty, [`${cleanRequests} Studio requests without faults`]);

    t.assert.ok(studio.faultLog.length > 0);
    t.assert.deepEqual(JSON.parse(faulty.outputs.results ?? '[]'), JSON.parse(clean.outputs.results ?? '[]'));
    t.assert.equal(faulty.outputs.valid, clean.outputs.valid);
    t.assert.equal(faulty.code, clean.code);
    t.assert.ok(
      studio.store.list().every((f) => f.revisions.length === 1),
      'check mode writes nothing',
    );
    t.assert.ok(
      !studio.requests.some(
        (r: RequestLogEntry) => r.method === 'DELETE' || (r.method === 'POST' && r.path !== '/v2/Flows/Validate'),
      ),
    );
  });
});
