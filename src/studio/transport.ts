/**
 * The one function that puts a request on the wire: one attempt, no retries. The client's retry policy
 * (retry.ts) decides what to send again; everything goes through a `Send` made here.
 */
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { toStudioApiError } from './error-body.ts';
import { StudioApiError, StudioNetworkError, StudioTimeoutError } from './errors.ts';
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
  const secrets = [...new Set([options.password, encodeURIComponent(options.password), new URLSearchParams({ s: options.password }).toString().slice(2), pair, token])];

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
      if (signal.aborted || isTimeout(cause)) throw new StudioTimeoutError({ method: req.method, path: req.path, cause, timeoutMs });
      throw new StudioNetworkError({ method: req.method, path: req.path, cause });
    }

    const retryAfter = headerValue(answer.headers['retry-after']);
    if (answer.statusCode >= 400) {
      throw toStudioApiError({ status: answer.statusCode, method: req.method, path: req.path, text, retryAfter, secrets });
    }
    return { status: answer.statusCode, headers: answer.headers, body: parseBody(text, req, answer.statusCode) };
  };
}

function parseBody(text: string, req: StudioRequest, status: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioApiError({
      status,
      code: null,
      message: `Twilio Studio ${req.method} ${req.path} answered HTTP ${status} with a body that is not JSON`,
      moreInfo: null,
      details: null,
      method: req.method,
      path: req.path,
    });
  }
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
