/**
 * src/secrets/mask.ts piece by piece, exact: how much of a secret stays (the last 4 from 24 characters), what
 * an auth scheme needs to be masked, URL credentials and key parameters by name, key/value items written as
 * JSON text, a lone token next to an Account or API key SID, and maskValue's walk (pair items, SID siblings,
 * depth, `__proto__`, no mutation of its input).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, maskText, maskValue } from '../../src/secrets/mask.ts';

const SID = `AC${'0a'.repeat(16)}`;
const KEY = `SK${'1b'.repeat(16)}`;
const HEX32 = 'fedcba9876543210fedcba9876543210';
const same = (text: string) => assert.equal(maskText(text), text, text);

describe('maskText, exact', () => {
  it('a secret of 24 characters or more keeps its last 4; one of 23 keeps none', () => {
    assert.equal(maskText(`token=${'a1'.repeat(12)}`), `token=${MASK}a1a1`);
    assert.equal(maskText(`token=${'a1'.repeat(11)}b`), `token=${MASK}`);
  });

  it('Bearer and Basic: a token-like word or a base64 user:pass is masked, prose and odd base64 are not', () => {
    assert.equal(maskText('Bearer abc-defgh'), `Bearer ${MASK}`);
    assert.equal(maskText('bearer   a1bcdefg'), `bearer   ${MASK}`);
    assert.equal(maskText(`Bearer ${'x'.repeat(24)}`), `Bearer ${MASK}xxxx`);
    same('Bearer abcdefgh today');
    same('Bearer -abcdefg');
    same('Bearer 1234567890');
    same('Bearer a1b2c3');
    assert.equal(maskText(`Basic ${Buffer.from('user:pass').toString('base64')}`), `Basic ${MASK}`);
    same(`Basic ${Buffer.from('hello world').toString('base64')}`);
    same(`Basic ${Buffer.from('a:b\u0001c').toString('base64')}`);
    same('Basic dXM6');
  });

  it('URL credentials: the password masked, a template or a masked one left', () => {
    assert.equal(maskText('postgres://admin:p4ss@db.internal:5432/x'), `postgres://admin:${MASK}@db.internal:5432/x`);
    assert.equal(maskText('see https://:s3cret@host/'), `see https://:${MASK}@host/`);
    same('https://bob:{{flow.variables.pw}}@api.example.com/');
    same(`https://bob:${MASK}@api.example.com/`);
  });

  it('a URL parameter that carries a key, by each of its names, case-insensitive; a template left', () => {
    const names = [
      'key',
      'code',
      'sig',
      'signature',
      'token',
      'access_token',
      'api_key',
      'apikey',
      'api-key',
      'secret',
      'password',
      'pwd',
      'auth',
      'subscription-key',
    ];
    for (const name of names) {
      assert.equal(maskText(`https://x.example/f?${name}=abc&n=1`), `https://x.example/f?${name}=${MASK}&n=1`, name);
      assert.equal(
        maskText(`https://x.example/f?a=1&${name.toUpperCase()}=abc#top`),
        `https://x.example/f?a=1&${name.toUpperCase()}=${MASK}#top`,
        name,
      );
    }
    same('https://x.example/f?sig={{flow.data.sig}}&n=1');
    same('https://x.example/f?page=abc123&n=1');
  });

  it('an Account or API key SID with its secret after a colon; a lone 32-character token next to a SID', () => {
    assert.equal(maskText(`${KEY}:abcdefghijklmnop`), `${KEY}:${MASK}`);
    same(`${KEY}:abcdefghijklmno`);
    assert.equal(maskText(`account ${SID} token ${HEX32}.`), `account ${SID} token ${MASK}3210.`);
    same(`no sid here, token ${HEX32}.`);
    same(`${SID} and a longer ${HEX32}0 word`);
  });

  it('key/value items written as JSON text, escaped or not: the value of a credential name is masked', () => {
    assert.equal(
      maskText('{"key": "Authorization", "value": "Bearer x1y2z3w4"}'),
      `{"key": "Authorization", "value": "Bearer ${MASK}"}`,
    );
    assert.equal(maskText('[{"name":"X-Api-Key","value":"abc"}]'), `[{"name":"X-Api-Key","value":"${MASK}"}]`);
    assert.equal(
      maskText('{\\"header\\": \\"password\\", \\"value\\": \\"swordfish\\"}'),
      `{\\"header\\": \\"password\\", \\"value\\": \\"${MASK}\\"}`,
    );
    same('{"key": "Content-Type", "value": "application/json"}');
    same('{"key": "Authorization", "value": ""}');
    same('{"key": "Authorization", "value": "{{flow.variables.auth}}"}');
  });

  it('short text is returned as it is; masking is idempotent on every form', () => {
    same('pw=abc1');
    for (const text of [`token=${'a1'.repeat(12)}`, 'Bearer abc-defgh', 'postgres://a:b@c', `${KEY}:abcdefghijklmnop`])
      assert.equal(maskText(maskText(text)), maskText(text), text);
  });
});

describe('maskValue, exact', () => {
  it('a key/value item with a credential name has its value masked, whatever the field names spell', () => {
    assert.deepEqual(
      maskValue([
        { key: 'Authorization', value: 'Basic abc' },
        { Name: 'x-api-key', Value: 'abc' },
        { header: 'Content-Type', value: 'text/plain' },
        { field: 'password', value: 7 },
      ]),
      [
        { key: 'Authorization', value: `Basic ${MASK}` },
        { Name: 'x-api-key', Value: MASK },
        { header: 'Content-Type', value: 'text/plain' },
        { field: 'password', value: 7 },
      ],
    );
  });

  it('next to a SID, a 32-character token is masked: as a sibling, in an array, as an item value', () => {
    assert.deepEqual(maskValue({ sid: SID, other: HEX32, word: 'x'.repeat(32) }), {
      sid: SID,
      other: `${MASK}3210`,
      word: `${MASK}xxxx`,
    });
    assert.deepEqual(maskValue([SID, HEX32, 'short']), [SID, `${MASK}3210`, 'short']);
    assert.deepEqual(maskValue([{ value: KEY }, { name: 'n', value: HEX32 }, { Value: HEX32 }]), [
      { value: KEY },
      { name: 'n', value: `${MASK}3210` },
      { Value: `${MASK}3210` },
    ]);
    assert.deepEqual(maskValue({ a: HEX32 }), { a: HEX32 }, 'no SID: a 32-character value may be anything');
  });

  it('a string under a credential key is masked whole; a key given for the value counts too', () => {
    assert.deepEqual(maskValue({ nested: { api_key: ['one two three', { deeper: 'x' }] } }), {
      nested: { api_key: [MASK, { deeper: MASK }] },
    });
    assert.equal(maskValue('plain words', 'password'), MASK);
    assert.equal(maskValue('plain words', 'comment'), 'plain words');
    assert.equal(maskValue('plain words'), 'plain words');
    for (const v of [null, 3, true, undefined]) assert.equal(maskValue(v, 'password'), v);
  });

  it('deeper than 100 levels the rest is masked as text; __proto__ stays an own key; the input is never changed', () => {
    let deep: unknown = { token: 'abc-defgh' };
    for (let i = 0; i < 102; i++) deep = { d: deep };
    let masked = maskValue(deep);
    for (let i = 0; i < 101; i++) masked = (masked as { d: unknown }).d;
    assert.equal(masked, `{"d":{"token":"${MASK}"}}`);
    const input = JSON.parse('{"__proto__": {"password": "x"}, "list": [{"key": "auth", "value": "y"}]}');
    const copy = structuredClone(input);
    const out = maskValue(input) as Record<string, unknown>;
    assert.deepEqual(input, copy);
    assert.ok(Object.hasOwn(out, '__proto__'));
    assert.deepEqual(out.__proto__, { password: MASK });
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
  });
});
