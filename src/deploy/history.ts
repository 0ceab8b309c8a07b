/**
 * Whose is the revision a deploy would write on top of, and is this deploy newer than it?
 *
 * The rule (the README says the same):
 * 1. A flow whose live definition equals what we deploy is `unchanged`: never drift, never written, not judged.
 * 2. Otherwise the latest revision's commit message is read:
 *    a. it matches the current `commit-message` template, or our rollback message ("Rollback by
 *       studio-flow-ci of SHA: …"): it is ours, written for that SHA;
 *    b. else, when it holds a 40-hex SHA: it is ours only if GitHub knows that SHA as a commit of this
 *       repository (the compare below answers) — a revision written under an earlier template;
 *    c. else (empty, text, a Console save): it is drift.
 * 3. For a revision that is ours for commit X ≠ the commit deployed, GitHub's compare `X...SHA` decides:
 *    `ahead`/`identical`: fine; `behind`/`diverged`: refused, the deploy would go backwards.
 * 4. When GitHub was not asked (no token) or could not answer (404: commit unknown; any other error):
 *    a warning says so. A revision of rule 2a is still ours and written over (its order was not checked);
 *    one of rule 2b cannot be shown ours and counts as drift, so `on-drift` decides. With 404 on a 2a
 *    revision too: a commit GitHub does not know in this repository cannot be placed, so it counts as drift.
 */
import type { AncestryLookup } from '../github/ancestry.ts';
import type { DeployItem } from './publish.ts';

const SHA_IN_TEXT = /\b([0-9a-f]{40})\b/;
const ROLLBACK = /^Rollback by studio-flow-ci of ([0-9a-f]{40})\b/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The commit a revision's message names, and how it was recognised. */
export function commitOfMessage(message: string | null, template: string): { sha: string; by: 'template' | 'rollback' | 'sha' } | undefined {
  if (!message) return undefined;
  const pattern = new RegExp(`^${template.split('{sha}').map(escapeRegExp).join('([0-9a-f]{40})')}$`);
  const byTemplate = pattern.exec(message);
  if (byTemplate?.[1]) return { sha: byTemplate[1], by: 'template' };
  const byRollback = ROLLBACK.exec(message);
  if (byRollback?.[1]) return { sha: byRollback[1], by: 'rollback' };
  const any = SHA_IN_TEXT.exec(message);
  return any?.[1] ? { sha: any[1], by: 'sha' } : undefined;
}

/** True when a revision's commit message is one this action writes (a deploy or a rollback) under the current template. */
export function isOurCommitMessage(message: string | null, template: string): boolean {
  const found = commitOfMessage(message, template);
  return found !== undefined && found.by !== 'sha';
}

export interface HistoryJudgement {
  /** Flows whose latest revision is not (provably) ours. */
  drifted: DeployItem[];
  /** Flows whose latest revision is ours for a commit that is not an ancestor of this one: path → message. */
  backwards: Map<string, string>;
  warnings: string[];
}

const short = (sha: string) => sha.slice(0, 7);

function label(item: DeployItem): string {
  const live = item.live!;
  return `${item.path} ("${live.friendlyName}", ${live.sid}, r${live.draftRevision ?? live.revision})`;
}

/** Judge every flow this deploy would write on top of a live revision (rules 2–4 above). */
export async function judgeHistory(items: DeployItem[], input: { template: string; sha: string; ancestry: AncestryLookup }): Promise<HistoryJudgement> {
  const { template, sha, ancestry } = input;
  const result: HistoryJudgement = { drifted: [], backwards: new Map(), warnings: [] };
  for (const item of items) {
    if (!item.live || item.unchanged) continue;
    const found = commitOfMessage(item.live.latestCommitMessage, template);
    if (!found) {
      result.drifted.push(item);
      continue;
    }
    const answer = await ancestry(found.sha);
    const named = found.by !== 'sha';
    switch (answer.kind) {
      case 'ahead':
      case 'identical':
        break;
      case 'behind':
      case 'diverged':
        result.backwards.set(
          item.path,
          `${label(item)} is live from commit ${short(found.sha)}, which is not an ancestor of ${short(sha)} (GitHub: ${answer.kind}): deploying would go backwards. Re-run the newest push instead, or dispatch 'deploy' on the newest commit.`,
        );
        break;
      case 'no-token':
        if (named) {
          result.warnings.push(`${label(item)}: without 'github-token' it cannot be checked that its commit ${short(found.sha)} is older than ${short(sha)}; writing over it.`);
        } else {
          result.warnings.push(`${label(item)}: its commit message names ${short(found.sha)}, but without 'github-token' it cannot be checked that this is a commit of this repository; treated as an edit outside git.`);
          result.drifted.push(item);
        }
        break;
      default: {
        const why = answer.kind === 'not-found' ? `GitHub does not know commit ${short(found.sha)} in this repository` : `GitHub could not compare ${short(found.sha)} with ${short(sha)}: ${answer.detail}`;
        result.warnings.push(`${label(item)}: ${why}; its revision cannot be shown to be an older deploy of this repository, so it is treated as an edit outside git ('on-drift' decides).`);
        result.drifted.push(item);
      }
    }
  }
  return result;
}
