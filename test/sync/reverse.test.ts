/** Reverse substitutions: placeholders kept where the live value is what they resolve to; a changed one reported, never baked in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveVariables } from '../../src/resolve/variables.ts';
import { reverseSubstitutions, type ReverseContext } from '../../src/sync/reverse.ts';
import { MASK } from '../../src/secrets/mask.ts';

const CHILD = `FW${'c'.repeat(32)}`;
const context: ReverseContext = {
  variables: { SUPPORT: '+15005550006', HOST: 'api.example.com', API_TOKEN: 'tok-123456789', EMPTY: '' },
  sidOf: (path) => (path === 'flows/child.json' ? CHILD : undefined),
};

interface Def {
  states: { name: string; type: string; transitions: unknown[]; properties: Record<string, unknown> }[];
  initial_state: string;
}

function definition(props: Record<string, unknown>): Def {
  return {
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w' }], properties: {} },
      { name: 'w', type: 'make-http-request', transitions: [], properties: props },
    ],
    initial_state: 'Trigger',
  };
}

/** The file's definition resolved as the environment resolves it (flow references by hand, as sidOf says). */
function resolve(file: unknown): unknown {
  const vars = resolveVariables(file, context.variables).definition;
  return JSON.parse(JSON.stringify(vars).replaceAll('${flow:flows/child.json}', CHILD));
}

function run(fileProps: Record<string, unknown>, liveProps: Record<string, unknown>) {
  const file = definition(fileProps);
  return reverseSubstitutions({ file, resolved: resolve(file), live: definition(liveProps) }, context);
}

test('a placeholder whose live value is its value round-trips as the placeholder (whole and inside a longer string)', () => {
  const file = {
    to: '${var.SUPPORT}',
    url: 'https://${var.HOST}/v1?x=${var.SUPPORT}',
    flow_sid: '${flow:flows/child.json}',
  };
  const { definition: out, placeholders } = run(file, {
    to: '+15005550006',
    url: 'https://api.example.com/v1?x=+15005550006',
    flow_sid: CHILD,
  });
  assert.deepEqual(out, definition(file));
  assert.deepEqual(placeholders, []);
});

test('a placeholder whose live value changed stays in the file and is reported, with the widget and pointer', () => {
  const { definition: out, placeholders } = run(
    { to: '${var.SUPPORT}', url: 'https://${var.HOST}/v1', flow_sid: '${flow:flows/child.json}' },
    { to: '+15005559999', url: 'https://evil.example.net/v1', flow_sid: `FW${'d'.repeat(32)}` },
  );
  const props = (out as Def).states[1]!.properties;
  assert.deepEqual(props, {
    to: '${var.SUPPORT}',
    url: 'https://${var.HOST}/v1',
    flow_sid: '${flow:flows/child.json}',
  });
  assert.deepEqual(
    placeholders.map((p) => [p.placeholder, p.widget, p.pointer, p.expected, p.live]),
    [
      ['${var.SUPPORT}', 'w', '/states/1/properties/to', '+15005550006', '+15005559999'],
      ['${var.HOST}', 'w', '/states/1/properties/url', 'api.example.com', 'evil.example.net'],
      ['${flow:flows/child.json}', 'w', '/states/1/properties/flow_sid', CHILD, `FW${'d'.repeat(32)}`],
    ],
  );
});

test('text around a placeholder edited in the Console: the placeholder is kept and the whole live string reported', () => {
  const { definition: out, placeholders } = run({ url: 'https://${var.HOST}/v1' }, { url: 'http://other/v2' });
  assert.equal((out as Def).states[1]!.properties.url, 'https://${var.HOST}/v1');
  assert.equal(placeholders[0]?.live, 'http://other/v2');
});

test('a sensitive value is masked in the report', () => {
  const { placeholders } = run(
    { Authorization: '${var.API_TOKEN}', note: 'k ${var.API_TOKEN}' },
    { Authorization: 'live-secret-value-1', note: 'k other-secret-2' },
  );
  assert.equal(placeholders.length, 2);
  for (const p of placeholders) assert.deepEqual([p.expected, p.live], [MASK, MASK]);
});

test('escaped and malformed placeholders are literal text; an unresolved one is kept, never replaced by live', () => {
  const keep = run({ a: '$${var.SUPPORT}', b: '${var.SUPPORT' }, { a: '${var.SUPPORT}', b: '${var.SUPPORT' });
  assert.deepEqual((keep.definition as Def).states[1]!.properties, {
    a: '$${var.SUPPORT}',
    b: '${var.SUPPORT',
  });
  const missing = run({ a: '${var.NOT_DEFINED}' }, { a: '+1999' });
  assert.equal((missing.definition as Def).states[1]!.properties.a, '${var.NOT_DEFINED}');
  assert.equal(missing.placeholders[0]?.expected, '${var.NOT_DEFINED}');
  const typed = run({ a: '${var.SUPPORT}' }, { a: 42 });
  assert.equal((typed.definition as Def).states[1]!.properties.a, '${var.SUPPORT}');
  assert.equal(typed.placeholders[0]?.live, '42');
});

test('placeholders follow their widget when the Console adds, removes and reorders widgets, and inside arrays', () => {
  const file = definition({ to: '${var.SUPPORT}', list: ['a', '${var.HOST}'] });
  const live = definition({ to: '+15005550006', list: ['a', 'api.example.com', 'new'] });
  live.states.reverse();
  live.states.push({ name: 'added', type: 'say-play', transitions: [], properties: { say: '+15005550006' } });
  const { definition: out, placeholders } = reverseSubstitutions({ file, resolved: resolve(file), live }, context);
  const states = (out as Def).states;
  assert.deepEqual(states[0]!.properties, { to: '${var.SUPPORT}', list: ['a', '${var.HOST}', 'new'] });
  assert.equal(states[2]!.properties.say, '+15005550006', 'a value in a new widget is not guessed to be a variable');
  assert.deepEqual(placeholders, []);
});

test('live text that reads like a placeholder is escaped, so a deploy does not substitute it', () => {
  const { definition: out } = run(
    { a: 'plain', b: 'x' },
    { a: 'costs ${var.SUPPORT} and ${flow:flows/child.json}', b: '$${var.X}' },
  );
  const props = (out as Def).states[1]!.properties;
  assert.deepEqual(props, { a: 'costs $${var.SUPPORT} and $${flow:flows/child.json}', b: '$$${var.X}' });
  // Variables are resolved first (the `${flow:` escape is undone by the flow-reference step after it).
  assert.deepEqual(resolveVariables(props, context.variables).definition, {
    a: 'costs ${var.SUPPORT} and $${flow:flows/child.json}',
    b: '$${var.X}',
  });
});
