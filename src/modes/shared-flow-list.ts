/**
 * One listing of the account's Studio flows per run, shared by the flow identity (which flow a file is,
 * src/targets/) and `${flow-name:…}` references (AccountLists.flows()): the reader's `listFlows` is asked once,
 * and the lists' `flows()` answers from that same listing instead of listing again.
 */
import { withFlowList } from '../studio/account-lists.ts';
import type { AccountLists } from '../studio/account-types.ts';
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
  return { reader: shared, lists: lists && withFlowList(lists, listFlows) };
}
