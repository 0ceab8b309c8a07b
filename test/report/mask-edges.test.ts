/**
 * src/secrets/mask.ts at its edges: the exact lengths where masking starts, template tags of every kind kept,
 * the auth scheme of a credential value kept with its spacing, the field names of key/value items, the SID
 * that makes a 32-character token a secret (and what is not one), unterminated private keys, pair items with
 * spaces, deep arrays.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, maskText, maskValue } from '../../src/secrets/mask.ts';

const SID = `AC${'0a'.repeat(16)}`;
const HEX32 = 'fedcba9876543210fedcba9876543210';
const same = (text: string) => assert.equal(maskText(text), text, text);

describe('maskText edges', () => {
  it('8 characters are enough to be masked; a Basic credential of 8 base64 characters is one', () => {
    assert.equal(maskText('pw=a1b2c'), `pw=${MASK}`);
    assert.equal(maskText('Basic dXM6cHc='), `Basic ${MASK}`);
  });

  it('after an unquoted "key:" a bare word is masked from 6 characters with letters and digits, or from 24', () => {
    assert.equal(maskText('password: abc123'), `password: ${MASK}`);
    assert.equal(maskText(`password: ${'abcdefghijklmnopqrstuvwx'}`), `password: ${MASK}uvwx`);
    same('password: abcdefghijklmnopqrstuvw');
    same('password: 123456 then');
    same('password: a1 b2 c3');
  });

  it('a value that only ends with the mask is masked again whole; a bare scheme word alone is not a secret', () => {
    assert.equal(maskText(`https://u:x${MASK}@host/`), `https://u:${MASK}@host/`);
    assert.equal(maskText(`https://x.example/?sig=x${MASK}&a=1`), `https://x.example/?sig=${MASK}&a=1`);
    assert.equal(maskText('password=MyToken'), `password=${MASK}`);
    assert.equal(maskText('password=Tokenized9'), `password=${MASK}`);
  });

  it('an unterminated private key block is masked to the end; pair items with spaces before : and ,', () => {
    assert.equal(maskText('-----BEGIN PRIVATE KEY-----\nMIIabcdef'), `-----BEGIN PRIVATE KEY-----${MASK}`);
    assert.equal(
      maskText('{"key" : "Authorization" , "value" : "abc"}'),
      `{"key" : "Authorization" , "value" : "${MASK}"}`,
    );
  });

  it('only a whole Account or API key SID makes a lone 32-character token a secret', () => {
    same(`ACE of spades ${HEX32}`);
    same(`AC0 ${HEX32}`);
  });
});

describe('maskValue edges', () => {
  it('a credential value keeps its scheme word and spacing, and Liquid, {% %} and ${var.} parts stay visible', () => {
    const long = 'a1'.repeat(12);
    assert.deepEqual(
      maskValue(
        {
          a: '  Bearer abc',
          b: 'Bearer   abc',
          c: 'Bearer abc def',
          d: `Bearer ${long}  `,
          e: 'NoBearer token1',
        },
        'authorization',
      ),
      { a: `  Bearer ${MASK}`, b: `Bearer   ${MASK}`, c: `Bearer ${MASK}`, d: `Bearer ${MASK}a1a1`, e: MASK },
    );
    for (const kept of [
      '${var.DB_PASS}',
      '{% if x %}{{ flow.data.p }}{% endif %}',
      '{{\n  flow.data.p\n}}',
      'Bearer {{ flow.variables.t }}',
    ])
      assert.equal(maskValue(kept, 'password'), kept, kept);
  });

  it('each field name of a key/value item counts; a non-secret value next to a SID stays', () => {
    for (const name of ['key', 'name', 'header', 'field', 'Key', 'Name', 'Header'])
      assert.deepEqual(maskValue({ [name]: 'api_key', value: 'abc' }), { [name]: 'api_key', value: MASK }, name);
    assert.deepEqual(maskValue([SID, { value: 'short' }, { value: 7 }]), [SID, { value: 'short' }, { value: 7 }]);
    assert.deepEqual(maskValue({ sid: `x${SID}`, other: HEX32 }), { sid: `x${SID}`, other: HEX32 });
    assert.deepEqual(maskValue({ sid: `${SID}0`, other: HEX32 }), { sid: `${SID}0`, other: HEX32 });
  });

  it('arrays count in the depth limit too', () => {
    let deep: unknown = ['token=abc-defgh'];
    for (let i = 0; i < 102; i++) deep = [deep];
    let masked = maskValue(deep);
    for (let i = 0; i < 101; i++) masked = (masked as unknown[])[0];
    assert.equal(masked, `[["token=${MASK}"]]`);
  });
});
