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

/** Parse Twilio's `{code, message, more_info, status, details}`; fall back to a readable snippet. */
export function toStudioApiError(answer: ErrorAnswer): StudioApiError {
  const base = { status: answer.status, method: answer.method, path: answer.path, retryAfter: answer.retryAfter ?? null };
  const json = parseJsonObject(answer.text);
  if (json && (typeof json.code === 'number' || typeof json.message === 'string')) {
    const code = typeof json.code === 'number' ? json.code : null;
    const text = typeof json.message === 'string' ? json.message : `HTTP ${answer.status}`;
    const message = redact(
      `Twilio Studio ${answer.method} ${answer.path} failed with HTTP ${answer.status}` +
        (code === null ? '' : `, error ${code}`) + `: ${text}`,
      answer.secrets,
    );
    return new StudioApiError({
      ...base,
      code,
      message,
      twilioMessage: redact(text, answer.secrets),
      moreInfo: typeof json.more_info === 'string' ? json.more_info : null,
      details: json.details ?? null,
    });
  }
  const snippet = redact(bodySnippet(answer.text), answer.secrets);
  const message =
    `Twilio Studio ${answer.method} ${answer.path} failed with HTTP ${answer.status} and a response that is not ` +
    `Twilio's error JSON` + (snippet ? `: "${snippet}"` : ' (empty body)');
  return new StudioApiError({ ...base, code: null, message, moreInfo: null, details: null });
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
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function redact(text: string, secrets: readonly string[] | undefined): string {
  let out = text;
  for (const secret of secrets ?? []) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
