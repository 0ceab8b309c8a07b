/** Which workspace files are flow files: the `flows` globs, matched and listed (and the globs that match nothing). */
import { glob as fsGlob } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';

/** A `.` or `..` segment of a path (glob matching never matches them, so they are renamed for it). */
const DOT_SEGMENT = /(^|\/)\.\.?(?=\/|$)/g;

/**
 * A predicate that says whether a workspace-relative path is a flow file under the given globs.
 * A path with `.` or `..` segments (`flows/../../etc/x.json`) is matched as if they were ordinary
 * names: it claims to be a flow file, so it is selected, and reading it refuses it by name
 * (read.ts) instead of it being skipped without a word.
 */
export function flowMatcher(globs: string[]): (path: string) => boolean {
  const positive = globs.filter((g) => !g.startsWith('!'));
  const negative = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const isIn = picomatch(positive, { dot: false });
  const isOut = negative.length > 0 ? picomatch(negative, { dot: false }) : () => false;
  const matches = (path: string) => isIn(path) && !isOut(path);
  return (path) => {
    if (matches(path)) return true;
    const named = path.replace(DOT_SEGMENT, (_m, slash: string) => `${slash}dot-segment`);
    return named !== path && matches(named);
  };
}

/**
 * Every flow file in the workspace matching the globs, sorted. Symbolic links are never followed
 * into folders; a link the globs name is listed (tinyglobby leaves links out), so that reading it
 * refuses it by name (read.ts) instead of the flow being skipped without a word.
 */
export async function discoverFlowFiles(workspace: string, globs: string[]): Promise<string[]> {
  const found = await glob(globs, {
    cwd: workspace,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: false,
    ignore: ['**/node_modules/**', '.git/**'],
  });
  const links = await linksNamed(workspace, globs);
  return [...new Set([...found, ...links])].sort();
}

/** The symbolic links (to files or folders) the globs name; node's glob lists them without following them. */
async function linksNamed(workspace: string, globs: string[]): Promise<string[]> {
  const isFlow = flowMatcher(globs);
  const links: string[] = [];
  try {
    const entries = fsGlob(
      globs.filter((g) => !g.startsWith('!')),
      {
        cwd: workspace,
        withFileTypes: true,
        exclude: (entry) => entry.name === 'node_modules' || entry.name === '.git',
      },
    );
    for await (const entry of entries) {
      if (!entry.isSymbolicLink()) continue;
      const relative = path.relative(workspace, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (isFlow(relative)) links.push(relative);
    }
  } catch {
    // Best effort: a folder that cannot be listed hides no regular flow file from the list above.
  }
  return links;
}

/**
 * The globs (not the `!` exclusions) that name no file at all in the workspace: a typo in `flows` would
 * otherwise check nothing and pass green.
 */
export async function globsMatchingNothing(workspace: string, globs: string[]): Promise<string[]> {
  const positive = globs.filter((g) => !g.startsWith('!'));
  const empty: string[] = [];
  for (const glob of positive) {
    if ((await discoverFlowFiles(workspace, [glob])).length === 0) empty.push(glob);
  }
  return empty;
}
