/** A scripted StudioWriter for the deploy unit tests: each call answers as the script says, and is logged. */
import type { DeployItem, StudioWriter } from '../../src/deploy/publish.ts';
import type { FlowResource } from '../../src/studio/types.ts';

export const sid = (n: number) => `FW${String(n).padStart(32, '0')}`;

export function item(
  path: string,
  opts: { live?: number; revision?: number; unchanged?: boolean; name?: string } = {},
): DeployItem {
  const name = opts.name ?? path.replace(/\.json$/, '');
  return {
    path,
    friendlyName: name,
    definition: { states: [], description: path },
    live:
      opts.live === undefined
        ? null
        : {
            sid: sid(opts.live),
            friendlyName: name,
            revision: opts.revision ?? 1,
            definition: { old: true },
            commitMessage: null,
            dateUpdated: null,
            latestCommitMessage: null,
          },
    unchanged: opts.unchanged ?? false,
  };
}

export type Answer = 'ok' | Error | ((call: Call) => FlowResource | Error);
export interface Call {
  op: 'create' | 'update' | 'delete';
  sid?: string;
  input?: Record<string, unknown>;
}

export function resource(flowSid: string, revision: number): FlowResource {
  return {
    sid: flowSid,
    friendlyName: 'x',
    definition: {},
    status: 'published',
    revision,
    commitMessage: null,
    valid: true,
    errors: [],
    warnings: [],
    dateCreated: null,
    dateUpdated: null,
    url: '',
    webhookUrl: null,
  };
}

/** Answers in order from `script` (then 'ok'); an 'ok' update answers previousRevision + 1, a create a new SID at r1. */
export function scriptedStudio(script: Answer[] = []): StudioWriter & { calls: Call[] } {
  const calls: Call[] = [];
  let created = 900;
  const answer = (call: Call, ok: () => FlowResource): FlowResource => {
    calls.push(call);
    const next = script.shift() ?? 'ok';
    const got = typeof next === 'function' ? next(call) : next;
    if (got instanceof Error) throw got;
    return got === 'ok' ? ok() : got;
  };
  return {
    calls,
    createFlow: async (input) => answer({ op: 'create', input }, () => resource(sid(created++), 1)),
    updateFlow: async (flowSid, input) =>
      answer({ op: 'update', sid: flowSid, input }, () => resource(flowSid, (input.previousRevision ?? 0) + 1)),
    deleteFlow: async (flowSid) => void answer({ op: 'delete', sid: flowSid }, () => resource(flowSid, 0)),
  };
}
