/**
 * Whose is the revision a deploy would write on top of, and is this deploy newer than it?
 *
 * The rule (the README says the same):
 * 1. A flow Studio already holds exactly as the deploy would write it is `unchanged`: never drift, never
 *    written, not judged. A flow whose latest revision holds this definition and name, and only needs
 *    publishing (a draft-only flow), loses nothing when written: it is never drift.
 * 2. Otherwise the latest revision's commit message is read (src/deploy/ownership.ts):
 *    a. it matches the current `commit-message` template: it is ours, written for that SHA;
 *    b. it is our rollback message ("Rollback by studio-flow-ci of SHA: restore rN"): it is ours only when
 *       revision N was ours (looked up, recursively but bounded), and then stands for N's commit; a
 *       rollback that restored a Console edit is drift;
 *    c. else, when it holds a 40-hex SHA: it is ours only if GitHub knows that SHA as a commit of this
 *       repository (the compare below answers) — a revision written under an earlier template;
 *    d. else (empty, text, a Console save): it is drift.
 * 3. For a revision that is ours for commit X ≠ the commit deployed, GitHub's compare `X...SHA` decides:
 *    `ahead`/`identical`: fine; `behind`/`diverged`: refused, the deploy would go backwards.
 * 4. When the latest revision is not ours, the newest revision this action DID write is found (the
 *    published one under a draft, else from the flow's revision list, read once and only for such flows)
 *    and rule 3 applies to it: a Console edit on top of a newer deploy never lets an older commit go live,
 *    whatever `on-drift` says.
 * 5. When GitHub was not asked (no token) or could not answer (404: commit unknown; any other error):
 *    a warning says so. A revision of rule 2a is still ours and written over (its order was not checked);
 *    one of rule 2c cannot be shown ours and counts as drift, so `on-drift` decides. With 404 on a 2a
 *    revision too: a commit GitHub does not know in this repository cannot be placed, so it counts as drift.
 */
import type { Ancestry, AncestryLookup } from '../github/ancestry.ts';
import { claimOf, revisionBook, type Claim, type RevisionBook, type RevisionLister } from './ownership.ts';
import type { DeployItem } from './publish.ts';
import { latestRevision } from '../studio/live.ts';

export interface HistoryJudgement {
  /** Flows whose latest revision is not (provably) ours. */
  drifted: DeployItem[];
  /** Why a drifted flow's latest revision is not ours, when more than its commit message says it (path → text). */
  driftWhy: Map<string, string>;
  /** Flows whose newest revision of ours is for a commit that is not an ancestor of this one: path → message. */
  backwards: Map<string, string>;
  warnings: string[];
}

interface Context {
  template: string;
  sha: string;
  ancestry: AncestryLookup;
  revisions?: RevisionLister | undefined;
}

/** Revisions looked at (below the latest) when searching for the newest one of ours, and bare-SHA commits asked about. */
const MAX_WALK = 100;
const MAX_BARE_ASKS = 5;

const short = (sha: string) => sha.slice(0, 7);

function label(item: DeployItem): string {
  const live = item.live!;
  return `${item.path} ("${live.friendlyName}", ${live.sid}, r${latestRevision(live)})`;
}

function goingBack(
  item: DeployItem,
  input: { claim: Claim; revision: number; answer: Ancestry; sha: string; ontop: boolean },
): string {
  const { claim, revision, answer, sha } = input;
  const via = claim.restored !== undefined ? ` (a rollback restoring r${claim.restored})` : '';
  const where = input.ontop
    ? `the newest revision studio-flow-ci wrote, r${revision}${via}, under the edits made outside git on top of it, is from commit ${short(claim.sha)}`
    : `is live from commit ${short(claim.sha)}${via}`;
  return `${label(item)} ${input.ontop ? `: ${where}` : where}, which is not an ancestor of ${short(sha)} (GitHub: ${answer.kind}): deploying would go backwards. Re-run the newest push instead, or dispatch 'deploy' on the newest commit.`;
}

/** Rules 2–3 and 5 for the latest revision: 'ours' (written over), 'drift', or 'backwards'. */
async function judgeLatest(
  item: DeployItem,
  claim: Claim,
  ctx: Context & { result: HistoryJudgement },
): Promise<'ours' | 'drift' | 'backwards'> {
  const { result } = ctx;
  const answer = await ctx.ancestry(claim.sha);
  switch (answer.kind) {
    case 'ahead':
    case 'identical':
      return 'ours';
    case 'behind':
    case 'diverged': {
      const live = item.live!;
      result.backwards.set(
        item.path,
        goingBack(item, { claim, revision: latestRevision(live), answer, sha: ctx.sha, ontop: false }),
      );
      return 'backwards';
    }
    case 'no-token':
      if (claim.named) {
        result.warnings.push(
          `${label(item)}: without 'github-token' it cannot be checked that its commit ${short(claim.sha)} is older than ${short(ctx.sha)}; writing over it.`,
        );
        return 'ours';
      }
      result.warnings.push(
        `${label(item)}: its commit message names ${short(claim.sha)}, but without 'github-token' it cannot be checked that this is a commit of this repository; treated as an edit outside git.`,
      );
      return 'drift';
    default: {
      const why =
        answer.kind === 'not-found'
          ? `GitHub does not know commit ${short(claim.sha)} in this repository`
          : `GitHub could not compare ${short(claim.sha)} with ${short(ctx.sha)}: ${answer.detail}`;
      result.warnings.push(
        `${label(item)}: ${why}; its revision cannot be shown to be an older deploy of this repository, so it is treated as an edit outside git ('on-drift' decides).`,
      );
      return 'drift';
    }
  }
}

/** The revisions under the latest one, newest first: the published one first when it sits right under it, then the list. */
async function* olderRevisions(item: DeployItem, book: RevisionBook) {
  const live = item.live!;
  const latest = latestRevision(live);
  if (live.draftRevision !== undefined && live.revision === latest - 1)
    yield { revision: live.revision, commitMessage: live.commitMessage };
  const seen = live.draftRevision !== undefined && live.revision === latest - 1 ? live.revision : latest;
  let walked = 0;
  for (const r of await book.newestFirst()) {
    if (r.revision >= seen) continue;
    if ((walked += 1) > MAX_WALK) return;
    yield r;
  }
}

/** Rule 4: the newest revision under a latest one that is not ours, and whether this deploy is older than it. */
async function judgeBelow(
  item: DeployItem,
  book: RevisionBook,
  ctx: Context & { result: HistoryJudgement },
): Promise<void> {
  const { result } = ctx;
  let bareAsks = 0;
  try {
    for await (const r of olderRevisions(item, book)) {
      const claim = await claimOf(r.commitMessage, { template: ctx.template, book });
      if (!claim) continue;
      if (!claim.named && (bareAsks += 1) > MAX_BARE_ASKS) return;
      const answer = await ctx.ancestry(claim.sha);
      if (answer.kind === 'ahead' || answer.kind === 'identical') return;
      if (answer.kind === 'behind' || answer.kind === 'diverged') {
        result.backwards.set(
          item.path,
          goingBack(item, { claim, revision: r.revision, answer, sha: ctx.sha, ontop: true }),
        );
        return;
      }
      if (answer.kind === 'not-found' || (answer.kind === 'no-token' && !claim.named)) continue; // not shown ours: look further back
      const why =
        answer.kind === 'error' ? `GitHub could not compare them (${answer.detail})` : "without 'github-token'";
      result.warnings.push(
        `${label(item)}: r${r.revision} was written by studio-flow-ci for ${short(claim.sha)}; ${why} it cannot be checked that ${short(ctx.sha)} is not older.`,
      );
      return;
    }
  } catch (error) {
    result.warnings.push(
      `${label(item)}: its revisions could not be listed (${(error as Error).message.slice(0, 300)}), so it cannot be checked that ${short(ctx.sha)} is not older than the newest revision studio-flow-ci wrote under the edits made outside git.`,
    );
  }
}

/** Judge every flow this deploy would write on top of a live revision (rules 2–5 above). */
export async function judgeHistory(items: DeployItem[], input: Context): Promise<HistoryJudgement> {
  const result: HistoryJudgement = { drifted: [], driftWhy: new Map(), backwards: new Map(), warnings: [] };
  const ctx = { ...input, result };
  for (const item of items) {
    const live = item.live;
    if (!live || item.unchanged) continue;
    const latest = latestRevision(live);
    const book = revisionBook({
      sid: live.sid,
      known: [
        { revision: live.revision, commitMessage: live.commitMessage },
        { revision: latest, commitMessage: live.latestCommitMessage },
      ],
      list: input.revisions,
    });
    let why: string | undefined;
    const claim = await claimOf(live.latestCommitMessage, {
      template: input.template,
      book,
      why: (text) => (why = text),
    });
    const verdict = claim ? await judgeLatest(item, claim, ctx) : 'drift';
    if (verdict !== 'drift') continue;
    if (!item.onlyPublish) {
      result.drifted.push(item);
      if (why) result.driftWhy.set(item.path, why);
    }
    await judgeBelow(item, book, ctx);
  }
  return result;
}
