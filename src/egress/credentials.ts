/**
 * The run's own credentials (the Twilio secret, the GitHub token) in every form they can take in text that
 * leaves the process: raw, URL- and form-encoded, JSON-escaped, `user:secret`, and the Basic token (also
 * URL-encoded). An upstream that echoes a request, or a message that quotes one, can carry any of them.
 */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed: they would blank ordinary words. Real tokens are far longer. */
const MIN_SECRET = 8;

export interface Scrubber {
  /** Scrub this secret from now on; with `user`, also its Basic-auth forms. */
  add(secret: string, user?: string): void;
  /** `text` with every form of every secret added replaced by `[redacted]`. */
  scrub(text: string): string;
}

function formsOf(secret: string, user: string | undefined): string[] {
  const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
  if (user) {
    const pair = `${user}:${secret}`;
    const basic = Buffer.from(pair, 'utf8').toString('base64');
    forms.push(pair, encodeURIComponent(pair), basic, encodeURIComponent(basic));
  }
  return forms;
}

export function createScrubber(): Scrubber {
  let forms: string[] = [];
  return {
    add(secret, user) {
      if (secret.length < MIN_SECRET) return;
      // Longest first: `user:secret` goes whole before `secret` alone would leave `user:` behind.
      forms = [...new Set([...forms, ...formsOf(secret, user)])].sort((a, b) => b.length - a.length);
    },
    scrub(text) {
      let out = text;
      for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
      return out;
    },
  };
}
