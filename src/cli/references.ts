/**
 * The flow files that the files a CLI run selects name by `${flow:PATH}` and that exist on disk: the
 * action only accepts references to files its `flows` input selects, but `lint parent.json` names one
 * file and still means its subflows by path (relative to the workspace, as in the action).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { discoverFlowFiles } from '../document/discover.ts';
import { referencedPaths } from '../resolve/flow-refs.ts';
import { parseFlowText } from '../document/parse.ts';
import { isInside, readFlowFile } from '../document/read.ts';

async function isFile(workspace: string, relative: string): Promise<boolean> {
  const full = path.resolve(workspace, relative);
  if (!isInside(workspace, full)) return false;
  try {
    return (await stat(full)).isFile();
  } catch {
    return false;
  }
}

/** Workspace-relative paths of existing files referenced by the selected flow files, not selected themselves. */
export async function referencedFiles(workspace: string, globs: string[]): Promise<string[]> {
  const selected = await discoverFlowFiles(workspace, globs);
  const named = new Set<string>();
  for (const file of selected) {
    const read = await readFlowFile(workspace, file);
    if (!read.ok) continue; // the check reports it
    const parsed = parseFlowText(file, read.text);
    if (!parsed.ok) continue;
    for (const ref of referencedPaths(parsed.definition)) named.add(ref);
  }
  const chosen = new Set(selected);
  const candidates = [...named].filter(
    (ref) => !chosen.has(ref) && !ref.startsWith('/') && !ref.split('/').includes('..'),
  );
  const present = await Promise.all(candidates.map(async (ref) => ((await isFile(workspace, ref)) ? ref : undefined)));
  return present.filter((ref): ref is string => ref !== undefined).sort();
}
