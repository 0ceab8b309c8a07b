/** The sync contract's types (re-exported by plan.ts, which the other layers import). */
import type { FlowDiff } from '../diff/diff-types.ts';
import type { Settings } from '../settings.ts';
import type { AccountLists } from '../studio/account-types.ts';
import type { StudioReader } from '../studio/live.ts';

/**
 * A `${var.NAME}` / `${flow:PATH}` / name reference in the file whose live value no longer equals what it resolves
 * to. A placeholder stays in the file; a name reference is replaced by `written`.
 */
export interface PlaceholderChange {
  /** e.g. '${var.SUPPORT_NUMBER}' or '${flow:flows/child.json}' */
  placeholder: string;
  /** Widget name, when inside one. */
  widget: string | undefined;
  /** JSON pointer in the definition. */
  pointer: string;
  /** What the placeholder resolves to in this environment (masked if sensitive). */
  expected: string;
  /** The live value (masked if sensitive). */
  live: string;
  /** A name reference's replacement in the file: the name that resolves to the live value, or the live value. */
  written?: string;
  /** Why the reference does not resolve here, or why no name gives the live value. */
  reason?: string;
}

export interface SyncFile {
  /** Workspace-relative, '/' separators, inside the workspace (never '..'). */
  path: string;
  flowSid: string;
  friendlyName: string;
  /** The live revision synced. */
  revision: number;
  status: 'published' | 'draft';
  /** The revision's commit message (ours: a SHA; Console: often empty). */
  commitMessage: string | null;
  /** When (ISO), from the revision. */
  dateUpdated: string | null;
  /** No file mapped it (sync-new). */
  isNew: boolean;
  /** The file's text at the synced ref; null when new. */
  before: string | null;
  /** The text to write (byte-identical to before when nothing changed). */
  after: string;
  /** after !== before */
  changed: boolean;
  /** Per-widget diff, file (resolved for the environment) → live; undefined when new. */
  diff: FlowDiff | undefined;
  /** For the Mermaid picture. */
  liveDefinition: unknown;
  /** The file's definition resolved for the environment (undefined when new). */
  fileDefinition: unknown;
  placeholders: PlaceholderChange[];
}

export interface SyncProblem {
  path?: string;
  flow?: string;
  message: string;
  fix: string;
  level: 'error' | 'warning';
}

export interface SyncPlan {
  environment: string | undefined;
  status: 'published' | 'latest';
  /** Every mapped (and matched new) flow, changed or not, sorted by path. */
  files: SyncFile[];
  /** An error anywhere: nothing is written (no commit, no files). */
  problems: SyncProblem[];
}

export interface SyncInput {
  /** Absolute. */
  workspace: string;
  /**
   * Flows globs, config, environment, syncNew (friendly-name globs), syncStatus ('published' | 'latest'),
   * syncFolder (default 'flows').
   */
  settings: Settings;
  /** src/studio/live.ts's reader (list + fetch revision). */
  studio: StudioReader;
  /** Default: the workspace on disk. */
  readFile?: (path: string) => Promise<string | null>;
  /**
   * The account's lists (part A's `accountListsFor`) and the environment's choices (the config's
   * `serverless.environment` / `taskrouter.workspace`), for flows that use name references. Read only when a
   * mapped file uses one, and only the APIs its references need. Without it, name references stay as written.
   */
  /** The account's lists, when name references are to round-trip (the choices come from the config's environment). */
  lists?: AccountLists | undefined;
}
