/** An undici dispatcher that records every exchange (request as sent, response as received) for checks. */
import type { Dispatcher } from 'undici';

export interface RecordedExchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  responseBody: string;
}

export function recordingDispatcher(inner: Dispatcher): { dispatcher: Dispatcher; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];
  const dispatcher = inner.compose((dispatch) => (opts, handler) => {
    const exchange: RecordedExchange = {
      method: opts.method,
      path: opts.path,
      headers: headerRecord(opts.headers),
      body: typeof opts.body === 'string' ? opts.body : Buffer.isBuffer(opts.body) ? opts.body.toString('utf8') : '',
      status: 0,
      responseBody: '',
    };
    const chunks: Buffer[] = [];
    const recorder: Dispatcher.DispatchHandler = {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, status, headers, socket) =>
        handler.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart: (controller, status, headers, message) => {
        exchange.status = status;
        return handler.onResponseStart?.(controller, status, headers, message);
      },
      onResponseData: (controller, chunk) => {
        chunks.push(chunk);
        return handler.onResponseData?.(controller, chunk);
      },
      onResponseEnd: (controller, trailers) => {
        exchange.responseBody = Buffer.concat(chunks).toString('utf8');
        exchanges.push(exchange);
        return handler.onResponseEnd?.(controller, trailers);
      },
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    };
    return dispatch(opts, recorder);
  });
  return { dispatcher, exchanges };
}

function headerRecord(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
