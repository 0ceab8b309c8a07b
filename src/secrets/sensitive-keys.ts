/** Whether a key or header name says its value is a credential (`Authorization`, `api_key`, `x-api-key`…). */

const SENSITIVE_WORDS = new Set([
  'authorization',
  'auth',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'token',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'clientsecret',
  'apisecret',
  'apikey',
  'xapikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'signingkey',
  'credential',
  'credentials',
  'cookie',
  'setcookie',
  'signature',
  'sessionid',
  'sessiontoken',
  'pw',
  // Azure Functions and API Management keys, storage and Service Bus connection-string keys.
  'functionskey',
  'subscriptionkey',
  'accountkey',
  'sharedaccesskey',
  'masterkey',
  'hostkey',
]);

/** A key ending in one of these names something about a credential, not the credential itself. */
const DESCRIPTIVE_SUFFIXES = new Set([
  'url',
  'uri',
  'endpoint',
  'type',
  'name',
  'names',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'length',
  'header',
  'field',
  'label',
  'hint',
  'prompt',
  'format',
  'mode',
  'policy',
  'placeholder',
  'count',
  'timeout',
  'enabled',
  'required',
  'method',
  'scheme',
  'prefix',
  'location',
  'path',
]);

/** `xApiKey` / `X-API-Key` / `client_secret` → the words, lower case. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a key or header name says its value is a credential (`Authorization`, `api_key`, `x-api-key`…). */
export function isSensitiveKey(key: string): boolean {
  const parts = words(key);
  if (parts.length === 0 || parts.length > 8) return false;
  if (parts.length > 1 && DESCRIPTIVE_SUFFIXES.has(parts.at(-1) as string)) return false;
  const candidates = [...parts, parts.join('')];
  for (let i = 0; i + 1 < parts.length; i++) candidates.push(`${parts[i]}${parts[i + 1]}`);
  return candidates.some((c) => SENSITIVE_WORDS.has(c) || (c.endsWith('s') && SENSITIVE_WORDS.has(c.slice(0, -1))));
}
