/**
 * Positions without a tree must be the positions the tree gave: the lazy navigator against the old tree parser
 * (test/document/support/tree-oracle.ts) on every pointer of generated flows with hostile keys and values, in
 * every line-ending and indentation, and on pointers that stop early or name nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlowText, type ParsedFlowOk } from '../../src/document/parse.ts';
import { benchFlows } from '../../scripts/bench/big-flow.ts';
import { treeOracle } from './support/tree-oracle.ts';
import { prng as random } from '../support/prng.ts';

const KEYS = [
  'a',
  'name',
  '"',
  '\\',
  '":',
  'a/b',
  'm~n',
  '%25',
  '',
  ' ',
  '\n',
  '\r\n',
  'é',
  '😀',
  '\ud800',
  '<b>',
  '0',
];
const STRINGS = ['x', '":"', '\\"', '\\', '{{flow.data}}', 'line\r\nnext', '\u2028', 'é😀', '\udc00', '}]', ''];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const roll = next();
  if (depth > 3 || roll < 0.35) return pick([...STRINGS, 1, -0.5, 1e21, true, false, null] as const);
  if (roll < 0.65) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) object[pick(KEYS)] = value(next, depth + 1);
  return object;
}

/** Every pointer of a value (each looked up before any lookup reads its objects to the end), then ones beside them. */
function pointers(definition: unknown): string[] {
  const real: string[] = [];
  const walk = (node: unknown, path: string) => {
    real.push(path);
    if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node))
        walk(child, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  };
  walk(definition, '');
  const beside = real.flatMap((path) => [`${path}/missing`, `${path}/01`, `${path}/-`, `${path}/9`]);
  return [...real, ...beside];
}

/** The value's strings with their pointers (the texts a Liquid finding points into). */
function strings(node: unknown, path = ''): { pointer: string; text: string }[] {
  if (typeof node === 'string') return [{ pointer: path, text: node }];
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, child]) =>
    strings(child, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
  );
}

/** The `#` form of a pointer (URI-encoded segments); a lone surrogate cannot be URI-encoded and stays as it is. */
const uriPointer = (pointer: string) =>
  `#${pointer
    .split('/')
    .map((segment) => (segment.isWellFormed() ? encodeURIComponent(segment) : segment))
    .join('/')}`;

function expectSamePlaces(label: string, text: string, definition: unknown): number {
  const parsed = parseFlowText('flows/f.json', text);
  assert.equal(parsed.ok, true, `${label}: ${JSON.stringify(parsed.findings)}`);
  const ok = parsed as ParsedFlowOk;
  const oracle = treeOracle(text);
  assert.ok(oracle, label);
  let compared = 0;
  for (const pointer of pointers(definition)) {
    assert.deepEqual(ok.locate(pointer), oracle.locate(pointer), `${label}: locate ${JSON.stringify(pointer)}`);
    const hash = uriPointer(pointer);
    assert.deepEqual(ok.locate(hash), oracle.locate(hash), `${label}: locate ${JSON.stringify(hash)}`);
    compared += 2;
  }
  for (const { pointer, text: value } of strings(definition)) {
    for (const offset of [0, Math.floor(value.length / 2), value.length]) {
      const at = { offset, text: value };
      assert.deepEqual(ok.locateInString(pointer, at), oracle.locateInString(pointer, at), `${label}: in ${pointer}`);
    }
    const changed = { offset: 0, text: `${value}!` }; // the lint read another text: the member's place
    assert.deepEqual(ok.locateInString(pointer, changed), oracle.locateInString(pointer, changed), label);
    compared += 4;
  }
  return compared;
}

/** The value's text with every object's first key written twice, a dummy first: the same value, read last-wins. */
function withDuplicates(node: unknown): string {
  if (Array.isArray(node)) return `[${node.map(withDuplicates).join(', ')}]`;
  if (node === null || typeof node !== 'object') return JSON.stringify(node);
  const members = Object.entries(node).map(([key, child]) => `${JSON.stringify(key)}:\n${withDuplicates(child)}`);
  const first = Object.keys(node)[0];
  return `{${[...(first === undefined ? [] : [`${JSON.stringify(first)}: {"dummy": [1]}`]), ...members].join(',\r\n')}}`;
}

const LAYOUTS: { name: string; write: (value: unknown) => string }[] = [
  { name: 'one line', write: (v) => JSON.stringify(v) },
  { name: 'two spaces, LF', write: (v) => `${JSON.stringify(v, null, 2)}\n` },
  { name: 'tabs, CRLF', write: (v) => JSON.stringify(v, null, '\t').replaceAll('\n', '\r\n') },
  { name: 'lone CR', write: (v) => JSON.stringify(v, null, 1).replaceAll('\n', '\r') },
  { name: 'BOM, spaces around colons', write: (v) => `\ufeff  ${JSON.stringify(v, null, 3).replaceAll('":', '"  :')}` },
];

describe('locate and locateInString: the same places as the tree parser', () => {
  it('on every pointer of 60 generated definitions with hostile keys and values, in five layouts', () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const definition = { states: [value(next, 1), value(next, 1)], initial_state: 'Trigger', extra: value(next, 0) };
      for (const layout of LAYOUTS)
        compared += expectSamePlaces(`seed ${seed}, ${layout.name}`, layout.write(definition), definition);
    }
    assert.ok(compared > 10_000, `only ${compared} comparisons`);
  });

  it('in files that repeat keys (the tree path): the last of each, as the value holds', () => {
    for (let seed = 100; seed <= 130; seed++) {
      const next = random(seed);
      const definition = { states: [value(next, 1)], initial_state: 'Trigger', extra: value(next, 0) };
      const text = withDuplicates(definition);
      assert.ok(parseFlowText('f.json', text).findings.some((f) => f.rule === 'duplicate-key'));
      expectSamePlaces(`seed ${seed}, duplicates`, text, definition);
    }
  });

  it('in a resource (the definition object under "definition"), including keys written with \\u escapes', () => {
    const definition = { states: [{ name: 'A', properties: { say: 'é "q" \\ 😀' } }], initial_state: 'A' };
    const text = JSON.stringify({ friendly_name: 'F', definition }, null, 2).replace('"name"', '"n\\u0061me"');
    expectSamePlaces('resource', text, definition);
    const parsed = parseFlowText('f.json', text) as ParsedFlowOk;
    assert.deepEqual(parsed.locate('/states/0/name'), { line: 6, column: 9 });
  });

  it('at the last widget of the 1 MB bench flow, as one line and pretty-printed', () => {
    const { after } = benchFlows();
    const states = after['states'] as { name: string }[];
    const last = states.length - 1;
    for (const text of [JSON.stringify(after), JSON.stringify(after, null, 2)]) {
      const parsed = parseFlowText('flows/big.json', text) as ParsedFlowOk;
      const oracle = treeOracle(text);
      for (const pointer of [`/states/${last}`, `/states/${last}/name`, `/states/${last}/properties/offset/x`])
        assert.deepEqual(parsed.locate(pointer), oracle?.locate(pointer), pointer);
      // Independent of both: the last widget's name key is the last `"name": "step_…"` of the text.
      const name = states[last]?.name ?? '';
      const offset = text.lastIndexOf(`"name":`, text.lastIndexOf(`"${name}"`));
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      assert.deepEqual(parsed.locate(`/states/${last}/name`), { line, column });
    }
  });
});
