/**
 * The Studio client's retry policy: attempts over an overall deadline (which failures are tried again and
 * how long to wait is retry-classify.ts), and the rule that keeps writes
 * safe: after an ambiguous failure (the write may have been applied) the caller's `landed` check runs before
 * anything is sent again, so a retry never makes a second revision.
 */
import {
  seconds,
  StudioApiError,
  StudioDeadlineError,
  StudioNetworkError,
  StudioTimeoutError,
  StudioUnconfirmedWriteError,
} from './errors.ts';
import { backoffDelay, classifyFailure, DEFAULT_RETRY, MAX_RETRY_AFTER_MS } from './retry-classify.ts';
import type { RetryEvent, RetryOptions, StudioStats } from './types.ts';

export { backoffDelay, classifyFailure, DEFAULT_RETRY, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-classify.ts';
export type { Failure } from './retry-classify.ts';

export interface AttemptContext {
  /** 1-based. */
  attempt: number;
  /** What is left of the deadline, in ms (Infinity without one): an attempt must not outlast it. */
  remainingMs: number;
  /** An earlier attempt of this call failed ambiguously (it may have been applied). */
  afterAmbiguous: boolean;
}

export interface RetryCall<T> {
  method: string;
  path: string;
  /** What the call does, for messages, e.g. `update of flow "Sales IVR"`. */
  what?: string;
  /** The flow a write is for, when known: StudioUnconfirmedWriteError carries it. */
  sid?: string;
  /** Sending it twice is harmless (reads, Validate, a DELETE that takes 404 after an ambiguous attempt as done). */
  idempotent: boolean;
  attempt: (context: AttemptContext) => Promise<T>;
  /**
   * For a write that is not idempotent: after an ambiguous failure, find out whether it was applied.
   * Returns the result to use when it was (`note` says so in the log), undefined when it was not.
   * Without it, an ambiguous failure of a non-idempotent call is never retried.
   */
  landed?: () => Promise<{ value: T; note: string } | undefined>;
}

export interface RetryPolicyOptions {
  retry?: RetryOptions | false | undefined;
  deadlineMs?: number | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Names the API in retry messages; default "Twilio Studio". */
  label?: string | undefined;
}

export class RetryPolicy {
  readonly stats: StudioStats = {
    requests: 0,
    retries: { 'rate-limit': 0, 'server-error': 0, network: 0, timeout: 0 },
    ambiguousWrites: 0,
    ambiguousWritesLanded: 0,
  };
  readonly maxAttempts: number;
  readonly #backoff: { baseDelayMs: number; maxDelayMs: number };
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  #budgetMs: number;
  #deadlineAt: number;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;
  readonly #label: string;

  constructor(options: RetryPolicyOptions = {}) {
    const tuning = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
    this.maxAttempts = positive('maxAttempts', tuning.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
    this.#backoff = {
      baseDelayMs: nonNegative('baseDelayMs', tuning.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: nonNegative('maxDelayMs', tuning.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    };
    this.#sleep = tuning.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = tuning.random ?? Math.random;
    this.#now = tuning.now ?? (() => performance.now());
    this.#budgetMs = options.deadlineMs === undefined ? Infinity : nonNegative('deadlineMs', options.deadlineMs);
    this.#deadlineAt = this.#now() + this.#budgetMs;
    this.#onRetry = options.onRetry;
    this.#label = options.label ?? 'Twilio Studio';
  }

  /**
   * Make at least `ms` available from now, however much of the deadline is left: undoing a failed
   * deploy must not be cut short by the same limit that stopped it.
   */
  extendDeadline(ms: number): void {
    const at = this.#now() + nonNegative('ms', ms);
    if (at <= this.#deadlineAt) return;
    this.#budgetMs += at - this.#deadlineAt;
    this.#deadlineAt = at;
  }

  /** Time left of the deadline in ms; Infinity without one. */
  remainingMs(): number {
    return this.#deadlineAt - this.#now();
  }

  /** Run a call with retries. Throws the last failure when it cannot or may not be retried. */
  async run<T>(call: RetryCall<T>): Promise<T> {
    let afterAmbiguous = false;
    let lastError: unknown;
    for (let attempt = 1; ; attempt += 1) {
      const remainingMs = this.remainingMs();
      if (remainingMs < 1) throw this.#deadline(call, lastError);
      try {
        return await call.attempt({ attempt, remainingMs, afterAmbiguous });
      } catch (error) {
        lastError = error;
      }
      const failure = classifyFailure(lastError);
      if (!failure) throw lastError;
      if (failure.ambiguous && !call.idempotent && !call.landed) throw lastError;
      if (this.remainingMs() < 1) throw this.#deadline(call, lastError);
      if (attempt >= this.maxAttempts) throw lastError;
      // Retry-After is upstream data: honoured up to MAX_RETRY_AFTER_MS, never trusted to end the run by itself.
      const asked = failure.retryAfterMs;
      const delayMs =
        asked !== undefined ? Math.min(asked, MAX_RETRY_AFTER_MS) : backoffDelay(attempt, this.#backoff, this.#random);
      if (delayMs >= this.remainingMs())
        throw this.#deadline(
          call,
          lastError,
          asked === undefined ? undefined : { askedMs: asked, leftMs: this.remainingMs() },
        );

      const checkFirst = failure.ambiguous && !call.idempotent;
      this.tell({
        type: 'retry',
        reason: failure.reason,
        method: call.method,
        path: call.path,
        attempt,
        maxAttempts: this.maxAttempts,
        delayMs,
        message:
          `Retrying ${callName(call, this.#label)} in ${seconds(delayMs)}` +
          (failure.retryAfterMs !== undefined ? ' as Retry-After asks' : '') +
          (checkFirst ? ', unless the failed attempt was applied after all' : '') +
          ` (attempt ${attempt + 1} of ${this.maxAttempts}); attempt ${attempt} failed: ${shortReason(lastError)}`,
      });
      await this.#sleep(delayMs);
      if (failure.ambiguous) afterAmbiguous = true;
      if (checkFirst && call.landed) {
        this.stats.ambiguousWrites += 1;
        let found: { value: T; note: string } | undefined;
        try {
          found = await call.landed();
        } catch (checkError) {
          if (checkError instanceof StudioDeadlineError) throw checkError;
          throw new StudioUnconfirmedWriteError({
            ...withWhat(call),
            ...(call.sid === undefined ? {} : { sid: call.sid }),
            writeError: lastError,
            checkError,
          });
        }
        if (found) {
          this.stats.ambiguousWritesLanded += 1;
          this.tell({
            type: 'landed',
            reason: failure.reason,
            method: call.method,
            path: call.path,
            attempt,
            maxAttempts: this.maxAttempts,
            delayMs: 0,
            message: `${callName(call, this.#label)} was applied although attempt ${attempt} failed (${shortReason(lastError)}): ${found.note}. Not sent again.`,
          });
          return found.value;
        }
      }
      this.stats.retries[failure.reason] += 1;
    }
  }

  #deadline(
    call: RetryCall<unknown>,
    lastError: unknown,
    wait?: { askedMs: number; leftMs: number },
  ): StudioDeadlineError {
    return new StudioDeadlineError({
      ...withWhat(call),
      budgetMs: this.#budgetMs,
      ...(lastError === undefined ? {} : { lastError }),
      ...(wait ? { wait } : {}),
    });
  }

  /** Tell `onRetry` (a log line); a throwing callback changes nothing. */
  tell(event: RetryEvent): void {
    try {
      this.#onRetry?.(event);
    } catch {
      // A logging callback must not change what the call does.
    }
  }
}

function withWhat(call: RetryCall<unknown>): { method: string; path: string; what?: string } {
  return call.what === undefined
    ? { method: call.method, path: call.path }
    : { method: call.method, path: call.path, what: call.what };
}

function callName(call: RetryCall<unknown>, label: string): string {
  return `${label} ${call.method} ${call.path}${call.what ? ` (${call.what})` : ''}`;
}

/** Why an attempt failed, without repeating the method and path. Error messages are already scrubbed. */
export function shortReason(error: unknown): string {
  if (error instanceof StudioTimeoutError)
    return `no answer within ${seconds(error.timeoutMs)} (input 'request-timeout')`;
  if (error instanceof StudioApiError) {
    const head = `HTTP ${error.status}${error.code === null ? '' : `, error ${error.code}`}`;
    // Without Twilio's JSON the Twilio message may be the whole error message: not repeated then.
    return error.twilioMessage === error.message ? head : `${head}: ${error.twilioMessage}`;
  }
  if (error instanceof StudioNetworkError) {
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return `no HTTP answer: ${cause}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`Retry option ${name} must be a whole number of at least 1, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0)) throw new Error(`Retry option ${name} must be a number of at least 0, got ${value}`);
  return value;
}
