/**
 * The one function that puts a request on the wire: one attempt, no retries. The client's retry policy
 * (retry.ts) decides what to send again; everything goes through a `Send` made here.
 */
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { toStudioApiError } from './error-body.ts';
import { StudioBadAnswerError, StudioNetworkError, StudioRedirectError, StudioTimeoutError } from './errors.ts';
import { assertBodySize, encodeForm } from './form.ts';
import type { Send, StudioRequest, StudioResponse } from './types.ts';

export interface TransportOptions {
  baseUrl: string;
  username: string;
  password: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  userAgent: string;
}

/** Build the transport `send` for one set of credentials and one base URL. */
export function createSend(options: TransportOptions): Send {
  const origin = new URL(options.baseUrl).origin;
  const token = Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64');
  // Every form the credentials travel in: raw, URL- and form-encoded, `user:secret`, and the Basic token.
  const pair = `${options.username}:${options.password}`;
  const secrets = [
    ...new Set([
      options.password,
      encodeURIComponent(options.password),
      new URLSearchParams({ s: options.password }).toString().slice(2),
      pair,
      token,
    ]),
  ];

  return async function send(req: StudioRequest): Promise<StudioResponse> {
    const body = req.form ? encodeForm(req.form) : undefined;
    if (body !== undefined) assertBodySize(body, req.flowName);

    const headers: Record<string, string> = {
      authorization: `Basic ${token}`,
      accept: 'application/json',
      'user-agent': options.userAgent,
    };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

    const timeoutMs = req.timeoutMs ?? options.timeoutMs;
    // undici's headers/body timeouts run on a coarse (~1 s) clock and restart per phase; the signal bounds the
    // whole attempt precisely.
    const signal = AbortSignal.timeout(timeoutMs);
    let answer: Dispatcher.ResponseData;
    let text: string;
    try {
      answer = await request(new URL(req.path, origin), {
        method: req.method,
        headers,
        body,
        dispatcher: options.dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal,
      });
      text = await answer.body.text();
    } catch (cause) {
      if (signal.aborted || isTimeout(cause))
        throw new StudioTimeoutError({ method: req.method, path: req.path, cause, timeoutMs });
      throw new StudioNetworkError({ method: req.method, path: req.path, cause });
    }

    const retryAfter = headerValue(answer.headers['retry-after']);
    if (answer.statusCode >= 400) {
      throw toStudioApiError({
        status: answer.statusCode,
        method: req.method,
        path: req.path,
        text,
        retryAfter,
        secrets,
      });
    }
    if (answer.statusCode >= 300) {
      // undici's request() never follows a redirect (no redirect interceptor is installed): neither do we.
      const location = headerValue(answer.headers.location);
      throw new StudioRedirectError({
        status: answer.statusCode,
        method: req.method,
        path: req.path,
        locationHost: locationHost(location, origin, secrets),
      });
    }
    return { status: answer.statusCode, headers: answer.headers, body: parseBody(text, req, answer.statusCode) };
  };
}

function parseBody(text: string, req: StudioRequest, status: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioBadAnswerError({
      status,
      method: req.method,
      path: req.path,
      answer: `answered HTTP ${status} with a body that is not JSON`,
    });
  }
}

const HOST_CHARS = 100;

/**
 * The host[:port] a Location header points to, for a message: no user info, path or query (they may carry
 * tokens), never a credential, at most 100 characters. Null when absent or unreadable.
 */
export function locationHost(location: string | null, origin: string, secrets: readonly string[]): string | null {
  if (location === null || location.trim() === '') return null;
  let host: string;
  try {
    host = new URL(location, origin).host;
  } catch {
    return null;
  }
  if (host === '' || secrets.some((secret) => secret.length >= 4 && host.includes(secret))) return null;
  return host.length > HOST_CHARS ? `${host.slice(0, HOST_CHARS - 1)}…` : host;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** undici's headers/body timeouts (the per-request limit). */
function isTimeout(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}
