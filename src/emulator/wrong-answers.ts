/**
 * Wrong answers on purpose: make the emulator answer writes (create, update) and Validate the way a broken
 * proxy, a cache or a misconfigured `studio-url` might, so a client's answer checks can be tried.
 *
 * Write answers (`handle.writeAnswer = { kind, applied }`), replacing the real 200/201 answer of a write:
 * - `empty`          200 with an empty body
 * - `empty-object`   200 `{}`
 * - `no-content`     204 without a body
 * - `other-sid`      the real flow resource, but carrying another flow's SID (another stored flow's, else a new one)
 * - `same-revision`  the real flow resource, but claiming the previous revision (0 for a create)
 * - `redirect`       302 with a Location on another origin (`location`, default https://studio-redirect.invalid)
 * - `not-json`       200 with an HTML body
 * `applied: true` keeps the write in the store (a read-back finds it); `applied: false` undoes it, so the store
 * is exactly as before (the write was "lost"). A write Studio refuses (4xx) is answered as usual.
 *
 * Validate answers (`handle.validateAnswer = kind`), whatever the definition: `valid-false` (200
 * `{"valid": false}`), `empty-object` (200 `{}`), `empty`, `not-json`, `redirect`.
 */
import type { FlowStore } from './store.ts';
import { newSid } from './store.ts';

export const WRITE_ANSWER_KINDS = [
  'empty',
  'empty-object',
  'no-content',
  'other-sid',
  'same-revision',
  'redirect',
  'not-json',
] as const;
export type WriteAnswerKind = (typeof WRITE_ANSWER_KINDS)[number];

export const VALIDATE_ANSWER_KINDS = ['valid-false', 'empty-object', 'empty', 'not-json', 'redirect'] as const;
export type ValidateAnswerKind = (typeof VALIDATE_ANSWER_KINDS)[number];

export interface WriteAnswerFault {
  kind: WriteAnswerKind;
  /** Whether the write really happens in the store. */
  applied: boolean;
  /** Only writes it accepts get the wrong answer (default: every create and update). */
  match?: (write: { method: string; path: string; params: Record<string, string> }) => boolean;
  /** Location of a `redirect` answer; default https://studio-redirect.invalid plus the request path. */
  location?: string;
}

/** An answer as the server writes it: a status, headers, and a raw body (undefined: none). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text?: string;
}

const DEFAULT_REDIRECT_ORIGIN = 'https://studio-redirect.invalid';
const HTML = '<html><head><title>OK</title></head><body>Request received</body></html>';

/** POST /v2/Flows (create) or POST /v2/Flows/FW… (update). */
export function isWrite(method: string, path: string): boolean {
  return method === 'POST' && (path === '/v2/Flows' || /^\/v2\/Flows\/FW[0-9a-fA-F]{32}$/.test(path));
}

/** Check a fault set through the handle or the CLI; a clear error for a bad one. */
export function checkWriteAnswer(fault: WriteAnswerFault): WriteAnswerFault {
  if (!(WRITE_ANSWER_KINDS as readonly string[]).includes(fault.kind)) {
    throw new Error(`Unknown write answer "${String(fault.kind)}": use ${WRITE_ANSWER_KINDS.join(', ')}`);
  }
  if (typeof fault.applied !== 'boolean') throw new Error('A write answer fault needs applied: true or false');
  return fault;
}

export function checkValidateAnswer(kind: ValidateAnswerKind): ValidateAnswerKind {
  if (!(VALIDATE_ANSWER_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`Unknown Validate answer "${String(kind)}": use ${VALIDATE_ANSWER_KINDS.join(', ')}`);
  }
  return kind;
}

/** The answers every kind shares: no body, `{}`, HTML, a redirect. */
function plainAnswer(
  kind: 'empty' | 'empty-object' | 'no-content' | 'redirect' | 'not-json',
  path: string,
  location?: string,
): RawAnswer {
  switch (kind) {
    case 'empty':
      return { status: 200, headers: { 'content-type': 'application/json' }, text: '' };
    case 'empty-object':
      return { status: 200, headers: { 'content-type': 'application/json' }, text: '{}' };
    case 'no-content':
      return { status: 204, headers: {} };
    case 'redirect':
      return { status: 302, headers: { location: location ?? `${DEFAULT_REDIRECT_ORIGIN}${path}` } };
    case 'not-json':
      return { status: 200, headers: { 'content-type': 'text/html' }, text: HTML };
  }
}

/**
 * The wrong answer to a write that succeeded with `body` (the flow resource), and the store put back as it was
 * when the fault says the write is not applied.
 */
export function wrongWriteAnswer(
  fault: WriteAnswerFault,
  write: { path: string; body: Record<string, unknown> },
  store: FlowStore,
): RawAnswer {
  const sid = String(write.body.sid);
  if (!fault.applied) undoWrite(store, sid, write.path === '/v2/Flows');
  if (fault.kind === 'other-sid') {
    const other = store.list().find((flow) => flow.sid !== sid)?.sid ?? newSid('FW');
    return json({ ...write.body, sid: other, url: String(write.body.url).split(sid).join(other) });
  }
  if (fault.kind === 'same-revision') return json({ ...write.body, revision: Number(write.body.revision) - 1 });
  return plainAnswer(fault.kind, write.path, fault.location);
}

/** The wrong answer to a Validate request. */
export function wrongValidateAnswer(kind: ValidateAnswerKind, path: string): RawAnswer {
  if (kind === 'valid-false') return json({ valid: false });
  return plainAnswer(kind, path);
}

function json(body: unknown): RawAnswer {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, text: JSON.stringify(body) };
}

/** Take back the revision an update added, or the flow a create made. */
function undoWrite(store: FlowStore, sid: string, created: boolean): void {
  if (created) {
    store.remove(sid);
    return;
  }
  store.get(sid)?.revisions.pop();
}
