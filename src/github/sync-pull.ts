/**
 * The one sync pull request per environment: found by its head branch (every page) among the PRs opened by
 * the account the token acts as — a PR someone else opened on that branch is never adopted, edited or
 * closed — then opened, updated only where its title, body or labels differ, or closed.
 */
import { UserError } from '../errors.ts';
import type { RepoRef } from './changes.ts';
import { httpStatusOf, type GitHub } from './client.ts';
import { ourIdentity } from './identity.ts';

export interface SyncPull {
  number: number;
  url: string;
  title: string;
  body: string;
  labels: string[];
}

const NO_PULLS_WRITE =
  "the token lacks the 'pull-requests: write' permission (add `permissions: { contents: write, pull-requests: write }` to the job), " +
  "or the repository does not allow GitHub Actions to create pull requests (Settings → Actions → General → 'Allow GitHub Actions to create and approve pull requests')";

function refused(error: unknown, what: string): never {
  const status = httpStatusOf(error);
  if (status === 403 || status === 401)
    throw new UserError(`GitHub refused to ${what} (HTTP ${status}): ${NO_PULLS_WRITE}.`);
  throw error;
}

/** Our PRs on the sync branch: the open one, and the commits of those closed without merging (declined). */
export interface SyncPulls {
  open: SyncPull | undefined;
  declined: { number: number; headSha: string }[];
}

/**
 * Our sync PRs on `branch` (every page, open and closed). Throws a UserError when an open PR on that branch
 * was opened by anyone else: sync would otherwise push over their branch.
 */
export async function findSyncPulls(gh: GitHub, repo: RepoRef, branch: string): Promise<SyncPulls> {
  const isOurs = await ourIdentity(gh);
  const pages = gh.paginate.iterator(gh.rest.pulls.list, {
    ...repo,
    state: 'all',
    head: `${repo.owner}:${branch}`,
    per_page: 100,
  });
  let ours: SyncPull | undefined;
  const declined: SyncPulls['declined'] = [];
  for await (const page of pages) {
    for (const pr of page.data) {
      if (pr.head.ref !== branch) continue; // the filter is the server's: checked again here
      if (pr.state !== 'open') {
        if (isOurs(pr.user) && !pr.merged_at) declined.push({ number: pr.number, headSha: pr.head.sha });
        continue;
      }
      if (!isOurs(pr.user)) {
        throw new UserError(
          `Pull request #${pr.number} on the sync branch '${branch}' was opened by ${pr.user?.login ?? 'someone else'}, not by this token's account: studio-flow-ci never takes over others' pull requests or pushes to their branch. Close it, or set 'sync-branch' to another branch.`,
        );
      }
      ours ??= {
        number: pr.number,
        url: pr.html_url,
        title: pr.title,
        body: pr.body ?? '',
        labels: pr.labels.map((l) => l.name ?? '').filter(Boolean),
      };
    }
  }
  return { open: ours, declined };
}

export interface SyncPullContent {
  branch: string;
  /** The branch the PR goes into. */
  base: string;
  title: string;
  body: string;
  labels: string[];
}

/** Open the sync PR, or update ours where it differs; each write only when needed. */
export async function upsertSyncPull(
  gh: GitHub,
  repo: RepoRef,
  input: { existing: SyncPull | undefined; content: SyncPullContent },
): Promise<{ number: number; url: string; action: 'created' | 'updated' | 'unchanged' }> {
  const { existing, content } = input;
  let action: 'created' | 'updated' | 'unchanged' = 'unchanged';
  let pull = existing;
  if (!pull) {
    const { data } = await gh.rest.pulls
      .create({ ...repo, head: content.branch, base: content.base, title: content.title, body: content.body })
      .catch((error: unknown) => refused(error, `open the sync pull request from '${content.branch}'`));
    pull = { number: data.number, url: data.html_url, title: data.title, body: data.body ?? '', labels: [] };
    action = 'created';
  } else if (pull.title !== content.title || pull.body !== content.body) {
    await gh.rest.pulls
      .update({ ...repo, pull_number: pull.number, title: content.title, body: content.body })
      .catch((error: unknown) => refused(error, `update the sync pull request #${pull!.number}`));
    action = 'updated';
  }
  // GitHub matches label names case-insensitively and keeps an existing label's own spelling.
  const held = new Set(pull.labels.map((l) => l.toLowerCase()));
  const missing = content.labels.filter((l) => !held.has(l.toLowerCase()));
  if (missing.length > 0)
    await gh.rest.issues
      .addLabels({ ...repo, issue_number: pull.number, labels: missing })
      .catch((error: unknown) => refused(error, `label the sync pull request #${pull.number}`));
  return { number: pull.number, url: pull.url, action };
}

/** Close our sync PR: nothing differs any more. */
export async function closeSyncPull(gh: GitHub, repo: RepoRef, pull: SyncPull): Promise<void> {
  await gh.rest.pulls
    .update({ ...repo, pull_number: pull.number, state: 'closed' })
    .catch((error: unknown) => refused(error, `close the sync pull request #${pull.number}`));
}
