import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hasPlaceholders, resolveVariables } from '../../src/resolve/variables.ts';

const VARIABLES = { SUPPORT_NUMBER: '+15005550006', API_BASE: 'https://staging.example.com' };

function flow(body: string, url = '${var.API_BASE}/hook'): Record<string, unknown> {
  return {
    description: 'IVR',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingCall', next: 'say' }],
        properties: { offset: { x: 0, y: 0 } },
      },
      { name: 'say', type: 'say-play', transitions: [], properties: { say: body, loop: 1, voice: 'alice' } },
      {
        name: 'http',
        type: 'make-http-request',
        transitions: [],
        properties: { url, parameters: [{ key: 'to', value: '${var.SUPPORT_NUMBER}' }] },
      },
    ],
  };
}

test('placeholders in nested widget properties are substituted; numbers and keys are untouched', () => {
  const result = resolveVariables(flow('Call ${var.SUPPORT_NUMBER} or ${var.SUPPORT_NUMBER}.'), VARIABLES);
  const expected = flow('Call +15005550006 or +15005550006.', 'https://staging.example.com/hook');
  (expected['states'] as { properties: { parameters?: unknown } }[])[2]!.properties.parameters = [
    { key: 'to', value: '+15005550006' },
  ];
  assert.deepEqual(result, { definition: expected, findings: [], used: ['API_BASE', 'SUPPORT_NUMBER'] });
  assert.deepEqual(resolveVariables({ '${var.API_BASE}': 1 }, VARIABLES).definition, { '${var.API_BASE}': 1 });
});

test('a substituted value is not scanned again', () => {
  assert.deepEqual(resolveVariables('${var.A}', { A: '${var.B}' }), {
    definition: '${var.B}',
    findings: [],
    used: ['A'],
  });
});

test('$${var.NAME} is the literal ${var.NAME}, with or without an environment', () => {
  const expected = { definition: { text: 'literal ${var.API_BASE} and ${var.lower}' }, findings: [], used: [] };
  assert.deepEqual(resolveVariables({ text: 'literal $${var.API_BASE} and $${var.lower}' }, VARIABLES), expected);
  assert.deepEqual(resolveVariables({ text: 'literal $${var.API_BASE} and $${var.lower}' }, undefined), expected);
  assert.equal(hasPlaceholders({ text: 'only $${var.API_BASE}' }), false);
});

test('a missing variable is an error with pointer and widget, and the placeholder stays', () => {
  const result = resolveVariables(flow('Hi ${var.GREETING}'), VARIABLES);
  assert.equal((result.definition as ReturnType<typeof flow>)['states'] instanceof Array, true);
  assert.equal(JSON.stringify(result.definition).includes('Hi ${var.GREETING}'), true);
  assert.deepEqual(result.findings, [
    {
      severity: 'error',
      source: 'lint',
      rule: 'missing-variable',
      message: '"${var.GREETING}" uses the variable GREETING, which the selected environment does not define.',
      fix: 'Define GREETING under environments.<env>.variables in the config file.',
      pointer: '/states/1/properties/say',
      widget: 'say',
    },
  ]);
  assert.deepEqual(result.used, ['API_BASE', 'GREETING', 'SUPPORT_NUMBER']);
});

test('with no environment selected every placeholder stays and is a warning', () => {
  const input = flow('Call ${var.SUPPORT_NUMBER}');
  const result = resolveVariables(input, undefined);
  assert.deepEqual(result.definition, input);
  const fix = 'Select an environment (the "environment" input) to substitute variables from the config file.';
  const warning = (name: string, pointer: string, widget: string) => ({
    severity: 'warning',
    source: 'lint',
    rule: 'unresolved-variable',
    fix,
    pointer,
    widget,
    message: `"\${var.${name}}" was left as is: no environment was selected, so variables are not substituted.`,
  });
  assert.deepEqual(result.findings, [
    warning('SUPPORT_NUMBER', '/states/1/properties/say', 'say'),
    warning('API_BASE', '/states/2/properties/url', 'http'),
    warning('SUPPORT_NUMBER', '/states/2/properties/parameters/0/value', 'http'),
  ]);
  assert.deepEqual(result.used, ['API_BASE', 'SUPPORT_NUMBER']);
});

test('malformed placeholders are errors; pointers escape "/" and "~"; no widget outside /states', () => {
  const fix = 'Write ${var.NAME} with a name like SUPPORT_NUMBER, or $${var.…} for the literal text.';
  const bad = (message: string, pointer: string) => ({
    severity: 'error',
    source: 'lint',
    rule: 'bad-placeholder',
    message,
    fix,
    pointer,
  });
  const input = { description: 'a ${var.} b', meta: { 'a/b~c': ['${var.lower}', 'open ${var.NAME'] } };
  assert.deepEqual(resolveVariables(input, VARIABLES), {
    definition: input,
    used: [],
    findings: [
      bad(
        '"${var.}" does not name a variable: names are capital letters, digits and "_", starting with a letter.',
        '/description',
      ),
      bad(
        '"${var.lower}" does not name a variable: names are capital letters, digits and "_", starting with a letter.',
        '/meta/a~1b~0c/0',
      ),
      bad('"${var.NAME" is not closed with "}".', '/meta/a~1b~0c/1'),
    ],
  });
  assert.equal(hasPlaceholders({ x: ['${var.lower}'] }), true);
});

test('Liquid, plain $ and other ${…} pass through untouched', () => {
  const text = '{{flow.data.x}} {% if widgets.a.b %}$5 ${other} ${ var.X } $var.X {{"${"}}{% endif %}';
  assert.deepEqual(resolveVariables({ states: [{ name: 's', properties: { body: text } }] }, VARIABLES), {
    definition: { states: [{ name: 's', properties: { body: text } }] },
    findings: [],
    used: [],
  });
  assert.equal(hasPlaceholders({ body: text }), false);
});

test('the input is not mutated and the result shares no objects with it', () => {
  const input = flow('Call ${var.SUPPORT_NUMBER}');
  const before = structuredClone(input);
  const result = resolveVariables(input, VARIABLES);
  assert.deepEqual(input, before);
  const states = (result.definition as { states: { properties: unknown }[] }).states;
  assert.notEqual(states, input['states']);
  assert.notEqual(states[0]!.properties, (input['states'] as { properties: unknown }[])[0]!.properties);
});

test('hasPlaceholders finds a placeholder anywhere in the values', () => {
  assert.equal(hasPlaceholders(flow('no placeholders here', 'https://x')), true); // parameters hold one
  assert.equal(hasPlaceholders({ a: [1, null, true, { b: 'x' }] }), false);
  assert.equal(hasPlaceholders('${var.A}'), true);
});

test('property: values without "${var." come back unchanged, with no findings', () => {
  const text = fc
    .string({ unit: fc.constantFrom('$', '{', '}', 'v', 'a', 'r', '.', 'A', ' ', '%'), maxLength: 30 })
    .filter((s) => !s.includes('${var.'));
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value')),
      fc.dictionary(text, tie('value'), { noNullPrototype: true }),
    ),
  })).value;
  fc.assert(
    fc.property(json, fc.boolean(), (value, withEnvironment) => {
      const result = resolveVariables(value, withEnvironment ? VARIABLES : undefined);
      assert.deepEqual(result, { definition: value, findings: [], used: [] });
      assert.equal(hasPlaceholders(value), false);
    }),
  );
});

test('a deploy asks for unresolved placeholders to be errors', () => {
  const def = {
    states: [{ name: 'w', type: 'send-message', transitions: [], properties: { body: 'Hi ${var.NAME}' } }],
  };
  const [finding] = resolveVariables(def, undefined, { unresolved: 'error' }).findings;
  assert.deepEqual([finding?.severity, finding?.rule, finding?.widget], ['error', 'unresolved-variable', 'w']);
  assert.equal(resolveVariables(def, undefined).findings[0]?.severity, 'warning');
});
