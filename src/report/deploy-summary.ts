/** The deploy report: what is live now, what was not written and why. Rendered from the deploy record only. */
import { outcomesOf, verdictOf, type DeployOutcome, type DeployRecord } from '../deploy/record.ts';
import { code, text } from './escape.ts';

const ICON: Record<DeployOutcome['status'], string> = {
  created: '🆕',
  updated: '🚀',
  unchanged: '➖',
  'rolled-back': '↩️',
  'rollback-failed': '🔥',
  failed: '❌',
  unknown: '❓',
  'not-attempted': '⏸️',
};

/** The revision Studio has live for the flow now, as far as the run knows (with where it came from). */
function liveNow(o: DeployOutcome): string {
  const prev = o.previousRevision;
  switch (o.status) {
    case 'created':
      return o.draftRevision !== undefined
        ? `draft r${o.draftRevision} written (new flow, nothing live)`
        : `r${o.revision} (new flow)`;
    case 'updated':
      if (o.draftRevision !== undefined)
        return `draft r${o.draftRevision} written; ${o.revision === undefined ? 'never published' : `live r${o.revision}`}`;
      return `r${prev} → r${o.revision}`;
    case 'unchanged':
      return `r${o.revision} (already this definition)`;
    case 'rolled-back':
      return o.deleted ? 'deleted again (created by this deploy)' : `r${prev} → r${o.revision}`;
    case 'rollback-failed':
      return o.revision === undefined
        ? 'created by this deploy, still there'
        : `r${o.revision} of this deploy, still live`;
    case 'unknown':
      return prev === undefined ? 'unknown: may have been created' : `unknown: r${prev} or a newer one`;
    default:
      return prev === undefined ? 'not in Studio' : `r${prev} (not written)`;
  }
}

function row(o: DeployOutcome): string {
  return `| ${text(o.friendlyName)} | ${code(o.path, { inTable: true })} | ${ICON[o.status]} ${o.status} | ${liveNow(o)} | ${o.sid ? code(o.sid) : '—'} |`;
}

/** At most `max` characters of untrusted text, marked when cut. */
const cut = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

const HEADER = ['| Flow | File | State | Live revision | SID |', '| --- | --- | --- | --- | --- |'];

/** The headline a deploy report opens with. */
export function deployHeadline(record: DeployRecord): string {
  const outcomes = outcomesOf(record);
  const count = (s: DeployOutcome['status'][]) => outcomes.filter((o) => s.includes(o.status)).length;
  switch (verdictOf(record)) {
    case 'refused':
      return `**Nothing was deployed:** ${text(cut(record.refusal ?? '', 3000))}`;
    case 'nothing-to-deploy':
      return outcomes.length === 0
        ? "Nothing was deployed: no flow file is in this deploy's scope."
        : 'Nothing was deployed: every flow already matches Studio.';
    case 'deployed': {
      const drafts = outcomes.filter(
        (o) => o.draftRevision !== undefined && (o.status === 'created' || o.status === 'updated'),
      ).length;
      const draftNote =
        drafts > 0
          ? ` ${drafts === 1 ? 'One is a draft' : `${drafts} are drafts`} (status: draft): written, not live.`
          : '';
      return `**Deployed ${count(['created', 'updated'])} of ${outcomes.length} flows** (${count(['unchanged'])} already matched Studio).${draftNote}`;
    }
    default: {
      const live = count(['created', 'updated', 'rollback-failed']);
      const unknown = count(['unknown']);
      const parts = [
        live === 0 && unknown === 0
          ? '**Deploy failed. Nothing was deployed**: no flow holds this commit now.'
          : '**Deploy failed.**',
        live > 0 ? `${live} flow${live === 1 ? '' : 's'} of this commit still live.` : '',
        unknown > 0
          ? `${unknown} flow${unknown === 1 ? '' : 's'} in an unknown state: look at the latest revision in Studio.`
          : '',
      ];
      return parts.filter(Boolean).join(' ');
    }
  }
}

/** The lines that say why flows were not written, failed, or are unknown; and what a write did besides the definition. */
function reasons(outcomes: DeployOutcome[], refused: boolean): string[] {
  return outcomes.flatMap((o) => [
    ...((o.error ?? o.reason) !== undefined && !(refused && o.reason?.startsWith('the deploy was refused'))
      ? [`- ${code(o.path)} (${o.status}): ${text(cut(o.error ?? o.reason ?? '', 600))}`]
      : []),
    ...(o.why && (o.status === 'updated' || o.status === 'created')
      ? [`- ${code(o.path)} (${o.status}): ${text(cut(o.why, 600))}`]
      : []),
  ]);
}

/**
 * The deploy report for the job summary, the merged PR and the release notes. `maxRows` cuts the table
 * (with a line saying how many flows are left out and where to find them).
 */
export function renderDeployReport(record: DeployRecord, options: { maxRows?: number; pointer?: string } = {}): string {
  const outcomes = outcomesOf(record);
  const shown = outcomes.slice(0, options.maxRows ?? outcomes.length);
  const left = outcomes.length - shown.length;
  const why = reasons(shown, record.refusal !== undefined);
  return [
    `### Studio deploy of ${code(record.sha.slice(0, 7))}`,
    deployHeadline(record),
    `Scope: ${text(record.scope)}.`,
    ...(record.note ? [record.note] : []),
    ...(shown.length ? [[...HEADER, ...shown.map(row)].join('\n')] : []),
    ...(left > 0
      ? [
          `> [!NOTE]\n> ${left} more flow${left === 1 ? '' : 's'} not shown here: ${options.pointer ?? 'see the job summary'}.`,
        ]
      : []),
    ...(why.length ? [why.join('\n')] : []),
  ].join('\n\n');
}

/** A table of outcomes (rollback mode: one flow). */
export function renderDeploySummary(
  outcomes: DeployOutcome[],
  meta: { sha: string; reason: string; note?: string },
): string {
  return [
    `### Studio deploy of ${code(meta.sha.slice(0, 7))}`,
    `Scope: ${text(meta.reason)}.`,
    ...(meta.note ? [meta.note] : []),
    [...HEADER, ...outcomes.map(row)].join('\n'),
    ...outcomes.filter((o) => o.error).map((o) => `- ${code(o.path)}: ${text(o.error as string)}`),
  ].join('\n\n');
}

/**
 * The deploy report within `limit` characters (GitHub's 65,536 for a comment or release notes): the whole
 * report when it fits, else as many table rows as fit with a note pointing to `pointer` (the job summary).
 */
export function fitDeployReport(record: DeployRecord, input: { limit: number; pointer: string }): string {
  const full = renderDeployReport(record);
  if (full.length <= input.limit) return full;
  const render = (maxRows: number) => renderDeployReport(record, { maxRows, pointer: input.pointer });
  let lo = 0;
  let hi = record.flows.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).length <= input.limit) lo = mid;
    else hi = mid - 1;
  }
  const body = render(lo);
  if (body.length <= input.limit) return body;
  const bare = `### Studio deploy of ${code(record.sha.slice(0, 7))}\n\n> [!NOTE]\n> The deploy report is too large here: ${input.pointer}.`;
  return bare.length <= input.limit ? bare : '';
}
