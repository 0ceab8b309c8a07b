/**
 * What a deploy writes and with what: the Studio writes it makes (StudioWriter, which StudioClient provides), one
 * flow to write (DeployItem) and how (PublishOptions). publish.ts re-exports them; order.ts and the writers use them.
 */
import type { PendingRef } from '../resolve/flow-refs.ts';
import type { LiveFlow } from '../studio/live.ts';
import type { CreateClaim, CreateConfirmation, CreateFlowInput, FlowResource, FlowStatus } from '../studio/types.ts';

/** The Studio writes a deploy makes; StudioClient provides them. */
export interface StudioWriter {
  createFlow(input: {
    friendlyName: string;
    status: FlowStatus;
    definition: unknown;
    commitMessage?: string;
  }): Promise<FlowResource>;
  updateFlow(
    sid: string,
    input: {
      friendlyName?: string;
      status: FlowStatus;
      definition?: unknown;
      commitMessage?: string;
      previousRevision?: number;
    },
  ): Promise<FlowResource>;
  deleteFlow(sid: string): Promise<void>;
  /**
   * A create whose answer is checked but not read back yet (see CreateClaim); throws as createFlow does. With
   * `confirmCreates`, a level's creates are read back by one list instead of one GET each.
   */
  createFlowUnconfirmed?(input: CreateFlowInput): Promise<CreateClaim>;
  /** Read many claims back with one list of the flows (all pages): one result per claim, in the same order. */
  confirmCreates?(claims: readonly CreateClaim[]): Promise<CreateConfirmation[]>;
  /** Allow the calls that follow at least `ms` more than the run's time limit left (undoing a failed deploy). */
  extendDeadline?(ms: number): void;
}

export interface DeployItem {
  path: string;
  friendlyName: string;
  definition: unknown;
  /** null: not in Studio yet. */
  live: LiveFlow | null;
  /**
   * Studio already holds exactly what the deploy would write (same definition, same name, and a published
   * revision for a published deploy): nothing to write. See deploy/plan.ts.
   */
  unchanged: boolean;
  /** The latest revision holds this definition and name: the write only publishes it (never drift). */
  onlyPublish?: boolean;
  /** What the write changes besides the definition, for the reports (e.g. renamed, published for the first time). */
  why?: string;
  /** `${flow:PATH}` references to flows this deploy creates first. */
  pendingRefs?: PendingRef[];
  /** The definition to write, given the SIDs of the flows created so far (by path). */
  complete?: (created: ReadonlyMap<string, string>) => unknown;
}

export interface PublishOptions {
  status: FlowStatus;
  commitMessage: string;
  /** Commit message of a rollback revision. */
  rollbackMessage: (previousRevision: number) => string;
  onFailure: 'rollback' | 'stop';
  /**
   * Writes in flight at once within one dependency level (default 1). After a failure no new write starts;
   * writes in flight finish and are recorded with their real outcome; the rest are `not-attempted`.
   */
  concurrency?: number;
  log: (line: string) => void;
}
