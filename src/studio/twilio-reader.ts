/**
 * A read-only client of one Twilio API other than Studio (Serverless v1, TaskRouter v1), on the Studio client's
 * transport: undici through `createSend` (Basic auth, timeouts, credential scrubbing of every error), the
 * RetryPolicy of retry.ts (reads are retried freely, within the run's deadline) and `collectPages` for lists.
 */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { collectPages } from './paging.ts';
import { RetryPolicy } from './retry.ts';
import { createSend } from './transport.ts';
import { checkedPages, checkRead } from './verify.ts';
import type { RetryEvent, RetryOptions, Send, StudioRequest } from './types.ts';

/** Why an entry or a resource of an answer is malformed (a phrase), or undefined when it is right. */
export type Problem = (value: unknown) => string | undefined;

export interface TwilioReaderOptions {
  /** e.g. "Twilio Serverless". */
  label: string;
  baseUrl: string;
  /** Twilio's own origin for the API (next_page_url may name it when a proxy stands in between). */
  twilioOrigin: string;
  username: string;
  password: string;
  /** Default: a keep-alive undici Agent owned (and closed) by the reader. */
  dispatcher?: Dispatcher | undefined;
  connections?: number | undefined;
  timeoutMs: number;
  deadlineMs?: number | undefined;
  retry?: RetryOptions | false | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  userAgent?: string | undefined;
  /** Wraps the one-attempt send (tests count or break requests with it). */
  wrapSend?: ((send: Send) => Send) | undefined;
}

export class TwilioReader {
  readonly label: string;
  readonly baseUrl: string;
  readonly #send: Send;
  readonly #policy: RetryPolicy;
  readonly #origins: readonly string[];
  readonly #ownedAgent: Agent | null;

  constructor(options: TwilioReaderOptions) {
    if (!options.username || !options.password)
      throw new Error(`${options.label} client needs a username and a password (the Twilio credentials)`);
    this.label = options.label;
    this.baseUrl = options.baseUrl;
    this.#ownedAgent = options.dispatcher
      ? null
      : new Agent({ keepAliveTimeout: 10_000, ...(options.connections ? { connections: options.connections } : {}) });
    const raw = createSend({
      baseUrl: options.baseUrl,
      username: options.username,
      password: options.password,
      dispatcher: options.dispatcher ?? (this.#ownedAgent as Agent),
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent ?? 'studio-flow-ci',
    });
    const attempt = options.wrapSend ? options.wrapSend(raw) : raw;
    this.#origins = [...new Set([new URL(options.baseUrl).origin, options.twilioOrigin])];
    this.#policy = new RetryPolicy({
      retry: options.retry,
      deadlineMs: options.deadlineMs,
      onRetry: options.onRetry,
      label: options.label,
    });
    this.#send = (req) =>
      this.#policy.run({
        method: req.method,
        path: req.path,
        idempotent: true,
        attempt: async (context) => {
          const limited =
            context.remainingMs < options.timeoutMs
              ? { ...req, timeoutMs: Math.max(1, Math.ceil(context.remainingMs)) }
              : req;
          this.#policy.stats.requests += 1;
          return attempt(limited);
        },
      });
  }

  /** Requests put on the wire so far (every page, every retry attempt). */
  get requests(): number {
    return this.#policy.stats.requests;
  }

  /** Every entry under `key` of every page of the list at `firstPath`; a malformed entry is an error naming its page. */
  async list(firstPath: string, key: string, problem: Problem): Promise<unknown[]> {
    return collectPages(checkedPages(this.#send, key, problem), firstPath, key, {
      label: this.label,
      origins: this.#origins,
    });
  }

  /** One resource; an answer that is not it (`problem`) is an error. */
  async get(path: string, problem: Problem): Promise<unknown> {
    const req: StudioRequest = { method: 'GET', path };
    const { status, body } = await this.#send(req);
    checkRead(req, problem(body) === undefined ? undefined : `answered HTTP ${status} with ${problem(body)}`, status);
    return body;
  }

  /** Close the keep-alive agent the reader created (a no-op with an injected dispatcher). */
  async close(): Promise<void> {
    await this.#ownedAgent?.close();
  }
}
