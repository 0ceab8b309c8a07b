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

  constructor(init: { method: string; path: string; cause: unknown }) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(`Could not reach Twilio Studio (${init.method} ${init.path}): ${reason}`, { cause: init.cause });
    this.name = 'StudioNetworkError';
    this.method = init.method;
    this.path = init.path;
  }
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
