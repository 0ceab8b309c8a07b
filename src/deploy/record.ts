/**
 * The deploy's outcome record: one entry per flow, moved through explicit states, and the run's verdict.
 * Everything a deploy reports (the `deployed` output, the job summary, the merged-PR comment, the release
 * notes, the final message and the exit) is rendered from this one record, so they cannot disagree.
 *
 *   checked ─┬─ written ─┬─ confirmed ─┬─ rolled-back
 *            │           │             └─ rollback-failed
 *            │           ├─ failed       (Studio answered, the write does not hold)
 *            │           └─ unknown      (the answer was lost and the read-back failed)
 *            ├─ failed                   (refused before sending, e.g. too large: nothing written)
 *            ├─ unchanged                (live already holds this definition: nothing to write)
 *            └─ not-attempted            (a refusal, or a failure stopped the deploy before it started; with the reason)
 */

export type FlowState =
  | 'checked'
  | 'written'
  | 'confirmed'
  | 'unchanged'
  | 'failed'
  | 'unknown'
  | 'rolled-back'
  | 'rollback-failed'
  | 'not-attempted';

const NEXT: Record<FlowState, readonly FlowState[]> = {
  checked: ['written', 'unchanged', 'not-attempted', 'failed'],
  written: ['confirmed', 'failed', 'unknown'],
  confirmed: ['rolled-back', 'rollback-failed'],
  unchanged: [],
  failed: [],
  unknown: [],
  'rolled-back': [],
  'rollback-failed': [],
  'not-attempted': [],
};

/** One flow of a deploy. Revisions: `previousRevision` was live before, `revision` is live now (when known). */
export interface FlowEntry {
  path: string;
  friendlyName: string;
  sid?: string;
  /** What the deploy does to it: create a flow, write a revision on top of a live one, or nothing. */
  action: 'create' | 'update';
  state: FlowState;
  previousRevision?: number;
  revision?: number;
  /** The revision this run wrote (kept after a rollback, to say what was undone). */
  writtenRevision?: number;
  /** A flow this run created and deleted again in its rollback. */
  deleted?: boolean;
  /** Why: the error of failed / unknown / rollback-failed, the reason of not-attempted. */
  reason?: string;
  /** What the write does besides the definition (renamed, published for the first time); kept whatever the state. */
  why?: string;
  /** `status: draft`: the revision written is a draft; `revision` stays the live (published) one. */
  draft?: true;
}

export type Verdict = 'deployed' | 'nothing-to-deploy' | 'refused' | 'failed';

export interface DeployRecord {
  sha: string;
  /** What the run covers, e.g. "push abc..def: 2 flows changed". */
  scope: string;
  flows: FlowEntry[];
  /** Set when the deploy was refused before any write: the reason, for the final message. */
  refusal?: string;
  /** A note shown in the reports (e.g. overwritten Console edits). */
  note?: string;
}

/** Move an entry to its next state; an impossible transition is a bug, never silently accepted. */
export function transition(
  entry: FlowEntry,
  to: FlowState,
  change: Partial<Omit<FlowEntry, 'state' | 'path'>> = {},
): FlowEntry {
  if (!NEXT[entry.state].includes(to))
    throw new Error(`Deploy record: ${entry.path} cannot go from ${entry.state} to ${to}`);
  return Object.assign(entry, change, { state: to });
}

/** The entry of a flow that passed every check. */
export function checkedEntry(input: {
  path: string;
  friendlyName: string;
  live?: { sid: string; revision: number } | null;
  why?: string;
}): FlowEntry {
  const entry: FlowEntry = {
    path: input.path,
    friendlyName: input.friendlyName,
    action: input.live ? 'update' : 'create',
    state: 'checked',
  };
  if (input.why) entry.why = input.why;
  if (input.live)
    Object.assign(entry, { sid: input.live.sid, previousRevision: input.live.revision, revision: input.live.revision });
  return entry;
}

/** A record where nothing is written: every flow not attempted, each with its own reason or the refusal's. */
export function refusedRecord(input: {
  sha: string;
  scope: string;
  entries: FlowEntry[];
  refusal: string;
  reasons?: ReadonlyMap<string, string>;
}): DeployRecord {
  for (const e of input.entries)
    transition(e, 'not-attempted', {
      reason: input.reasons?.get(e.path) ?? `the deploy was refused: ${input.refusal}`,
    });
  return { sha: input.sha, scope: input.scope, flows: input.entries, refusal: input.refusal };
}

/** The run-level verdict, derived from the entries (never stored apart from them). */
export function verdictOf(record: DeployRecord): Verdict {
  if (record.refusal !== undefined) return 'refused';
  const bad: FlowState[] = [
    'failed',
    'unknown',
    'rollback-failed',
    'rolled-back',
    'not-attempted',
    'checked',
    'written',
  ];
  if (record.flows.some((f) => bad.includes(f.state))) return 'failed';
  return record.flows.some((f) => f.state === 'confirmed') ? 'deployed' : 'nothing-to-deploy';
}

export type DeployStatus =
  'created' | 'updated' | 'unchanged' | 'rolled-back' | 'rollback-failed' | 'failed' | 'unknown' | 'not-attempted';

/** One flow in the `deployed` output (JSON). `status` is the state, with `confirmed` said as created/updated. */
export interface DeployOutcome {
  path: string;
  friendlyName: string;
  sid?: string;
  revision?: number;
  previousRevision?: number;
  status: DeployStatus;
  /** The error of failed / unknown / rollback-failed. */
  error?: string;
  /** Why a flow was not attempted. */
  reason?: string;
  /** A created flow deleted again by the rollback. */
  deleted?: boolean;
  /** What the write did besides the definition: renamed the flow, published it for the first time. */
  why?: string;
  /** `status: draft`: the draft revision this deploy wrote (`revision` is then the live, published one, if any). */
  draftRevision?: number;
}

export function statusOf(entry: FlowEntry): DeployStatus {
  if (entry.state === 'confirmed') return entry.action === 'create' ? 'created' : 'updated';
  if (entry.state === 'checked' || entry.state === 'written') return 'unknown'; // never left so; said as what it is
  return entry.state;
}

export function outcomeOf(entry: FlowEntry): DeployOutcome {
  const o: DeployOutcome = { path: entry.path, friendlyName: entry.friendlyName, status: statusOf(entry) };
  if (entry.sid !== undefined) o.sid = entry.sid;
  if (entry.revision !== undefined) o.revision = entry.revision;
  if (entry.previousRevision !== undefined) o.previousRevision = entry.previousRevision;
  if (entry.deleted) o.deleted = true;
  if (entry.why !== undefined) o.why = entry.why;
  if (entry.draft && entry.writtenRevision !== undefined) o.draftRevision = entry.writtenRevision;
  if (entry.reason !== undefined) {
    if (entry.state === 'not-attempted' || entry.state === 'unchanged') o.reason = entry.reason;
    else o.error = entry.reason;
  }
  return o;
}

/** The `deployed` output. */
export function outcomesOf(record: DeployRecord): DeployOutcome[] {
  return record.flows.map(outcomeOf);
}
