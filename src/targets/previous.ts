/**
 * A renamed flow file keeps its Studio flow. GitHub reports the rename (`renamed`, with
 * `previous_filename`) in a pull request's files and in a push's compare; the flow the file WAS is
 * the old file's own identity at the base (PR) or `before` (push) commit: its own name and `sid`, and
 * its entry in THAT commit's config file, read through the contents API (nothing is checked out).
 */
import { messageOf } from '../errors.ts';
import { parseFlowText } from '../document/parse.ts';
import type { ChangedFile } from '../github/changes.ts';
import { intentOf, stem, type EnvironmentView, type PreviousIdentity } from './intent.ts';

export type { PreviousIdentity } from './intent.ts';

/** A changed file, with the identity its old path had when it was renamed. */
export type FlowChange = ChangedFile & { previous?: PreviousIdentity };

export interface PreviousInput {
  /** A file's text at the base commit (undefined: not there); may throw. */
  readBase: (path: string) => Promise<string | undefined>;
  /** The config file at the base commit, seen through the environment. */
  environment: EnvironmentView | undefined;
}

/** The identity of `path` at the base commit: its file's fields and the base config's entry. */
export async function previousIdentityOf(path: string, input: PreviousInput): Promise<PreviousIdentity> {
  let text: string | undefined;
  try {
    text = await input.readBase(path);
  } catch (error) {
    return { path, unreadable: messageOf(error).split('\n')[0] ?? 'unknown error' };
  }
  const parsed = text === undefined ? undefined : parseFlowText(path, text);
  // Not there, or not a flow file: only its path (and the base config's entry for it) named a flow.
  const own = parsed?.ok ? parsed : { friendlyName: stem(path), nameSource: 'file-name' as const };
  const intent = intentOf({ path, own, environment: input.environment });
  return { path, friendlyName: intent.friendlyName, ...(intent.sid !== undefined ? { sid: intent.sid } : {}) };
}

/** The changes with the old identity of every renamed one attached (one base read per rename). */
export async function withPreviousIdentities<T extends ChangedFile>(
  changes: T[],
  input: PreviousInput,
): Promise<Array<T & { previous?: PreviousIdentity }>> {
  return Promise.all(
    changes.map(async (change) => {
      if (change.status !== 'renamed' || !change.previousPath || change.previousPath === change.path) return change;
      return { ...change, previous: await previousIdentityOf(change.previousPath, input) };
    }),
  );
}
