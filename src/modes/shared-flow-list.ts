/**
 * One listing of the account's Studio flows per run, shared by the flow identity (which flow a file is,
 * src/targets/) and `${flow-name:…}` references (AccountLists.flows()): the reader's `listFlows` is asked once,
 * and the lists' `flows()` answers from that same listing instead of listing again.
 */
import type { AccountLists, ListedFlow } from '../studio/account-types.ts';
import type { StudioReader } from '../studio/live.ts';

export interface SharedFlowList<R extends StudioReader> {
  /** `reader` with `listFlows` asked at most once (a failure included: the client has retried already). */
  reader: R;
  /** `lists` whose `flows()` is that same listing; undefined when there are no lists. */
  lists: AccountLists | undefined;
}

export function shareFlowList<R extends StudioReader>(reader: R, lists: AccountLists | undefined): SharedFlowList<R> {
  let listing: ReturnType<StudioReader['listFlows']> | undefined;
  const listFlows = (): ReturnType<StudioReader['listFlows']> => {
    listing ??= reader.listFlows();
    return listing;
  };
  const shared: R = { ...reader, listFlows };
  const flows = async (): Promise<readonly ListedFlow[]> =>
    (await listFlows()).map((f) => ({ sid: f.sid, friendlyName: f.friendlyName }));
  return { reader: shared, lists: lists && { ...bound(lists), flows } };
}

/** The lists' methods bound to it, so they can be spread into a new object. */
function bound(lists: AccountLists): AccountLists {
  return {
    services: () => lists.services(),
    environments: (serviceSid) => lists.environments(serviceSid),
    build: (serviceSid, buildSid) => lists.build(serviceSid, buildSid),
    workspaces: () => lists.workspaces(),
    workflows: (workspaceSid) => lists.workflows(workspaceSid),
    taskChannels: (workspaceSid) => lists.taskChannels(workspaceSid),
    flows: () => lists.flows(),
    stats: () => lists.stats(),
  };
}
