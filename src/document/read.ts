/** A flow file's text, read safely from the workspace: inside it, no links, size-capped, strict UTF-8. */
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
    return {
      ok: false,
      message: 'The path is outside the workspace.',
      fix: 'Name flow files by paths inside the repository.',
    };
  }
  let stat;
  try {
    stat = await lstat(full);
  } catch {
    return {
      ok: false,
      message: 'The file does not exist in the workspace.',
      fix: 'Check out the pull request head (actions/checkout) before this step.',
    };
  }
  if (stat.isSymbolicLink()) {
    return {
      ok: false,
      message: 'The file is a symbolic link; flow files must be regular files.',
      fix: 'Replace the link with the flow JSON itself.',
    };
  }
  if (!stat.isFile())
    return { ok: false, message: 'The path is not a regular file.', fix: 'Point the flows globs at JSON files.' };
  if (!isInside(root, await realpath(full))) {
    return {
      ok: false,
      message: 'The file resolves outside the workspace (through a linked folder).',
      fix: 'Keep flow files in the repository itself.',
    };
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
    return {
      ok: false,
      message: 'The file could not be opened as a regular file (it changed while it was read, or is a symbolic link).',
      fix: 'Replace the link with the flow JSON itself.',
    };
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.size > MAX_FILE_BYTES)
      return { ok: false, message: 'The file changed while it was read.', fix: 'Re-run the job.' };
    return decodeUtf8(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/**
 * The file's text, or a refusal naming the first byte that is not UTF-8: read leniently, a Latin-1 file
 * would be checked and deployed with U+FFFD in place of its accented letters. A BOM is kept (the parser warns).
 */
export function decodeUtf8(bytes: Uint8Array): ReadResult {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // UTF-16 and binary files hold NUL bytes: the parser names those (with their place) more precisely.
    if (bytes.includes(0)) return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
    const at = firstBadByte(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, at));
    const line = before.split('\n').length;
    const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
    const hex = `0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      ok: false,
      message: `The file is not UTF-8 text: byte ${hex} at line ${line}, column ${column} is not part of a UTF-8 character (the file is probably Latin-1 or Windows-1252).`,
      fix: 'Save the file as UTF-8, as Studio exports it (e.g. iconv -f windows-1252 -t utf-8).',
    };
  }
}

/** Offset of the first byte of the first sequence that is not UTF-8 (only called when decoding failed). */
function firstBadByte(bytes: Uint8Array): number {
  // The shortest prefix that fails to decode (streaming: an unfinished last character is not yet an error).
  let low = 1;
  let high = bytes.length + 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  // Past the end: the file ends inside a character; otherwise the byte that made the prefix fail.
  const bad = low > bytes.length ? bytes.length - 1 : low - 1;
  // Back up to the lead byte of the broken sequence (an ASCII byte fails only after an unfinished one).
  for (let j = bad; j >= Math.max(0, bad - 3); j--) {
    const byte = bytes[j] ?? 0;
    if (byte >= 0xc0) return j;
    if (byte < 0x80 && j !== bad) break;
  }
  return bad;
}
