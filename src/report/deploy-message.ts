/**
 * The deploy's final message (the step's error), rendered from the deploy record: which flow stopped the
 * deploy and the exact state every written flow is left in. Plain text (it goes through ::error::).
 */
import { outcomesOf, verdictOf, type DeployOutcome, type DeployRecord } from '../deploy/record.ts';

const list = (os: DeployOutcome[], say: (o: DeployOutcome) => string) => os.map(say).join('; ');
const flow = (o: DeployOutcome) => `${o.path} ("${o.friendlyName}"${o.sid ? `, ${o.sid}` : ''})`;

/** How to undo by hand what a failed rollback left. */
function restore(o: DeployOutcome): string {
  return o.previousRevision === undefined
    ? `delete flow ${o.sid ?? '(see Studio)'} in the Studio Console if it is not wanted`
    : `to restore it, run mode: rollback with flow ${o.path} and revision ${o.previousRevision}`;
}

/** Undefined when the deploy succeeded (or had nothing to do); else the message that fails the step. */
export function deployFailure(record: DeployRecord, onFailure: 'rollback' | 'stop'): string | undefined {
  const verdict = verdictOf(record);
  if (verdict === 'deployed' || verdict === 'nothing-to-deploy') return undefined;
  if (verdict === 'refused') return `Nothing was deployed: ${record.refusal}`;
  const outcomes = outcomesOf(record);
  const by = (s: DeployOutcome['status']) => outcomes.filter((o) => o.status === s);
  const [stopper] = outcomes.filter((o) => o.status === 'failed' || o.status === 'unknown');
  const parts: string[] = [];
  if (stopper?.status === 'unknown') {
    parts.push(
      `Deploy stopped: ${flow(stopper)} may or may not have been written (${stopper.error}). Its state is unknown: look at its latest revision in Studio before re-running.`,
    );
  } else if (stopper) {
    parts.push(`Deploy stopped: ${stopper.path} failed (${stopper.error}).`);
  }
  const rolledBack = by('rolled-back');
  const rollbackFailed = by('rollback-failed');
  const left = [...by('created'), ...by('updated')];
  const unknown = by('unknown');
  if (onFailure === 'rollback') {
    if (rollbackFailed.length === 0 && left.length === 0 && unknown.length === 0) {
      parts.push(
        rolledBack.length > 0
          ? 'Every flow this run had deployed was rolled back.'
          : 'No flow had been deployed before it.',
      );
    } else {
      if (rolledBack.length) parts.push(`Rolled back: ${list(rolledBack, (o) => o.path)}.`);
      if (unknown.length) parts.push(`Not rolled back, its state being unknown: ${list(unknown, (o) => o.path)}.`);
      if (rollbackFailed.length)
        parts.push(`Rollback FAILED: ${list(rollbackFailed, (o) => `${flow(o)}: ${o.error}; ${restore(o)}`)}.`);
    }
  } else {
    parts.push(`Left deployed: ${left.length ? left.map((o) => o.path).join(', ') : 'none'}.`);
  }
  const notAttempted = by('not-attempted');
  parts.push(`Not attempted: ${notAttempted.length}.`);
  return parts.join(' ');
}
