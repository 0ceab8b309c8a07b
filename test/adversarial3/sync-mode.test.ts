/**
 * Adversarial: sync mode against the fake GitHub — a live credential the file never held, the reports of a
 * refused run, a declined PR after the base branch moved, labels GitHub spells differently.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateGitHub } from '../../src/egress/gate.ts';
import { createGitHub } from '../../src/github/client.ts';
import { readRunContext } from '../../src/github/event.ts';
import { runSyncMode } from '../../src/modes/sync.ts';
import { createScrubber } from '../../src/secrets/credentials.ts';
import type { StudioReader } from '../../src/studio/live.ts';
import type { SyncPlan } from '../../src/sync/plan.ts';
import { UserError } from '../../src/errors.ts';
import { addCommit } from '../support/fake-git-data.ts';
import type { FakeGitHub } from '../support/fake-github.ts';
import { sampleDefinition } from '../support/sample-flows.ts';
import { BRANCH, edited, RUN_CREDENTIAL, same, useSyncGitHub } from '../support/sync-github.ts';
import { fileText, planOf, recordedIO, RUN_SHA, syncFile, syncSettings } from '../support/sync-kit.ts';

const { fake, sync } = useSyncGitHub();
const MOVED_SHA = '5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff';

/** A run of sync mode on a later commit of main (the base branch moved since the last sync). */
function syncOnMovedMain(state: FakeGitHub, plan: SyncPlan) {
  addCommit(
    state,
    MOVED_SHA,
    {
      'flows/main.json': fileText(sampleDefinition('Hello')),
      'flows/other.json': fileText(sampleDefinition('Other')),
      'README.md': 'a README edit on main\n',
    },
    [RUN_SHA],
  );
  const io = recordedIO();
  const run = readRunContext({
    eventName: 'schedule',
    payload: { schedule: '17 * * * *', repository: { default_branch: 'main' } },
    sha: MOVED_SHA,
    ref: 'refs/heads/main',
    repo: { owner: 'Codertocat', repo: 'Hello-World' },
    apiUrl: state.url,
    workspace: '/tmp',
  });
  const promise = runSyncMode({
    settings: syncSettings(),
    run,
    gh: gateGitHub(createGitHub({ token: 't', baseUrl: state.url }), createScrubber()),
    studio: {} as StudioReader,
    io,
    planSync: async () => plan,
    scrub: (t) => t,
  });
  return { io, promise };
}

const STRIPE = 'sk_live_51HcOnsoleP4stedKey0123456789';

describe('sync mode: hostile Studio content and GitHub state', () => {
  it('a credential pasted into a widget in the Console is never committed into git (only Studio held it)', async () => {
    const plan = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: `Pay with ${STRIPE}` })]);
    const run = sync(plan);
    const outcome = await run.promise;
    const written = fake()
      .writes()
      .map((w) => JSON.stringify(w.body ?? ''));
    assert.ok(
      written.every((w) => !w.includes(STRIPE) && !w.includes(Buffer.from(STRIPE).toString('base64').slice(0, 20))),
    );
    assert.deepEqual(fake().writes(), [], 'nothing written');
    assert.match(outcome.failure ?? '', /flows\/main\.json.*credential/);
    assert.doesNotMatch(`${outcome.failure} ${run.io.summaries.join('')} ${run.io.warnings.join('')}`, /sk_live_51/);
  });

  it('a refused run (a run credential in a file): the summary names the error the failure names, and never the value', async () => {
    const plan = planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: `token ${RUN_CREDENTIAL}` })]);
    const run = sync(plan);
    const outcome = await run.promise;
    assert.match(outcome.failure ?? '', /flows\/main\.json: the live flow "Main IVR" holds a credential of this run/);
    const summary = run.io.summaries.join('');
    assert.match(summary, /holds a credential of this run/, 'the summary says why nothing was written');
    assert.doesNotMatch(summary, new RegExp(RUN_CREDENTIAL));
  });

  it('a declined sync PR is not opened again for the same Studio state after main moved on', async () => {
    await sync(edited()).promise;
    assert.equal(fake().pulls.length, 1);
    fake().pulls[0]!.state = 'closed'; // declined by a reviewer
    fake().requests.length = 0;
    const later = syncOnMovedMain(fake(), edited());
    assert.equal((await later.promise).failure, undefined);
    assert.equal(fake().pulls.length, 1, 'no second PR for the same Studio state');
    assert.ok(later.io.logs.some((l) => /closed without merging/.test(l)));
  });

  it('labels GitHub holds in another case are not added again: a re-run writes nothing', async () => {
    await sync(edited()).promise;
    fake().pulls[0]!.labels = [{ name: 'Studio-Sync' }]; // GitHub keeps an existing label's own spelling
    fake().requests.length = 0;
    await sync(edited()).promise;
    assert.deepEqual(
      fake()
        .writes()
        .map((w) => `${w.method} ${w.path}`),
      [],
    );
  });

  it("a sync branch holding another environment's sync commit (one sync-branch for two environments) is never force-pushed", async () => {
    const STAGING = '57a9e57a9e57a9e57a9e57a9e57a9e57a9e57a9e';
    addCommit(fake(), STAGING, { 'flows/main.json': fileText(sampleDefinition('Staging edit')) }, [RUN_SHA]);
    fake().commits.get(STAGING)!.message =
      'Studio sync (staging): 1 flow from Studio\n\nStudio-Flow-CI-Sync: staging\n';
    fake().refs.set('refs/heads/studio-sync', STAGING);
    await assert.rejects(
      sync(edited(), { 'sync-branch': 'studio-sync' }).promise,
      (e: unknown) => e instanceof UserError && /studio-sync.*environment 'staging'/.test(e.message),
    );
    assert.deepEqual(fake().writes(), []);
    assert.equal(fake().refs.get('refs/heads/studio-sync'), STAGING);
    assert.ok(BRANCH);
  });

  it("a commit that only quotes the trailer in its text (a reviewer's commit on the branch) is not taken for ours", async () => {
    const HUMAN = '4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a';
    addCommit(fake(), HUMAN, { 'flows/main.json': fileText(sampleDefinition('reviewer fix')) }, [RUN_SHA]);
    fake().commits.get(HUMAN)!.message =
      'Fix the greeting (see Studio-Flow-CI-Sync: prod above)\n\nSigned-off-by: Rev <r@example.com>\n';
    fake().refs.set(BRANCH, HUMAN);
    await assert.rejects(
      sync(edited()).promise,
      (e: unknown) => e instanceof UserError && /was not made by studio-flow-ci's sync/.test(e.message),
    );
    assert.deepEqual(fake().writes(), []);
  });

  it("another environment's open sync PR on a shared sync branch is never closed or rewritten", async () => {
    fake().pulls.push({
      number: 41,
      title: 'Studio sync (staging): 1 flow edited in Studio',
      body: '<!-- studio-flow-ci:sync:staging -->\n### Studio sync',
      state: 'open',
      head: { ref: 'studio-sync', label: 'Codertocat:studio-sync', sha: RUN_SHA },
      base: { ref: 'main' },
      user: { login: 'github-actions[bot]', type: 'Bot' },
      labels: [],
      html_url: 'https://github.com/Codertocat/Hello-World/pull/41',
      merged_at: null,
    });
    await assert.rejects(
      sync(same(), { 'sync-branch': 'studio-sync' }).promise,
      (e: unknown) => e instanceof UserError && /#41.*environment 'staging'/.test(e.message),
    );
    assert.equal(fake().pulls[0]!.state, 'open');
    assert.deepEqual(fake().writes(), []);
  });

  it('a declined sync PR whose commit GitHub no longer has does not stop the sync', async () => {
    fake().pulls.push({
      number: 9,
      title: 'Studio sync (prod): 1 flow edited in Studio',
      body: '<!-- studio-flow-ci:sync:prod -->\n',
      state: 'closed',
      head: { ref: 'studio-sync/prod', label: 'Codertocat:studio-sync/prod', sha: 'dead'.repeat(10) },
      base: { ref: 'main' },
      user: { login: 'github-actions[bot]', type: 'Bot' },
      labels: [],
      html_url: 'https://github.com/Codertocat/Hello-World/pull/9',
      merged_at: null,
    });
    const outcome = await sync(edited()).promise;
    assert.equal(outcome.failure, undefined);
    assert.equal(fake().pulls.filter((p) => p.state === 'open').length, 1, 'the new state is opened');
  });
});
