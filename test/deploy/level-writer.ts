/**
 * A StudioWriter for the parallel deploy tests: every call takes the time the test gives it and answers as the
 * test says, and each start and finish is logged, so a test can see what was in flight at once and in what
 * order. With `batched`, creates are claims read back by `confirmCreates` (each call logged).
 */
import { publishAll, type DeployItem, type PublishOptions, type StudioWriter } from '../../src/deploy/publish.ts';
import { checkedEntry, outcomesOf, type FlowEntry } from '../../src/deploy/record.ts';
import { StudioApiError, StudioTimeoutError } from '../../src/studio/errors.ts';
import type { CreateClaim, CreateConfirmation, FlowResource } from '../../src/studio/types.ts';
import { resource, sid } from './support.ts';

export interface WriterCall {
  op: 'create' | 'update' | 'delete';
  /** The flow's friendly name (a delete's is looked up by SID). */
  name: string;
  sid?: string;
  input?: Record<string, any>;
}
export interface WriterEvent {
  at: 'start' | 'finish';
  op: WriterCall['op'] | 'confirm';
  name: string;
  /** A rollback's call: a delete, or an update whose commit message starts with "Rollback". */
  undo?: true;
}

export interface LevelWriterOptions {
  /** Milliseconds a call takes (default 5). */
  delay?: (call: WriterCall) => number;
  /** An Error to throw instead of answering (default: answer). */
  fail?: (call: WriterCall) => Error | undefined;
  /** Creates as claims, read back by confirmCreates: its result per claim (default ok), or a throw for the call. */
  batched?: { result?: (claim: CreateClaim) => CreateConfirmation | 'ok'; throws?: Error; raw?: () => unknown };
}

export type LevelWriter = StudioWriter & {
  events: WriterEvent[];
  calls: WriterCall[];
  confirms: CreateClaim[][];
  maxInFlight: number;
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function levelWriter(options: LevelWriterOptions = {}): LevelWriter {
  const events: WriterEvent[] = [];
  const calls: WriterCall[] = [];
  const confirms: CreateClaim[][] = [];
  const names = new Map<string, string>();
  let next = 900;
  let inFlight = 0;
  const self = { events, calls, confirms, maxInFlight: 0 } as LevelWriter;
  const run = async (call: WriterCall, answer: () => FlowResource): Promise<FlowResource> => {
    calls.push(call);
    inFlight += 1;
    self.maxInFlight = Math.max(self.maxInFlight, inFlight);
    const undo = call.op === 'delete' || String(call.input?.commitMessage).startsWith('Rollback');
    const event = { op: call.op, name: call.name, ...(undo ? { undo: true as const } : {}) };
    events.push({ at: 'start', ...event });
    try {
      await wait(options.delay?.(call) ?? 5);
      const error = options.fail?.(call);
      if (error) throw error;
      return answer();
    } finally {
      inFlight -= 1;
      events.push({ at: 'finish', ...event });
    }
  };
  const create = (input: Record<string, any>) =>
    run({ op: 'create', name: input.friendlyName, input }, () => {
      const flow = resource(sid(next++), 1);
      names.set(flow.sid, input.friendlyName);
      return flow;
    });
  self.createFlow = (input) => create(input);
  self.updateFlow = (flowSid, input) => {
    if (input.friendlyName) names.set(flowSid, input.friendlyName);
    return run({ op: 'update', name: input.friendlyName ?? flowSid, sid: flowSid, input }, () =>
      resource(flowSid, (input.previousRevision ?? 0) + 1),
    );
  };
  self.deleteFlow = async (flowSid) =>
    void (await run({ op: 'delete', name: names.get(flowSid) ?? flowSid, sid: flowSid }, () => resource(flowSid, 0)));
  const batched = options.batched;
  if (batched) {
    self.createFlowUnconfirmed = async (input) => ({ flow: await create(input), input, confirmed: false });
    self.confirmCreates = async (claims) => {
      confirms.push([...claims]);
      events.push({ at: 'start', op: 'confirm', name: claims.map((c) => c.input.friendlyName).join(',') });
      await wait(5);
      events.push({ at: 'finish', op: 'confirm', name: claims.map((c) => c.input.friendlyName).join(',') });
      if (batched.throws) throw batched.throws;
      if (batched.raw) return batched.raw() as CreateConfirmation[];
      return claims.map((claim) => {
        const r = batched.result?.(claim) ?? 'ok';
        return r === 'ok' ? { ok: true, flow: claim.flow } : r;
      });
    };
  }
  return self;
}

/** A flow of the deploy: `live` its SID number (absent: created), calling flows by SID (`calls`) or by path (`pending`). */
export function flowItem(
  path: string,
  opts: { live?: number; calls?: number[]; pending?: string[]; unchanged?: boolean } = {},
): DeployItem {
  const name = path.replace(/\.json$/, '');
  const states = (opts.calls ?? []).map((n, i) => ({
    name: `call${i}`,
    type: 'run-subflow',
    properties: { flow_sid: sid(n) },
  }));
  const item: DeployItem = {
    path,
    friendlyName: name,
    definition: { states },
    live:
      opts.live === undefined
        ? null
        : {
            sid: sid(opts.live),
            friendlyName: name,
            revision: 1,
            definition: { old: true },
            commitMessage: null,
            dateUpdated: null,
            latestCommitMessage: null,
          },
    unchanged: opts.unchanged ?? false,
  };
  if (opts.pending) {
    const pending = opts.pending;
    item.pendingRefs = pending.map((p) => ({ pointer: '/states/0/properties/flow_sid', path: p }));
    item.complete = (created) => ({
      states: pending.map((p, i) => ({
        name: `sub${i}`,
        type: 'run-subflow',
        properties: { flow_sid: created.get(p) },
      })),
    });
  }
  return item;
}

const SHA = 'd'.repeat(40);
/** Publish options that keep the log lines. */
export function publishOptions(over: Partial<PublishOptions> = {}): PublishOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    status: 'published',
    commitMessage: SHA,
    rollbackMessage: (r) => `Rollback of ${SHA}: restore r${r}`,
    onFailure: 'stop',
    log: (l) => lines.push(l),
    lines,
    ...over,
  };
}

/** publishAll over `items` with fresh entries: the entries, the outcomes, the log, [path, status] rows. */
export async function run(studio: LevelWriter, items: DeployItem[], over: Partial<PublishOptions> = {}) {
  const entries: FlowEntry[] = items.map((i) =>
    checkedEntry({ path: i.path, friendlyName: i.friendlyName, live: i.live }),
  );
  const options = publishOptions(over);
  await publishAll(studio, items, { entries, options });
  const outcomes = outcomesOf({ sha: SHA, scope: 's', flows: entries });
  return { entries, outcomes, lines: options.lines, table: outcomes.map((o) => [o.path, o.status]) };
}

export const badRequest = () =>
  new StudioApiError({
    status: 400,
    code: 20001,
    message: 'Invalid parameter',
    moreInfo: null,
    details: null,
    method: 'POST',
    path: '/v2/Flows/FW',
  });
export const timeout = () =>
  new StudioTimeoutError({ method: 'POST', path: '/v2/Flows/FW', cause: new Error('slow'), timeoutMs: 1000 });
