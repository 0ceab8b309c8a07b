/** Slim, camelCase shapes the Studio client returns and takes. Only `src/studio` knows Twilio's wire format. */
import type { Dispatcher } from 'undici';

export type FlowStatus = 'draft' | 'published';

/** One revision of a flow (`GET /v2/Flows/{sid}/Revisions/{n}`). */
export interface FlowRevision {
  sid: string;
  friendlyName: string;
  definition: Record<string, unknown> | null;
  status: FlowStatus;
  revision: number;
  commitMessage: string | null;
  valid: boolean;
  errors: unknown[];
  dateCreated: string | null;
  dateUpdated: string | null;
  url: string;
}

/** A flow as Studio reports it (`GET /v2/Flows/{sid}`): its latest revision, plus flow-level fields. */
export interface FlowResource extends FlowRevision {
  warnings: unknown[];
  webhookUrl: string | null;
}

/** Which revision to fetch: a number, or one of Studio's two aliases. */
export type RevisionRef = number | 'LatestPublished' | 'LatestRevision';

export interface CreateFlowInput {
  friendlyName: string;
  status: FlowStatus;
  definition: unknown;
  commitMessage?: string;
}

export interface UpdateFlowInput {
  friendlyName?: string;
  status: FlowStatus;
  definition?: unknown;
  commitMessage?: string;
  /**
   * The flow's latest revision (draft or published) before this write: a confirmed write answers, and a
   * read-back finds, a revision above it. Pass it: without it an answer that claims the previous revision
   * with the definition sent cannot be told from a confirmation.
   */
  previousRevision?: number;
}

export interface ValidateFlowInput {
  friendlyName: string;
  status: FlowStatus;
  definition: unknown;
}

/** One reason Studio gave for rejecting a definition; `pointer` is a JSON pointer into the definition. */
export interface ValidationError {
  message: string;
  pointer: string;
}

export type ValidationResult = { valid: true } | { valid: false; errors: ValidationError[] };

/** One HTTP exchange as the client's `send` sees it. Paths are absolute (`/v2/...`, with query). */
export interface StudioRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Form parameters (PascalCase), sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | undefined>;
  /** Names the flow in error messages (e.g. the oversize check). */
  flowName?: string;
  /** This attempt's time limit when shorter than the client's `timeoutMs` (what is left of `deadlineMs`). */
  timeoutMs?: number;
}

export interface StudioResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when the body was empty (204). */
  body: unknown;
}

/** The single function every request goes through: one attempt. The client's retry policy calls it. */
export type Send = (request: StudioRequest) => Promise<StudioResponse>;

/** Why a failed attempt is tried again. */
export type RetryReason = 'rate-limit' | 'server-error' | 'network' | 'timeout';

/** How the client retries. Every field has a default (see DEFAULT_RETRY in retry.ts). */
export interface RetryOptions {
  /** Attempts per call, the first included; default 6. */
  maxAttempts?: number;
  /** Backoff before retry n is a random delay in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))); default 250. */
  baseDelayMs?: number;
  /** Default 8 000. */
  maxDelayMs?: number;
  /** Waits between attempts; default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** Monotonic clock in ms for the deadline; default performance.now. */
  now?: () => number;
}

/**
 * Told to `onRetry`: a retry about to happen (`retry`), an ambiguous write found applied (`landed`), or a write
 * whose answer did not confirm it, found held by Studio when read back (`confirmed`, reason `answer`).
 */
export interface RetryEvent {
  type: 'retry' | 'landed' | 'confirmed';
  /** Why the attempt failed; `answer`: it was answered, but not with a confirmation. */
  reason: RetryReason | 'answer';
  method: string;
  /** Request path (no credentials ever appear in it). */
  path: string;
  /** The attempt that failed, 1-based. */
  attempt: number;
  maxAttempts: number;
  /** Wait before the next attempt (0 for `landed`). */
  delayMs: number;
  /** A log line for people; never holds credentials. */
  message: string;
}

/** Counters of a client's traffic. */
export interface StudioStats {
  /** HTTP requests put on the wire (every attempt, including the checks after ambiguous writes). */
  requests: number;
  /** Attempts sent again, by why the previous one failed. */
  retries: Record<RetryReason, number>;
  /** Writes whose answer was lost (network error, timeout, 5xx) and that were checked before any retry. */
  ambiguousWrites: number;
  /** Of those, the ones found applied: returned as they are, never sent again. */
  ambiguousWritesLanded: number;
}

export interface StudioClientOptions {
  /** Default https://studio.twilio.com. */
  baseUrl?: string;
  /** Account SID or API Key SID. */
  username: string;
  /** Auth Token or API Key secret. */
  password: string;
  /** Default: a keep-alive undici Agent owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  /** Per-request headers and body timeout; default 30 000 ms. */
  /** Most connections kept open to Studio (one TLS handshake each); default unbounded. Match the request concurrency. */
  connections?: number;
  timeoutMs?: number;
  /**
   * Time budget of all calls, retries included, counted from the client's creation. Once spent no new
   * attempt starts and calls throw StudioDeadlineError. Default: none.
   */
  deadlineMs?: number;
  /** Retry tuning; `false` sends every request once. Default: retries on (see RetryOptions). */
  retry?: RetryOptions | false;
  /** Told of every retry, every ambiguous write found applied, every unconfirmed write found held (e.g. to log it). */
  onRetry?: (event: RetryEvent) => void;
  /** Default `studio-flow-ci`. */
  userAgent?: string;
  /** Wraps the transport (one attempt): sees every attempt the retry policy makes. */
  wrapSend?: (send: Send) => Send;
}

/**
 * A create Studio answered for, not yet read back (`StudioClient.createFlowUnconfirmed`): the answer was a 2xx flow
 * resource with a new SID holding what was sent, but the write counts only once `confirmCreates` finds Studio
 * holds it. `confirmed` is true when the answer was not a confirmation and reading back already found the flow.
 */
export interface CreateClaim {
  flow: FlowResource;
  input: CreateFlowInput;
  confirmed: boolean;
}

/**
 * What reading back one claim found: the flow Studio holds, or the error `createFlow` would have thrown
 * (StudioWriteNotAppliedError: nothing was created; StudioUnconfirmedWriteError: not known).
 */
export type CreateConfirmation = { ok: true; flow: FlowResource } | { ok: false; error: unknown };
