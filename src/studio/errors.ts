/** Errors the Studio client throws. None of them ever carries credentials or the Authorization header. */

export interface StudioApiErrorInit {
  status: number;
  code: number | null;
  message: string;
  /** Twilio's own message, without our prefix (what the user should read). */
  twilioMessage?: string;
  moreInfo: string | null;
  details: unknown;
  method: string;
  path: string;
  retryAfter?: string | null;
}

/** Studio answered with an HTTP error; `code` is Twilio's error code when the body had one. */
export class StudioApiError extends Error {
  readonly status: number;
  readonly code: number | null;
  readonly twilioMessage: string;
  readonly moreInfo: string | null;
  readonly details: unknown;
  readonly method: string;
  readonly path: string;
  /** The Retry-After header, when sent (429/503). */
  readonly retryAfter: string | null;

  constructor(init: StudioApiErrorInit) {
    super(init.message);
    this.name = 'StudioApiError';
    this.status = init.status;
    this.code = init.code;
    this.twilioMessage = init.twilioMessage ?? init.message;
    this.moreInfo = init.moreInfo;
    this.details = init.details;
    this.method = init.method;
    this.path = init.path;
    this.retryAfter = init.retryAfter ?? null;
  }
}

/** The request never got an HTTP answer (connection refused, reset, timeout). */
export class StudioNetworkError extends Error {
  readonly method: string;
  readonly path: string;

  constructor(init: { method: string; path: string; cause: unknown; message?: string }) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(init.message ?? `Could not reach Twilio Studio (${init.method} ${init.path}): ${reason}`, { cause: init.cause });
    this.name = 'StudioNetworkError';
    this.method = init.method;
    this.path = init.path;
  }
}

/** One attempt got no (complete) answer within the per-request limit, the action input `request-timeout`. */
export class StudioTimeoutError extends StudioNetworkError {
  readonly timeoutMs: number;

  constructor(init: { method: string; path: string; cause: unknown; timeoutMs: number }) {
    super({
      ...init,
      message:
        `Twilio Studio did not answer ${init.method} ${init.path} within ${seconds(init.timeoutMs)}, the time limit of one ` +
        "request (input 'request-timeout')",
    });
    this.name = 'StudioTimeoutError';
    this.timeoutMs = init.timeoutMs;
  }
}

/** The overall time budget of all Studio work (the action input `timeout`) is spent: no more attempts. */
export class StudioDeadlineError extends Error {
  readonly method: string;
  readonly path: string;
  readonly budgetMs: number;

  constructor(init: { method: string; path: string; what?: string; budgetMs: number; lastError?: unknown }) {
    const call = `Twilio Studio ${init.method} ${init.path}${init.what ? ` (${init.what})` : ''}`;
    const last = init.lastError === undefined ? '' : ` The last attempt failed: ${messageText(init.lastError)}`;
    super(
      `Stopped ${init.lastError === undefined ? 'before' : 'retrying'} ${call}: the ${seconds(init.budgetMs)} time limit of all ` +
        `Twilio Studio work in this run (input 'timeout') is spent.${last}`,
      init.lastError === undefined ? undefined : { cause: init.lastError },
    );
    this.name = 'StudioDeadlineError';
    this.method = init.method;
    this.path = init.path;
    this.budgetMs = init.budgetMs;
  }
}

/**
 * A write failed ambiguously (it may have been applied) and checking whether it was applied failed too.
 * It was not sent again: the flow may or may not have the new revision.
 */
export class StudioUnconfirmedWriteError extends Error {
  readonly method: string;
  readonly path: string;

  constructor(init: { method: string; path: string; what?: string; writeError: unknown; checkError: unknown }) {
    super(
      `Twilio Studio ${init.method} ${init.path}${init.what ? ` (${init.what})` : ''} may or may not have been applied: ` +
        `the answer was lost (${messageText(init.writeError)}) and checking the flow failed too ` +
        `(${messageText(init.checkError)}). It was not sent again; look at the flow's latest revision in Studio.`,
      { cause: init.checkError },
    );
    this.name = 'StudioUnconfirmedWriteError';
    this.method = init.method;
    this.path = init.path;
  }
}

/** `1.5 s`, `30 s`, `0.25 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function messageText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A user error: the flow's request body is over Studio's limit, so it was never sent. */
export class FlowTooLargeError extends Error {
  readonly flowName: string;
  readonly bytes: number;
  readonly limit: number;

  constructor(init: { flowName: string; bytes: number; limit: number }) {
    super(
      `Flow "${init.flowName}" is too large to send to Twilio Studio: the request body would be ` +
        `${init.bytes} bytes, over the ${init.limit}-byte limit. Split the flow (e.g. move parts into ` +
        `subflows) or shrink large text fields.`,
    );
    this.name = 'FlowTooLargeError';
    this.flowName = init.flowName;
    this.bytes = init.bytes;
    this.limit = init.limit;
  }
}
