/**
 * Secrets that live flows hold and files often do not (`REPLACE_ME` in git, the real value in Studio): Azure
 * Functions and API Management keys, storage connection strings, keys in query strings, and JSON bodies
 * split over lines. Each is masked wherever a flow value is shown; ordinary text stays as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, maskText, maskValue } from '../../src/secrets/mask.ts';

const leaks = (shown: unknown, secret: string) => JSON.stringify(shown).includes(secret);

describe('live-only secrets', () => {
  const cases: [string, unknown, string][] = [
    ['an x-functions-key header as text', 'x-functions-key: abcDEF123456ghiJKL', 'abcDEF123456ghiJKL'],
    ['an x-functions-key header as a key', { 'x-functions-key': 'q1w2e3r4t5y6u7i8' }, 'q1w2e3r4t5y6u7i8'],
    [
      'an Ocp-Apim-Subscription-Key header pair',
      { headers: [{ key: 'Ocp-Apim-Subscription-Key', value: '0123456789abcdef0123456789abcdef' }] },
      '0123456789abcdef0123456789abcdef',
    ],
    [
      'a storage connection string',
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net',
      'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==',
    ],
    [
      'a Service Bus connection string',
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=s3cr3tSAS+key/value=',
      's3cr3tSAS+key/value=',
    ],
    ['?key= in a URL', 'https://api.example.com/v1/hours?key=abc123def456&lang=en', 'abc123def456'],
    [
      '&code= in an Azure Functions URL',
      'https://fn.azurewebsites.net/api/hours?lang=en&code=Zx9-Yq8_Wp7AbC==',
      'Zx9-Yq8_Wp7AbC==',
    ],
    [
      'a SAS signature in a URL',
      'https://acct.blob.core.windows.net/c/f.wav?sv=2024-01-01&sig=AbCdEf0123456789%2Bxyz%3D',
      'AbCdEf0123456789%2Bxyz%3D',
    ],
    [
      'a JSON body with the value on the next line',
      '{\n  "password":\n    "correct-horse-battery-9"\n}',
      'correct-horse-battery-9',
    ],
    ['a "pw" key split over lines', '{\n  "pw":\n  "hunter2hunter2"\n}', 'hunter2hunter2'],
  ];
  for (const [name, value, secret] of cases) {
    it(`masks ${name}`, () => {
      const shown = typeof value === 'string' ? maskText(value) : maskValue(value);
      assert.ok(!leaks(shown, secret), JSON.stringify(shown));
      assert.ok(JSON.stringify(shown).includes(MASK.slice(0, 2)), JSON.stringify(shown));
    });
  }

  it('leaves ordinary text, names and harmless query values alone', () => {
    for (const text of [
      'Press the key 1 to continue, or enter the code you received.',
      'https://example.com/menu?lang=en&page=2',
      'AccountName=acct;EndpointSuffix=core.windows.net',
      'Key: 1 for sales, 2 for support',
      '{\n  "name":\n  "Main menu"\n}',
    ]) {
      assert.equal(maskText(text), text, text);
    }
    assert.deepEqual(maskValue({ headers: [{ key: 'Content-Type', value: 'application/json' }] }), {
      headers: [{ key: 'Content-Type', value: 'application/json' }],
    });
  });
});
