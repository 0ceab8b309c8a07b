/** Leave a trace of a deploy in GitHub: on the merged pull request, as tags, and in release notes. */
import type { RepoRef } from './changes.ts';
import type { GitHub } from './client.ts';
import { BODY_LIMIT, markerScope, upsertStickyComment, type PostedComment } from './comment.ts';
import { replaceDeployBlock, withDeployBlock } from './release-block.ts';

export const DEPLOY_MARKER = '<!-- studio-flow-ci:deploy -->';

/** The deploy table's marker: one per environment, so that a matrix of deploys keeps one table each. */
export function deployMarker(environment?: string): string {
  return environment ? `<!-- studio-flow-ci:deploy:${markerScope(environment)} -->` : DEPLOY_MARKER;
}

function endMarker(marker: string): string {
  return marker.replace('<!-- studio-flow-ci:', '<!-- /studio-flow-ci:');
}

/** The pull request a commit was merged through, if any (the first merged one GitHub lists). */
export async function mergedPullRequestOf(gh: GitHub, repo: RepoRef, sha: string): Promise<number | undefined> {
  const { data } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
  return data.find((pr) => pr.merged_at)?.number;
}

/**
 * Post (or update) the deploy report on the merged pull request. `render(limit)` gives the report within
 * `limit` characters (the marker is counted here).
 */
export async function commentOnPullRequest(
  gh: GitHub,
  repo: RepoRef,
  target: { number: number; environment?: string | undefined },
  render: (limit: number) => string,
): Promise<PostedComment> {
  const marker = deployMarker(target.environment);
  const body = `${marker}\n${render(BODY_LIMIT - marker.length - 1)}`;
  return upsertStickyComment(gh, repo, { issueNumber: target.number, marker, body });
}

/** Create a lightweight tag at `sha`; an existing tag with that name is left as it is (false). */
export async function createTag(gh: GitHub, repo: RepoRef, name: string, sha: string): Promise<boolean> {
  try {
    await gh.rest.git.createRef({ ...repo, ref: `refs/tags/${name}`, sha });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 422) return false; // "Reference already exists"
    throw error;
  }
}

/**
 * Put the deploy report in a release's notes. The notes are read fresh through the API (not from the event
 * payload, which another environment's job or a person may have changed since), only this environment's
 * block is replaced, and the result is written back within GitHub's cap: `render(limit)` fits the report
 * into what the rest of the notes leave.
 */
export async function appendToRelease(
  gh: GitHub,
  repo: RepoRef,
  target: { releaseId: number; environment?: string | undefined },
  render: (limit: number) => string,
): Promise<{ warning?: string }> {
  const { data } = await gh.rest.repos.getRelease({ ...repo, release_id: target.releaseId });
  const body = typeof data.body === 'string' ? data.body : '';
  const start = deployMarker(target.environment);
  const end = endMarker(start);
  const empty = withDeployBlock(body, { start, end, content: '' });
  const room = BODY_LIMIT - empty.length;
  if (room < 200)
    throw new Error(
      `the release notes are ${body.length} characters: no room left under GitHub's ${BODY_LIMIT}-character limit for the deploy report`,
    );
  const next = replaceDeployBlock(body, { start, end, content: render(room) });
  await gh.rest.repos.updateRelease({ ...repo, release_id: target.releaseId, body: next.body });
  if (!next.recovered) return {};
  return {
    warning: `The release notes had this deploy's start marker ${start} but not its end marker ${end} (edited by hand?): the old deploy section was taken to end at the last line shaped like a deploy report, and everything after it was kept. Check the release notes for a leftover line of the old report.`,
  };
}

/** A tag name from the `tag` template: {environment}, {flow} (slug of the friendly name), {revision}, {sha}. */
export function tagName(
  template: string,
  values: { environment: string; flow: string; revision: number; sha: string },
): string {
  const slug =
    values.flow
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow';
  return template
    .replaceAll('{environment}', values.environment || 'default')
    .replaceAll('{flow}', slug)
    .replaceAll('{revision}', String(values.revision))
    .replaceAll('{sha}', values.sha)
    .replace(/\/{2,}/g, '/');
}
