/**
 * A sync plan written into the workspace (the CLI's `pull`): only the plan's changed files, each through a
 * temporary file renamed over it, never through a symbolic link, never outside the workspace, never over a
 * file that changed since the plan read it. Nothing is written when the plan has an error, and every path is
 * checked before the first file is written.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../document/read.ts';
import { UserError } from '../errors.ts';
import type { SyncPlan, SyncProblem } from './sync-types.ts';

/** What writePlan needs of a plan (a sync plan, or the `portable` command's). */
export interface WritablePlan {
  problems: readonly SyncProblem[];
  files: readonly { path: string; changed: boolean; before: string | null; after: string }[];
}

async function exists(full: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await lstat(full);
  } catch {
    return undefined;
  }
}

/**
 * The absolute path a plan's file is written to, after checking it stays inside the workspace and still holds
 * what the plan read (`before`; null: no file), so that an edit saved meanwhile is never overwritten.
 */
async function target(root: string, relPath: string, before: string | null): Promise<string> {
  const refuse = (why: string): never => {
    throw new UserError(`${JSON.stringify(relPath.slice(0, 200))}: ${why}; nothing was written.`);
  };
  if (relPath === '' || path.isAbsolute(relPath) || relPath.split(/[/\\]/).includes('..'))
    refuse('not a path inside the workspace');
  const full = path.resolve(root, relPath);
  if (!isInside(root, full)) refuse('not a path inside the workspace');
  const stat = await exists(full);
  if (stat?.isSymbolicLink()) refuse('the file is a symbolic link; sync writes only regular files');
  if (stat && !stat.isFile()) refuse('the path is not a regular file');
  if (before === null && stat) refuse('the file exists now, but did not when sync read the workspace; re-run pull');
  if (before !== null && (!stat || (await readFile(full, 'utf8')) !== before))
    refuse('the file changed since sync read it (saved meanwhile?); re-run pull to sync over the new text');
  // The nearest existing folder must be inside the workspace too (a linked folder would lead out of it).
  let folder = path.dirname(full);
  while (!(await exists(folder))) folder = path.dirname(folder);
  if (!isInside(root, await realpath(folder))) refuse('its folder resolves outside the workspace (a linked folder)');
  return full;
}

/** Write the changed files of a plan into the workspace; refuses (UserError) if plan.problems has an error. */
export async function writePlan(workspace: string, plan: SyncPlan | WritablePlan): Promise<string[]> {
  const errors = plan.problems.filter((p) => p.level === 'error');
  if (errors.length > 0) {
    throw new UserError(
      `Sync found ${errors.length === 1 ? 'an error' : `${errors.length} errors`}, so no file was written: ${errors
        .map((e) => `${e.path ?? e.flow ?? ''}: ${e.message}`)
        .join(' ')}`,
    );
  }
  const root = await realpath(workspace);
  const changed = plan.files.filter((f) => f.changed);
  const targets = [];
  for (const file of changed) targets.push({ file, full: await target(root, file.path, file.before) });
  const written: string[] = [];
  for (const { file, full } of targets) {
    await mkdir(path.dirname(full), { recursive: true });
    const temp = path.join(path.dirname(full), `.${path.basename(full)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, file.after, { encoding: 'utf8', flag: 'wx' });
      await rename(temp, full);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    written.push(file.path);
  }
  return written;
}
