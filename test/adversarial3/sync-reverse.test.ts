/** Adversarial: a Console edit of the text around a placeholder whose value did not change. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveVariables } from '../../src/resolve/variables.ts';
import { reverseSubstitutions, type ReverseContext } from '../../src/sync/reverse.ts';

const context: ReverseContext = {
  variables: { SUPPORT: '+15005550006', LANG: 'en', HOST: 'api.example.com' },
  sidOf: () => undefined,
};

function definition(body: unknown) {
  return {
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w' }], properties: {} },
      { name: 'w', type: 'send-message', transitions: [], properties: { body } },
    ],
    initial_state: 'Trigger',
  };
}

function run(fileBody: string, liveBody: string) {
  const file = definition(fileBody);
  const resolved = resolveVariables(file, context.variables).definition;
  const out = reverseSubstitutions({ file, resolved, live: definition(liveBody) }, context);
  return { body: (out.definition as ReturnType<typeof definition>).states[1]!.properties.body, out };
}

test('text edited around an unchanged placeholder comes back with the placeholder kept, not dropped', () => {
  const { body, out } = run('Call ${var.SUPPORT} now', 'Please call +15005550006 today');
  assert.equal(body, 'Please call ${var.SUPPORT} today');
  assert.deepEqual(out.placeholders, [], 'the value did not change: nothing to report');
});

test('two placeholders, text edited around both; a live ${var.X} in the new text stays escaped', () => {
  const { body } = run('https://${var.HOST}/${var.LANG}/x', 'https://api.example.com/v2/en/x?q=${var.HOST}');
  assert.equal(body, 'https://${var.HOST}/v2/${var.LANG}/x?q=$${var.HOST}');
});

test('a short value found more often than the file used it is not guessed: the change is reported, the file kept', () => {
  const { body, out } = run('Menu ${var.LANG}', 'Open the menu in en');
  assert.equal(body, 'Menu ${var.LANG}');
  assert.equal(out.placeholders.length, 1);
});

test('a changed value with edited text around it: reported, never baked in', () => {
  const { body, out } = run('Call ${var.SUPPORT} now', 'Please call +15005559999 today');
  assert.equal(body, 'Call ${var.SUPPORT} now');
  assert.equal(out.placeholders.length, 1);
});
