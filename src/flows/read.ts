import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';

/** Largest flow file we read at all; Twilio's own limit on a definition is 1 MB. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; message: string; fix: string };

/** True when `child` is `root` or inside it (both absolute and normalised). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Read a flow file named by a workspace-relative path, refusing anything that could make us
 * read (and then quote) a file outside the repository: absolute paths, `..`, symlinks, and
 * paths whose real location is outside the workspace. Never throws for a user's file.
 */
export async function readFlowFile(workspace: string, relPath: string): Promise<ReadResult> {
  const root = await realpath(workspace);
  const full = path.resolve(root, relPath);
  if (path.isAbsolute(relPath) || !isInside(root, full)) {
    return { ok: false, message: 'The path is outside the workspace.', fix: 'Name flow files by paths inside the repository.' };
  }
  let stat;
  try {
    stat = await lstat(full);
  } catch {
    return { ok: false, message: 'The file does not exist in the workspace.', fix: 'Check out the pull request head (actions/checkout) before this step.' };
  }
  if (stat.isSymbolicLink()) {
    return { ok: false, message: 'The file is a symbolic link; flow files must be regular files.', fix: 'Replace the link with the flow JSON itself.' };
  }
  if (!stat.isFile()) return { ok: false, message: 'The path is not a regular file.', fix: 'Point the flows globs at JSON files.' };
  if (!isInside(root, await realpath(full))) {
    return { ok: false, message: 'The file resolves outside the workspace (through a linked folder).', fix: 'Keep flow files in the repository itself.' };
  }
  if (stat.size > MAX_FILE_BYTES) {
    return {
      ok: false,
      message: `The file is ${stat.size} bytes; Twilio refuses definitions over 1 MB, so it was not read.`,
      fix: 'Split the flow (e.g. with run-subflow widgets) or remove unused widgets.',
    };
  }
  // O_NOFOLLOW and a second look at what was opened: a file swapped for a link after the checks above is refused too.
  let handle;
  try {
    handle = await open(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return { ok: false, message: 'The file could not be opened as a regular file (it changed while it was read, or is a symbolic link).', fix: 'Replace the link with the flow JSON itself.' };
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.size > MAX_FILE_BYTES) return { ok: false, message: 'The file changed while it was read.', fix: 'Re-run the job.' };
    return { ok: true, text: await handle.readFile({ encoding: 'utf8' }) };
  } finally {
    await handle.close();
  }
}
