import type { DeployOutcome } from '../deploy/publish.ts';
import { code, text } from './escape.ts';

const ICON: Record<DeployOutcome['status'], string> = {
  created: '🆕',
  updated: '🚀',
  unchanged: '➖',
  'rolled-back': '↩️',
  failed: '❌',
  'not-attempted': '⏸️',
};

function revision(o: DeployOutcome): string {
  if (o.status === 'updated' || o.status === 'rolled-back') return `r${o.previousRevision} → r${o.revision ?? '—'}`;
  if (o.revision !== undefined) return `r${o.revision}`;
  return '—';
}

/** The deployment table for the job summary, the merged PR and the release notes. */
export function renderDeploySummary(outcomes: DeployOutcome[], meta: { sha: string; reason: string; note?: string }): string {
  const rows = outcomes.map(
    (o) =>
      `| ${text(o.friendlyName)} | ${code(o.path, { inTable: true })} | ${ICON[o.status]} ${o.status} | ${revision(o)} | ${o.sid ? code(o.sid) : '—'} |`,
  );
  const errors = outcomes.filter((o) => o.error).map((o) => `- ${code(o.path)}: ${text(o.error as string)}`);
  return [
    `### Studio deploy of ${code(meta.sha.slice(0, 7))}`,
    `Scope: ${text(meta.reason)}.`,
    ...(meta.note ? [meta.note] : []),
    ['| Flow | File | Result | Revision | SID |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'),
    ...(errors.length ? [errors.join('\n')] : []),
  ].join('\n\n');
}
