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

/**
 * Studio's answer was not what the call needs: a 2xx that is not JSON or not the resource asked for (another
 * flow's SID, no revision, a malformed list entry). Never taken as success. `answer` says what it was.
 */
export class StudioBadAnswerError extends StudioApiError {
  readonly answer: string;

  constructor(init: { status: number; method: string; path: string; answer: string; hint?: string }) {
    super({
      status: init.status,
      code: null,
      message:
        `Twilio Studio ${init.method} ${init.path} ${init.answer}` +
        (init.hint ??
          ". Something other than the Studio API may be answering: check the 'studio-url' input and any proxy between the runner and Twilio."),
      twilioMessage: init.answer,
      moreInfo: null,
      details: null,
      method: init.method,
      path: init.path,
    });
    this.name = 'StudioBadAnswerError';
    this.answer = init.answer;
  }
}

/** Studio answered a redirect (3xx). It is never followed: the credentials would go with it. A failure for every call. */
export class StudioRedirectError extends StudioBadAnswerError {
  /** The host (and port) of the Location header, scrubbed; null when there was none or it was unreadable. */
  readonly locationHost: string | null;

  constructor(init: { status: number; method: string; path: string; locationHost: string | null }) {
    const to = init.locationHost === null ? 'without a readable Location' : `to ${init.locationHost}`;
    super({
      status: init.status,
      method: init.method,
      path: init.path,
      answer: `answered a redirect (HTTP ${init.status}) ${to}`,
      hint:
        ". Redirects are never followed, so the credentials were not sent there. Check the 'studio-url' input " +
        '(https://studio.twilio.com) and any proxy between the runner and Twilio.',
    });
    this.name = 'StudioRedirectError';
    this.locationHost = init.locationHost;
  }
}

/** The request never got an HTTP answer (connection refused, reset, timeout). */
export class StudioNetworkError extends Error {
  readonly method: string;
  readonly path: string;

  constructor(init: { method: string; path: string; cause: unknown; message?: string }) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(init.message ?? `Could not reach Twilio Studio (${init.method} ${init.path}): ${reason}`, {
      cause: init.cause,
    });
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

  constructor(init: {
    method: string;
    path: string;
    what?: string;
    budgetMs: number;
    lastError?: unknown;
    wait?: { askedMs: number; leftMs: number };
  }) {
    const call = `Twilio Studio ${init.method} ${init.path}${init.what ? ` (${init.what})` : ''}`;
    const last = init.lastError === undefined ? '' : ` The last attempt failed: ${messageText(init.lastError)}`;
    // Waiting is what would spend the budget, not what has spent it: say which.
    const why = init.wait
      ? `Studio asked to wait ${seconds(init.wait.askedMs)} (Retry-After), longer than the ${seconds(Math.max(0, init.wait.leftMs))} left of the ` +
        `${seconds(init.budgetMs)} time limit of all Twilio Studio work in this run (input 'timeout').`
      : `the ${seconds(init.budgetMs)} time limit of all Twilio Studio work in this run (input 'timeout') is spent.`;
    super(
      `Stopped ${init.lastError === undefined ? 'before' : 'retrying'} ${call}: ${why}${last}`,
      init.lastError === undefined ? undefined : { cause: init.lastError },
    );
    this.name = 'StudioDeadlineError';
    this.method = init.method;
    this.path = init.path;
    this.budgetMs = init.budgetMs;
  }
}

/**
 * A write's outcome is UNKNOWN: it may or may not have been applied. Either its answer was lost (a network
 * error, a timeout, a 5xx) or it was not a confirmation (`200 {}`, a 204, another flow's SID, a redirect …),
 * and reading the flow back to find out failed too. It was not sent again.
 *
 * Semantics the deploy relies on: this error, and only this one, means "state unknown" (outcome `unknown`:
 * named in the report, never claimed rolled back, the step fails). Every other error a write throws means
 * nothing was changed in Studio (outcome `failed`). `sid` is the flow's SID when known (always for an update;
 * for a create only when Studio's answer named one, which is then unconfirmed).
 */
export class StudioUnconfirmedWriteError extends Error {
  readonly method: string;
  readonly path: string;
  readonly sid: string | undefined;

  constructor(init: {
    method: string;
    path: string;
    what?: string;
    sid?: string;
    writeError: unknown;
    checkError: unknown;
    answer?: string;
  }) {
    const call = `Twilio Studio ${init.method} ${init.path}${init.what ? ` (${init.what})` : ''}`;
    const why =
      init.answer === undefined
        ? `the answer was lost (${messageText(init.writeError)})`
        : `Studio ${init.answer}, which does not confirm the write`;
    const where = init.sid ? `flow ${init.sid}` : 'the flow';
    super(
      `${call} may or may not have been applied: ${why}, and reading the flow back failed too ` +
        `(${messageText(init.checkError)}). It was not sent again; look at the flow's latest revision in Studio: ` +
        `in the Twilio Console open Studio → Flows → ${where} → Revisions and check whether the newest revision is ` +
        'this one (same commit message), then re-run: a re-run writes only what is not live yet.',
      { cause: init.checkError },
    );
    this.name = 'StudioUnconfirmedWriteError';
    this.method = init.method;
    this.path = init.path;
    this.sid = init.sid;
  }
}

/**
 * A write's answer did not confirm it, and reading the flow back showed Studio does NOT hold it: nothing was
 * changed (the deploy counts the flow as `failed`, like any write error other than StudioUnconfirmedWriteError).
 */
export class StudioWriteNotAppliedError extends Error {
  readonly method: string;
  readonly path: string;
  readonly flowName: string;
  readonly sid: string | undefined;
  /** What the answer was, e.g. `answered HTTP 200 with an empty body`. */
  readonly answer: string;

  constructor(init: { method: string; path: string; flowName: string; sid?: string; answer: string; held: string }) {
    const flow = `"${init.flowName}"${init.sid && init.sid !== init.flowName ? ` (${init.sid})` : ''}`;
    super(
      `Twilio Studio did not apply the write to flow ${flow}: ${init.method} ${init.path} ${init.answer}, and reading ` +
        `the flow back shows ${init.held}. Nothing was changed in Studio. Something other than Studio may be ` +
        "answering: check the 'studio-url' input and any proxy between the runner and Twilio, then re-run.",
    );
    this.name = 'StudioWriteNotAppliedError';
    this.method = init.method;
    this.path = init.path;
    this.flowName = init.flowName;
    this.sid = init.sid;
    this.answer = init.answer;
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
