import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { renderChangePicture } from '../../src/report/picture.ts';
import { toAnnotations } from '../../src/report/annotations.ts';
import { renderCheckReport } from '../../src/report/check-comment.ts';
import { renderFlowDiff } from '../../src/report/diff-markdown.ts';
import { isSensitiveKey, MASK, maskText, maskValue } from '../../src/secrets/mask.ts';
import { reviewNotes } from '../../src/report/review-notes.ts';
import { resolvedDocument } from '../support/documents.ts';

const snapshot = { serializers: [(v: unknown) => String(v)] };
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;
const ivr = JSON.parse(readFileSync(new URL('../../examples/main-ivr.json', import.meta.url), 'utf8')).definition;

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const HEX32 = '0123456789abcdef0123456789abcdef';
const ACCOUNT = `AC${'a1'.repeat(16)}`;

test('credential shapes in free text are masked; what kind of key it was stays readable', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer abc123def456', `Authorization: Bearer ${MASK}`],
    [`Bearer ${JWT}`, `Bearer eyJ${MASK}${JWT.slice(-4)}`],
    ['Basic dXNlcjpodW50ZXIy', `Basic ${MASK}`],
    ['https://alice:hunter2@api.example.com/v1', `https://alice:${MASK}@api.example.com/v1`],
    ['key sk_live_51HxYzABCDEF123456 here', `key sk_live_${MASK} here`],
    ['rk_test_abcdefgh1234', `rk_test_${MASK}`],
    ['AWS AKIAIOSFODNN7EXAMPLE!', `AWS AKIA${MASK}!`],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', `ghp_${MASK}6789`],
    ['xoxb-123456789012-abcdefghij', `xoxb-${MASK}`],
    ['{"api_key": "abc123", "name": "{{contact.name}}"}', `{"api_key": "${MASK}", "name": "{{contact.name}}"}`],
    ["password='correct horse battery staple'", `password='${MASK}aple'`],
    ['?access_token=ya29.a0Af&page=2', `?access_token=${MASK}&page=2`],
    ['auth_token=' + HEX32, `auth_token=${MASK}cdef`],
    ['X-Api-Key: a1b2c3d4e5', `X-Api-Key: ${MASK}`],
    ['password: hunter2', `password: ${MASK}`],
    [`${ACCOUNT}:${HEX32}`, `${ACCOUNT}:${MASK}cdef`],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      `-----BEGIN RSA PRIVATE KEY-----${MASK}-----END RSA PRIVATE KEY-----`,
    ],
  ];
  for (const [input, expected] of cases) {
    assert.equal(maskText(input), expected, input);
    assert.equal(maskText(expected), expected, `idempotent: ${expected}`);
  }
});

test('ordinary text, templates, SIDs, numbers and URLs are left alone', () => {
  const ordinary = [
    "Thanks for calling {{flow.data.company | default: 'Owl Bank'}}. Press 1 for sales.",
    'Enter your password: then press the pound key.',
    'The secret is in the sauce; our token of thanks.',
    'Bearer of bad news',
    'Bearer instruments',
    'basic information about your account',
    'Authorization: Bearer {{flow.variables.token}}',
    'Basic {{flow.data.credentials}}',
    'https://{{flow.data.user}}:{{flow.data.pass}}@api.example.com',
    'https://api.example.com/v1/orders?id=42&page=2',
    'token=${var.API_TOKEN}',
    '{"api_key": "{{flow.variables.key}}"}',
    'token_type=Bearer',
    'password_prompt: Say it now',
    'mailto:support@example.com',
    'user@example.com',
    '+15005550006',
    `FW${HEX32}`,
    `${ACCOUNT}`,
    `HX${HEX32}`,
    'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    '{{widgets.http.parsed.token}}',
    'Your one-time code is {{flow.data.code}}.',
  ];
  for (const text of ordinary) assert.equal(maskText(text), text, text);
});

test('key names: credentials by name, but not what describes them', () => {
  for (const key of [
    'Authorization',
    'api_key',
    'apiKey',
    'x-api-key',
    'X-API-KEY',
    'clientSecret',
    'client_secret',
    'password',
    'accessToken',
    'auth',
    'AWS_SECRET_ACCESS_KEY',
    'sessionId',
    'Cookie',
    'tokens',
  ]) {
    assert.ok(isSensitiveKey(key), key);
  }
  for (const key of [
    'body',
    'url',
    'key',
    'name',
    'author',
    'keyword',
    'token_type',
    'password_prompt',
    'auth_header',
    'secretName',
    'tokenUrl',
    'say',
    'to',
    'from',
    'content_type',
    'parameters',
  ]) {
    assert.ok(!isSensitiveKey(key), key);
  }
});

test('by place: values under credential keys, key/value parameters, and tokens next to a Twilio SID', () => {
  const properties = {
    method: 'POST',
    url: 'https://bot:pa55word@hooks.example.com/{{flow.sid}}',
    content_type: 'application/json;charset=utf-8',
    add_twilio_auth: false,
    parameters: [
      { key: 'Authorization', value: 'Bearer opaque-token' },
      { key: 'X-Trace', value: '{{flow.sid}}' },
      { key: 'account', value: ACCOUNT },
      { key: 'pw', value: HEX32 },
    ],
    headers: { 'X-Api-Key': 'k', Accept: 'application/json', Authorization: 'Bearer {{flow.variables.token}}' },
    credentials: { user: 'bob', password: 'swordfish' },
    body: '{"password": "swordfish", "to": "{{contact.channel.address}}"}',
  };
  assert.deepEqual(maskValue(properties), {
    method: 'POST',
    url: `https://bot:${MASK}@hooks.example.com/{{flow.sid}}`,
    content_type: 'application/json;charset=utf-8',
    add_twilio_auth: false,
    parameters: [
      { key: 'Authorization', value: `Bearer ${MASK}` },
      { key: 'X-Trace', value: '{{flow.sid}}' },
      { key: 'account', value: ACCOUNT },
      { key: 'pw', value: `${MASK}cdef` },
    ],
    headers: { 'X-Api-Key': MASK, Accept: 'application/json', Authorization: 'Bearer {{flow.variables.token}}' },
    credentials: { user: MASK, password: MASK },
    body: `{"password": "${MASK}", "to": "{{contact.channel.address}}"}`,
  });
  assert.equal(maskValue('s3cr3t-value', 'Authorization'), MASK);
  assert.equal(maskValue('plain words', 'description'), 'plain words');
});

test('masking never changes its input: what is validated and deployed stays as written', () => {
  const deepFreeze = <T>(value: T): T => {
    if (value !== null && typeof value === 'object') for (const v of Object.values(value)) deepFreeze(v);
    return Object.freeze(value);
  };
  const input = JSON.parse(
    '{"__proto__": {"token": "abc123456"}, "parameters": [{"key": "Authorization", "value": "Bearer abcdef123456"}]}',
  );
  const copy = structuredClone(input);
  const masked = maskValue(deepFreeze(input)) as Record<string, unknown>;
  assert.deepEqual(input, copy);
  assert.ok(Object.hasOwn(masked, '__proto__'), '__proto__ stays an own key');
  assert.deepEqual(masked['__proto__'], { token: MASK });
  const after = structuredClone(ivr);
  after.states[1].properties.say = 'Bearer abcdef123456';
  const frozen = deepFreeze(structuredClone(after));
  const diff = diffDefinitions(ivr, frozen);
  renderFlowDiff(diff);
  assert.deepEqual(frozen, after);
});

test('real flows and the examples are shown exactly as written: nothing in them looks like a credential', () => {
  const dir = new URL('../fixtures/real-flows/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const flow = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    assert.deepEqual(maskValue(flow), flow, file);
  }
  for (const file of ['main-ivr.json', 'sms-survey.json']) {
    const flow = JSON.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'));
    assert.deepEqual(maskValue(flow), flow, file);
  }
});

test('a changed header is masked in the diff, and a changed masked value is still reported', (t) => {
  const before = structuredClone(ivr);
  before.states.push({
    name: 'notify_crm',
    type: 'make-http-request',
    transitions: [{ event: 'success' }, { event: 'failed' }],
    properties: {
      offset: { x: 400, y: 900 },
      method: 'POST',
      content_type: 'application/json;charset=utf-8',
      url: 'https://crm.example.com/calls',
      parameters: [{ key: 'Authorization', value: 'Bearer old-token-0001' }],
      body: '{"caller": "{{trigger.call.From}}"}',
      api_key: 'k-0001-abcdef',
    },
  });
  const after = structuredClone(before);
  const crm = after.states.at(-1).properties;
  crm.url = 'https://integration:Winter2026!@crm.example.com/calls';
  crm.parameters = [
    { key: 'Authorization', value: `Bearer ${JWT}` },
    { key: 'X-Request-Id', value: '{{flow.sid}}' },
  ];
  crm.body = '{"caller": "{{trigger.call.From}}", "api_key": "sk_live_51HxYzABCDEF123456"}';
  crm.api_key = 'k-0002-abcdef';
  const md = renderFlowDiff(diffDefinitions(before, after));
  for (const secret of [
    'old-token-0001',
    JWT.slice(3),
    'Winter2026',
    '51HxYzABCDEF123456',
    'k-0001-abcdef',
    'k-0002-abcdef',
  ]) {
    assert.ok(!md.includes(secret), secret);
  }
  assert.match(md, /`api_key`: `••••••` → `••••••` _\(a masked credential changed\)_/);
  t.assert.fileSnapshot(md, snap('diff-masked'), snapshot);
});

// ---- property-based: no input with a planted secret renders it ----

const core = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);
const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);

/** A credential in some shape: `text` to plant in a string, or `value` to plant as JSON; `secret` must never be shown. */
interface Planted {
  text?: string;
  value?: unknown;
  secret: string;
}

const inText: fc.Arbitrary<Planted> = fc.oneof(
  core.map((c) => ({ text: `Bearer ${c}`, secret: c })),
  core.map((c) => ({
    text: `Basic ${Buffer.from(`user:${c}`).toString('base64')}`,
    secret: Buffer.from(`user:${c}`).toString('base64'),
  })),
  core.map((c) => ({ text: `https://user:${c}@api.example.com/x`, secret: c })),
  core.map((c) => ({ text: `sk_live_${c}`, secret: c })),
  fc.stringMatching(/^[A-Z0-9]{16}$/).map((c) => ({ text: `AKIA${c}`, secret: c })),
  fc.tuple(core, core).map(([a, b]) => ({ text: `eyJ${a}.eyJ${b}.sig${a}`, secret: b })),
  core.map((c) => ({ text: `api_key=${c}`, secret: c })),
  core.map((c) => ({ text: `"password": "${c}"`, secret: c })),
  core.map((c) => ({ text: `X-Auth-Token: ${c}`, secret: c })),
  fc.tuple(hex32, core).map(([h, c]) => ({ text: `AC${h}:${c}`, secret: c })),
  core.map((c) => ({ text: `-----BEGIN PRIVATE KEY-----\n${c}\n-----END PRIVATE KEY-----`, secret: c })),
);

const asValue: fc.Arbitrary<Planted> = fc.oneof(
  fc
    .tuple(fc.constantFrom('Authorization', 'api_key', 'x-api-key', 'client_secret', 'password', 'authToken'), core)
    .map(([key, c]) => ({ value: { [key]: c }, secret: c })),
  fc
    .tuple(fc.constantFrom('Authorization', 'X-Api-Key', 'token'), core)
    .map(([key, c]) => ({ value: [{ key, value: c }], secret: c })),
  fc.tuple(hex32, hex32).map(([sid, token]) => ({ value: { account: `AC${sid}`, pw: token }, secret: token })),
  fc.tuple(hex32, hex32).map(([sid, token]) => ({
    value: [
      { key: 'user', value: `SK${sid}` },
      { key: 'pass', value: token },
    ],
    secret: token,
  })),
);

/** Ordinary text around a planted string (never glued to it: a space either side). */
const filler = fc.string({ maxLength: 12 });
const planted: fc.Arbitrary<{ value: unknown; secret: string; text?: string }> = fc.oneof(
  fc
    .tuple(inText, filler, filler)
    .map(([p, left, right]) => ({ value: `${left} ${p.text} ${right}`, secret: p.secret, text: p.text as string })),
  asValue.map((p) => ({ value: p.value, secret: p.secret })),
);

/** Wrap a value in objects and arrays among ordinary JSON, `depth` levels deep. */
const ordinaryKey = fc.constantFrom('say', 'body', 'url', 'value', 'name', 'data', 'items', 'to', 'x');
const wrapper = fc.oneof(
  fc
    .tuple(
      ordinaryKey,
      fc.dictionary(fc.constantFrom('a', 'b', 'timeout'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    )
    .map(([key, siblings]) => (v: unknown) => ({ ...siblings, [key]: v })),
  fc
    .tuple(
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
    )
    .map(([before, after]) => (v: unknown) => [...before, v, ...after]),
);
const embedded = fc
  .tuple(planted, fc.array(wrapper, { maxLength: 4 }))
  .map(([p, wraps]) => ({ ...p, value: wraps.reduce((v, wrap) => wrap(v), p.value) }));

test('property: a planted secret never survives maskValue, wherever it sits', () => {
  fc.assert(
    fc.property(embedded, ({ value, secret }) => {
      assert.ok(!JSON.stringify(maskValue(value)).includes(secret));
    }),
    { numRuns: 500 },
  );
});

test('property: a planted secret is never rendered in a diff, a picture, the comment, annotations or review notes', () => {
  fc.assert(
    fc.property(
      embedded,
      fc.constantFrom('say', 'voice', 'url', 'params'),
      fc.boolean(),
      ({ value, secret, text }, property, asName) => {
        const after = structuredClone(ivr);
        after.states[5].properties[property] = value;
        if (asName && text) {
          after.states[4].name = text;
          after.states[0].transitions[1].next = text;
        }
        const diff = diffDefinitions(ivr, after);
        const flow: FlowCheck = {
          path: 'flows/main-ivr.json',
          change: 'modified',
          friendlyName: 'Main IVR',
          validate: 'invalid',
          document: resolvedDocument(after),
          findings: [
            {
              severity: 'error',
              source: 'validate',
              rule: 'studio-validate',
              message: `Twilio says: ${JSON.stringify(value)}`,
              widget: text ?? 'say_goodbye',
              line: 3,
            },
          ],
          comparison: {
            live: {
              sid: `FW${HEX32}`,
              friendlyName: 'Main IVR',
              revision: 3,
              definition: ivr,
              commitMessage: text ?? null,
              latestCommitMessage: null,
              dateUpdated: null,
            },
            diff,
          },
        };
        const shown = [
          renderFlowDiff(diff),
          renderChangePicture(ivr, after, diff) ?? '',
          renderCheckReport({ flows: [flow], removed: [], online: true, studioHost: 'studio.twilio.com', sha: 'abc' }),
          JSON.stringify(toAnnotations([flow])),
          JSON.stringify(reviewNotes([flow], new Map([[flow.path, '@@ -1,5 +1,5 @@\n a\n b\n+c\n d\n e']]))),
        ].join('\n');
        assert.ok(!shown.includes(secret), secret);
      },
    ),
    { numRuns: 300 },
  );
});

const WORDS = [
  'Press',
  'one',
  'for',
  'sales',
  'password',
  'token',
  'secret',
  'key',
  'Bearer',
  'Basic',
  'auth',
  'your',
  'account',
  'the',
  'pound',
  'a',
  'of',
  'news',
  'http://example.com/path',
  '{{flow.data.name}}',
  '+15005550006',
  '42',
  'Thanks!',
];
const SEPARATORS = [' ', ', ', '. ', ': ', ' - ', '\n'];

test('property: ordinary prompts made of everyday words (credential words included) are never masked', () => {
  const sentence = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 16 })
    .map((parts) =>
      parts
        .map(([w, s]) => `${w}${s}`)
        .join('')
        .trim(),
    );
  fc.assert(
    fc.property(sentence, (s) => {
      assert.equal(maskText(s), s);
    }),
    { numRuns: 500 },
  );
});
