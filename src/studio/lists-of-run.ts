/**
 * The ONE place the action and the CLI get the account's lists for name references (`${function:…}`,
 * `${workflow:…}`, `${channel:…}`, `${flow-name:…}`): one AccountLists per run and account, shared by every flow.
 */
import type { Settings } from '../settings.ts';
import type { AccountLists } from './account-types.ts';

/**
 * The run's AccountLists; undefined offline (no credentials). Until the Serverless and TaskRouter clients are
 * merged, none: every name reference is then a stand-in in a check (a warning) and an error in a deploy, so
 * nothing is written with a reference unresolved.
 */
export function accountListsOfRun(settings: Settings, log: (message: string) => void): AccountLists | undefined {
  if (!settings.credentials) return undefined;
  void log;
  return undefined; // LEAD: return accountListsFor(settings, log);
}
