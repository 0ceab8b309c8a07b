/**
 * Which failures of a Studio call are tried again and how long to wait: the retried statuses and network
 * codes, whether a failure is ambiguous (the request may have been applied), Twilio's Retry-After, and
 * capped exponential backoff with full jitter. The policy that uses them is retry.ts.
 */
import { StudioApiError, StudioNetworkError, StudioTimeoutError } from './errors.ts';
import type { RetryReason } from './types.ts';

export const DEFAULT_RETRY = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 } as const;
/** The longest Retry-After waited: a larger one (`Retry-After: 99999`) is waited this long, then retried. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** HTTP statuses tried again: rate limit and the transient server errors. Never 400/401/403/404. */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Twilio's "authenticate" code: bad credentials never get better by retrying. */
const AUTHENTICATE_CODE = 20003;
/** Network failures where the request cannot have reached Studio: safe to send again, even a write. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** Network failures after the request may have been sent (the socket closed or reset under it). */
const AMBIGUOUS_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export interface Failure {
  reason: RetryReason;
  /** The request may have been applied (so a write must be checked before it is sent again). */
  ambiguous: boolean;
  /** What Retry-After asked for, in ms. */
  retryAfterMs?: number;
}

/** Whether a failed attempt may be tried again, and why; undefined: never retry it. */
export function classifyFailure(error: unknown, wallClockMs: number = Date.now()): Failure | undefined {
  if (error instanceof StudioApiError) {
    if (!RETRY_STATUSES.has(error.status) || error.code === AUTHENTICATE_CODE) return undefined;
    const retryAfterMs = parseRetryAfter(error.retryAfter, wallClockMs);
    const failure: Failure =
      error.status === 429 ? { reason: 'rate-limit', ambiguous: false } : { reason: 'server-error', ambiguous: true };
    if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
    return failure;
  }
  if (error instanceof StudioTimeoutError) return { reason: 'timeout', ambiguous: true };
  if (error instanceof StudioNetworkError) {
    const codes = errorCodes(error.cause);
    if (codes.some((code) => AMBIGUOUS_CODES.has(code))) return { reason: 'network', ambiguous: true };
    if (codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code)))
      return { reason: 'network', ambiguous: false };
  }
  return undefined;
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  wallClockMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - wallClockMs);
}

/** Full jitter: a random wait in [0, min(cap, base * 2^(retry-1))) before retry number `retry` (1-based). */
export function backoffDelay(
  retry: number,
  options: { baseDelayMs: number; maxDelayMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Every `code` in an error, its causes and an AggregateError's errors (undici wraps some). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (error === null || typeof error !== 'object' || depth > 4) return [];
  const codes: string[] = [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') codes.push(code);
  if (cause !== undefined) codes.push(...errorCodes(cause, depth + 1));
  if (Array.isArray(errors)) for (const inner of errors) codes.push(...errorCodes(inner, depth + 1));
  return codes;
}
