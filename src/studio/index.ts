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
