import type { FlowCheck } from '../flows/check.ts';
import type { ChangedFile } from '../github/changes.ts';
import { isPermissionDenied, type GitHub } from '../github/client.ts';
import { markerScope, upsertStickyComment } from '../github/comment.ts';
import type { RunContext } from '../github/event.ts';
import { syncReviewComments } from '../github/review.ts';
import type { ModeIO } from '../io.ts';
import { reviewNotes } from '../report/review-notes.ts';
import { checkMarker } from '../report/check-comment.ts';

const NO_PERMISSION =
  "Could not write to the pull request: the token lacks the 'pull-requests: write' permission " +
  '(always the case for pull requests from forks). Add `permissions: { contents: read, pull-requests: write }` ' +
  'to the job. The report is in the job summary.';

/**
 * Post the report on the pull request: the sticky comment, then review comments on the lines of the
 * errors. A missing permission is one warning, not a failure; anything else is an error.
 */
export async function publishToPullRequest(input: {
  gh: GitHub;
  run: RunContext & { pullRequest: NonNullable<RunContext['pullRequest']> };
  flows: FlowCheck[];
  changes: ChangedFile[];
  body: string;
  io: ModeIO;
  /** The config file's environment, when one was chosen: its own comment and review comments. */
  environment?: string;
}): Promise<void> {
  const { gh, run, io } = input;
  const repo = { owner: run.owner, repo: run.repo };
  try {
    const posted = await upsertStickyComment(gh, repo, { issueNumber: run.pullRequest.number, marker: checkMarker(input.environment), body: input.body });
    io.info(`PR comment ${posted.action}: ${posted.url}`);
    io.setOutput('comment-url', posted.url);
    const patches = new Map(input.changes.map((c) => [c.path, c.patch]));
    const notes = reviewNotes(input.flows, patches);
    const sync = await syncReviewComments(gh, repo, { pullNumber: run.pullRequest.number, commitId: run.pullRequest.headSha, notes, ...(input.environment ? { scope: markerScope(input.environment) } : {}) });
    io.info(`Review comments: ${sync.created} created, ${sync.updated} updated, ${sync.kept} kept, ${sync.deleted} removed.`);
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    io.warning(NO_PERMISSION);
  }
}
