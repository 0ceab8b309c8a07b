import { createHash } from 'node:crypto';
import type { RepoRef } from './changes.ts';
import { httpStatusOf, type GitHub } from './client.ts';
import { BODY_LIMIT } from './comment.ts';
import { ourIdentity } from './identity.ts';

const MARKER_PREFIX = '<!-- studio-flow-ci:finding:';

/** One review comment we want on the pull request, at a line of its diff. */
export interface ReviewNote {
  path: string;
  line: number;
  /** Identity across runs: the same problem keeps the same key. */
  key: string;
  body: string;
}

export interface ReviewSync {
  created: number;
  updated: number;
  kept: number;
  deleted: number;
  /** Notes GitHub refused (422: the head moved, or the line left the diff); they stay in the sticky comment. */
  rejected: number;
}

function bodyOf(note: ReviewNote, scope: string | undefined): string {
  const marker = `\n\n${markerOf(note.key, scope)}`;
  const room = BODY_LIMIT - marker.length;
  const cut =
    note.body.length <= room
      ? note.body
      : `${note.body.slice(0, room - 80)}\n\n… (cut: the whole finding is in the PR comment)`;
  return `${cut}${marker}`;
}

/** A 422 (Unprocessable Entity): GitHub will not place this comment; other notes may still go. */
function isUnplaceable(error: unknown): boolean {
  return httpStatusOf(error) === 422;
}

/** A stable key for a problem: its file, rule, widget and message (not its line, which moves). */
export function noteKey(parts: (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

/** `scope` keeps one environment's comments apart from another's (a matrix of checks on one PR). */
function markerOf(key: string, scope: string | undefined): string {
  return `${MARKER_PREFIX}${scope ? `${scope}/` : ''}${key} -->`;
}

/** Our marker is the body's last line: a marker anywhere else is content (a widget name, a quote). */
function markerIn(body: string | undefined): { scope: string | undefined; key: string } | undefined {
  const m = body ? /(?:^|\n)<!-- studio-flow-ci:finding:(?:([A-Za-z0-9_.-]+)\/)?([0-9a-f]+) -->$/.exec(body) : null;
  return m ? { scope: m[1], key: m[2] as string } : undefined;
}

/**
 * Make our review comments on a PR match `notes`: keep or update the ones still true at the same
 * line, delete the ones that are fixed or moved, create the new ones. Others' comments (by author, not
 * by marker), and ours of another scope (environment), are untouched.
 */
export async function syncReviewComments(
  gh: GitHub,
  repo: RepoRef,
  target: { pullNumber: number; commitId: string; notes: ReviewNote[]; scope?: string },
): Promise<ReviewSync> {
  const sync: ReviewSync = { created: 0, updated: 0, kept: 0, deleted: 0, rejected: 0 };
  const wanted = new Map(target.notes.map((n) => [n.key, n]));
  const isOurs = await ourIdentity(gh);
  const existing = await gh.paginate(gh.rest.pulls.listReviewComments, {
    ...repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  for (const comment of existing) {
    if (!isOurs(comment.user)) continue; // never anyone else's, whatever it holds
    const found = markerIn(comment.body);
    if (found === undefined || found.scope !== target.scope) continue;
    const key = found.key;
    const note = wanted.get(key);
    if (note && note.path === comment.path && note.line === comment.line) {
      wanted.delete(key);
      const body = bodyOf(note, target.scope);
      if (body === comment.body) sync.kept++;
      else {
        await gh.rest.pulls.updateReviewComment({ ...repo, comment_id: comment.id, body });
        sync.updated++;
      }
    } else {
      await gh.rest.pulls.deleteReviewComment({ ...repo, comment_id: comment.id });
      sync.deleted++;
    }
  }
  for (const note of wanted.values()) {
    try {
      await gh.rest.pulls.createReviewComment({
        ...repo,
        pull_number: target.pullNumber,
        commit_id: target.commitId,
        path: note.path,
        line: note.line,
        side: 'RIGHT',
        body: bodyOf(note, target.scope),
      });
      sync.created++;
    } catch (error) {
      if (!isUnplaceable(error)) throw error;
      sync.rejected++;
    }
  }
  return sync;
}
