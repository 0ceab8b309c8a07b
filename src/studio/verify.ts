/**
 * Is Studio's answer the one the call needs? Pure checks over the parsed body; each returns what was wrong
 * as a phrase for a message (`answered HTTP 200 with an empty body`), or undefined when the answer is right.
 * Values from the answer appear in a phrase only when they are well-formed (a SID, a number, a status), so a
 * hostile body cannot put markup, newlines or secrets into our messages.
 */
import { isDeepStrictEqual } from 'node:util';
import { definitionParam } from './form.ts';
import { toFlowResource } from './resources.ts';
import { StudioBadAnswerError } from './errors.ts';
import type { FlowResource, Send, StudioRequest, StudioResponse, UpdateFlowInput } from './types.ts';

export const FLOW_SID = /^FW[0-9a-fA-F]{32}$/;

/** What a write asked for: an update names its flow (`sid`), a create does not. */
export interface WriteExpectation {
  sid?: string;
  input: UpdateFlowInput;
}

type Wire = Record<string, unknown>;

function isObject(value: unknown): value is Wire {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export { isObject as isRecord };

/** A read whose answer is not what was asked for fails, naming the request and what came back. */
export function checkRead(req: StudioRequest, problem: string | undefined, status = 200): void {
  if (problem !== undefined)
    throw new StudioBadAnswerError({ status, method: req.method, path: req.path, answer: problem });
}

/** `send` for list pages: every entry under `key` of every page is checked, and a bad one names its page. */
export function checkedPages(send: Send, key: string, problem: (entry: unknown) => string | undefined): Send {
  return async (req) => {
    const response = await send(req);
    const items = isObject(response.body) ? response.body[key] : undefined;
    if (Array.isArray(items)) {
      for (const [index, entry] of items.entries()) {
        const found = problem(entry);
        if (found !== undefined)
          checkRead(req, `answered a page with ${found} (entry ${index + 1} of "${key}")`, response.status);
      }
    }
    return response;
  };
}

/** The root-level error of a Validate answer without `valid: true`. */
export function validateAnswerMessage(answer: StudioResponse): string {
  const body = answer.body;
  const what =
    body === undefined
      ? 'an empty body'
      : isObject(body) && body.valid === false
        ? '{"valid": false} without details'
        : isObject(body) && Object.keys(body).length === 0
          ? 'an empty JSON object ({})'
          : 'JSON that is not a Validate answer';
  return (
    `Twilio's Validate answered HTTP ${answer.status} without "valid": true (it answered ${what}), so Studio did not confirm ` +
    "this definition is valid. Re-run the check; if it persists, check the 'studio-url' input and any proxy between the runner and Twilio."
  );
}

/** A SID from an answer, safe to print. */
export function shownSid(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z]{2}[0-9a-fA-F]{32}$/.test(value) ? value : 'a malformed SID';
}

/** What a body that is not a JSON object was, e.g. `with an empty body`. */
function shapeOf(status: number, body: unknown): string {
  if (body === undefined)
    return status === 204 ? 'answered HTTP 204 No Content' : `answered HTTP ${status} with an empty body`;
  if (Array.isArray(body)) return `answered HTTP ${status} with a JSON array instead of a flow resource`;
  if (!isObject(body))
    return `answered HTTP ${status} with JSON ${body === null ? 'null' : `of type ${typeof body}`} instead of a flow resource`;
  if (Object.keys(body).length === 0) return `answered HTTP ${status} with an empty JSON object ({})`;
  return `answered HTTP ${status} with a JSON object that is not a flow resource (no "sid")`;
}

/** Why a 2xx answer to a flow read is not the flow (or revision) asked for; undefined when it is. */
export function readProblem(
  status: number,
  body: unknown,
  expected: { sid: string; revision?: number },
): string | undefined {
  if (!isObject(body) || typeof body.sid !== 'string') return shapeOf(status, body);
  if (body.sid !== expected.sid) return `answered with flow ${shownSid(body.sid)} instead of ${shownSid(expected.sid)}`;
  const revision = body.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1)
    return 'answered without a revision number (a positive whole number)';
  if (expected.revision !== undefined && revision !== expected.revision)
    return `answered revision r${revision} instead of r${expected.revision}`;
  return undefined;
}

/** Why a list entry (a flow) is malformed; undefined when it has an FW SID and a string name. */
export function listEntryProblem(entry: unknown): string | undefined {
  if (!isObject(entry)) return 'an entry that is not a JSON object';
  if (typeof entry.sid !== 'string' || !FLOW_SID.test(entry.sid))
    return `an entry whose "sid" is not a flow SID (FW and 32 hex digits): ${shownSid(entry.sid)}`;
  if (typeof entry.friendly_name !== 'string') return `flow ${entry.sid} without a string "friendly_name"`;
  return undefined;
}

/** Why a list entry (a revision of flow `sid`) is malformed; undefined when it is well-formed. */
export function revisionEntryProblem(entry: unknown, sid: string): string | undefined {
  if (!isObject(entry)) return 'an entry that is not a JSON object';
  if (entry.sid !== sid) return `a revision of flow ${shownSid(entry.sid)} instead of ${shownSid(sid)}`;
  const revision = entry.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1)
    return 'a revision without a revision number';
  return undefined;
}

/**
 * Why a 2xx answer to a write does not confirm it; undefined when it is the flow resource with the expected
 * SID (an update: the one in the path; a create: any well-formed FW SID), a revision above the previous one
 * (a create: at least 1), and what was sent (definition as on the wire, status, commit message, name).
 */
export function writeAnswerProblem(status: number, body: unknown, expected: WriteExpectation): string | undefined {
  if (!isObject(body) || typeof body.sid !== 'string') return shapeOf(status, body);
  if (expected.sid !== undefined && body.sid !== expected.sid)
    return `answered with flow ${shownSid(body.sid)} instead of ${shownSid(expected.sid)}`;
  if (expected.sid === undefined && !FLOW_SID.test(body.sid))
    return `answered with ${shownSid(body.sid)} instead of a flow SID (FW and 32 hex digits)`;
  const revision = body.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision)) return 'answered a flow without a revision number';
  const floor = expected.sid === undefined ? 0 : expected.input.previousRevision;
  if (floor !== undefined && revision <= floor) {
    return floor === 0
      ? `answered revision r${revision} for a new flow`
      : `answered revision r${revision}, not above the previous r${floor}`;
  }
  const { previousRevision: _checked, ...content } = expected.input;
  const mismatch = heldMismatch(toFlowResource(body), content);
  return mismatch === undefined ? undefined : `answered flow ${shownSid(body.sid)} but ${mismatch}`;
}

/**
 * Why a flow as Studio holds it is not the write asked for; undefined when its latest revision is that write:
 * same definition (deep-equal as it went on the wire), status, commit message and name, and a revision above
 * `previousRevision` when given.
 */
export function heldMismatch(flow: FlowResource, input: UpdateFlowInput): string | undefined {
  if (input.previousRevision !== undefined && flow.revision <= input.previousRevision) {
    return `its latest revision is still r${flow.revision}`;
  }
  if (flow.status !== input.status) return `its latest revision has status ${flow.status} instead of ${input.status}`;
  if (flow.commitMessage !== (input.commitMessage ?? null)) return 'its latest revision has another commit message';
  if (input.friendlyName !== undefined && flow.friendlyName !== input.friendlyName)
    return 'it has another friendly name';
  if (input.definition === undefined) return undefined;
  let sent: unknown;
  try {
    // As it went on the wire: a JSON string, so undefined members are gone and key order does not matter.
    sent = JSON.parse(definitionParam(input.definition));
  } catch {
    return 'its definition cannot be compared with the one sent';
  }
  return isDeepStrictEqual(flow.definition, sent) ? undefined : 'its latest revision has another definition';
}
