/**
 * The sync's reverse index of the account: loaded once per run, only when a mapped file uses a name reference, and
 * only from the APIs those references need (a sync of flows without names makes no Serverless or TaskRouter call).
 */
import type { FlowDocument } from '../document/document.ts';
import { messageOf } from '../errors.ts';
import type { NameChoices, NameIndex } from '../resolve/name-index.ts';
import { anyNeed, loadNameIndex, mergeNeeds, needsOfReferences, NO_NEEDS } from '../resolve/name-lists.ts';
import type { AccountLists } from '../studio/account-types.ts';
import type { SyncProblem } from './sync-types.ts';

/** The index for the documents' name references; undefined when none uses one or no lists were given. */
export async function namesForSync(
  documents: readonly FlowDocument[],
  names: { lists: AccountLists; choices: NameChoices } | undefined,
): Promise<{ index: NameIndex | undefined } | { problem: SyncProblem }> {
  const needs = documents.map((d) => needsOfReferences(d.parsed.definition)).reduce(mergeNeeds, NO_NEEDS);
  if (!anyNeed(needs) || !names) return { index: undefined };
  try {
    return { index: await loadNameIndex(names.lists, names.choices, needs) };
  } catch (error) {
    const users = documents.filter((d) => anyNeed(needsOfReferences(d.parsed.definition))).map((d) => d.path);
    return {
      problem: {
        message: `${users.length === 1 ? 'The flow file' : 'The flow files'} ${users.slice(0, 5).join(', ')}${users.length > 5 ? ` and ${users.length - 5} more` : ''} ${users.length === 1 ? 'uses' : 'use'} name references, but the account's lists could not be read: ${messageOf(error)}`,
        fix: 'Re-run when the API answers; check that the credentials may read Serverless and TaskRouter. Nothing was written.',
        level: 'error',
      },
    };
  }
}
