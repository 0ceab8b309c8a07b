/**
 * Credential-looking values in flow files, masked for display: in the PR comment, the job summary,
 * diffs, pictures, annotations and review comments. Only what is shown is masked: the definitions
 * that are linted, validated, diffed and deployed are never touched (every function here returns a
 * copy and never mutates its input).
 *
 * Two kinds of evidence:
 * - by place: a string under a key named like a credential (`Authorization`, `api_key`, `password`,
 *   `client_secret`, `x-api-key`…), the `value` of a `{key|name|header: <such a name>, value}` pair
 *   (Make HTTP Request parameters and headers), a 32-character token next to an `AC…`/`SK…` SID;
 * - by shape, anywhere in text: `Bearer …`, `Basic <base64 of user:pass>`, `user:pass@` in URLs,
 *   `AC…:`/`SK…:` pairs, `token=…`-style pairs, Stripe `sk_live_…`, AWS `AKIA…`, GitHub, Slack,
 *   SendGrid and Google keys, JWTs and private-key blocks.
 *
 * Liquid (`{{ … }}`, `{% … %}`) and `${var.NAME}` placeholders are references, not secrets: they
 * stay visible. Ordinary text is left alone (see test/report/mask.test.ts).
 */

import { isSensitiveKey } from './sensitive-keys.ts';

export { isSensitiveKey } from './sensitive-keys.ts';

/** What a masked secret shows instead. */
export const MASK = '••••••';

/** Secrets at least this long keep their last 4 characters, so a reviewer can tell two apart. */
const KEEP_TAIL_FROM = 24;
/** Deeper than this a value is masked as text (it never is for a parsed flow file: see syntax.ts). */
const MAX_DEPTH = 100;

/** The mask for a secret: `••••••`, or `••••••` and the last 4 characters of a long one. */
function hidden(secret: string): string {
  return secret.length >= KEEP_TAIL_FROM ? `${MASK}${secret.slice(-4)}` : MASK;
}

/** Liquid tags and `${var.NAME}` placeholders: references to values, shown as they are. */
const TEMPLATE = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\$\{[^}]*\}/g;
const SCHEME = /^(\s*(?:Bearer|Basic|Token|Digest)\s+)([\s\S]+)$/i;

/** A whole value that is a credential: masked, keeping an auth scheme word and any template parts visible. */
function maskWhole(value: string): string {
  if (value.includes(MASK)) return value;
  const literal = value.replace(TEMPLATE, '').trim();
  if (literal === '' || /^(Bearer|Basic|Token|Digest)$/i.test(literal)) return value;
  const scheme = SCHEME.exec(value);
  if (scheme) return `${scheme[1]}${hidden((scheme[2] as string).trim())}`;
  return hidden(value);
}

/** Token-like: long, or letters mixed with digits or symbols. Prose words are not. */
function tokenLike(value: string): boolean {
  if (value.length < 8 || !/[A-Za-z]/.test(value)) return false;
  return value.length >= 24 || /\d/.test(value) || /[-._~+/=]/.test(value.slice(1, -1));
}

function isBasicCredential(b64: string): boolean {
  if (b64.length < 8 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) return false;
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  return decoded.includes(':') && !/[\p{Cc}\uFFFD]/u.test(decoded);
}

/** Token shapes that are credentials wherever they appear; the prefix (what kind of key) stays visible. */
const SHAPES: readonly RegExp[] = [
  /(?<![\w-])((?:sk|rk)_(?:live|test)_)([A-Za-z0-9]{8,})/g, // Stripe secret and restricted keys
  /(?<![A-Za-z0-9])((?:AKIA|ASIA))([A-Z0-9]{16})(?![A-Za-z0-9])/g, // AWS access key IDs
  /(?<![\w-])(gh[pousr]_)([A-Za-z0-9]{20,})/g, // GitHub tokens
  /(?<![\w-])(github_pat_)([A-Za-z0-9_]{20,})/g,
  /(?<![\w-])(xox[abposr]-)([A-Za-z0-9-]{10,})/g, // Slack
  /(?<![\w-])(SG\.)([A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})/g, // SendGrid
  /(?<![\w-])(AIza)([0-9A-Za-z_-]{35})/g, // Google API keys
  /(?<![\w-])(eyJ)([A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/g, // JWTs (header.payload.signature)
  /(?<![\w-])(whsec_)([A-Za-z0-9+/=]{16,})/g, // webhook signing secrets
];

const PRIVATE_KEY = /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#]*):([^\s@/?#]+)@/gi;
const SID_PAIR = /\b((?:AC|SK)[0-9a-fA-F]{32}):([A-Za-z0-9]{16,})\b/g;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi;
/** A key and its separator: `api_key=`, `"password": `, `X-Api-Key: `, `\"token\":` (JSON inside a JSON string). */
const KEY_THEN_SEPARATOR =
  /(?<![\w.-])(\\?["']|)([A-Za-z_][\w.-]{0,63})\1([ \t]*)([:=])([ \t]*(?:\r?\n[ \t]*(?=\\?["']))?)/g;
/** `{"key": "Authorization", "value": "…"}` written out as JSON text (also escaped, inside a JSON string). */
const PAIR_ITEM =
  /((\\?")(?:key|name|header)\2\s*:\s*\2([^"\\\r\n]{1,64})\2\s*,\s*\2value\2\s*:\s*\2)((?:(?!\2)[^\r\n])*)(\2)/g;
const BARE_VALUE = /^(?![\\"'{$])[^\s&,;"'<>\\]+/;
/** A query parameter of a URL that carries a key: `?key=`, `&code=` (Azure Functions), `&sig=` (SAS), `?apikey=`… */
const URL_KEY_PARAM =
  /([?&](?:key|code|sig|signature|token|access_token|api_key|apikey|api-key|secret|password|pwd|auth|subscription-key)=)([^&#\s"'<>\\]+)/gi;
const MAX_QUOTED = 1000;

function isTemplate(value: string): boolean {
  return value.replace(TEMPLATE, '').trim() === '';
}

/**
 * Mask credential-looking parts of free text (a message, a Liquid body, a URL). Text without
 * credentials comes back unchanged; masking is idempotent.
 */
export function maskText(text: string): string {
  if (text.length < 8) return text;
  let out = text.replace(PRIVATE_KEY, (_m, begin: string, end: string) => `${begin}${MASK}${end}`);
  for (const shape of SHAPES)
    out = out.replace(shape, (_m, prefix: string, secret: string) => `${prefix}${hidden(secret)}`);
  out = out.replace(URL_USERINFO, (m, scheme: string, user: string, pass: string) =>
    isTemplate(pass) || pass.startsWith(MASK) ? m : `${scheme}${user}:${hidden(pass)}@`,
  );
  out = out.replace(SID_PAIR, (_m, sid: string, secret: string) => `${sid}:${hidden(secret)}`);
  out = out.replace(AUTH_SCHEME, (m, scheme: string, space: string, token: string) => {
    const secret = scheme.toLowerCase() === 'basic' ? isBasicCredential(token) : tokenLike(token);
    return secret ? `${scheme}${space}${hidden(token)}` : m;
  });
  out = out.replace(URL_KEY_PARAM, (m, name: string, value: string) =>
    isTemplate(value) || value.startsWith(MASK) ? m : `${name}${hidden(value)}`,
  );
  out = maskPairs(out);
  out = out.replace(PAIR_ITEM, (m, prefix: string, _q: string, name: string, value: string, close: string) =>
    isSensitiveKey(name) && value !== '' ? `${prefix}${maskWhole(value)}${close}` : m,
  );
  // Next to an Account or API key SID, a lone 32-character token is its Auth Token or secret.
  if (/(?:AC|SK)[0-9a-fA-F]{32}/.test(out))
    out = out.replace(/(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g, (m) => hidden(m));
  return out;
}

/**
 * Values of credential-named keys in text: quoted (`"password": "…"`, whole up to the closing quote)
 * or bare (`token=…`, `X-Api-Key: a1b2…`, up to a space or separator). A bare value after an
 * unquoted `key:` is masked only when token-like (letters and digits): `password: then press…` is prose.
 * Keys that are not credential names do not consume what follows them, so `a: token=…` is still seen.
 */
function maskPairs(text: string): string {
  let out = '';
  let done = 0;
  const scanner = new RegExp(KEY_THEN_SEPARATOR.source, 'g');
  for (let m = scanner.exec(text); m; m = scanner.exec(text)) {
    const [, keyQuote = '', key = '', , separator] = m;
    if (!isSensitiveKey(key)) continue;
    const start = scanner.lastIndex;
    const rest = text.slice(start, start + MAX_QUOTED + 2);
    const quote = /^\\?["']/.exec(rest)?.[0];
    let value: string | undefined;
    let shown: string | undefined;
    if (quote) {
      const end = rest.indexOf(quote, quote.length);
      const inner = end < 0 ? undefined : rest.slice(quote.length, end);
      if (inner !== undefined && inner !== '' && !/[\r\n]/.test(inner)) {
        value = `${quote}${inner}${quote}`;
        shown = `${quote}${maskWhole(inner)}${quote}`;
      }
    } else {
      const bare = BARE_VALUE.exec(rest)?.[0];
      const keyed = separator === '=' || keyQuote !== '';
      const plain =
        bare !== undefined &&
        !bare.includes(MASK) &&
        !bare.includes('://') &&
        !/^(Bearer|Basic|Token|Digest)$/i.test(bare);
      if (bare !== undefined && plain && (keyed || credentialLike(bare))) {
        value = bare;
        shown = hidden(bare);
      }
    }
    if (value === undefined || shown === undefined) continue;
    out += text.slice(done, start) + shown;
    done = start + value.length;
    scanner.lastIndex = done;
  }
  return out + text.slice(done);
}

/** A bare word that reads as a credential, not prose or a number: letters with digits, or long. */
function credentialLike(value: string): boolean {
  if (value.length >= 24) return true;
  return value.length >= 6 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

const NAME_FIELDS = ['key', 'name', 'header', 'field', 'Key', 'Name', 'Header'];
const VALUE_FIELDS = ['value', 'Value'];
const TWILIO_SID = /^(AC|SK)[0-9a-fA-F]{32}$/;
const TWILIO_SECRET = /^[A-Za-z0-9]{32}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function put(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `{ key: "Authorization", value: "…" }`: the field holding the value, when the name is sensitive. */
function pairValueField(item: Json): string | undefined {
  const named = NAME_FIELDS.some((f) => typeof item[f] === 'string' && isSensitiveKey(item[f]));
  return named ? VALUE_FIELDS.find((f) => typeof item[f] === 'string') : undefined;
}

/** Strings directly in a container, and in the `value` fields of its key/value items. */
function siblingStrings(container: Json | unknown[]): string[] {
  const values = Array.isArray(container) ? container : Object.values(container);
  const out: string[] = [];
  for (const v of values) {
    if (typeof v === 'string') out.push(v);
    else if (isObject(v)) for (const f of VALUE_FIELDS) if (typeof v[f] === 'string') out.push(v[f]);
  }
  return out;
}

/** Next to an `AC…`/`SK…` SID, a 32-character token is its Auth Token or API key secret. */
function hasTwilioSid(container: Json | unknown[]): boolean {
  return siblingStrings(container).some((s) => TWILIO_SID.test(s));
}

/** After masking a container's member: a 32-character token (or a key/value item's value) next to a SID is masked. */
function maskPaired(shown: unknown, paired: boolean): unknown {
  if (!paired) return shown;
  if (typeof shown === 'string') return TWILIO_SECRET.test(shown) ? hidden(shown) : shown;
  if (isObject(shown)) {
    for (const f of VALUE_FIELDS) {
      const v = shown[f];
      if (typeof v === 'string' && TWILIO_SECRET.test(v)) shown[f] = hidden(v);
    }
  }
  return shown;
}

/**
 * A copy of a JSON value (a definition, a widget's properties, one property) with every credential
 * masked. `key` is the name the value is stored under, when known: a string under a sensitive key
 * is masked whole. Never mutates `value`; keys named `__proto__` stay own properties.
 */
export function maskValue(value: unknown, key?: string): unknown {
  return mask(value, key !== undefined && isSensitiveKey(key), 0);
}

function mask(value: unknown, sensitive: boolean, depth: number): unknown {
  if (typeof value === 'string') return sensitive ? maskWhole(value) : maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return maskText(JSON.stringify(value) ?? '');
  const paired = hasTwilioSid(value as Json | unknown[]);
  if (Array.isArray(value)) return value.map((item) => maskPaired(mask(item, sensitive, depth + 1), paired));
  const source = value as Json;
  const out: Json = {};
  const valueField = pairValueField(source);
  for (const k of Object.keys(source)) {
    const secret = sensitive || k === valueField || isSensitiveKey(k);
    put(out, k, maskPaired(mask(source[k], secret, depth + 1), paired));
  }
  return out;
}
