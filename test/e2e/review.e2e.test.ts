/** End to end: diffs against the live revision, drift, review comments and the comment size cap. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction } from '../support/run-action.ts';

const ACCOUNT = `AC${'c3'.repeat(16)}`;
const TOKEN_TW = 'review-e2e-auth-token';
const GH_TOKEN = 'ghs_reviewE2eToken0000000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
/** The PR head of the event payload: review comments sit on its files, read through the contents API. */
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

type Def = {
  states: {
    name: string;
    type: string;
    transitions: { event: string; next?: string }[];
    properties: Record<string, unknown>;
  }[];
} & Record<string, unknown>;

let studio: EmulatorHandle;
let github: FakeGitHub;
let ivr: { friendly_name: string; definition: Def };

const clone = <T>(v: T): T => structuredClone(v);
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const state = (d: Def, name: string) => d.states.find((s) => s.name === name)!;

/** A unified patch that adds (or touches) every line of `text`: every line is in the diff. */
const wholeFilePatch = (text: string) =>
  `@@ -0,0 +1,${text.split('\n').length - 1} @@\n${text
    .split('\n')
    .slice(0, -1)
    .map((l) => `+${l}`)
    .join('\n')}`;

/**
 * Open a PR: `text` is the PR head's file; `merged`, when given, is what the workspace holds instead (the
 * merge commit a `pull_request` run checks out, when the base branch changed the file too).
 */
async function openPR(
  number: number,
  files: { path: string; text: string; base?: string; patch?: string; merged?: string }[],
) {
  github.pullFiles.set(
    number,
    files.map((f): FakeFile => ({
      filename: f.path,
      status: f.base === undefined ? 'added' : 'modified',
      patch: f.patch ?? wholeFilePatch(f.text),
    })),
  );
  const base = new Map<string, string>();
  for (const f of files) if (f.base !== undefined) base.set(f.path, f.base);
  github.contents.set(BASE_SHA, base);
  github.contents.set(HEAD_SHA, new Map(files.map((f) => [f.path, f.text])));
  const workspace = await makeWorkspace(Object.fromEntries(files.map((f) => [f.path, f.merged ?? f.text])));
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  return runAction({
    workspace,
    eventName: 'pull_request',
    eventPath,
    apiUrl: github.url,
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
    },
  });
}

before(async () => {
  ivr = JSON.parse(await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8'));
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({
    credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW },
    seed: [{ friendlyName: 'Main IVR', definition: ivr.definition, commitMessage: BASE_SHA }],
  });
  github.requests.length = 0;
});
after(async () => {
  await studio.close();
  await github.close();
});

describe('diff against the live revision', () => {
  test('the comment shows the revision line, the grouped changes and a picture', async () => {
    const pr = clone(ivr);
    state(pr.definition, 'say_goodbye').properties.say = 'Sorry, we could not understand you. Goodbye!';
    state(pr.definition, 'gather_menu').transitions[2]!.next = 'connect_support';
    const text = json(pr);
    const run = await openPR(20, [{ path: 'flows/main-ivr.json', text, base: json(ivr) }]);
    assert.equal(run.code, 0, run.stdout);
    const body = github.comments.get(20)?.[0]?.body ?? '';
    assert.match(body, /Main IVR · live r1 \(published \d{4}-\d{2}-\d{2}, commit `f95f852`\) → \*\*r2\*\* on merge/);
    assert.match(body, /gather\\_menu|gather_menu/);
    assert.match(body, /```mermaid\nflowchart TD/);
    assert.doesNotMatch(body, /Drift/);
    const results = JSON.parse(run.outputs.results ?? '[]');
    assert.deepEqual([results[0].studio, results[0].liveRevision, results[0].drift], ['changed', 1, false]);
  });

  test('a flow equal to the live one reads "no changes"; a new one "will be created"', async () => {
    const fresh = clone(ivr);
    fresh.friendly_name = 'Brand new IVR';
    const run = await openPR(21, [
      { path: 'flows/main-ivr.json', text: json(ivr), base: json(ivr) },
      { path: 'flows/new-ivr.json', text: json(fresh) },
    ]);
    assert.equal(run.code, 0, run.stdout);
    const body = github.comments.get(21)?.[0]?.body ?? '';
    assert.match(body, /\| Main IVR \| `flows\/main-ivr\.json` \| modified \| no changes \(r1\) \|/);
    assert.match(body, /Brand new IVR · not in Studio yet: \*\*will be created\*\* on merge/);
    // One list call for the whole run, whatever the number of flows.
    assert.equal(studio.requests.filter((r) => r.method === 'GET' && r.path === '/v2/Flows').length, 1);
  });

  test('drift: a live flow edited in the Console is named, with what the merge would overwrite', async () => {
    const [live] = studio.store.list();
    const consoleEdit = clone(ivr.definition);
    state(consoleEdit, 'say_goodbye').properties.say = 'Console edit: goodbye!';
    studio.store.update(live!.sid, {
      friendlyName: 'Main IVR',
      status: 'published',
      definition: consoleEdit,
      commitMessage: 'tweak from the console',
      valid: true,
      errors: [],
      warnings: [],
    });
    const pr = clone(ivr);
    state(pr.definition, 'gather_menu').properties.timeout = 8;
    const run = await openPR(22, [{ path: 'flows/main-ivr.json', text: json(pr), base: json(ivr) }]);
    assert.equal(run.code, 0, run.stdout);
    const body = github.comments.get(22)?.[0]?.body ?? '';
    assert.match(body, /\*\*Drift:\*\* live r2 \(“tweak from the console”\) differs from the base branch/);
    assert.match(body, /What the merge would overwrite \(base branch → live\)/);
    // The Console's value is not in git: shown masked (a live-only value may be a secret), git's side shown.
    assert.doesNotMatch(body, /Console edit: goodbye!/);
    assert.match(body, /`say`: .* → `•••••• \(only in Studio\)`/);
    assert.equal(JSON.parse(run.outputs.results ?? '[]')[0].drift, true);
  });
});

describe('review comments', () => {
  test('an error on a diff line gets a review comment; one outside does not but stays in the sticky comment', async () => {
    const pr = clone(ivr);
    state(pr.definition, 'split_choice').transitions[0]!.next = 'say_goodbyee'; // typo: missing widget
    state(pr.definition, 'connect_sales').transitions[0]!.next = 'nowhere'; // second error, outside the diff
    const text = json(pr);
    const lines = text.split('\n');
    const typo = lines.findIndex((l) => l.includes('"say_goodbyee"')) + 1;
    const outside = lines.findIndex((l) => l.includes('"nowhere"')) + 1;
    const patch = `@@ -${typo - 2},5 +${typo - 2},5 @@\n${[typo - 2, typo - 1].map((n) => ` ${lines[n - 1]}`).join('\n')}\n-${lines[typo - 1]!.replace('say_goodbyee', 'say_goodbye')}\n+${lines[typo - 1]}\n${[typo + 1, typo + 2].map((n) => ` ${lines[n - 1]}`).join('\n')}`;
    const run = await openPR(23, [{ path: 'flows/main-ivr.json', text, base: json(ivr), patch }]);
    assert.equal(run.code, 1);
    const reviews = github.reviewComments.get(23) ?? [];
    assert.deepEqual(
      reviews.map((r) => [r.path, r.line, r.side, r.commit_id]),
      [['flows/main-ivr.json', typo, 'RIGHT', 'ec26c3e57ca3a959ca5aad62de7213c562f8c821']],
    );
    assert.match(reviews[0]!.body, /goes to "say\\_goodbyee".*\n\n\*\*Fix:\*\* Did you mean "say\\_goodbye"/s);
    const body = github.comments.get(23)?.[0]?.body ?? '';
    assert.match(body, new RegExp(`\\*\\*Error\\*\\* line ${outside}:\\d+, widget \`connect_sales\``));

    // A re-run after fixing the typo removes the review comment instead of piling up.
    const fixed = clone(pr);
    state(fixed.definition, 'split_choice').transitions[0]!.next = 'say_goodbye';
    const again = await openPR(23, [{ path: 'flows/main-ivr.json', text: json(fixed), base: json(ivr), patch }]);
    assert.equal(again.code, 1);
    assert.deepEqual(github.reviewComments.get(23), []);
    // And a re-run with the same error keeps the one comment.
    await openPR(23, [{ path: 'flows/main-ivr.json', text, base: json(ivr), patch }]);
    await openPR(23, [{ path: 'flows/main-ivr.json', text, base: json(ivr), patch }]);
    assert.equal(github.reviewComments.get(23)?.length, 1);
  });
});

describe('review comments on the right line or none', () => {
  /** The PR's file with a typo in a transition; `above` extra widgets at the top (what the base branch added). */
  function withTypo(above: number) {
    const pr = clone(ivr);
    state(pr.definition, 'split_choice').transitions[0]!.next = 'say_goodbyee';
    for (let i = 0; i < above; i++)
      pr.definition.states.unshift({
        name: `base_added_${i}`,
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { say: `added on base ${i}` },
      });
    return json(pr);
  }
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  test("the base changed the file above the edit: the comment sits on the head's line of the typo, not the merge commit's", async () => {
    const head = withTypo(0);
    const merged = withTypo(3);
    assert.notEqual(lineOf(head, 'say_goodbyee'), lineOf(merged, 'say_goodbyee'));
    const run = await openPR(25, [{ path: 'flows/main-ivr.json', text: head, merged, base: json(ivr) }]);
    assert.equal(run.code, 1);
    const reviews = github.reviewComments.get(25) ?? [];
    assert.deepEqual(
      reviews.map((r) => [r.line, r.commit_id]),
      [[lineOf(head, 'say_goodbyee'), HEAD_SHA]],
    );
  });

  test('GitHub refuses a comment (422, the head moved): the check still ends with its outputs and the PR comment', async () => {
    const head = withTypo(0);
    // The PR's patch names the line, but GitHub answers 422 for it (as it does when the head moved on).
    github.rejectReviewLines.add(lineOf(head, 'say_goodbyee'));
    try {
      const run = await openPR(26, [{ path: 'flows/main-ivr.json', text: head, base: json(ivr) }]);
      assert.equal(run.code, 1, run.stdout);
      assert.doesNotMatch(run.stdout, /unexpected error/);
      assert.equal(run.outputs.valid, 'false');
      assert.ok(JSON.parse(run.outputs.results ?? '[]').length === 1);
      assert.match(github.comments.get(26)?.[0]?.body ?? '', /say\\_goodbyee/);
      assert.match(run.stdout, /::warning::GitHub refused 1 review comment/);
    } finally {
      github.rejectReviewLines.clear();
    }
  });

  test('two findings with the same message in one widget are two review comments', async () => {
    const pr = clone(ivr);
    const split = state(pr.definition, 'split_choice');
    // Both `match` transitions: the lint says the same sentence of each.
    split.transitions[1]!.next = 'nowhere';
    split.transitions[2]!.next = 'nowhere';
    const run = await openPR(27, [{ path: 'flows/main-ivr.json', text: json(pr), base: json(ivr) }]);
    assert.equal(run.code, 1);
    const reviews = github.reviewComments.get(27) ?? [];
    assert.equal(
      reviews.filter((r) => r.body.includes('"nowhere"')).length,
      2,
      reviews.map((r) => r.body).join('\n---\n'),
    );
  });
});

describe('within GitHub limits', () => {
  test('40 large changed flows: the comment stays under 65,536 characters and links the job summary', async () => {
    const files = [];
    for (let i = 0; i < 40; i++) {
      const pr = clone(ivr);
      pr.friendly_name = `Main IVR`;
      for (const s of pr.definition.states) {
        if (typeof s.properties.say === 'string') s.properties.say = `Flow ${i}: ${'a long prompt line\n'.repeat(40)}`;
      }
      for (let w = 0; w < 30; w++) {
        pr.definition.states.push({
          name: `extra_${w}`,
          type: 'say-play',
          transitions: [{ event: 'audioComplete' }],
          properties: { say: `extra ${w} ${'x'.repeat(200)}` },
        });
      }
      files.push({
        path: `flows/ivr-${String(i).padStart(2, '0')}.json`,
        text: json({ ...pr, sid: studio.store.list()[0]!.sid }),
        base: json(ivr),
      });
    }
    const run = await openPR(24, files);
    const body = github.comments.get(24)?.[0]?.body ?? '';
    assert.ok(body.length > 10_000 && body.length <= 65_536, String(body.length));
    assert.match(body, /\[job summary\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/actions\/runs\/4242\)/);
    assert.ok(run.summary.length > body.length, 'the job summary carries the full report');
  });
});
