/** Where a commit stands relative to the one being deployed, from GitHub's compare API (one call per commit). */
import { messageOf } from '../errors.ts';
import type { RepoRef } from './changes.ts';
import { httpStatusOf, type GitHub } from './client.ts';

/**
 * `ahead` / `identical`: the earlier commit is an ancestor of (or is) the deployed one. `behind` / `diverged`:
 * it is not. `no-token`: GitHub was not asked. `not-found`: GitHub does not know that commit in this
 * repository (404). `error`: GitHub could not answer (`detail` says why).
 */
export type Ancestry =
  | { kind: 'ahead' | 'identical' | 'behind' | 'diverged' }
  | { kind: 'no-token' }
  | { kind: 'not-found' }
  | { kind: 'error'; detail: string };

export type AncestryLookup = (earlier: string) => Promise<Ancestry>;

const STATUSES = new Set(['ahead', 'identical', 'behind', 'diverged']);

/**
 * Answers "is `earlier` an ancestor of `sha`?" through `GET /repos/{o}/{r}/compare/{earlier}...{sha}`,
 * asking GitHub once per distinct commit however many flows name it.
 */
export function createAncestryLookup(gh: GitHub | undefined, repo: RepoRef, sha: string): AncestryLookup {
  const asked = new Map<string, Promise<Ancestry>>();
  const ask = async (earlier: string): Promise<Ancestry> => {
    if (earlier === sha) return { kind: 'identical' };
    if (!gh) return { kind: 'no-token' };
    try {
      const { data } = await gh.rest.repos.compareCommitsWithBasehead({
        ...repo,
        basehead: `${earlier}...${sha}`,
        per_page: 1,
      });
      const status = String((data as { status?: unknown }).status);
      if (STATUSES.has(status)) return { kind: status as 'ahead' | 'identical' | 'behind' | 'diverged' };
      return { kind: 'error', detail: `GitHub answered the comparison with status '${status.slice(0, 40)}'` };
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 404) return { kind: 'not-found' };
      return {
        kind: 'error',
        detail: status
          ? `GitHub answered ${status} (${messageOf(error).slice(0, 200)})`
          : messageOf(error).slice(0, 200),
      };
    }
  };
  return (earlier) => {
    let answer = asked.get(earlier);
    if (!answer) asked.set(earlier, (answer = ask(earlier)));
    return answer;
  };
}
