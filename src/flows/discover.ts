import picomatch from 'picomatch';
import { glob } from 'tinyglobby';

/** A predicate that says whether a workspace-relative path is a flow file under the given globs. */
export function flowMatcher(globs: string[]): (path: string) => boolean {
  const positive = globs.filter((g) => !g.startsWith('!'));
  const negative = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const isIn = picomatch(positive, { dot: false });
  const isOut = negative.length > 0 ? picomatch(negative, { dot: false }) : () => false;
  return (path) => isIn(path) && !isOut(path);
}

/** Every flow file in the workspace matching the globs (no symlinks followed), sorted. */
export async function discoverFlowFiles(workspace: string, globs: string[]): Promise<string[]> {
  const found = await glob(globs, {
    cwd: workspace,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: false,
    ignore: ['**/node_modules/**', '.git/**'],
  });
  return found.sort();
}
