/** Leave a trace of a deploy in GitHub: on the merged pull request, as tags, and in release notes. */
import type { RepoRef } from './changes.ts';
import type { GitHub } from './client.ts';
import { upsertStickyComment, type PostedComment } from './comment.ts';

export const DEPLOY_MARKER = '<!-- studio-flow-ci:deploy -->';

/** The pull request a commit was merged through, if any (the first merged one GitHub lists). */
export async function mergedPullRequestOf(gh: GitHub, repo: RepoRef, sha: string): Promise<number | undefined> {
  const { data } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
  return data.find((pr) => pr.merged_at)?.number;
}

/** Post (or update) the deploy table on the merged pull request. */
export async function commentOnPullRequest(gh: GitHub, repo: RepoRef, number: number, table: string): Promise<PostedComment> {
  return upsertStickyComment(gh, repo, { issueNumber: number, marker: DEPLOY_MARKER, body: `${DEPLOY_MARKER}\n${table}` });
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

/** Append the deploy table to a release's notes, replacing an earlier one of ours. */
export async function appendToRelease(gh: GitHub, repo: RepoRef, releaseId: number, body: string, table: string): Promise<void> {
  const kept = body.includes(DEPLOY_MARKER) ? body.slice(0, body.indexOf(DEPLOY_MARKER)).trimEnd() : body.trimEnd();
  await gh.rest.repos.updateRelease({ ...repo, release_id: releaseId, body: `${kept}\n\n${DEPLOY_MARKER}\n${table}\n` });
}

/** A tag name from the `tag` template: {environment}, {flow} (slug of the friendly name), {revision}, {sha}. */
export function tagName(template: string, values: { environment: string; flow: string; revision: number; sha: string }): string {
  const slug = values.flow.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow';
  return template
    .replaceAll('{environment}', values.environment || 'default')
    .replaceAll('{flow}', slug)
    .replaceAll('{revision}', String(values.revision))
    .replaceAll('{sha}', values.sha)
    .replace(/\/{2,}/g, '/');
}
