/**
 * The identity a flow file gives itself: its name and `sid`, in the two resource shapes users have
 * (the Studio REST resource, snake_case; the Twilio CLI / helper-library export, camelCase). Other
 * resource fields are known and ignored; any other top-level key is a warning naming it.
 */
import { maskText } from '../secrets/mask.ts';
import type { Finding, Position } from './types.ts';

const FLOW_SID = /^FW[0-9a-f]{32}$/;
/** Line breaks and other control characters: never in a name a message, a log line or Studio shows. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Longest flow name accepted from a file (Studio shows a short line; a longer one is a mistake or an attack). */
export const MAX_NAME_CHARS = 200;

/** The REST resource's fields and their CLI (camelCase) spellings: read (name, sid, definition) or ignored. */
const KNOWN_KEYS = new Set([
  'sid',
  'definition',
  'friendly_name',
  'friendlyName',
  'account_sid',
  'accountSid',
  'status',
  'revision',
  'commit_message',
  'commitMessage',
  'valid',
  'errors',
  'warnings',
  'date_created',
  'dateCreated',
  'date_updated',
  'dateUpdated',
  'webhook_url',
  'webhookUrl',
  'url',
  'links',
]);

export type NameSource = 'file' | 'file-name';

export interface FileFields {
  /** The name the file gives, or the file name without extension when it gives none. */
  friendlyName: string;
  nameSource: NameSource;
  sid?: string;
  findings: Finding[];
}

/** A key or name as a message shows it: masked, one line, at most 60 characters, quoted. */
export function shownText(raw: string): string {
  const masked = maskText(raw).replace(CONTROL, ' ');
  const chars = Array.from(masked);
  return JSON.stringify(chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : masked);
}

/** A wrong `sid` as a message shows it: quoted when it is short and SID-like (a typo to spot), else only its kind. */
function shownSid(raw: unknown): string {
  if (typeof raw === 'string')
    return /^[A-Za-z0-9]{0,40}$/.test(raw) ? JSON.stringify(raw) : `a string of ${Array.from(raw).length} characters`;
  if (raw === null) return 'null';
  return Array.isArray(raw) ? 'an array' : `${typeof raw === 'object' ? 'an' : 'a'} ${typeof raw}`;
}

/** What is wrong with a name given in a file, or undefined. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return 'must be a non-empty string';
  if (name.match(CONTROL)) return 'holds a line break or another control character';
  if (Array.from(name).length > MAX_NAME_CHARS)
    return `is ${Array.from(name).length} characters long; at most ${MAX_NAME_CHARS} are accepted`;
  return undefined;
}

export interface FieldsInput {
  /** The file's top-level object. */
  root: Record<string, unknown>;
  /** The file name's default name (file name without extension). */
  fallbackName: string;
  /** Position of a top-level key, or of its value (or the file's start). */
  at: (key: string, part?: 'value') => Position;
}

/** Read the name and sid of a resource-shaped file; every problem is a finding at its key. */
export function readFileFields({ root, fallbackName, at }: FieldsInput): FileFields {
  const findings: Finding[] = [];
  const fields: FileFields = { friendlyName: fallbackName, nameSource: 'file-name', findings };
  const names = (['friendly_name', 'friendlyName'] as const).filter((key) => Object.hasOwn(root, key));
  for (const key of names) {
    const problem = nameProblem(root[key]);
    if (problem) {
      findings.push({
        severity: 'error',
        source: 'parse',
        rule: 'friendly-name',
        ...at(key),
        message: `"${key}" ${problem}`,
        fix: `Set "${key}" to the flow's name as Studio shows it (one line), or remove it to use the file name "${fallbackName}".`,
      });
    }
  }
  const given = names.filter((key) => nameProblem(root[key]) === undefined).map((key) => root[key] as string);
  if (given.length === 2 && given[0] !== given[1]) {
    findings.push({
      severity: 'error',
      source: 'parse',
      rule: 'friendly-name',
      ...at('friendlyName'),
      message: `"friendly_name" (${shownText(given[0]!)}) and "friendlyName" (${shownText(given[1]!)}) name different flows`,
      fix: 'Keep one of the two keys.',
    });
  }
  if (given[0] !== undefined && names.length === given.length)
    Object.assign(fields, { friendlyName: given[0], nameSource: 'file' });
  if (Object.hasOwn(root, 'sid')) {
    const raw = root['sid'];
    if (typeof raw === 'string' && FLOW_SID.test(raw)) fields.sid = raw;
    else
      findings.push({
        severity: 'error',
        source: 'parse',
        rule: 'flow-sid',
        ...at('sid', 'value'),
        message: `"sid" must be a Studio flow SID (FW followed by 32 lowercase hex digits), got ${shownSid(raw)}`,
        fix: 'Copy the SID from the Studio console or the Flows API, or remove "sid" to match the flow by friendly name.',
      });
  }
  const unknown = Object.keys(root).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 10).map(shownText).join(', ');
    const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
    findings.push({
      severity: 'warning',
      source: 'parse',
      rule: 'unknown-key',
      ...at(unknown[0]!),
      message: `Unknown top-level ${unknown.length === 1 ? 'key' : 'keys'} ${shown}${more}: not a field of a Studio flow resource, so ignored`,
      fix: 'Remove it, or move it into "definition" if it belongs to the flow.',
    });
  }
  return fields;
}
