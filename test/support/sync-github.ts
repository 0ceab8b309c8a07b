/** One fake GitHub per test file for the sync mode's tests, reset before each test, and a run of the mode on it. */
import { after, before, beforeEach } from 'node:test';
import { gateGitHub } from '../../src/egress/gate.ts';
import { createGitHub } from '../../src/github/client.ts';
import { runSyncMode } from '../../src/modes/sync.ts';
import { createScrubber } from '../../src/secrets/credentials.ts';
import type { StudioReader } from '../../src/studio/live.ts';
import type { SyncPlan } from '../../src/sync/plan.ts';
import { addCommit } from './fake-git-data.ts';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';
import { sampleDefinition } from './sample-flows.ts';
import { fileText, planOf, recordedIO, RUN_SHA, scheduleRun, syncFile, syncSettings } from './sync-kit.ts';

export const BRANCH = 'refs/heads/studio-sync/prod';
/** A value the run's scrubber knows: the gate must keep it out of every request. */
export const GATED = 'gate-s3cr3t-value-0123456789';
/** A value the mode's own credential check knows: a file holding it is never committed. */
export const RUN_CREDENTIAL = 's3cr3t-token';

export const edited = () =>
  planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Hello from the Console' })]);
export const same = () => planOf([syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Hello' })]);

/** Register the hooks; `fake()` is the server of the current test. The run commit holds main, other and a README. */
export function useSyncGitHub(): {
  fake: () => FakeGitHub;
  sync: (plan: SyncPlan, inputs?: Record<string, string>) => ReturnType<typeof runOn>;
} {
  let fake: FakeGitHub | undefined;
  before(async () => {
    fake = await startFakeGitHub();
  });
  after(() => fake?.close());
  beforeEach(() => {
    const f = fake!;
    f.requests.length = 0;
    f.refs.clear();
    f.pulls.length = 0;
    f.commits.clear();
    f.missingPermissions.clear();
    f.protectedBranches.clear();
    f.viewer = { login: 'github-actions[bot]', type: 'Bot' };
    addCommit(f, RUN_SHA, {
      'flows/main.json': fileText(sampleDefinition('Hello')),
      'flows/other.json': fileText(sampleDefinition('Other')),
      'README.md': 'not a flow\n',
    });
  });
  return { fake: () => fake!, sync: (plan, inputs) => runOn(fake!, plan, inputs) };
}

/** Run sync mode with `plan` on `fake`: a new gated client per run, as in the action (identity asked once per client). */
function runOn(fake: FakeGitHub, plan: SyncPlan, inputs: Record<string, string> = {}) {
  const io = recordedIO();
  const scrubber = createScrubber();
  scrubber.add(GATED);
  const gh = gateGitHub(createGitHub({ token: 't', baseUrl: fake.url }), scrubber);
  const promise = runSyncMode({
    settings: syncSettings(inputs),
    run: scheduleRun(fake.url),
    gh,
    studio: {} as StudioReader, // the plan is injected: Studio is never asked here
    io,
    planSync: async () => plan,
    scrub: (t) => t.replaceAll(RUN_CREDENTIAL, '[redacted]'),
  });
  return { io, promise };
}
