import type { FlowCheck } from '../check/flow-check.ts';
import { latestRevision, type LiveFlow } from '../studio/live.ts';
import { code, text } from './escape.ts';
import { maskText } from '../secrets/mask.ts';

const SHA = /^[0-9a-f]{40}$/;

/** How a revision's commit message reads: a commit SHA shortened, other text quoted and cut. */
export function commitLabel(message: string | null): string | undefined {
  if (!message) return undefined;
  if (SHA.test(message.trim())) return `commit ${code(message.trim().slice(0, 7))}`;
  const masked = maskText(message); // before cutting: a cut credential no longer looks like one
  const short = masked.length > 60 ? `${masked.slice(0, 59)}…` : masked;
  return `“${text(short)}”`;
}

function liveLabel(live: LiveFlow): string {
  if (live.draftOnly)
    return `draft r${live.revision} (never published${live.dateUpdated ? `, saved ${live.dateUpdated.slice(0, 10)}` : ''})`;
  const details = [
    live.dateUpdated ? `published ${live.dateUpdated.slice(0, 10)}` : undefined,
    commitLabel(live.commitMessage),
  ];
  const draft = live.draftRevision !== undefined ? `; a newer draft r${live.draftRevision} exists` : '';
  const inner = details.filter(Boolean).join(', ');
  return `live r${live.revision}${inner || draft ? ` (${inner}${draft})` : ''}`;
}

/** `Main IVR · live r12 (published 2026-11-20, commit 3f2a9c1) → r13 on merge`, or why not. */
export function revisionLine(flow: FlowCheck, name: string): string | undefined {
  const cmp = flow.comparison;
  if (!cmp) return undefined;
  if (!cmp.live) return `${text(name)} · not in Studio yet: **will be created** on merge`;
  if (cmp.diff?.identical) return `${text(name)} · **no changes** · ${liveLabel(cmp.live)}`;
  const next = latestRevision(cmp.live) + 1;
  return `${text(name)} · ${liveLabel(cmp.live)} → **r${next}** on merge`;
}

/** Short form for the table's Studio column. */
export function revisionCell(flow: FlowCheck): string {
  const cmp = flow.comparison;
  if (!cmp) return '—';
  if (!cmp.live) return 'new flow';
  const draft = cmp.live.draftOnly ? ' draft' : '';
  if (cmp.diff?.identical) return `no changes (r${cmp.live.revision}${draft})`;
  const next = latestRevision(cmp.live) + 1;
  return `r${cmp.live.revision}${draft} → r${next}${cmp.drift ? ' ⚠️ drift' : ''}`;
}

/**
 * How the file was matched to its flow when a reader should know: a renamed file that keeps its
 * flow, a flow never published, or a file's own SID set aside for the environment's entry.
 */
export function identityLine(flow: FlowCheck): string | undefined {
  const identity = flow.identity;
  if (identity?.state !== 'found') return undefined;
  const { live, intent } = identity;
  const which = `${code(live.sid)} (${text(JSON.stringify(live.friendlyName))})`;
  const parts: string[] = [];
  if (identity.by === 'previous-name' && intent.previous) {
    const renames =
      live.friendlyName !== intent.friendlyName
        ? `; a merge renames it to ${text(JSON.stringify(intent.friendlyName))}`
        : '';
    parts.push(`Renamed from ${code(intent.previous.path)}: keeps flow ${which}${renames}.`);
  }
  const written = flow.friendlyName ?? intent.friendlyName;
  if (identity.by === 'sid' && live.friendlyName !== written) {
    parts.push(`Flow ${which} is found by its SID; a merge renames it to ${text(JSON.stringify(written))}.`);
  }
  if (live.draftOnly)
    parts.push(
      `Flow ${which} was never published: a merge updates it in place; the changes are against its latest draft.`,
    );
  return parts.length > 0 ? parts.join(' ') : undefined;
}
