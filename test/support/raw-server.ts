/** A bare loopback HTTP server with a scripted handler, for answers the emulator never gives (HTML, odd paging). */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawExchange {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface RawServer {
  url: string;
  exchanges: RawExchange[];
  close(): Promise<void>;
}

export async function startRawServer(
  respond: (exchange: RawExchange, res: ServerResponse, origin: string) => void,
): Promise<RawServer> {
  const exchanges: RawExchange[] = [];
  let origin = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const exchange = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    exchanges.push(exchange);
    respond(exchange, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}

/**
 * A loopback proxy in front of `target` (e.g. the fake GitHub) that records every request exactly as
 * it was sent: method, URL (path and query), every header, and the raw body. For checks that no
 * secret ever leaves in any part of a request.
 */
export async function startRecordingProxy(target: string): Promise<RawServer> {
  const { request } = await import('node:http');
  const upstream = new URL(target);
  const proxy = await startRawServer((exchange, res) => {
    const headers = { ...exchange.headers, host: upstream.host };
    delete headers['content-length'];
    const body = Buffer.from(exchange.body, 'utf8');
    if (body.length > 0) headers['content-length'] = String(body.length);
    const forwarded = request(new URL(exchange.url, upstream), { method: exchange.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const answerHeaders = { ...answer.headers };
        delete answerHeaders['transfer-encoding'];
        delete answerHeaders['connection'];
        // Links in answers (paging) point back through the proxy, so every request is recorded.
        if (typeof answerHeaders.link === 'string')
          answerHeaders.link = answerHeaders.link.split(upstream.origin).join(proxy.url);
        res.writeHead(answer.statusCode ?? 502, answerHeaders).end(Buffer.concat(chunks));
      });
    });
    forwarded.on('error', () => res.writeHead(502).end());
    forwarded.end(body);
  });
  return proxy;
}
