import type { GitHub } from './client.ts';

export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'removed';

/** One changed file, as the PR or a compare reports it. */
export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** The old path of a renamed file. */
  previousPath?: string;
  /** The unified diff hunk GitHub reports, when it has one (absent for large or binary files). */
  patch?: string;
}

interface RawFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

function toChange(file: RawFile): ChangedFile {
  // GitHub also reports 'copied', 'changed' (mode only) and 'unchanged': all are checked like a modification.
  const status: ChangeStatus =
    file.status === 'added' || file.status === 'removed' || file.status === 'renamed' ? file.status : 'modified';
  const change: ChangedFile = { path: file.filename, status };
  if (file.previous_filename) change.previousPath = file.previous_filename;
  if (file.patch !== undefined) change.patch = file.patch;
  return change;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** GitHub lists at most this many files of a pull request. */
export const PR_FILES_LIMIT = 3000;

/** Every file a pull request changes, across all pages; `complete` is false when GitHub's cap cut the list. */
export async function listPullRequestFiles(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
): Promise<{ files: ChangedFile[]; complete: boolean }> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 });
  return { files: files.map(toChange), complete: files.length < PR_FILES_LIMIT };
}

/**
 * The files changed between two commits (merge queue groups, pushes). GitHub's compare lists files
 * on its first page only, at most 300; past that the caller should check every flow instead.
 */
export async function listComparedFiles(
  gh: GitHub,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<{ files: ChangedFile[]; complete: boolean }> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1,
  });
  const files = (data.files ?? []).map(toChange);
  return { files, complete: files.length < 300 };
}
