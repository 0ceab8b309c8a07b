/** The Studio v2 emulator: a real node:http server over an in-memory store. */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lintDefinition } from '../lint/lint.ts';
import { checkAuthorization } from './auth.ts';
import type { EmulatorCredentials } from './auth.ts';
import type { Linter } from './definition-check.ts';
import { FaultInjector } from './faults.ts';
import type { FaultKind, FaultLogEntry, FaultOptions, FaultRequest } from './faults.ts';
import { route } from './routes.ts';
import { seedStore } from './seed.ts';
import type { SeedFlow } from './seed.ts';
import { createFlowStore } from './store.ts';
import type { FlowStore } from './store.ts';
import { EmulatorHttpError, errorBody, ErrorCodes } from './twilio-error.ts';
import {
  checkValidateAnswer,
  checkWriteAnswer,
  isWrite,
  wrongValidateAnswer,
  wrongWriteAnswer,
} from './wrong-answers.ts';
import type { RawAnswer, ValidateAnswerKind, WriteAnswerFault, WriteAnswerKind } from './wrong-answers.ts';

export type { FaultKind, FaultLogEntry, FaultOptions } from './faults.ts';
export type { ValidateAnswerKind, WriteAnswerFault, WriteAnswerKind } from './wrong-answers.ts';

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
  /** Fault injection from the start (latency, rate limits, errors, drops, lost responses); see `handle.faults`. */
  faults?: FaultOptions;
  /** Wrong answers to writes from the start; see `handle.writeAnswer`. */
  writeAnswer?: WriteAnswerFault;
  /** Wrong answers to Validate from the start; see `handle.validateAnswer`. */
  validateAnswer?: ValidateAnswerKind;
}

/** One request the emulator answered. */
export interface RequestLogEntry extends FaultRequest {
  /** The status answered; for `lost-response` the one that was not delivered; 0 for `drop`. */
  status: number;
  /** The fault injected into this request by `faults`, if any. */
  fault?: FaultKind;
  /** The wrong answer given on purpose (`writeAnswer`, `validateAnswer`), if any. */
  answer?: WriteAnswerKind | ValidateAnswerKind;
}

/** A failure to inject: return one for a request to answer it with that Twilio error instead. */
export type FaultRule = (request: RequestLogEntry) => { status: number; code: number; message: string } | undefined;

export interface EmulatorHandle {
  /** Switchable per test: when set, consulted for every authenticated request before it is served. */
  fault: FaultRule | undefined;
  /**
   * Random faults and latency, switchable at any time; setting it (re)starts its seeded PRNG. Applies after
   * `fault`. Undefined: none.
   */
  faults: FaultOptions | undefined;
  /**
   * Switchable per test: answer successful creates and updates wrongly (empty, `{}`, 204, another flow's SID,
   * the same revision, a redirect, not JSON), with the write applied in the store or not. See wrong-answers.ts.
   */
  writeAnswer: WriteAnswerFault | undefined;
  /** Switchable per test: answer every Validate wrongly (`{"valid": false}`, `{}`, empty, not JSON, a redirect). */
  validateAnswer: ValidateAnswerKind | undefined;
  /** Every fault `faults` injected, in order. Clear with `faultLog.length = 0`. */
  faultLog: FaultLogEntry[];
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

  const faultLog: FaultLogEntry[] = [];
  let injector = options.faults ? new FaultInjector(options.faults) : undefined;
  /** Latency waits in progress, ended early when the emulator closes. */
  const waits = new Set<() => void>();
  let closed = false;
  const self = { fault: undefined, faultLog } as unknown as EmulatorHandle;
  Object.defineProperty(self, 'faults', {
    enumerable: true,
    get: () => injector?.options,
    set: (value: FaultOptions | undefined) => {
      injector = value ? new FaultInjector(value) : undefined;
    },
  });
  const writeAnswer = switchable(self, 'writeAnswer', options.writeAnswer, checkWriteAnswer);
  const validateAnswer = switchable(self, 'validateAnswer', options.validateAnswer, checkValidateAnswer);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end();
      process.stderr.write(
        `studio emulator: unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    });
  });

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waits.add(done);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      params: {},
      status: 0,
    };
    requests.push(entry);
    let status: number;
    let body: unknown;
    const headers: Record<string, string> = {};
    let raw: RawAnswer | undefined;
    const faults = injector;
    try {
      const form = new URLSearchParams(await readBody(req));
      entry.params = Object.fromEntries(form);
      if (faults && faults.options.latencyMs > 0) {
        await wait(faults.options.latencyMs);
        if (closed) return;
      }
      checkAuthorization(req.headers.authorization, options.credentials);
      const injected = self.fault?.(entry);
      if (injected) throw new EmulatorHttpError(injected);
      const decision = faults?.decide(entry);
      if (decision) {
        entry.fault = decision.kind;
        faultLog.push({ kind: decision.kind, method: entry.method, path: entry.path });
        if (decision.kind === 'drop') {
          req.socket.destroy();
          return;
        }
        if (decision.kind === 'rate-limit') headers['retry-after'] = String(decision.retryAfterSeconds);
        if (decision.kind === 'rate-limit' || decision.kind === 'error') throw decision.error;
      }
      const validateKind = validateAnswer();
      if (validateKind && entry.method === 'POST' && entry.path === '/v2/Flows/Validate') {
        entry.answer = validateKind;
        raw = wrongValidateAnswer(validateKind, entry.path);
      }
      ({ status, body } = raw
        ? { status: raw.status, body: undefined }
        : route(
            { method: entry.method, pathname: url.pathname, query: url.searchParams, form },
            { store, render, lint },
          ));
      const wrong = writeAnswer();
      if (wrong && !raw && status < 300 && isWrite(entry.method, entry.path) && (!wrong.match || wrong.match(entry))) {
        entry.answer = wrong.kind;
        raw = wrongWriteAnswer(wrong, { path: entry.path, body: body as Record<string, unknown> }, store);
        status = raw.status;
      }
      if (decision?.kind === 'lost-response') {
        // Applied (a write really happened), but the client never hears of it.
        entry.status = status;
        req.socket.destroy();
        return;
      }
    } catch (error) {
      const known = error instanceof EmulatorHttpError ? error : internalError(error);
      status = known.status;
      body = errorBody(known);
      if (status === 401) res.setHeader('www-authenticate', 'Basic realm="Twilio API"');
    }
    entry.status = status;
    if (raw) {
      const rawHeaders: Record<string, string | number> = { ...headers, ...raw.headers };
      if (raw.text !== undefined) rawHeaders['content-length'] = Buffer.byteLength(raw.text);
      res.writeHead(raw.status, rawHeaders).end(raw.text);
      return;
    }
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    const text = JSON.stringify(body);
    res
      .writeHead(status, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      })
      .end(text);
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
        closed = true;
        for (const done of [...waits]) done();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  });
  return self;
}

/** A checked property of the handle that tests switch at any time; returns its getter. */
function switchable<T>(
  target: object,
  name: string,
  initial: T | undefined,
  check: (value: T) => T,
): () => T | undefined {
  let value = initial === undefined ? undefined : check(initial);
  const set = (next: T | undefined) => (value = next === undefined ? undefined : check(next));
  Object.defineProperty(target, name, { enumerable: true, get: () => value, set });
  return () => value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ_BYTES) {
      throw new EmulatorHttpError({
        status: 413,
        code: ErrorCodes.invalidParameter,
        message: 'Request body too large',
      });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function internalError(error: unknown): EmulatorHttpError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EmulatorHttpError({ status: 500, code: ErrorCodes.internal, message: `Emulator error: ${reason}` });
}
