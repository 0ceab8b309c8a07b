/** Leave a trace of a deploy in GitHub: on the merged pull request, as tags, and in release notes. */
import type { RepoRef } from './changes.ts';
import type { GitHub } from './client.ts';
import { markerScope, upsertStickyComment, type PostedComment } from './comment.ts';

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

/** Post (or update) the deploy table on the merged pull request. */
export async function commentOnPullRequest(gh: GitHub, repo: RepoRef, number: number, table: string, environment?: string): Promise<PostedComment> {
  const marker = deployMarker(environment);
  return upsertStickyComment(gh, repo, { issueNumber: number, marker, body: `${marker}\n${table}` });
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
 * Put the deploy table in a release's notes: it replaces an earlier table of ours for the same
 * environment (between its markers) or is appended at the end; the rest of the notes is kept.
 */
export async function appendToRelease(gh: GitHub, repo: RepoRef, releaseId: number, body: string, table: string, environment?: string): Promise<void> {
  const start = deployMarker(environment);
  const end = endMarker(start);
  const block = `${start}\n${table}\n${end}`;
  const from = body.indexOf(start);
  let next: string;
  if (from === -1) next = `${body.trimEnd()}\n\n${block}\n`;
  else {
    const to = body.indexOf(end, from);
    const rest = to === -1 ? '' : body.slice(to + end.length);
    next = `${body.slice(0, from).trimEnd()}\n\n${block}${rest.trim() ? `\n\n${rest.trim()}` : ''}\n`;
  }
  await gh.rest.repos.updateRelease({ ...repo, release_id: releaseId, body: next.replace(/^\n+/, '') });
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
