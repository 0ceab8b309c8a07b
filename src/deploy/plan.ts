/**
 * What a deploy would write to each flow, and whether Studio already holds it.
 *
 * A flow is `unchanged` (nothing written) only when Studio already holds exactly what the deploy would
 * write: the same definition, the same friendly name, and, for `status: published`, a published revision
 * (a draft-only flow serves no call: a published deploy publishes it, even when its draft equals the file).
 * A name-only change writes a revision that renames the flow. `why` says what such a write does besides
 * changing the definition, for the reports.
 */
import type { FlowCheck } from '../check/flow-check.ts';
import { diffDefinitions } from '../diff/diff.ts';
import type { StudioReader } from '../studio/live.ts';
import type { FlowStatus } from '../studio/types.ts';
import type { DeployItem } from './publish.ts';

/** Whether Studio holds what would be written, given whether the compared definition is identical. */
export function sameness(
  item: Pick<DeployItem, 'friendlyName' | 'live'>,
  input: { identical: boolean; status: FlowStatus },
): Pick<DeployItem, 'unchanged' | 'onlyPublish' | 'why'> {
  const live = item.live;
  if (!live) return { unchanged: false };
  const renamed = item.friendlyName !== live.friendlyName;
  const publishes = input.status === 'published' && live.draftOnly === true;
  const why = [
    ...(renamed ? [`renamed from "${live.friendlyName}" to "${item.friendlyName}"`] : []),
    ...(publishes ? ['published for the first time (it was a draft only)'] : []),
  ].join('; ');
  if (input.identical && !renamed && !publishes) return { unchanged: true };
  return { unchanged: false, ...(input.identical && !renamed ? { onlyPublish: true } : {}), ...(why ? { why } : {}) };
}

/** The deploy item of a checked flow file. */
export function planItem(check: FlowCheck, status: FlowStatus): DeployItem {
  const doc = check.document;
  const item: DeployItem = {
    path: check.path,
    friendlyName: check.friendlyName ?? check.path,
    // The views of the check's one flow document: what was compared, and (subflows pending) what is sent.
    definition: doc?.resolved,
    live: check.comparison?.live ?? null,
    unchanged: false,
    ...(doc && doc.pending.length > 0 ? { pendingRefs: doc.pending, complete: doc.toSend } : {}),
  };
  return Object.assign(item, sameness(item, { identical: check.comparison?.diff?.identical === true, status }));
}

/**
 * A draft deploy writes on top of the latest revision, not the published one: a flow whose latest
 * (draft) revision already holds this definition and name is unchanged, so a re-run writes no second draft.
 */
export async function compareWithLatestDraft(studio: StudioReader, items: DeployItem[]): Promise<void> {
  for (const item of items) {
    const live = item.live;
    if (!live?.draftRevision || item.pendingRefs) continue;
    const draft = await studio.getRevision(live.sid, live.draftRevision);
    delete item.why;
    delete item.onlyPublish;
    Object.assign(
      item,
      sameness(item, { identical: diffDefinitions(draft.definition, item.definition).identical, status: 'draft' }),
    );
  }
}
