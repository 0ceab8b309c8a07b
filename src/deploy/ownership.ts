/**
 * Which commit a revision of a flow claims to come from, read from its commit message:
 * - the current `commit-message` template: written by this action for that commit (`named`);
 * - our rollback message ("Rollback by studio-flow-ci of SHA: restore rN"): a rollback puts revision N's
 *   definition back, so it is ours only when revision N was ours, and it then stands for N's commit
 *   (looked up recursively, at most MAX_ROLLBACK_DEPTH rollbacks deep); a rollback that restored a
 *   Console edit restores drift;
 * - any other text holding a 40-hex SHA: a revision written under an earlier template, ours only if
 *   GitHub knows that commit in this repository (judged by the caller from the compare answer);
 * - anything else (empty, a Console save): no claim.
 */
const SHA_IN_TEXT = /\b([0-9a-f]{40})\b/;
const ROLLBACK = /^Rollback by studio-flow-ci of ([0-9a-f]{40})\b/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The commit a revision's message names, and how it was recognised. */
export function commitOfMessage(
  message: string | null,
  template: string,
): { sha: string; by: 'template' | 'rollback' | 'sha' } | undefined {
  if (!message) return undefined;
  const pattern = new RegExp(`^${template.split('{sha}').map(escapeRegExp).join('([0-9a-f]{40})')}$`);
  const byTemplate = pattern.exec(message);
  if (byTemplate?.[1]) return { sha: byTemplate[1], by: 'template' };
  const byRollback = ROLLBACK.exec(message);
  if (byRollback?.[1]) return { sha: byRollback[1], by: 'rollback' };
  const any = SHA_IN_TEXT.exec(message);
  return any?.[1] ? { sha: any[1], by: 'sha' } : undefined;
}

/** A revision as the history rules need it. */
export interface RevisionNote {
  revision: number;
  commitMessage: string | null;
}

/** A flow's revisions (any order); `StudioClient.listRevisions` provides them. */
export type RevisionLister = (sid: string) => Promise<RevisionNote[]>;

/** What a revision claims: this action wrote it for `sha`. `named`: by our own template, not a bare SHA. */
export interface Claim {
  sha: string;
  named: boolean;
  /** Set when the claim comes through a rollback: which revision it restored. */
  restored?: number;
}

export const MAX_ROLLBACK_DEPTH = 5;

const RESTORE = /^Rollback by studio-flow-ci of [0-9a-f]{40}: restore r(\d{1,9})$/;

/** The commit message of a rollback revision; ROLLBACK and RESTORE read it back, so it is built here only. */
export function rollbackCommitMessage(sha: string, restored: number): string {
  return `Rollback by studio-flow-ci of ${sha}: restore r${restored}`;
}

/**
 * A flow's revision messages, listed from Studio at most once (only when a rule needs an older one).
 * `known` seeds it with what the live lookup already read (the latest and the published revision).
 */
export function revisionBook(input: { sid: string; known: RevisionNote[]; list: RevisionLister | undefined }) {
  const known = new Map(input.known.map((r) => [r.revision, r.commitMessage]));
  let listed: Promise<RevisionNote[]> | undefined;
  const list = input.list;
  const all = async (): Promise<RevisionNote[]> => {
    if (!list) return [];
    listed ??= list(input.sid).then((revisions) => {
      for (const r of revisions) known.set(r.revision, r.commitMessage);
      return [...revisions].sort((a, b) => b.revision - a.revision);
    });
    return listed;
  };
  return {
    /** The commit message of revision `n`; undefined when Studio has no such revision. */
    async message(n: number): Promise<string | null | undefined> {
      if (known.has(n)) return known.get(n);
      if (!list) throw new Error('the revision list was not read');
      await all();
      return known.has(n) ? known.get(n) : undefined;
    },
    /** Every revision, newest first (one list call per flow; none without a lister). */
    newestFirst: all,
  };
}

export type RevisionBook = ReturnType<typeof revisionBook>;

/**
 * What a revision's message claims (see the file comment); undefined: no claim, the revision is not ours.
 * `why` receives the reason a rollback message was not taken as ours.
 */
export async function claimOf(
  message: string | null,
  input: { template: string; book: RevisionBook; why?: (text: string) => void },
  depth = 0,
): Promise<Claim | undefined> {
  const found = commitOfMessage(message, input.template);
  if (!found) return undefined;
  if (found.by !== 'rollback') return { sha: found.sha, named: found.by === 'template' };
  const restored = RESTORE.exec(message ?? '')?.[1];
  if (restored === undefined) {
    input.why?.('its rollback message does not say which revision it restored');
    return undefined;
  }
  const n = Number(restored);
  if (depth >= MAX_ROLLBACK_DEPTH) {
    input.why?.(`it is a rollback more than ${MAX_ROLLBACK_DEPTH} rollbacks deep`);
    return undefined;
  }
  let before: string | null | undefined;
  try {
    before = await input.book.message(n);
  } catch (error) {
    input.why?.(`it is a rollback to r${n}, and r${n} could not be read (${(error as Error).message.slice(0, 200)})`);
    return undefined;
  }
  if (before === undefined) {
    input.why?.(`it is a rollback to r${n}, which Studio does not have`);
    return undefined;
  }
  const inner = await claimOf(before, input, depth + 1);
  if (!inner) {
    input.why?.(`it is a rollback that restored r${n}, which studio-flow-ci did not write`);
    return undefined;
  }
  return { ...inner, restored: inner.restored ?? n };
}
