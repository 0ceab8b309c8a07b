/** The Studio v2 emulator: a real node:http server over an in-memory store. */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lintDefinition } from '../flows/lint.ts';
import { checkAuthorization } from './auth.ts';
import type { EmulatorCredentials } from './auth.ts';
import type { Linter } from './definition-check.ts';
import { route } from './routes.ts';
import { seedStore } from './seed.ts';
import type { SeedFlow } from './seed.ts';
import { createFlowStore } from './store.ts';
import type { FlowStore } from './store.ts';
import { EmulatorHttpError, errorBody, ErrorCodes } from './twilio-error.ts';

/** Bodies above this are refused with 413 (Studio's own limit is 1 MB; this only guards memory). */
const MAX_READ_BYTES = 8 * 1024 * 1024;

export interface EmulatorOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  credentials: EmulatorCredentials;
  seed?: readonly SeedFlow[];
  /** The definition check Validate/create/update run; default the project's lintDefinition. */
  lint?: Linter;
  /** Clock for date fields; default `new Date()`. */
  now?: () => Date;
}

/** One request the emulator answered. */
export interface RequestLogEntry {
  method: string;
  /** Path without query, e.g. /v2/Flows/FW.../Revisions. */
  path: string;
  query: Record<string, string>;
  /** Form body params. */
  params: Record<string, string>;
  status: number;
}

/** A failure to inject: return one for a request to answer it with that Twilio error instead. */
export type FaultRule = (request: RequestLogEntry) => { status: number; code: number; message: string } | undefined;

export interface EmulatorHandle {
  /** Switchable per test: when set, consulted for every authenticated request before it is served. */
  fault: FaultRule | undefined;
  /** Base URL to give the client, e.g. http://127.0.0.1:54321. */
  url: string;
  port: number;
  store: FlowStore;
  /** Every request, in arrival order. Clear with `requests.length = 0`. */
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  const lint = options.lint ?? lintDefinition;
  const store = createFlowStore({ accountSid: options.credentials.accountSid, now: options.now });
  seedStore(store, options.seed ?? [], lint);
  const requests: RequestLogEntry[] = [];
  const render = { baseUrl: '', accountSid: options.credentials.accountSid };

  const self = { fault: undefined } as EmulatorHandle;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end();
      process.stderr.write(`studio emulator: unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), params: {}, status: 0 };
    requests.push(entry);
    let status: number;
    let body: unknown;
    try {
      const form = new URLSearchParams(await readBody(req));
      entry.params = Object.fromEntries(form);
      checkAuthorization(req.headers.authorization, options.credentials);
      const injected = self.fault?.(entry);
      if (injected) throw new EmulatorHttpError(injected);
      ({ status, body } = route({ method: entry.method, pathname: url.pathname, query: url.searchParams, form }, { store, render, lint }));
    } catch (error) {
      const known = error instanceof EmulatorHttpError ? error : internalError(error);
      status = known.status;
      body = errorBody(known);
      if (status === 401) res.setHeader('www-authenticate', 'Basic realm="Twilio API"');
    }
    entry.status = status;
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  render.baseUrl = url;

  Object.assign(self, {
    url,
    port,
    store,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  });
  return self;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ_BYTES) {
      throw new EmulatorHttpError({ status: 413, code: ErrorCodes.invalidParameter, message: 'Request body too large' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function internalError(error: unknown): EmulatorHttpError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EmulatorHttpError({ status: 500, code: ErrorCodes.internal, message: `Emulator error: ${reason}` });
}
