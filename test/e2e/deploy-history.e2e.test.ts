/**
 * End to end: a deploy never goes backwards, deploys the commit an annotated tag points at, recognises its
 * own revisions under an earlier commit-message template, and keeps each environment's release notes.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { writeEvent } from '../support/run-action.ts';
import {
  ACCOUNT,
  BEFORE,
  deploy,
  files,
  flow,
  GH_TOKEN,
  live,
  pushEvent,
  REPOSITORY,
  SHA,
  statuses,
  TOKEN_TW,
} from '../deploy/e2e-kit.ts';

const names = ['Sales IVR', 'Support IVR'];
const NEWER = '9b2f1c0a7d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70';
const TAG_OBJECT = '0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e';
let studio: EmulatorHandle;
let github: FakeGitHub;
const env = () => ({ studio, github });

async function seed(message: (name: string) => string | null, say = 'old goodbye') {
  for (const n of names) {
    studio.store.create({
      friendlyName: n,
      definition: (await flow(n, say)).definition,
      status: 'published',
      commitMessage: message(n),
      valid: true,
      errors: [],
      warnings: [],
    });
  }
}

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  github.compareStatus.clear();
  github.compareStatus.set(`${BEFORE}...${SHA}`, 'ahead');
});
afterEach(() => studio.close());
after(() => github.close());

describe('never going backwards', () => {
  test('re-running an older push after a newer deploy is refused, naming the flow, both commits and the fix', async () => {
    await seed(() => NEWER, 'newer goodbye');
    github.compareStatus.set(`${NEWER}...${SHA}`, 'behind');
    const run = await deploy(env(), { files: await files(names, 'older goodbye') });
    assert.equal(run.code, 1, run.stdout);
    assert.match(
      run.stdout,
      /::error::Nothing was deployed: flows\/f0\.json \("Sales IVR", FW[0-9a-f]{32}, r1\) is live from commit 9b2f1c0, which is not an ancestor of ec26c3e \(GitHub: behind\): deploying would go backwards\. Re-run the newest push instead, or dispatch 'deploy' on the newest commit\./,
    );
    assert.deepEqual(statuses(run.outputs), [
      ['flows/f0.json', 'not-attempted'],
      ['flows/f1.json', 'not-attempted'],
    ]);
    assert.deepEqual(live(studio)['Sales IVR'], [1, NEWER, 'newer goodbye']);
    const compares = github.requests.filter((r) => r.path.endsWith(`/compare/${NEWER}...${SHA}`));
    assert.equal(compares.length, 1, 'one compare per distinct commit, not one per flow');
  });

  test('a diverged commit is refused too; an unknown commit (404) is a warning and counts as drift', async () => {
    await seed(() => NEWER);
    github.compareStatus.set(`${NEWER}...${SHA}`, 'diverged');
    const diverged = await deploy(env(), { files: await files(names, 'new goodbye') });
    assert.equal(diverged.code, 1);
    assert.match(diverged.stdout, /\(GitHub: diverged\): deploying would go backwards/);
    github.compareStatus.delete(`${NEWER}...${SHA}`);
    const unknown = await deploy(env(), { files: await files(names, 'new goodbye') });
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stdout,
      /::warning::flows\/f0\.json .*: GitHub does not know commit 9b2f1c0 in this repository; .*'on-drift' decides/,
    );
    assert.match(unknown.stdout, /::error::Nothing was deployed: flows\/f0\.json: the latest revision of "Sales IVR"/);
    const overwrite = await deploy(env(), {
      files: await files(names, 'new goodbye'),
      inputs: { 'on-drift': 'overwrite' },
    });
    assert.equal(overwrite.code, 0, overwrite.stdout);
    assert.deepEqual(live(studio)['Sales IVR'], [2, SHA, 'new goodbye']);
  });

  test("an annotated-tag push deploys GITHUB_SHA (the commit), not the tag object's SHA", async () => {
    await seed(() => BEFORE);
    const event = pushEvent({
      ref: 'refs/tags/v2.0.0',
      before: '0'.repeat(40),
      after: TAG_OBJECT,
      created: true,
      base_ref: 'refs/heads/master',
    });
    const run = await deploy(env(), {
      files: await files(names, 'tagged goodbye'),
      event,
      vars: { GITHUB_REF: 'refs/tags/v2.0.0' },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(live(studio)['Sales IVR'], [2, SHA, 'tagged goodbye']);
    assert.doesNotMatch(run.summary, /0d1e2f3/);
  });
});

describe('drift does not depend on the current template alone', () => {
  test('after a commit-message template change, revisions written under the old one are still ours; a Console edit is not', async () => {
    await seed((n) => (n === 'Sales IVR' ? BEFORE : `Edited by hand, see ${'e'.repeat(40)}`));
    const run = await deploy(env(), {
      files: await files(names, 'new goodbye'),
      inputs: { 'commit-message': 'studio-flow-ci deploy of {sha}', 'on-drift': 'fail' },
    });
    assert.equal(run.code, 1, run.stdout);
    assert.match(
      run.stdout,
      /::error::Nothing was deployed: flows\/f1\.json: the latest revision of "Support IVR" \(r1, FW[0-9a-f]{32}\) was not made by studio-flow-ci/,
    );
    assert.doesNotMatch(run.stdout, /flows\/f0\.json: the latest revision/, 'the old-template revision is not drift');
    const ours = await deploy(env(), {
      files: { 'flows/f0.json': (await files(names, 'new goodbye'))['flows/f0.json']! },
      inputs: { 'commit-message': 'studio-flow-ci deploy of {sha}' },
    });
    assert.equal(ours.code, 0, ours.stdout);
    assert.deepEqual(live(studio)['Sales IVR'], [2, `studio-flow-ci deploy of ${SHA}`, 'new goodbye']);
    assert.doesNotMatch(ours.stdout, /::warning/);
  });
});

describe('release notes', () => {
  const config = `environments:
  staging: {}
  production: {}
flows:
  - path: flows/f0.json
    environments:
      staging: { friendly_name: Sales IVR (staging) }
      production: { friendly_name: Sales IVR }
`;
  const release = (body: string) =>
    writeEvent({
      action: 'published',
      release: { id: 88, tag_name: 'v3.0.0', body, draft: false, prerelease: false },
      repository: REPOSITORY,
    });

  test('two environment jobs and a human edit in between all survive: the notes are read fresh, only our section replaced', async () => {
    github.releases.set(88, { id: 88, tag_name: 'v3.0.0', body: 'Notes by a human.' });
    const workspace = {
      'flows/f0.json': (await files(['ignored'], 'release goodbye'))['flows/f0.json']!,
      '.github/studio-flow-ci.yml': config,
    };
    const at = (environment: string) =>
      deploy(env(), {
        files: workspace,
        event: release('Notes by a human.'),
        eventName: 'release',
        inputs: { environment },
        vars: { GITHUB_REF: 'refs/tags/v3.0.0' },
      });
    const staging = await at('staging');
    assert.equal(staging.code, 0, staging.stdout);
    github.releases.get(88)!.body += '\n\nAdded by a human after the staging job.';
    const production = await at('production');
    assert.equal(production.code, 0, production.stdout);
    const notes = github.releases.get(88)!.body;
    assert.ok(notes.startsWith('Notes by a human.\n\n<!-- studio-flow-ci:deploy:staging -->'), notes);
    assert.match(
      notes,
      /<!-- studio-flow-ci:deploy:staging -->[\s\S]*\| Sales IVR \\\(staging\\\) \|[\s\S]*<!-- \/studio-flow-ci:deploy:staging -->/,
    );
    assert.match(notes, /Added by a human after the staging job\./);
    assert.match(
      notes,
      /<!-- studio-flow-ci:deploy:production -->[\s\S]*\| Sales IVR \| `flows\/f0\.json` \| 🆕 created \|[\s\S]*<!-- \/studio-flow-ci:deploy:production -->/,
    );
    assert.ok(
      github.requests.some((r) => r.method === 'GET' && r.path.endsWith('/releases/88')),
      'the release was read through the API',
    );
  });
});
