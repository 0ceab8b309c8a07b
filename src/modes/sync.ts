/**
 * Sync mode: bring flows edited in Studio back into git. The plan (src/sync/plan.ts) says what each mapped
 * file would become; with `sync-pr: false` that is only reported (job summary, outputs `drifted` and
 * `sync-pr-url`); else the changed files go to the sync branch in one commit and one pull request per
 * environment is opened or updated, or closed when nothing differs. Any error in the plan: nothing is written.
 */
import { UserError } from '../errors.ts';
import type { GitHub } from '../github/client.ts';
import type { RepoRef } from '../github/changes.ts';
import { runUrl, type RunContext } from '../github/event.ts';
import { commitToSyncBranch, syncCommitHolds } from '../github/sync-commit.ts';
import { closeSyncPull, findSyncPulls, upsertSyncPull } from '../github/sync-pull.ts';
import type { ModeIO } from '../io.ts';
import { driftedFiles, renderSyncBody, syncMarker, syncTitle } from '../report/sync-body.ts';
import type { Settings } from '../settings.ts';
import type { StudioReader } from '../studio/live.ts';
import { liveCredentials } from '../sync/live-credentials.ts';
import type { SyncFile, SyncInput, SyncPlan, SyncProblem } from '../sync/plan.ts';
import { plural } from '../report/words.ts';

export interface SyncModeInput {
  settings: Settings;
  run: RunContext;
  gh: GitHub | undefined;
  studio: StudioReader | undefined;
  io: ModeIO;
  /** planSync, injected (tests pass a plan built by hand). */
  planSync: (input: SyncInput) => Promise<SyncPlan>;
  /** The run's credential scrubber: a file holding one is never committed. */
  scrub: (text: string) => string;
}

export interface SyncOutcome {
  plan: SyncPlan;
  prUrl: string;
  /** The step's error, when the run fails. */
  failure?: string;
}

/** The job summary's byte limit, with room for other steps. */
const SUMMARY_LIMIT = 300_000; // characters: at most 3 bytes each

function commitMessage(plan: SyncPlan, files: SyncFile[]): string {
  const env = plan.environment ? ` (${plan.environment})` : '';
  const lines = files.map((f) => `- ${f.path}: ${JSON.stringify(f.friendlyName)} r${f.revision} ${f.status}`);
  return `Studio sync${env}: ${plural(files.length, 'flow')} from Studio\n\n${lines.join('\n')}`;
}

/** The branch the run is on: the sync PR's base. */
function baseBranch(run: RunContext): string {
  const m = /^refs\/heads\/(.+)$/.exec(run.ref);
  if (!m?.[1])
    throw new UserError(
      `Sync mode opens its pull request into the branch the workflow runs on, but the run is for '${run.ref || 'no ref'}'. Run it on a branch (schedule and workflow_dispatch run on the default branch).`,
    );
  return m[1];
}

async function finish(input: SyncModeInput & { plan: SyncPlan; prUrl: string; note?: string }): Promise<SyncOutcome> {
  const { io, settings, plan, prUrl } = input;
  const drifted = driftedFiles(plan);
  io.setOutput('drifted', JSON.stringify(drifted.map((f) => f.path)));
  io.setOutput('sync-pr-url', prUrl);
  const url = runUrl(input.run);
  const summary = renderSyncBody(plan, {
    kind: 'summary',
    limit: SUMMARY_LIMIT,
    ...(prUrl ? { prUrl } : {}),
    ...(url ? { runUrl: url } : {}),
  });
  await io.summary(input.scrub(input.note ? `${summary}\n\n${input.note}\n` : `${summary}\n`));
  if (settings.failOnDrift && drifted.length > 0)
    return {
      plan,
      prUrl,
      failure: `${plural(drifted.length, 'flow')} differ from git (fail-on-drift: true): ${drifted.map((f) => f.path).join(', ')}.`,
    };
  return { plan, prUrl };
}

/**
 * Files sync must not commit: one holding a credential of this run, or a credential-looking value Studio holds
 * and the file did not (Studio is access-controlled; git is read by every reader, forever).
 */
function refusals(plan: SyncPlan, scrub: (text: string) => string): SyncProblem[] {
  const problems: SyncProblem[] = [];
  for (const f of driftedFiles(plan)) {
    if (scrub(f.after) !== f.after) {
      problems.push({
        path: f.path,
        message: `the live flow ${JSON.stringify(f.friendlyName)} holds a credential of this run`,
        fix: 'Remove it from the flow in Studio (use a variable or an environment value), then sync again.',
        level: 'error',
      });
      continue;
    }
    const found = liveCredentials(f);
    if (found.length === 0) continue;
    const where = found.map((c) => (c.widget === undefined ? c.pointer : `widget ${JSON.stringify(c.widget)}`));
    problems.push({
      path: f.path,
      message: `the live flow ${JSON.stringify(f.friendlyName)} holds a credential-looking value git does not hold (${[...new Set(where)].join(', ')}); sync never copies one from Studio into git`,
      fix: 'Move it out of the flow (a Twilio Function and its environment variables), or put it into the file by hand if it is not secret, then sync again.',
      level: 'error',
    });
  }
  return problems;
}

export async function runSyncMode(input: SyncModeInput): Promise<SyncOutcome> {
  const { settings, run, gh, studio, io } = input;
  if (!studio)
    throw new UserError(
      "Sync mode needs Twilio credentials: set 'twilio-account-sid' with 'twilio-api-key' and 'twilio-api-secret' (or 'twilio-auth-token').",
    );
  const planned = await input.planSync({ workspace: run.workspace, settings, studio });
  for (const p of planned.problems.filter((x) => x.level === 'warning'))
    io.warning(`${p.path ? `${p.path}: ` : ''}${p.message} ${p.fix}`);
  // The refusals below join the plan's own problems: the summary, the annotations and the failure tell one story.
  const plan: SyncPlan = { ...planned, problems: [...planned.problems, ...refusals(planned, input.scrub)] };
  const errors = plan.problems.filter((p) => p.level === 'error');
  if (errors.length > 0) {
    for (const e of errors.slice(0, 10))
      io.annotate({
        level: 'error',
        title: 'studio-flow-ci sync',
        message: `${e.message} ${e.fix}`,
        file: e.path ?? '',
      });
    const result = await finish({ ...input, plan, prUrl: '', note: '**Nothing was written: the sync has errors.**' });
    const list = errors
      .slice(0, 10)
      .map((e) => `${e.path ?? e.flow ?? 'sync'}: ${e.message}. ${e.fix}`)
      .join(' ');
    const more = errors.length > 10 ? ` … and ${errors.length - 10} more in the job summary.` : '';
    return { ...result, failure: `Sync stopped before writing anything: ${list}${more}` };
  }
  const drifted = driftedFiles(plan);
  io.info(`Sync: ${plural(drifted.length, 'flow')} of ${plan.files.length} differ from git.`);
  if (!settings.syncPr) return finish({ ...input, plan, prUrl: '' });
  if (!gh)
    throw new UserError(
      "Sync mode with sync-pr: true needs 'github-token' (with contents: write and pull-requests: write); or set sync-pr: false to report drift only.",
    );
  const repo: RepoRef = { owner: run.owner, repo: run.repo };
  const base = baseBranch(run);
  const branch = settings.syncBranch;
  if (branch === base)
    throw new UserError(`Input 'sync-branch' is '${branch}', the branch the run is on: name a branch of its own.`);
  // Whose PR is on the branch is known before anything is pushed: never over someone else's branch.
  const pulls = await findSyncPulls(gh, repo, branch);
  const existing = pulls.open;
  // Ours, but the sync PR of another environment sharing this branch: never closed or rewritten from here.
  const marker = /<!-- studio-flow-ci:sync:([A-Za-z0-9_.-]*) -->/.exec(existing?.body ?? '');
  if (existing && marker && `<!-- studio-flow-ci:sync:${marker[1]} -->` !== syncMarker(plan.environment))
    throw new UserError(
      `Pull request #${existing.number} on the sync branch '${branch}' is the sync of environment '${marker[1]}', not '${plan.environment || 'default'}': two environments never share a sync branch. Set 'sync-branch' to one per environment, e.g. studio-sync/{environment}.`,
    );
  if (drifted.length === 0) {
    if (existing) {
      await closeSyncPull(gh, repo, existing);
      io.info(`Closed sync pull request #${existing.number}: Studio and git agree again.`);
      return finish({
        ...input,
        plan,
        prUrl: '',
        note: `Closed sync pull request #${existing.number}: nothing differs any more.`,
      });
    }
    return finish({ ...input, plan, prUrl: '' });
  }
  const files = drifted.map((f) => ({ path: f.path, text: f.after }));
  // The latest sync PR of ours closed without merging: when it brought these very files, the team declined
  // this Studio state; not pushed or opened again (even after the base branch moved on) until Studio changes.
  const last = existing
    ? undefined
    : pulls.declined.reduce<(typeof pulls.declined)[number] | undefined>(
        (a, d) => (a === undefined || d.number > a.number ? d : a),
        undefined,
      );
  if (last && (await syncCommitHolds(gh, repo, { head: last.headSha, files, scope: plan.environment || 'default' }))) {
    const note = `Sync pull request #${last.number} for this same Studio state was closed without merging: it is not opened again until Studio changes.`;
    io.info(note);
    return finish({ ...input, plan, prUrl: '', note });
  }
  const commit = await commitToSyncBranch(gh, repo, {
    branch,
    parent: run.sha,
    files,
    message: commitMessage(plan, drifted),
    scope: plan.environment || 'default',
  });
  io.info(`Sync branch ${branch}: ${commit.action} (${commit.sha.slice(0, 7)}).`);
  // A sync PR of ours closed without merging for this very commit: the team declined it; not opened again
  // until Studio changes (a new commit).
  const declined = existing ? undefined : pulls.declined.find((d) => d.headSha === commit.sha);
  if (declined) {
    const note = `Sync pull request #${declined.number} for this same Studio state was closed without merging: it is not opened again until Studio changes.`;
    io.info(note);
    return finish({ ...input, plan, prUrl: '', note });
  }
  // No run link or time in the body: a re-run with nothing new must find it equal and write nothing.
  const pull = await upsertSyncPull(gh, repo, {
    existing,
    content: { branch, base, title: syncTitle(plan), body: renderSyncBody(plan), labels: settings.syncLabels },
  });
  io.info(`Sync pull request #${pull.number} ${pull.action}: ${pull.url}`);
  return finish({ ...input, plan, prUrl: pull.url });
}
