/**
 * Duplicate keys found without a tree for most files (keys counted in the text against the parsed value's own
 * keys), and reported at their places by the tree parser when there is one: every hostile spelling of a key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { treeToValue } from '../../src/document/json-tree.ts';
import { parseFlowText, type ParsedFlowOk } from '../../src/document/parse.ts';
import { benchFlows } from '../../scripts/bench/big-flow.ts';
import { treeOracle } from './support/tree-oracle.ts';

/** `[rule, line, column, key quoted in the message]` of each parse finding of a text that must parse. */
function duplicatesOf(text: string): [string, number | undefined, number | undefined, string][] {
  const parsed = parseFlowText('flows/dup.json', text);
  assert.equal(parsed.ok, true, JSON.stringify(parsed.findings));
  return parsed.findings
    .filter((f) => f.rule !== 'bom')
    .map((f) => [f.rule, f.line, f.column, /Duplicate key ("(?:[^"\\]|\\.)*")/.exec(f.message)?.[1] ?? '']);
}

const FLOW = '"states": [], "initial_state": "A"';

/** The 1-based column of the last `needle` of a one-line text: where a second key starts. */
const lastColumn = (text: string, needle: string) => text.lastIndexOf(needle) + 1;

describe('duplicate keys: found wherever they are, and only where they are', () => {
  it('nested in an object, in an object inside an array, and at the top', () => {
    assert.deepEqual(duplicatesOf(`{${FLOW}, "flags": {"x": 1,\n "x": 2}}`), [['duplicate-key', 2, 2, '"x"']]);
    const inArray = `{"states": [{"name": "A", "type": "t", "name": "B"}], "initial_state": "A"}`;
    assert.deepEqual(duplicatesOf(inArray), [['duplicate-key', 1, lastColumn(inArray, '"name"'), '"name"']]);
    assert.deepEqual(duplicatesOf(`{${FLOW},\r\n"initial_state": "B"}`), [['duplicate-key', 2, 1, '"initial_state"']]);
  });

  it('keeps the last value of a duplicate, as JSON.parse and Twilio do', () => {
    const parsed = parseFlowText('f.json', `{${FLOW}, "flags": {"x": 1, "x": 2}}`) as ParsedFlowOk;
    assert.deepEqual((parsed.definition as { flags: unknown }).flags, { x: 2 });
  });

  it('"\\u0061" and "a" are the same key once decoded: a duplicate', () => {
    const escaped = `{${FLOW}, "a": 1, "\\u0061": 2}`;
    assert.deepEqual(duplicatesOf(escaped), [['duplicate-key', 1, lastColumn(escaped, '"\\u0061"'), '"a"']]);
    const surrogate = `{${FLOW}, "\\ud800": 1, "\\uD800": 2}`;
    assert.deepEqual(duplicatesOf(surrogate), [['duplicate-key', 1, lastColumn(surrogate, '"\\uD800"'), '"\\ud800"']]);
  });

  it('a single "__proto__" is an own key like any other; two are a duplicate', () => {
    const parsed = parseFlowText('f.json', `{${FLOW}, "__proto__": {"polluted": true}}`) as ParsedFlowOk;
    assert.deepEqual(parsed.findings, []);
    const definition = parsed.definition as Record<string, unknown>;
    assert.ok(Object.hasOwn(definition, '__proto__'));
    assert.equal(Object.getPrototypeOf(definition), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    const proto = `{${FLOW}, "__proto__": 1, "__proto__": 2}`;
    assert.deepEqual(duplicatesOf(proto), [['duplicate-key', 1, lastColumn(proto, '"__proto__"'), '"__proto__"']]);
  });

  it('escaped quotes and backslashes in keys and values, and `":` inside values, are not keys', () => {
    const tricky = `{${FLOW}, "k\\"": "v\\\\", "k\\\\": "\\":", "s": ["\\":\\"", "a\\\\\\\\", "\\"a\\": 1"], "\\"\\\\\\"": "\\\\"}`;
    assert.deepEqual(duplicatesOf(tricky), []);
    const twice = tricky.replace('"s":', '"k\\"":');
    assert.deepEqual(duplicatesOf(twice), [['duplicate-key', 1, lastColumn(twice, '"k\\"":'), '"k\\""']]);
    const empty = `{${FLOW}, "": 1, "" : 2}`;
    assert.deepEqual(duplicatesOf(empty), [['duplicate-key', 1, lastColumn(empty, '""'), '""']]);
  });

  it('inside a "definition" string: reported at the "definition" key', () => {
    const inner = JSON.stringify(`{${FLOW}, "flags": {"x": 1, "x": 2}}`);
    const parsed = parseFlowText('f.json', `{\n  "friendly_name": "F",\n  "definition": ${inner}\n}`);
    assert.equal(parsed.ok, true);
    assert.deepEqual(
      parsed.findings.map((f) => [f.rule, f.line, f.column, f.message]),
      [
        [
          'duplicate-key',
          3,
          3,
          'Duplicate key "x" inside the "definition" string; Twilio would silently keep only the last one',
        ],
      ],
    );
  });

  it('after a BOM, in CRLF and lone-CR files: at the line and column of the second key', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `\ufeff{${eol}  "states": [],${eol}  "initial_state": "A",${eol}  "states": []${eol}}`;
      assert.deepEqual(duplicatesOf(text), [['duplicate-key', 4, 3, '"states"']], JSON.stringify(eol));
    }
  });

  it('in a 1 MB single-line flow: none, then one at its very end', () => {
    const text = JSON.stringify(benchFlows().after);
    assert.ok(text.length > 500_000 && !text.includes('\n'));
    assert.deepEqual(duplicatesOf(text), []);
    const withDuplicate = `${text.slice(0, -1)},"initial_state":"Trigger"}`;
    assert.deepEqual(duplicatesOf(withDuplicate), [['duplicate-key', 1, text.length + 1, '"initial_state"']]);
  });
});

describe('text that JSON.parse refuses: our messages, never JavaScript’s', () => {
  it('a syntax error, a control character, a lone quote: json-syntax findings with our words', () => {
    for (const text of [
      `{${FLOW},}`,
      `{${FLOW}, "a": "x\ty"}`,
      `{${FLOW}, "a": "AC0123456789abcdef0123456789abcdef" x}`,
    ]) {
      const parsed = parseFlowText('f.json', text);
      assert.equal(parsed.ok, false, text);
      for (const finding of parsed.findings) {
        assert.equal(finding.rule, 'json-syntax');
        assert.doesNotMatch(finding.message, /position|token|JSON\.parse|AC0123/i);
      }
    }
  });

  it('valid JSON nested too deep is refused at the first bracket too deep, however deep', () => {
    const deep = (n: number) => `{${FLOW}, "x": ${'['.repeat(n)}${']'.repeat(n)}}`;
    assert.equal(parseFlowText('f.json', deep(127)).ok, true);
    for (const n of [128, 1_000_000]) {
      const parsed = parseFlowText('f.json', deep(n));
      assert.deepEqual(
        parsed.findings.map((f) => [f.rule, f.line, f.column]),
        [['json-depth', 1, deep(n).indexOf('[[') + 128]], // the 128th bracket of "x" opens level 129
      );
    }
  });
});

describe('odd text the fast path must read as the tree did', () => {
  it('raw lone surrogates in keys and values: same value, same places', () => {
    const text = `{"states": [{"name": "A\ud800", "properties": {"say": "x\udc00 {{flow.data.a}}"}}],\n "initial_state": "A\ud800", "\udbff": 1}`;
    const parsed = parseFlowText('f.json', text) as ParsedFlowOk;
    assert.deepEqual(parsed.findings, []);
    assert.deepEqual(parsed.definition, JSON.parse(text));
    assert.deepEqual(parsed.locate('/states/0/properties/say'), { line: 1, column: text.indexOf('"say"') + 1 });
    const at = { offset: 3, text: 'x\udc00 {{flow.data.a}}' };
    const column = text.indexOf('"x\udc00') + 1 + 3 + 1; // after the quote, three units in
    assert.deepEqual(parsed.locateInString('/states/0/properties/say', at), { line: 1, column });
    assert.deepEqual(
      parsed.locateInString('/states/0/properties/say', at),
      treeOracle(text)?.locateInString('/states/0/properties/say', at),
    );
    const twice = `${text.slice(0, -1)}, "\\udbff": 2}`;
    const column2 = twice.lastIndexOf('"\\udbff"') - twice.indexOf('\n');
    assert.deepEqual(duplicatesOf(twice), [['duplicate-key', 2, column2, '"\\udbff"']]);
  });

  it('numbers JavaScript rounds (1e400, -0, 1E-400, 20 digits): the same values as the tree gave', () => {
    const text = `{${FLOW}, "n": [1e400, -0, 1E-400, -1e-400, 12345678901234567890, 5e-324, 0e0, -0.0]}`;
    const parsed = parseFlowText('f.json', text) as ParsedFlowOk;
    const root = parseTree(text);
    assert.ok(root);
    assert.deepStrictEqual(parsed.definition, treeToValue(root));
    assert.ok(Object.is((parsed.definition as { n: number[] }).n[1], -0));
  });

  it('the form-encoded size is counted as encodeURIComponent would, just over the limit', () => {
    for (const unit of ['a', '"', 'é', '€', '😀', ' ', '\n', '%']) {
      const say = unit.repeat(Math.ceil(1_000_000 / Buffer.byteLength(encodeURIComponent(unit))));
      const definition = { states: [{ name: 'A', properties: { say } }], initial_state: 'A' };
      const size = Buffer.byteLength(encodeURIComponent(JSON.stringify(definition)));
      const finding = parseFlowText('f.json', JSON.stringify(definition)).findings.find((f) => f.rule === 'size-limit');
      assert.ok(size > 1_000_000);
      assert.match(finding?.message ?? '', new RegExp(`is ${size.toLocaleString('en-US')} bytes when form-encoded`));
      assert.deepEqual([finding?.line, finding?.column], [1, 1]);
    }
  });
});
