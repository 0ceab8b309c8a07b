/** Map Studio's snake_case JSON to our slim camelCase types, and 81022 details to pointers. */
import type { FlowResource, FlowRevision, FlowStatus, ValidationError } from './types.ts';

type Wire = Record<string, unknown>;

export function toFlowResource(value: unknown): FlowResource {
  const raw = asWire(value);
  return {
    ...common(raw),
    warnings: Array.isArray(raw.warnings) ? raw.warnings : [],
    webhookUrl: stringOrNull(raw.webhook_url),
  };
}

export function toFlowRevision(value: unknown): FlowRevision {
  return common(asWire(value));
}

function common(raw: Wire): FlowRevision {
  return {
    sid: stringOr(raw.sid, ''),
    friendlyName: stringOr(raw.friendly_name, ''),
    definition: parseDefinition(raw.definition),
    status: raw.status === 'published' ? 'published' : ('draft' satisfies FlowStatus),
    revision: typeof raw.revision === 'number' ? raw.revision : 0,
    commitMessage: stringOrNull(raw.commit_message),
    valid: raw.valid === true,
    errors: Array.isArray(raw.errors) ? raw.errors : [],
    dateCreated: stringOrNull(raw.date_created),
    dateUpdated: stringOrNull(raw.date_updated),
    url: stringOr(raw.url, ''),
  };
}

/** Studio returns the definition as an object; tolerate a JSON string too. */
function parseDefinition(value: unknown): Record<string, unknown> | null {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : null;
}

/**
 * 81022 `details.errors[]` of `{message, property_path}` → `{message, pointer}`.
 * `property_path` may start with `#`; the pointer never does. A missing path points at the root ("").
 */
export function toValidationErrors(details: unknown, fallbackMessage: string): ValidationError[] {
  const list = asWire(details).errors;
  if (!Array.isArray(list) || list.length === 0) return [{ message: fallbackMessage, pointer: '' }];
  return list.map((entry) => {
    const item = asWire(entry);
    const path = typeof item.property_path === 'string' ? item.property_path : '';
    return {
      message: typeof item.message === 'string' ? item.message : fallbackMessage,
      pointer: normalisePointer(path),
    };
  });
}

/** `#/states/2/next` → `/states/2/next`; `#` → ``; `states/2` → `/states/2`. */
export function normalisePointer(path: string): string {
  const trimmed = path.startsWith('#') ? path.slice(1) : path;
  if (trimmed === '' || trimmed === '/') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function asWire(value: unknown): Wire {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Wire) : {};
}

/** A string field as sent; anything else (an object, a number from a misbehaving proxy) as `fallback`, never "[object Object]". */
function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
