/**
 * Which Studio flow a flow file asks for, before Studio is asked: the rules in one place.
 *
 * - By SID from the selected environment's config entry; else by name (the environment's
 *   `friendly_name`, else the flow's default `friendly_name` in the config, else the file's own name,
 *   else its file name).
 * - With no environment selected: by the file's own `sid`, else by that name.
 * - With an environment selected the file's own `sid` is NEVER used: it names the flow in the account
 *   the file was exported from, typically production.
 * - A renamed file keeps the flow its old path was (src/targets/previous.ts) when its new identity
 *   finds no flow; without the old file's identity (no GitHub), only a name from the file name does,
 *   through the old path's config entry or file name.
 */
import type { EnvironmentView } from '../config/model.ts';
import type { NameSource } from '../document/file-fields.ts';

export type { EnvironmentView } from '../config/model.ts';

/** The identity the old path of a renamed file had, or why it could not be read. */
export type PreviousIdentity =
  { path: string; friendlyName: string; sid?: string } | { path: string; unreadable: string };

export type SidSource = 'environment' | 'file';

export interface FlowIntent {
  path: string;
  /** The name the flow is written with. */
  friendlyName: string;
  nameSource: NameSource | 'config';
  /** The SID the file is bound to, when it is bound to one. */
  sid?: string;
  sidSource?: SidSource;
  /** The file's own `sid` when an environment is selected: shown, never used. */
  ignoredSid?: string;
  /** A renamed file: its old path and the identity it had there (its name, and its SID when bound). */
  previous?: { path: string; friendlyName: string; sid?: string };
  /** A renamed file whose old identity could not be read from GitHub (then nothing may be written). */
  previousUnreadable?: { path: string; reason: string };
}

/** What a parsed flow file says of itself. */
export interface OwnFields {
  friendlyName: string;
  nameSource: NameSource;
  sid?: string;
}

export interface IntentInput {
  path: string;
  own: OwnFields;
  environment?: EnvironmentView | undefined;
  /** The file's path before a rename (GitHub's `previous_filename`). */
  previousPath?: string | undefined;
  /** The identity the old path had at the base commit, when it was read (src/targets/previous.ts). */
  previous?: PreviousIdentity | undefined;
}

/** The file name without its folder and extension: `flows/main-ivr.json` → `main-ivr`. */
export function stem(path: string): string {
  const name = path.split('/').pop() ?? path;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function intentOf({ path, own, environment, previousPath, previous }: IntentInput): FlowIntent {
  const target = environment?.targetOf(path) ?? {};
  const selected = environment?.name !== undefined && environment.name !== '';
  const intent: FlowIntent =
    target.friendlyName !== undefined
      ? { path, friendlyName: target.friendlyName, nameSource: 'config' }
      : { path, friendlyName: own.friendlyName, nameSource: own.nameSource };
  if (target.sid !== undefined) Object.assign(intent, { sid: target.sid, sidSource: 'environment' });
  else if (own.sid !== undefined && !selected) Object.assign(intent, { sid: own.sid, sidSource: 'file' });
  if (own.sid !== undefined && selected && own.sid !== intent.sid) intent.ignoredSid = own.sid;
  if (previous !== undefined && previous.path !== path) {
    if ('unreadable' in previous) intent.previousUnreadable = { path: previous.path, reason: previous.unreadable };
    else intent.previous = previous;
  } else if (
    previousPath !== undefined &&
    previousPath !== path &&
    intent.sid === undefined &&
    intent.nameSource === 'file-name'
  ) {
    const before = environment?.targetOf(previousPath).friendlyName ?? stem(previousPath);
    if (before !== intent.friendlyName) intent.previous = { path: previousPath, friendlyName: before };
  }
  return intent;
}

/**
 * The key two files collide on without asking Studio: the same SID, or (with no SID) the same name.
 * Names are compared in Unicode NFC: "Café" typed as é or as e + ◌́ is one name to every reader.
 */
export function offlineKey(intent: FlowIntent): string {
  return intent.sid !== undefined ? `sid:${intent.sid}` : `name:${intent.friendlyName.normalize('NFC')}`;
}
