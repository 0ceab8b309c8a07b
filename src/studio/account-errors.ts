/**
 * A failed read of the account's lists as ONE line for people: which API, what was read, why it failed and what
 * to do. The clients' errors are already scrubbed of credentials; upstream text is cut to one short line here.
 */
import {
  StudioApiError,
  StudioBadAnswerError,
  StudioDeadlineError,
  StudioNetworkError,
  StudioTimeoutError,
  seconds,
} from './errors.ts';

export type AccountApi = 'Serverless' | 'TaskRouter' | 'Studio';

/** A read of the account's Serverless, TaskRouter or Studio lists failed (after the client's own retries). */
export class AccountListError extends Error {
  readonly api: AccountApi;
  /** The HTTP status when the API answered one, else null. */
  readonly status: number | null;

  constructor(init: { api: AccountApi; message: string; status: number | null; cause: unknown }) {
    super(init.message, { cause: init.cause });
    this.name = 'AccountListError';
    this.api = init.api;
    this.status = init.status;
  }
}

const UPSTREAM_CHARS = 200;
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Upstream text as one short line (no line breaks or control characters). */
function oneLine(text: string): string {
  const flat = text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > UPSTREAM_CHARS ? `${flat.slice(0, UPSTREAM_CHARS - 1)}…` : flat;
}

function reasonOf(error: unknown): string {
  if (error instanceof StudioBadAnswerError) return oneLine(error.answer);
  if (error instanceof StudioApiError)
    return `HTTP ${error.status}${error.code === null ? '' : `, error ${error.code}`}: ${oneLine(error.twilioMessage)}`;
  if (error instanceof StudioTimeoutError)
    return `no answer within ${seconds(error.timeoutMs)} (input 'request-timeout')`;
  if (error instanceof StudioNetworkError)
    return `no HTTP answer (${oneLine(error.cause instanceof Error ? error.cause.message : String(error.cause))})`;
  if (error instanceof StudioDeadlineError)
    return `the ${seconds(error.budgetMs)} time limit of all Twilio work in this run (input 'timeout') is spent`;
  return oneLine(error instanceof Error ? error.message : String(error));
}

function fixOf(api: AccountApi, error: unknown): string {
  const status = error instanceof StudioApiError && !(error instanceof StudioBadAnswerError) ? error.status : null;
  if (status === 401)
    return 'Check the Twilio credentials (twilio-account-sid with twilio-auth-token, or twilio-api-key with twilio-api-secret).';
  if (status === 403) return `Give the API key access to ${api} (a standard or main key), or use the Auth Token.`;
  if (status === 404) return `Check that the account has this ${api} resource and that 'studio-url' is right.`;
  return `Check 'studio-url', any proxy in between and the runner's network access to Twilio (status.twilio.com), then re-run.`;
}

/** The one-line error for a failed read of `what` (e.g. "listing the services") from `api`. */
export function explainReadFailure(api: AccountApi, what: string, error: unknown): AccountListError {
  const status = error instanceof StudioApiError ? error.status : null;
  return new AccountListError({
    api,
    status,
    message: `Twilio ${api}: ${what} failed: ${reasonOf(error)}. ${fixOf(api, error)}`,
    cause: error,
  });
}
