/** The Studio v2 emulator: a real node:http server over an in-memory store. */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lintDefinition } from '../lint/lint.ts';
import { apiOf, routeAccount } from './account-routes.ts';
import { checkAccountSeed } from './account-seed.ts';
import { buildAccount } from './account-store.ts';
import { checkAuthorization } from './auth.ts';
import { FaultInjector } from './faults.ts';
import type { FaultLogEntry, FaultOptions } from './faults.ts';
import type { EmulatorHandle, EmulatorOptions, RequestLogEntry } from './handle.ts';
import { route } from './routes.ts';
import { seedStore } from './seed.ts';
import { createFlowStore } from './store.ts';
import { EmulatorHttpError, errorBody, ErrorCodes } from './twilio-error.ts';
import {
  checkValidateAnswer,
  checkWriteAnswer,
  isWrite,
  wrongValidateAnswer,
  wrongWriteAnswer,
} from './wrong-answers.ts';
import type { RawAnswer } from './wrong-answers.ts';

export type { FaultKind, FaultLogEntry, FaultOptions } from './faults.ts';
export type { EmulatorHandle, EmulatorOptions, FaultRule, RequestLogEntry } from './handle.ts';
export type { AccountSeed } from './account-seed.ts';
export type { EmulatedAccount } from './account-store.ts';
export type { EmulatedApi } from './account-routes.ts';
export type { ValidateAnswerKind, WriteAnswerFault, WriteAnswerKind } from './wrong-answers.ts';

/** Bodies above this are refused with 413 (Studio's own limit is 1 MB; this only guards memory). */
const MAX_READ_BYTES = 8 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  // Studio's Validate checks no Liquid: neither does the emulator's.
  const lint = options.lint ?? ((definition: unknown) => lintDefinition(definition, { liquid: false }));
  const store = createFlowStore({ accountSid: options.credentials.accountSid, now: options.now });
  seedStore(store, options.seed ?? [], lint);
  const requests: RequestLogEntry[] = [];
  const render = { baseUrl: '', accountSid: options.credentials.accountSid };
  const account = buildAccount(
    checkAccountSeed(options.account ?? {}, options.accountSource ?? 'EmulatorOptions.account'),
    options.credentials.accountSid,
    options.accountSource ?? 'EmulatorOptions.account',
  );
  const created = options.now?.() ?? new Date();

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
      api: apiOf(url.pathname),
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
        : entry.api === 'studio'
          ? route(
              { method: entry.method, pathname: url.pathname, query: url.searchParams, form },
              { store, render, lint },
            )
          : routeAccount(
              { method: entry.method, pathname: url.pathname, query: url.searchParams, form },
              { account, baseUrl: render.baseUrl, accountSid: render.accountSid, created },
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
    account,
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
