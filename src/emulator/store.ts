/**
 * The emulator's state: plain in-memory flows and their revisions. Tests and fault injection reach it
 * through the emulator handle (`handle.store`).
 *
 * Revision rule (same as Twilio's documented behaviour: "revisions are automatically created when a Flow is
 * created or updated"): create makes revision 1 and every successful update adds the next revision, even
 * when nothing changed. A flow's own fields are those of its latest revision.
 */
import { randomBytes } from 'node:crypto';

export type EmulatedStatus = 'draft' | 'published';

/** What a revision is made from; `valid/errors/warnings` come from the emulator's check. */
export interface RevisionInput {
  friendlyName: string;
  definition: unknown;
  status: EmulatedStatus;
  commitMessage: string | null;
  valid: boolean;
  errors: unknown[];
  warnings: unknown[];
}

/** One revision as stored: its input, numbered and dated. */
export interface StoredRevision extends RevisionInput {
  revision: number;
  dateCreated: Date;
}

export interface StoredFlow {
  sid: string;
  dateCreated: Date;
  /** Oldest first; the last one is the flow's current state. */
  revisions: StoredRevision[];
}

export interface FlowStore {
  readonly accountSid: string;
  /** Keyed by flow sid, in creation order. Mutable on purpose (fault injection). */
  readonly flows: Map<string, StoredFlow>;
  create(input: RevisionInput, sid?: string): StoredFlow;
  /** Adds a revision; undefined when the flow does not exist. */
  update(sid: string, input: RevisionInput): StoredFlow | undefined;
  remove(sid: string): boolean;
  get(sid: string): StoredFlow | undefined;
  list(): StoredFlow[];
}

export function createFlowStore(options: { accountSid: string; now?: () => Date }): FlowStore {
  const now = options.now ?? (() => new Date());
  const flows = new Map<string, StoredFlow>();
  return {
    accountSid: options.accountSid,
    flows,
    create(input, sid) {
      const id = sid ?? newSid('FW');
      if (flows.has(id)) throw new Error(`Flow ${id} already exists in the emulator store`);
      const at = now();
      const flow: StoredFlow = { sid: id, dateCreated: at, revisions: [{ ...input, revision: 1, dateCreated: at }] };
      flows.set(id, flow);
      return flow;
    },
    update(sid, input) {
      const flow = flows.get(sid);
      if (!flow) return undefined;
      flow.revisions.push({ ...input, revision: flow.revisions.length + 1, dateCreated: now() });
      return flow;
    },
    remove: (sid) => flows.delete(sid),
    get: (sid) => flows.get(sid),
    list: () => [...flows.values()],
  };
}

/** The flow's current state (its latest revision). */
export function latestRevision(flow: StoredFlow): StoredRevision {
  const last = flow.revisions.at(-1);
  if (!last) throw new Error(`Flow ${flow.sid} has no revisions`);
  return last;
}

/** The newest published revision, if any. */
export function latestPublished(flow: StoredFlow): StoredRevision | undefined {
  return flow.revisions.findLast((revision) => revision.status === 'published');
}

/** A Twilio-style sid: two-letter prefix + 32 lowercase hex digits. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}
