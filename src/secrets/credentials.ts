/**
 * The run's own credentials (the Twilio secret, the GitHub token) in every form they can take in text that
 * leaves the process: raw, URL- and form-encoded, JSON-escaped, `user:secret`, and the Basic token (also
 * URL-encoded). An upstream that echoes a request, or a message that quotes one, can carry any of them.
 */
import { cutsOf, writtenForms, type WrittenForm } from './secret-forms.ts';

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed: they would blank ordinary words. Real tokens are far longer. */
const MIN_SECRET = 8;

export interface Scrubber {
  /** Scrub this secret from now on; with `user`, also its Basic-auth forms. */
  add(secret: string, user?: string): void;
  /** `text` with every form of every secret added replaced by `[redacted]`. */
  scrub(text: string): string;
}

/**
 * The base64 of any text that holds `text`, wherever it stands in it: for each of the 3 alignments, the
 * characters that only its bytes decide (standard and URL-safe alphabets, padding left out).
 */
function base64Cores(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = b64.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    if (core.length >= MIN_SECRET) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

function formsOf(secret: string, user: string | undefined): string[] {
  // Raw, JSON-escaped, and as the renderers escape it (Markdown, HTML, Mermaid, a table cell): any text may be one.
  const plain = [...writtenForms(secret).map((form) => form.text)];
  if (user) plain.push(`${user}:${secret}`);
  // Encoded once or twice (a URL inside a URL), and as base64 of any text that holds it (a Basic token, a
  // form body, with or without padding).
  const encoded = plain.flatMap((p) => [
    p,
    encodeURIComponent(p),
    encodeURIComponent(encodeURIComponent(p)),
    new URLSearchParams({ s: p }).toString().slice(2),
  ]);
  const cores = base64Cores(secret);
  return [...encoded, ...cores, ...cores.map(encodeURIComponent)];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createScrubber(): Scrubber {
  let forms: string[] = [];
  let written: WrittenForm[] = [];
  let pattern: RegExp | undefined;
  return {
    add(secret, user) {
      if (secret.length < MIN_SECRET) return;
      // A value with line breaks is shown line by line where a diff shows a multi-line string: each line too.
      const lines = /[\r\n]/.test(secret)
        ? secret
            .split(/\r\n|\r|\n/)
            .flatMap((line) => [line, line.trim()])
            .filter((line) => line.length >= MIN_SECRET)
        : [];
      const added = [...formsOf(secret, user), ...lines.flatMap((line) => formsOf(line, undefined))];
      // Longest first: `user:secret` goes whole before `secret` alone would leave `user:` behind.
      forms = [...new Set([...forms, ...added])].sort((a, b) => b.length - a.length);
      // Case-insensitive: an upstream may echo a hex token upper-cased.
      pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'gi');
      written = [...written, ...[secret, ...lines].flatMap((part) => writtenForms(part))];
    },
    scrub(text) {
      if (!pattern) return text;
      const whole = text.replace(pattern, REDACTED);
      // A message that cut a long value ("…") may have kept the start of a secret: that goes too.
      if (!whole.includes('…')) return whole;
      const pieces: string[] = [];
      let from = 0;
      for (const [start, end] of cutsOf(whole, written, MIN_SECRET)) {
        pieces.push(whole.slice(from, start), REDACTED);
        from = end;
      }
      pieces.push(whole.slice(from));
      return pieces.join('');
    },
  };
}
