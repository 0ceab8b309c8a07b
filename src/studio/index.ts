/** Public surface of the Studio client. */
export { StudioClient, DEFAULT_BASE_URL, INVALID_DEFINITION_CODE } from './client.ts';
export {
  StudioApiError,
  StudioNetworkError,
  StudioTimeoutError,
  StudioDeadlineError,
  StudioUnconfirmedWriteError,
  StudioWriteNotAppliedError,
  StudioBadAnswerError,
  StudioRedirectError,
  FlowTooLargeError,
} from './errors.ts';
export { MAX_BODY_BYTES } from './form.ts';
export { DEFAULT_RETRY, RetryPolicy, backoffDelay, classifyFailure, parseRetryAfter } from './retry.ts';
export type * from './types.ts';
export { accountListsFor, createAccountLists } from './account-lists.ts';
export type { AccountListsExtra, FlowLister, OwnedAccountLists } from './account-lists.ts';
export { AccountListError } from './account-errors.ts';
export type { AccountApi } from './account-errors.ts';
export { ServerlessClient, SERVERLESS_BASE_URL } from './serverless.ts';
export { TaskRouterClient, TASKROUTER_BASE_URL } from './taskrouter.ts';
export type * from './account-types.ts';
