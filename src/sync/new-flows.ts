/**
 * Flows in Studio that no file maps, brought in by `sync-new` (friendly-name globs): which ones, the file each
 * becomes (a slug of the friendly name in `sync-folder`, `-2`, `-3`… on a collision, by SID order) and its text.
 */
import picomatch from 'picomatch';
import { UserError } from '../errors.ts';

/** Longest slug (before `-N` and `.json`). */
export const MAX_SLUG = 80;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A file name stem from a friendly name: lower-case ASCII letters, digits and `-`; never empty, `.`, `..` or reserved. */
export function slugOf(friendlyName: string): string {
  const ascii = friendlyName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = ascii.slice(0, MAX_SLUG).replace(/-+$/, '');
  if (cut === '') return 'flow';
  return WINDOWS_RESERVED.test(cut) ? `${cut}-flow` : cut;
}

/** `sync-folder` checked: workspace-relative, `/` separators, no `..`, not absolute; '' for the workspace root. */
export function syncFolderOf(raw: string): string {
  const folder = raw
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  const segments = folder === '' || folder === '.' ? [] : folder.split('/');
  const bad =
    /^([/~]|[A-Za-z]:)/.test(folder) ||
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    segments.some((s) => s === '..' || s === '' || /[\u0000-\u001f]/.test(s));
  if (bad)
    throw new UserError(
      `Input 'sync-folder' is ${JSON.stringify(raw.slice(0, 100))}: it must be a folder inside the repository, e.g. flows (no "..", not absolute).`,
    );
  return segments.join('/');
}

/** A predicate over friendly names from the `sync-new` globs (none: nothing matches). */
export function newFlowMatcher(globs: readonly string[]): (friendlyName: string) => boolean {
  if (globs.length === 0) return () => false;
  // A name is not a path: `/` is an ordinary character (so `*` matches `Team/IVR`), on both sides alike.
  const flat = (text: string) => text.replaceAll('/', '\u2215');
  const match = picomatch(globs.map(flat), { dot: true, nocase: false });
  return (name) => match(flat(name));
}

/**
 * The path of each new flow (by SID), in `folder`: its slug, with `-2`, `-3`… when the path is taken by an
 * existing file (`taken`, compared case-insensitively: macOS and Windows) or by a flow before it in SID order.
 */
export function newFlowPaths(
  flows: readonly { sid: string; friendlyName: string }[],
  folder: string,
  taken: ReadonlySet<string>,
): Map<string, string> {
  const used = new Set([...taken].map((p) => p.toLowerCase()));
  const paths = new Map<string, string>();
  for (const flow of [...flows].sort((a, b) => (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0))) {
    const slug = slugOf(flow.friendlyName);
    const at = (n: number) => `${folder === '' ? '' : `${folder}/`}${slug}${n === 1 ? '' : `-${n}`}.json`;
    let n = 1;
    while (used.has(at(n).toLowerCase())) n += 1;
    const path = at(n);
    used.add(path.toLowerCase());
    paths.set(flow.sid, path);
  }
  return paths;
}

/** The shape new files are written in: the REST resource (`friendly_name`) or the CLI export (`friendlyName`). */
export type NewFileShape = 'rest' | 'cli';

/**
 * A new flow's file: `{"friendly_name", "definition"}` (or `friendlyName` when most of the repository's resource
 * files are CLI exports), 2-space indent, final newline. Never a bare definition: the name would be lost (a bare
 * file's flow is named by its file name, which is the slug, not the friendly name).
 */
export function newFileText(input: { friendlyName: string; definition: unknown; shape: NewFileShape }): string {
  const key = input.shape === 'cli' ? 'friendlyName' : 'friendly_name';
  return `${JSON.stringify({ [key]: input.friendlyName, definition: input.definition }, null, 2)}\n`;
}
