/** The commit a CLI deploy writes into each revision's commit message: --sha, or the workspace's clean git HEAD. */
import { execFile } from 'node:child_process';
import { UserError } from '../errors.ts';
import { UsageError } from './usage.ts';

/** `git` in the workspace; its stdout, or undefined when git or the repository is not there. */
function git(workspace: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: workspace }, (error, stdout) => resolve(error ? undefined : stdout.trimEnd()));
  });
}

/** A value quoted for a one-line message: JSON string escapes (no newline gets through), cut when long. */
export function shown(value: string): string {
  const quoted = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return quoted;
}

/** The commit the deployed files are at: --sha, else HEAD of a workspace whose flow files are committed. */
export async function commitOf(workspace: string, sha: string | undefined, flowGlobs: string[]): Promise<string> {
  if (sha !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(sha))
      throw new UsageError(
        `--sha ${shown(sha)}: expected a full 40-character commit SHA in lower-case hex, e.g. the output of git rev-parse HEAD.`,
      );
    return sha;
  }
  const head = await git(workspace, ['rev-parse', 'HEAD']);
  if (!head)
    throw new UserError(
      `${workspace} is not a git work tree with a commit: pass --sha with the commit the flow files are at.`,
    );
  const dirty = await git(workspace, [
    'status',
    '--porcelain',
    '--',
    ...flowGlobs.map((g) => (g.startsWith('!') ? `:(exclude,glob)${g.slice(1)}` : `:(glob)${g}`)),
  ]);
  if (dirty) {
    const files = dirty
      .split('\n')
      .map((l) => l.slice(3))
      .slice(0, 5)
      .join(', ');
    throw new UserError(
      `Uncommitted changes to flow files (${files}): commit them first, so that each revision's commit message names the commit that holds it, or pass --sha.`,
    );
  }
  return head;
}
