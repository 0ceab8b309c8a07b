import type { GitHub } from './client.ts';
import type { RepoRef } from './changes.ts';
import { ourIdentity } from './identity.ts';

/** GitHub's cap on a comment body (issue, review comment) and on release notes, in characters. */
export const BODY_LIMIT = 65_536;

export interface StickyComment {
  issueNumber: number;
  /** A hidden HTML comment that identifies our comment; it must be in `body`. */
  marker: string;
  body: string;
}

export interface PostedComment {
  id: number;
  url: string;
  action: 'created' | 'updated';
}

/** Our marker stands alone on the body's first line: anywhere else it is content (a quote, a path). */
export function startsWithMarker(body: string | null | undefined, marker: string): boolean {
  return body === marker || (body?.startsWith(`${marker}\n`) ?? false);
}

/**
 * Create or update the one comment of ours on an issue or PR: written by the account the token acts as,
 * with the marker as its first line. Anyone else's comment is never edited or deleted, whatever it holds.
 * The search pages through every comment (a busy PR has more than one page), and removes stray duplicates
 * of ours if any exist.
 */
export async function upsertStickyComment(gh: GitHub, repo: RepoRef, comment: StickyComment): Promise<PostedComment> {
  if (!startsWithMarker(comment.body, comment.marker))
    throw new Error('sticky comment body must start with its marker line');
  const isOurs = await ourIdentity(gh);
  const ours: { id: number }[] = [];
  const pages = gh.paginate.iterator(gh.rest.issues.listComments, {
    ...repo,
    issue_number: comment.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data) if (isOurs(c.user) && startsWithMarker(c.body, comment.marker)) ours.push({ id: c.id });
  }
  const [first, ...extra] = ours;
  if (first === undefined) {
    const { data } = await gh.rest.issues.createComment({
      ...repo,
      issue_number: comment.issueNumber,
      body: comment.body,
    });
    return { id: data.id, url: data.html_url, action: 'created' };
  }
  const { data } = await gh.rest.issues.updateComment({ ...repo, comment_id: first.id, body: comment.body });
  for (const dup of extra) await gh.rest.issues.deleteComment({ ...repo, comment_id: dup.id });
  return { id: data.id, url: data.html_url, action: 'updated' };
}

/**
 * An environment's name as it goes into our hidden markers (`<!-- studio-flow-ci:check:staging -->`):
 * letters, digits, `_`, `.` and single `-`, so that no name can end the HTML comment or match another's.
 */
export function markerScope(environment: string): string {
  return environment.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/-{2,}/g, '-');
}
