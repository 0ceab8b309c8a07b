/**
 * The sync commit: the changed files as ONE commit on the sync branch through the Git Data API (blobs → tree
 * on the run's commit → commit → the ref moved last), no git binary. The ref moves only once the commit
 * exists, so a failure half-way leaves the branch as it was. A branch that already holds exactly these
 * files on this parent is left alone: a re-run with nothing new writes nothing.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../errors.ts';
import type { RepoRef } from './changes.ts';
import { httpStatusOf, type GitHub } from './client.ts';

/** The trailer that marks a commit as ours: a branch whose head lacks it is never force-updated. */
export const SYNC_TRAILER = 'Studio-Flow-CI-Sync:';

export interface SyncCommitInput {
  branch: string;
  /** The commit the workspace was planned from: the sync commit's parent. */
  parent: string;
  files: { path: string; text: string }[];
  /** First line(s) of the commit message; the trailer naming `scope` is added. */
  message: string;
  /** Environment (or 'default'): the trailer's value. */
  scope: string;
}

export interface SyncCommitResult {
  sha: string;
  action: 'created' | 'updated' | 'unchanged';
}

/** Git's object id of a blob holding `text` (UTF-8). */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function statusText(error: unknown): string {
  const status = httpStatusOf(error);
  const message = (error as { response?: { data?: { message?: unknown } } }).response?.data?.message;
  return `HTTP ${status ?? '?'}${typeof message === 'string' ? `: ${message.slice(0, 200)}` : ''}`;
}

/** A write the token may not make: the permission named, nothing else said. */
function noContentsWrite(error: unknown, what: string): never {
  if (httpStatusOf(error) === 403 || httpStatusOf(error) === 404)
    throw new UserError(
      `GitHub refused to ${what} (${statusText(error)}): the token lacks the 'contents: write' permission. Add \`permissions: { contents: write, pull-requests: write }\` to the job. Nothing was written to the sync branch.`,
    );
  throw error;
}

async function branchHead(gh: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    // GET git/ref answers a list for a prefix match (heads/a for heads/a/b): only an exact ref counts.
    if (Array.isArray(data) || data.ref !== `refs/heads/${branch}`) return undefined;
    return data.object.sha;
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The environment a sync commit's message names in its last line (our trailer), or undefined: not ours. */
export function syncScopeOf(message: string): string | undefined {
  const last = message.trimEnd().split('\n').at(-1) ?? '';
  return last.startsWith(`${SYNC_TRAILER} `) ? last.slice(SYNC_TRAILER.length + 1).trim() || undefined : undefined;
}

/** True when `parent...head` changes exactly `files` (by blob id); false past what a compare lists. */
async function changesExactly(
  gh: GitHub,
  repo: RepoRef,
  input: { parent: string; head: string; files: SyncCommitInput['files'] },
): Promise<boolean> {
  if (input.files.length > 250) return false; // more than a compare lists: written again
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${input.parent}...${input.head}`,
  });
  const onBranch = new Map((data.files ?? []).map((f) => [f.filename, f.status === 'removed' ? '' : f.sha]));
  return onBranch.size === input.files.length && input.files.every((f) => onBranch.get(f.path) === blobSha(f.text));
}

/** True when `head` is our sync commit on `parent` holding exactly `files` (by blob id). */
async function alreadyHolds(gh: GitHub, repo: RepoRef, input: SyncCommitInput & { head: string }): Promise<boolean> {
  const { data: commit } = await gh.rest.git.getCommit({ ...repo, commit_sha: input.head });
  const scope = syncScopeOf(commit.message);
  if (scope === undefined)
    throw new UserError(
      `The sync branch '${input.branch}' exists and its head commit ${input.head.slice(0, 7)} was not made by studio-flow-ci's sync: it is never overwritten. Delete the branch, or set 'sync-branch' to a branch of its own.`,
    );
  if (scope !== input.scope)
    throw new UserError(
      `The sync branch '${input.branch}' holds the sync of environment '${scope.slice(0, 60)}', not '${input.scope}': two environments never share a sync branch. Set 'sync-branch' to one per environment, e.g. studio-sync/{environment}.`,
    );
  if (commit.parents.length !== 1 || commit.parents[0]?.sha !== input.parent) return false;
  return changesExactly(gh, repo, input);
}

/**
 * True when `head` (a declined sync PR's commit) is a sync commit that brought exactly `files`, whatever its
 * parent: the same Studio state, even after the base branch moved on.
 */
export async function syncCommitHolds(
  gh: GitHub,
  repo: RepoRef,
  input: { head: string; files: SyncCommitInput['files']; scope: string },
): Promise<boolean> {
  let commit;
  try {
    commit = (await gh.rest.git.getCommit({ ...repo, commit_sha: input.head })).data;
  } catch (error) {
    if (httpStatusOf(error) === 404 || httpStatusOf(error) === 422) return false; // gone: not this state
    throw error;
  }
  const parent = commit.parents[0]?.sha;
  if (syncScopeOf(commit.message) !== input.scope || commit.parents.length !== 1 || !parent) return false;
  return changesExactly(gh, repo, { parent, head: input.head, files: input.files });
}

/** Commit `files` on `parent` and point `branch` at it; or nothing when the branch already holds them. */
export async function commitToSyncBranch(gh: GitHub, repo: RepoRef, input: SyncCommitInput): Promise<SyncCommitResult> {
  if (input.files.length === 0) throw new Error('a sync commit needs at least one file');
  const head = await branchHead(gh, repo, input.branch);
  if (head !== undefined && (await alreadyHolds(gh, repo, { ...input, head })))
    return { sha: head, action: 'unchanged' };

  const { data: parent } = await gh.rest.git.getCommit({ ...repo, commit_sha: input.parent });
  const entries = [];
  for (const file of input.files) {
    const sha = blobSha(file.text);
    const blob = await gh.rest.git
      .createBlob({ ...repo, content: Buffer.from(file.text, 'utf8').toString('base64'), encoding: 'base64' })
      .catch((error: unknown) => noContentsWrite(error, `store ${file.path}`));
    if (blob.data.sha !== sha)
      throw new Error(`GitHub stored ${file.path} as blob ${blob.data.sha}, expected ${sha}; nothing was committed`);
    entries.push({ path: file.path, mode: '100644' as const, type: 'blob' as const, sha });
  }
  const tree = await gh.rest.git
    .createTree({ ...repo, base_tree: parent.tree.sha, tree: entries })
    .catch((error: unknown) => noContentsWrite(error, 'build the sync tree'));
  const message = `${input.message}\n\n${SYNC_TRAILER} ${input.scope}\n`;
  const commit = await gh.rest.git
    .createCommit({ ...repo, message, tree: tree.data.sha, parents: [input.parent] })
    .catch((error: unknown) => noContentsWrite(error, 'create the sync commit'));
  const sha = commit.data.sha;
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error('GitHub answered the sync commit without a commit SHA');
  try {
    if (head === undefined) await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${input.branch}`, sha });
    else await gh.rest.git.updateRef({ ...repo, ref: `heads/${input.branch}`, sha, force: true });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 403 || status === 422)
      throw new UserError(
        `GitHub refused to move the sync branch '${input.branch}' (${statusText(error)}): the branch is protected against this token, or the token lacks 'contents: write'. Allow the workflow to push to '${input.branch}' (or set 'sync-branch' to an unprotected branch). The branch was not changed.`,
      );
    throw error;
  }
  return { sha, action: head === undefined ? 'created' : 'updated' };
}
