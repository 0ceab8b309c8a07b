/** The CLI's options per command, and its flow files/folders/globs turned into the action's `flows` globs. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { globsMatchingNothing } from '../document/discover.ts';
import { flowPathForTest, isTestPath } from '../flowtest/api.ts';

/** What every command that reads flow files and Studio takes: where, which environment, how to reach Studio. */
const STUDIO_OPTIONS = {
  flows: { type: 'string' },
  workspace: { type: 'string' },
  config: { type: 'string' },
  environment: { type: 'string' },
  'studio-url': { type: 'string' },
  emulator: { type: 'boolean' },
  'emulator-seed': { type: 'string' },
  'emulator-account': { type: 'string' },
  concurrency: { type: 'string' },
  'request-timeout': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CHECK_OPTIONS = {
  ...STUDIO_OPTIONS,
  'fail-on': { type: 'string' },
  markdown: { type: 'boolean' },
  progress: { type: 'boolean' },
  'exit-code': { type: 'boolean' },
} as const;

export const DEPLOY_OPTIONS = {
  ...CHECK_OPTIONS,
  sha: { type: 'string' },
  status: { type: 'string' },
  'commit-message': { type: 'string' },
  'on-drift': { type: 'string' },
  'on-failure': { type: 'string' },
  create: { type: 'boolean' },
} as const;

export const PULL_OPTIONS = {
  ...STUDIO_OPTIONS,
  'sync-new': { type: 'string' },
  'sync-status': { type: 'string' },
  'sync-folder': { type: 'string' },
} as const;

export const PORTABLE_OPTIONS = {
  ...STUDIO_OPTIONS,
  check: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
} as const;

/** The `*.json` files of a folder and of its subfolders, as a glob relative to the workspace. */
function folderGlob(folder: string): string {
  const trimmed = folder.replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '**/*.json' : `${trimmed}/**/*.json`;
}

async function isFolder(workspace: string, entry: string): Promise<boolean> {
  if (/[*?[\]{}!]/.test(entry)) return false; // a glob, not a name
  try {
    return (await stat(path.resolve(workspace, entry))).isDirectory();
  } catch {
    return false;
  }
}

/** A flow test file named (not a glob) stands for its flow file: `lint flows/x.test.yaml` lints flows/x.json. */
function testedFlow(entry: string): string {
  return !/[*?[\]{}!]/.test(entry) && isTestPath(entry) ? flowPathForTest(entry) : entry;
}

/**
 * The `flows` globs of a command line: the names after the options, then --flows (comma-separated). A
 * folder means its flow files: every `*.json` in it and in its subfolders (as the default flows/**\/*.json
 * does), never its README or other files; a test file, its flow file. Files and globs are kept as they are.
 */
export async function flowGlobs(
  workspace: string,
  args: { positionals: string[]; flows: string | undefined },
): Promise<string> {
  const entries = [...args.positionals, ...(args.flows ?? '').split(',')].map((e) => e.trim()).filter((e) => e !== '');
  const globs = await Promise.all(
    entries.map(async (e) => ((await isFolder(workspace, e)) ? folderGlob(e) : testedFlow(e))),
  );
  return globs.join(',');
}

/** Refuse globs that name no file (a typo, a wrong folder) instead of checking nothing and passing. */
export async function requireFlowFiles(workspace: string, globs: string[]): Promise<void> {
  const empty = await globsMatchingNothing(workspace, globs);
  if (empty.length === 0) return;
  const names = empty.map((g) => JSON.stringify(g)).join(', ');
  throw new UserError(
    `${names} ${empty.length === 1 ? 'matches' : 'match'} no file in ${workspace}, so nothing would be checked: name flow files, folders or globs relative to --workspace (default: the current folder), e.g. flows/**/*.json.`,
  );
}
