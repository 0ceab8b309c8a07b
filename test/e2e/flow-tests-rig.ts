/**
 * The set-up the flow-tests end-to-end files share: the emulator and the fake GitHub on loopback for the file's
 * tests, examples/main-ivr.json (and a copy whose sales condition is broken), and `checkPR`, which runs
 * dist/index.js on a real pull_request payload with the given files in the workspace and returns what the run
 * left: its output, the sticky comment, the review comments and the JUnit file (when `junit-report` is given).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub, type FakeReviewComment } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, ROOT, runAction, type ActionRun } from '../support/run-action.ts';

export const ACCOUNT = `AC${'a1'.repeat(16)}`;
const KEY = `SK${'b2'.repeat(16)}`;
export const SECRET = 'e2e-flow-tests-api-secret';
export const GH_TOKEN = 'ghs_e2eFlowTestsToken0000000000000000';
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const FLOW = readFileSync(path.join(ROOT, 'examples/main-ivr.json'), 'utf8');
/** The flow with the sales condition changed from 1 to 3: pressing 1 no longer reaches sales. */
export const BROKEN = FLOW.replace('"value": "1"', '"value": "3"');

/** The Twilio inputs of every run: an API key, the emulator as Studio. */
export const twilioInputs = (studio: EmulatorHandle): Record<string, string> => ({
  'twilio-account-sid': ACCOUNT,
  'twilio-api-key': KEY,
  'twilio-api-secret': SECRET,
  'studio-url': studio.url,
  'github-token': GH_TOKEN,
  flows: 'flows/**/*.json',
});

export interface PullRequestRun {
  run: ActionRun;
  comment: string;
  reviews: FakeReviewComment[];
  /** The JUnit file's text, when the run was asked for one and wrote it. */
  junit: string | undefined;
  workspace: string;
}

export interface FlowTestsRig {
  studio: () => EmulatorHandle;
  github: () => FakeGitHub;
  /** A check of a PR changing `changed` (paths: modified), with `files` in the workspace and at the PR head. */
  checkPR: (input: {
    files: Record<string, string>;
    changed: (FakeFile | string)[];
    inputs?: Record<string, string>;
  }) => Promise<PullRequestRun>;
}

/** Starts the servers before the calling file's tests and stops them after; PR numbers start after `firstPr`. */
export function flowTestsRig(firstPr: number): FlowTestsRig {
  let studio: EmulatorHandle | undefined;
  let github: FakeGitHub | undefined;
  let pr = firstPr;
  before(async () => {
    studio = await startEmulator({
      credentials: { accountSid: ACCOUNT, authToken: 'unused-token', apiKeys: [{ sid: KEY, secret: SECRET }] },
    });
    github = await startFakeGitHub({ token: GH_TOKEN });
  });
  after(async () => {
    await studio?.close();
    await github?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the rig is used outside its tests');
    return value;
  };
  return {
    studio: () => started(studio),
    github: () => started(github),
    async checkPR({ files, changed, inputs = {} }) {
      const gh = started(github);
      const number = ++pr;
      gh.pullFiles.set(
        number,
        changed.map((c) => (typeof c === 'string' ? { filename: c, status: 'modified' } : c)),
      );
      gh.contents.set(HEAD_SHA, new Map(Object.entries(files)));
      const workspace = await makeWorkspace(files);
      const eventPath = await prPayload((p) => {
        p.number = number;
        p.pull_request.number = number;
      });
      const run = await runAction({
        workspace,
        eventName: 'pull_request',
        eventPath,
        apiUrl: gh.url,
        inputs: { ...twilioInputs(started(studio)), ...inputs },
      });
      const junitPath = inputs['junit-report'];
      const junit = junitPath
        ? await readFile(path.join(workspace, junitPath), 'utf8').catch(() => undefined)
        : undefined;
      return {
        run,
        comment: gh.comments.get(number)?.[0]?.body ?? '',
        reviews: gh.reviewComments.get(number) ?? [],
        junit,
        workspace,
      };
    },
  };
}
