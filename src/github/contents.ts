import type { RepoRef } from './changes.ts';
import { httpStatusOf, type GitHub } from './client.ts';

/**
 * A file's text at a commit, or undefined when it does not exist there. Read through the API, so
 * the action never checks out (or runs) anything from the pull request.
 */
export async function readFileAt(gh: GitHub, repo: RepoRef, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...repo, path, ref, mediaType: { format: 'raw' } });
    return typeof data === 'string' ? data : undefined;
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}
