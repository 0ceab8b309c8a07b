/**
 * The inputs of mode `sync` (Studio → git as a pull request), read and checked once with the others
 * (src/settings.ts). Every bad value is a one-line UserError naming the input and the fix.
 */
import { UserError } from './errors.ts';

/** How mode `sync` behaves (ignored by the other modes). */
export interface SyncSettings {
  /** Friendly-name globs of Studio flows that no file maps yet and that sync brings in as new files. */
  syncNew: string[];
  /** Which revision is synced: the latest published one, or the latest revision (drafts too). */
  syncStatus: 'published' | 'latest';
  /** Workspace-relative folder ('/' separators) where new flows are written. */
  syncFolder: string;
  /** The branch the sync commit goes to; `{environment}` already filled in. */
  syncBranch: string;
  /** false: report drift only (job summary, outputs), no write to GitHub. */
  syncPr: boolean;
  /** Labels put on the sync pull request. */
  syncLabels: string[];
  /** Fail the run when any flow differs from its file. */
  failOnDrift: boolean;
}

export const SYNC_INPUT_DEFAULTS = {
  'sync-status': 'published',
  'sync-folder': 'flows',
  'sync-branch': 'studio-sync/{environment}',
  'sync-pr': 'true',
  'sync-labels': 'studio-sync',
  'fail-on-drift': 'false',
} as const;

/** A value in a message: quoted, control characters as escapes, cut when huge. */
function shown(raw: string): string {
  const cut = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  return `'${cut.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1))}'`;
}

function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

function flag(name: string, raw: string): boolean {
  const value = raw.toLowerCase();
  if (value !== 'true' && value !== 'false')
    throw new UserError(`Input '${name}' must be true or false, got ${shown(raw)}.`);
  return value === 'true';
}

/**
 * Why git would refuse `name` as a branch (the rules of `git check-ref-format --branch`), or undefined when
 * it is a valid one: no control characters, space, `~ ^ : ? * [ \`, no `..` or `@{`, not `@`, no part
 * starting with `.` or ending with `.lock`, no empty part, no leading or trailing `/`, no trailing `.`.
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  // eslint-disable-next-line no-control-regex -- control characters are what git refuses
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name))
    return 'it holds a space, a control character or one of ~ ^ : ? * [ \\';
  if (name.includes('..')) return "it holds '..'";
  if (name.includes('@{')) return "it holds '@{'";
  if (name === '@') return "it is '@'";
  if (name.startsWith('-')) return "it starts with '-'";
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'it has an empty part between slashes';
  if (name.endsWith('.')) return "it ends with '.'";
  const parts = name.split('/');
  if (parts.some((p) => p.startsWith('.'))) return "a part starts with '.'";
  if (parts.some((p) => p.endsWith('.lock'))) return "a part ends with '.lock'";
  if (name.length > 200) return 'it is longer than 200 characters';
  return undefined;
}

function branchOf(template: string, environment: string): string {
  const branch = template.replaceAll('{environment}', environment || 'default');
  const problem = branchNameProblem(branch);
  if (problem) {
    const from = branch === template ? '' : ` (from ${shown(template)})`;
    throw new UserError(
      `Input 'sync-branch': git refuses ${shown(branch)}${from} as a branch name: ${problem}. Use e.g. studio-sync/{environment}.`,
    );
  }
  if (branch === 'main' || branch === 'master')
    throw new UserError(
      `Input 'sync-branch' is ${shown(branch)}: sync force-updates its branch, so it must be a branch of its own, e.g. studio-sync/{environment}.`,
    );
  return branch;
}

function folderOf(raw: string): string {
  const folder = raw.replace(/\\/g, '/').replace(/\/+$/, '');
  // eslint-disable-next-line no-control-regex -- control characters never belong in a path
  const bad = /[\u0000-\u001f\u007f]/.test(folder)
    ? 'it holds a control character (a newline?)'
    : /^([/~]|[A-Za-z]:)/.test(folder)
      ? 'it is not relative to the repository'
      : folder.split('/').some((p) => p === '..' || p === '.' || p === '')
        ? "it has a '..', '.' or empty part"
        : folder.length > 200
          ? 'it is longer than 200 characters'
          : undefined;
  if (bad || folder === '')
    throw new UserError(
      `Input 'sync-folder' is ${shown(raw)}: ${bad ?? 'it is empty'}. Name a folder inside the repository, e.g. flows.`,
    );
  return folder;
}

function labelsOf(raw: string): string[] {
  const labels = list(raw);
  for (const label of labels) {
    // GitHub's label names: at most 50 characters; commas split the list, so none can hold one.
    // eslint-disable-next-line no-control-regex -- control characters never belong in a label
    if (label.length > 50 || /[\u0000-\u001f\u007f]/.test(label))
      throw new UserError(
        `Input 'sync-labels': ${shown(label)} is not a label GitHub accepts (at most 50 characters, no control characters); list labels one per line or comma-separated.`,
      );
  }
  if (labels.length > 20) throw new UserError(`Input 'sync-labels' names ${labels.length} labels; at most 20.`);
  return [...new Set(labels)];
}

function newGlobs(raw: string): string[] {
  const globs = list(raw);
  const long = globs.find((g) => g.length > 200);
  if (long !== undefined)
    throw new UserError(
      `Input 'sync-new': the glob ${shown(long)} is longer than 200 characters; name flows by shorter globs.`,
    );
  return globs;
}

/** The sync inputs: `read` returns '' for an input not set. */
export function readSyncSettings(read: (name: string) => string, environment: string): SyncSettings {
  const input = (name: keyof typeof SYNC_INPUT_DEFAULTS): string => read(name).trim() || SYNC_INPUT_DEFAULTS[name];
  const status = input('sync-status').toLowerCase();
  if (status !== 'published' && status !== 'latest')
    throw new UserError(`Input 'sync-status' is ${shown(status)}; accepted values are: published, latest.`);
  return {
    syncNew: newGlobs(read('sync-new')),
    syncStatus: status,
    syncFolder: folderOf(input('sync-folder')),
    syncBranch: branchOf(input('sync-branch'), environment),
    syncPr: flag('sync-pr', input('sync-pr')),
    syncLabels: labelsOf(read('sync-labels').trim() === '' ? SYNC_INPUT_DEFAULTS['sync-labels'] : read('sync-labels')),
    failOnDrift: flag('fail-on-drift', input('fail-on-drift')),
  };
}
