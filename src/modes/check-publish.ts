import type { FlowCheck } from '../check/flow-check.ts';
import { readFlowFile } from '../document/read.ts';
import { relocateToHead } from '../document/relocate.ts';
import { readFileAt } from '../github/contents.ts';
import { messageOf } from '../errors.ts';
import type { ChangedFile } from '../github/changes.ts';
import { isPermissionDenied, type GitHub } from '../github/client.ts';
import { markerScope, upsertStickyComment } from '../github/comment.ts';
import type { RunContext } from '../github/event.ts';
import { syncReviewComments } from '../github/review.ts';
import type { ModeIO } from '../io.ts';
import { reviewNotes } from '../report/review-notes.ts';
import { checkMarker } from '../report/check-comment.ts';
import type { Finding } from '../document/types.ts';

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
    const posted = await upsertStickyComment(gh, repo, {
      issueNumber: run.pullRequest.number,
      marker: checkMarker(input.environment),
      body: input.body,
    });
    io.info(`PR comment ${posted.action}: ${posted.url}`);
    io.setOutput('comment-url', posted.url);
    const patches = new Map(input.changes.map((c) => [c.path, c.patch]));
    const onHead = await placeOnHead(input.flows, {
      gh,
      repo,
      headSha: run.pullRequest.headSha,
      workspace: run.workspace,
      io,
    });
    const notes = reviewNotes(onHead, patches);
    const sync = await syncReviewComments(gh, repo, {
      pullNumber: run.pullRequest.number,
      commitId: run.pullRequest.headSha,
      notes,
      ...(input.environment ? { scope: markerScope(input.environment) } : {}),
    });
    io.info(
      `Review comments: ${sync.created} created, ${sync.updated} updated, ${sync.kept} kept, ${sync.deleted} removed.`,
    );
    if (sync.rejected > 0) {
      io.warning(
        `GitHub refused ${sync.rejected} review comment(s) (the PR head moved, or the line is no longer in its diff); those findings are in the PR comment.`,
      );
    }
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    io.warning(NO_PERMISSION);
  }
}

/**
 * The checked files are the workspace's (on `pull_request`, the merge commit), review comments sit on the
 * PR head: each flow with errors is placed again on the head's text, read through the API. A file whose
 * head text cannot be read gets no review comments (its findings stay in the PR comment).
 */
async function placeOnHead(
  flows: FlowCheck[],
  at: { gh: GitHub; repo: { owner: string; repo: string }; headSha: string; workspace: string; io: ModeIO },
): Promise<FlowCheck[]> {
  return Promise.all(
    flows.map(async (flow) => {
      if (!flow.findings.some((f) => f.severity === 'error' && f.line !== undefined)) return flow;
      const unplaced = { ...flow, findings: flow.findings.map(({ line: _l, column: _c, ...f }) => f) };
      const checked = await readFlowFile(at.workspace, flow.path);
      if (!checked.ok) return unplaced;
      let head: string | undefined;
      try {
        head = await readFileAt(at.gh, at.repo, flow.path, at.headSha);
      } catch (error) {
        at.io.warning(
          `Could not read ${flow.path} at the PR head (${messageOf(error)}); its findings are in the PR comment only.`,
        );
        return unplaced;
      }
      if (head === undefined) return unplaced;
      const own = flow.findings.filter((f) => f.file === undefined);
      const others = await placeOtherFiles(
        flow.findings.filter((f) => f.file !== undefined),
        at,
      );
      return { ...flow, findings: [...relocateToHead(flow.path, own, checked.text, head), ...others] };
    }),
  );
}

/**
 * Findings in another file than the flow (its test file) keep their lines only when that file reads the same at
 * the PR head as in the checked workspace; else they get no review comment (they stay in the PR comment).
 */
async function placeOtherFiles(
  findings: Finding[],
  at: { gh: GitHub; repo: { owner: string; repo: string }; headSha: string; workspace: string },
): Promise<Finding[]> {
  const same = new Map<string, Promise<boolean>>();
  const sameAtHead = async (file: string): Promise<boolean> => {
    const checked = await readFlowFile(at.workspace, file);
    if (!checked.ok) return false;
    const head = await readFileAt(at.gh, at.repo, file, at.headSha).catch(() => undefined);
    return head === checked.text;
  };
  const placed: Finding[] = [];
  for (const f of findings) {
    const file = f.file as string;
    if (!same.has(file)) same.set(file, sameAtHead(file));
    if (await same.get(file)) placed.push(f);
    else {
      const { line: _l, column: _c, ...unplaced } = f;
      placed.push(unplaced);
    }
  }
  return placed;
}
