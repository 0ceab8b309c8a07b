/**
 * The ONE place the action and the CLI get the account's lists for name references (`${function:…}`,
 * `${workflow:…}`, `${channel:…}`, `${flow-name:…}`): one AccountLists per run and account, shared by every flow.
 */
import type { Settings } from '../settings.ts';
import { accountListsFor, type FlowLister, type OwnedAccountLists } from './account-lists.ts';

/**
 * The run's AccountLists; undefined offline (no credentials). Nothing is read until a flow uses a name reference.
 * `studio` is the run's Studio client (its flow list answers `${flow-name:…}`). Close the lists after the run.
 */
export function accountListsOfRun(
  settings: Settings,
  log: (message: string) => void,
  studio: FlowLister | undefined,
): OwnedAccountLists | undefined {
  return accountListsFor(settings, log, studio ? { studio } : {});
}
