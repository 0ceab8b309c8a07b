/** Turn an HTTP error answer from Studio into a StudioApiError, whatever the body holds. */
import { StudioApiError } from './errors.ts';

const SNIPPET_CHARS = 200;

export interface ErrorAnswer {
  status: number;
  method: string;
  path: string;
  /** Raw body text (may be JSON, HTML, or empty). */
  text: string;
  retryAfter?: string | null;
  /** Strings to blank out of any echoed body text (credentials). */
  secrets?: readonly string[];
}

/**
 * Parse Twilio's `{code, message, more_info, status, details}`; otherwise say what answered instead:
 * an empty body, an HTML page (by its title), or a short tag-free snippet of other text.
 */
export function toStudioApiError(answer: ErrorAnswer): StudioApiError {
  const base = {
    status: answer.status,
    method: answer.method,
    path: answer.path,
    retryAfter: answer.retryAfter ?? null,
  };
  const json = parseJsonObject(answer.text);
  if (json && (typeof json.code === 'number' || typeof json.message === 'string')) {
    const code = typeof json.code === 'number' ? json.code : null;
    const text = typeof json.message === 'string' ? json.message : `HTTP ${answer.status}`;
    const message = redact(
      `Twilio Studio ${answer.method} ${answer.path} failed with HTTP ${answer.status}` +
        (code === null ? '' : `, error ${code}`) +
        `: ${text}`,
      answer.secrets,
    );
    return new StudioApiError({
      ...base,
      code,
      message,
      twilioMessage: redact(text, answer.secrets),
      // Every field is upstream text: an upstream that echoes the request echoes our credentials in any of them.
      moreInfo: typeof json.more_info === 'string' ? redact(json.more_info, answer.secrets) : null,
      details: redactDeep(json.details ?? null, answer.secrets),
    });
  }
  const what = describeBody(answer.text, answer.secrets);
  const message = `Twilio Studio ${answer.method} ${answer.path} failed with HTTP ${answer.status} and ${what.message}`;
  return new StudioApiError({ ...base, code: null, message, twilioMessage: what.short, moreInfo: null, details: null });
}

const TITLE_CHARS = 80;

/** True when a body is an HTML page (a proxy's, a gateway's, an outage page), not an API answer. */
export function isHtml(text: string): boolean {
  const head = text.slice(0, 2048);
  return (
    /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head) || /<(html|head|body|title)[\s>]/i.test(head)
  );
}

/** The `<title>` (else the first `<h1>`) of an HTML page, tag-free and short. */
function pageTitle(html: string): string {
  const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '';
  const plain = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > TITLE_CHARS ? `${plain.slice(0, TITLE_CHARS - 1)}…` : plain;
}

/**
 * What a non-JSON error body was, for a message: an empty body, an HTML page (named by its title,
 * never quoted: it is a proxy's or a gateway's page, not Twilio's answer), or a short text snippet.
 */
function describeBody(text: string, secrets: readonly string[] | undefined): { message: string; short: string } {
  if (text.trim() === '') {
    return {
      message: "a response that is not Twilio's error JSON (empty body)",
      short: "the response body was empty, not Twilio's error JSON",
    };
  }
  if (isHtml(text)) {
    const title = redact(pageTitle(text), secrets);
    const titled = title ? ` titled "${title}"` : '';
    return {
      message: `an HTML page${titled} instead of Twilio's error JSON: something other than the Studio API answered (a proxy, firewall or gateway on the way, or a 'studio-url' that is not the Studio API)`,
      short: `the answer was an HTML page${titled}, not Twilio's error JSON`,
    };
  }
  const snippet = redact(bodySnippet(text), secrets);
  return {
    message: `a response that is not Twilio's error JSON: "${snippet}"`,
    short: `the answer was not Twilio's error JSON: "${snippet}"`,
  };
}

/** The first 200 characters of a body with HTML tags and runs of whitespace removed. */
export function bodySnippet(text: string): string {
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.slice(0, SNIPPET_CHARS);
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function redact(text: string, secrets: readonly string[] | undefined): string {
  let out = text;
  // Longest first: `user:secret` goes whole before `secret` alone would leave `user:` behind.
  for (const secret of [...(secrets ?? [])].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** `redact` applied to every string in a JSON value (keys included), at any depth. */
function redactDeep(value: unknown, secrets: readonly string[] | undefined, depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 64) return typeof value === 'object' ? null : value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [redact(k, secrets), redactDeep(v, secrets, depth + 1)]),
  );
}
