/**
 * src/secrets/mask.ts and the key words it builds on (src/secrets/sensitive-keys.ts), shape by shape and word
 * by word: each credential shape masked with its kind left readable, one character short of the shape left
 * alone, glued to a word left alone; every key word that names a credential makes its value masked, and a
 * key that only describes one (`token_url`) does not. A shape or a word dropped from the lists shows here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSensitiveKey, MASK, maskText, maskValue } from '../../src/secrets/mask.ts';

const A20 = 'a1B2c3D4e5F6g7H8i9J0';
/** [name, text, masked]: the prefix (what kind of key) stays; 24 characters or more keep their last 4. */
const SHAPES: [string, string, string][] = [
  ['SendGrid', `SG.${'abcdEFGH1234_-xy'}.${'QRSTuvwx5678-_zz'}`, `SG.${MASK}-_zz`],
  ['Google API key', `AIza${'Sy0123456789abcdefghijklmnopqrst_-X'}`, `AIza${MASK}t_-X`],
  ['webhook signing secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', `whsec_${MASK}LaSw`],
  ['webhook signing secret (16)', 'whsec_abcdEFGH12+/abc=', `whsec_${MASK}`],
  ['GitHub fine-grained token', `github_pat_11ABCDEFG0${A20}_xyz`, `github_pat_${MASK}_xyz`],
  ['GitHub token', `gho_${A20}`, `gho_${MASK}`],
  ['GitHub token (long)', `ghs_${A20}abcd`, `ghs_${MASK}abcd`],
  ['Stripe', 'sk_test_abcdefgh', `sk_test_${MASK}`],
  ['Stripe restricted', 'rk_live_abcdefgh', `rk_live_${MASK}`],
  ['AWS temporary key', 'ASIAIOSFODNN7EXAMPLE', `ASIA${MASK}`],
  ['Slack', 'xoxp-1234567890', `xoxp-${MASK}`],
  ['JWT', 'eyJhbGciOiJ.eyJzdWIiOiJ.', `eyJ${MASK}`],
];
/** One character short of each shape, or glued to a word: not a credential, left as it is. */
const NOT_SHAPES = [
  'SG.abcdEFGH1234_-xy.QRSTuvwx5678',
  'SG.abcdEFGH1234_-x.QRSTuvwx5678-_zz',
  'SG.abcdEFGH1234_-xy.QRSTuvwx5678-_',
  'xSG.abcdEFGH1234_-xy.QRSTuvwx5678-_zz',
  `AIza${'Sy0123456789abcdefghijklmnopqrst_-'}`,
  `myAIza${'Sy0123456789abcdefghijklmnopqrst_-X'}`,
  'whsec_abcdEFGH12+/ab=',
  'not-whsec_abcdEFGH12+/abc=',
  `github_pat_${A20.slice(1)}`,
  `my-github_pat_${A20}`,
  `gho_${A20.slice(1)}`,
  'sk_test_abcdefg',
  'xoxp-123456789',
  'eyJhbGciOi.eyJzdWIiOiJ.',
];

describe('credential shapes in text', () => {
  it('each shape is masked, its prefix kept, in a sentence as alone, and masking it again changes nothing', () => {
    for (const [name, text, masked] of SHAPES) {
      assert.equal(maskText(text), masked, name);
      assert.equal(maskText(`key: (${text}) <b>`), `key: (${masked}) <b>`, `${name} in text`);
      assert.equal(maskText(masked), masked, `${name} idempotent`);
    }
  });

  it('one character short of a shape, or glued to a word, is left alone', () => {
    for (const text of NOT_SHAPES) assert.equal(maskText(`see ${text} here`), `see ${text} here`, text);
  });
});

/** Every key word that names a credential, as a reader would write it. */
const WORDS = [
  'Authorization',
  'auth',
  'authToken',
  'access_token',
  'refreshToken',
  'id_token',
  'token',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'client_secret',
  'apiSecret',
  'api_key',
  'X-Api-Key',
  'accessKey',
  'private_key',
  'secretKey',
  'signing_key',
  'credential',
  'credentials',
  'Cookie',
  'Set-Cookie',
  'signature',
  'session_id',
  'sessionToken',
  'pw',
  'x-functions-key',
  'Ocp-Apim-Subscription-Key',
  'AccountKey',
  'SharedAccessKey',
  'masterKey',
  'host_key',
];
const DESCRIPTIVE = [
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
];

describe('key words', () => {
  it('every word that names a credential makes its value masked, in JSON and in text, plural too', () => {
    for (const key of WORDS) {
      assert.ok(isSensitiveKey(key), key);
      assert.ok(isSensitiveKey(`${key}s`), `${key}s`);
      assert.ok(isSensitiveKey(`my_${key}`), `my_${key}`);
      assert.deepEqual(maskValue({ [key]: 'correcthorse' }), { [key]: MASK }, key);
      assert.equal(maskText(`${key}=correcthorsebattery&x=1`), `${key}=${MASK}&x=1`, key);
    }
  });

  it('a key that describes a credential (its URL, type, prompt…) is not one; nor are look-alike words', () => {
    for (const suffix of DESCRIPTIVE) {
      assert.equal(isSensitiveKey(`password_${suffix}`), false, `password_${suffix}`);
      assert.equal(isSensitiveKey(`apiKey${suffix[0]!.toUpperCase()}${suffix.slice(1)}`), false, suffix);
    }
    for (const key of ['', '---', 'passwords_and_more_words_than_eight_a_b_c', 'pwdx', 'secretary', 'keys', 'signed'])
      assert.equal(isSensitiveKey(key), false, JSON.stringify(key));
    for (const key of ['AWSSecret', 'APIToken', 'HMACSignature', 'XAPIKey'])
      assert.equal(isSensitiveKey(key), true, `${key}: an acronym before a word is a word of its own`);
    for (const key of ['OAuthTokenURL', 'JWTSecretName']) assert.equal(isSensitiveKey(key), false, key);
    const compounds = ['authtoken', 'accesstoken', 'refreshtoken', 'idtoken', 'clientsecret', 'apisecret', 'xapikey'];
    for (const key of [...compounds, 'setcookie', 'sessiontoken', 'sharedaccesskey', 'secretkey', 'SESSIONID'])
      assert.equal(isSensitiveKey(key), true, `${key}: a credential word written as one word`);
    assert.equal(isSensitiveKey('a_b_c_d_e_f_g_password'), true, 'eight words');
    assert.equal(isSensitiveKey('__a_b_c_d_e_f_g_password__'), true, 'eight words; separators around are no words');
    assert.equal(isSensitiveKey('a_b_c_d_e_f_g_h_password'), false, 'more than eight words is prose');
  });

  it('an unquoted password=… is masked whatever it looks like; after "password:" only a token-like word is', () => {
    assert.equal(maskText('password=correcthorsebattery'), `password=${MASK}`);
    assert.equal(maskText('pwd=correcthorsebattery next'), `pwd=${MASK} next`);
    assert.equal(maskText('"secret" : correcthorsebattery'), `"secret" : ${MASK}`);
    assert.equal(maskText('passwd:\tcorrect1horse'), `passwd:\t${MASK}`);
    assert.equal(maskText('password: correcthorsebattery'), 'password: correcthorsebattery', 'prose after a colon');
    assert.equal(maskText('password=Bearer'), 'password=Bearer');
    assert.equal(maskText('password=https://x.example/a'), 'password=https://x.example/a');
    assert.equal(maskText('password={{flow.data.pw}}'), 'password={{flow.data.pw}}');
  });
});
