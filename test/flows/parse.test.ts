import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFINITION_SIZE_LIMIT, parseFlowText } from '../../src/document/parse.ts';
import type { ParsedFlow, ParsedFlowOk } from '../../src/document/parse.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/flows/${name}`, import.meta.url), 'utf8');

function expectOk(parsed: ParsedFlow): ParsedFlowOk {
  assert.equal(parsed.ok, true, JSON.stringify(parsed.findings));
  return parsed as ParsedFlowOk;
}

describe('parseFlowText: syntax errors', () => {
  it('reports a trailing comma at the comma, with a fix', () => {
    const parsed = parseFlowText('flows/trailing-comma.json', fixture('trailing-comma.json'));
    assert.equal(parsed.ok, false);
    assert.deepEqual(
      parsed.findings.map(({ line, column, rule, source, message }) => ({ line, column, rule, source, message })),
      [{ line: 4, column: 29, rule: 'json-syntax', source: 'parse', message: 'Unexpected trailing comma before "}"' }],
    );
    assert.match(parsed.findings[0]?.fix ?? '', /Remove the comma at line 4, column 29/);
  });

  it('reports a trailing comma inside an array', () => {
    const parsed = parseFlowText('a.json', '{"states": [1, 2,\n]}');
    assert.deepEqual(
      parsed.findings.map((f) => [f.line, f.column, f.message]),
      [[1, 17, 'Unexpected trailing comma before "]"']],
    );
  });

  it('reports a missing comma where the next property starts, and says where to add it', () => {
    const parsed = parseFlowText('flows/missing-comma.json', fixture('missing-comma.json'));
    assert.equal(parsed.ok, false);
    const [finding] = parsed.findings;
    assert.equal(parsed.findings.length, 1);
    assert.equal(finding?.message, 'Expected a comma');
    assert.equal(finding?.line, 3);
    assert.equal(finding?.column, 3);
    assert.equal(finding?.fix, 'Add a comma after line 2, column 32, before this value.');
  });

  it('rejects comments (Twilio parses strict JSON)', () => {
    const parsed = parseFlowText('a.json', '{\n  // note\n  "states": []\n}');
    assert.deepEqual(
      parsed.findings.map((f) => [f.line, f.column, f.message]),
      [[2, 3, 'Comments are not allowed in JSON']],
    );
  });

  it('says when the file is empty or blank', () => {
    for (const text of ['', '  \n\t']) {
      const parsed = parseFlowText('flows/empty.json', text);
      assert.equal(parsed.ok, false);
      assert.equal(parsed.findings[0]?.rule, 'empty-file');
      assert.equal(parsed.findings[0]?.message, 'The file is empty');
    }
  });

  it('rejects a root that is not an object', () => {
    const parsed = parseFlowText('flows/list.json', '\n  [1, 2]');
    assert.equal(parsed.ok, false);
    assert.deepEqual(
      [parsed.findings[0]?.rule, parsed.findings[0]?.line, parsed.findings[0]?.column],
      ['flow-shape', 2, 3],
    );
    assert.match(parsed.findings[0]?.message ?? '', /^The top level is an array, not a JSON object$/);
  });

  it('gives an error, not a stack overflow, for 10,000 nested arrays', () => {
    const parsed = parseFlowText('deep.json', '['.repeat(10_000) + ']'.repeat(10_000));
    assert.equal(parsed.ok, false);
    assert.deepEqual(
      parsed.findings.map((f) => [f.rule, f.line, f.column]),
      [['json-depth', 1, 129]],
    );
  });

  it('does not count brackets inside strings as nesting', () => {
    const parsed = parseFlowText(
      'a.json',
      JSON.stringify({ states: [], description: '['.repeat(500) + '\\"{'.repeat(200) }),
    );
    assert.equal(parsed.ok, true);
  });
});

describe('parseFlowText: content problems', () => {
  it('strips a UTF-8 BOM with a warning and keeps positions on the text after it', () => {
    const parsed = expectOk(parseFlowText('bom.json', '\uFEFF{\n  "states": []\n}'));
    assert.deepEqual(
      parsed.findings.map((f) => [f.severity, f.rule]),
      [['warning', 'bom']],
    );
    assert.deepEqual(parsed.locate('/states'), { line: 2, column: 3 });
  });

  it('reports a duplicate key at the second occurrence and keeps the last value, like Twilio', () => {
    const parsed = expectOk(parseFlowText('dup.json', '{\n  "initial_state": "A",\n  "initial_state": "Trigger"\n}'));
    assert.deepEqual(
      parsed.findings.map((f) => [f.severity, f.rule, f.line, f.column]),
      [['error', 'duplicate-key', 3, 3]],
    );
    assert.match(parsed.findings[0]?.message ?? '', /Duplicate key "initial_state" \(first defined at line 2\)/);
    assert.deepEqual(parsed.definition, { initial_state: 'Trigger' });
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const parsed = expectOk(parseFlowText('proto.json', '{"__proto__": {"polluted": true}}'));
    assert.equal(Object.getPrototypeOf(parsed.definition), Object.prototype);
    assert.deepEqual(Object.keys(parsed.definition as object), ['__proto__']);
  });

  it('refuses a definition over the 1 MB request limit, saying the size and the limit', () => {
    const big = JSON.stringify({ states: [], description: 'x'.repeat(DEFINITION_SIZE_LIMIT) });
    const parsed = expectOk(parseFlowText('big.json', big));
    const finding = parsed.findings.find((f) => f.rule === 'size-limit');
    assert.equal(finding?.source, 'limit');
    assert.equal(finding?.severity, 'error');
    assert.match(finding?.message ?? '', /1,000,0\d\d bytes when form-encoded; Twilio accepts at most 1,000,000 bytes/);
  });

  it('counts form-encoding overhead: 400,000 spaces grow to 1.2 MB', () => {
    const parsed = expectOk(
      parseFlowText('spaces.json', JSON.stringify({ states: [], description: ' '.repeat(400_000) })),
    );
    assert.equal(
      parsed.findings.some((f) => f.rule === 'size-limit'),
      true,
    );
    const small = expectOk(
      parseFlowText('small.json', JSON.stringify({ states: [], description: 'x'.repeat(400_000) })),
    );
    assert.equal(
      small.findings.some((f) => f.rule === 'size-limit'),
      false,
    );
  });
});

describe('parseFlowText: shapes and names', () => {
  it('takes the friendly name from the file name for a bare definition', () => {
    const parsed = expectOk(parseFlowText('flows/main-ivr.json', '{"states": [], "initial_state": "Trigger"}'));
    assert.equal(parsed.shape, 'definition');
    assert.equal(parsed.friendlyName, 'main-ivr');
    assert.equal(parsed.sid, undefined);
  });

  it('reads the resource shape with an object definition and locates into it', () => {
    const parsed = expectOk(parseFlowText('flows/orders.json', fixture('resource-object-definition.json')));
    assert.equal(parsed.shape, 'resource');
    assert.equal(parsed.friendlyName, 'Order updates');
    assert.deepEqual((parsed.definition as { initial_state: string }).initial_state, 'Trigger');
    assert.deepEqual(parsed.locate('/states/1/properties'), { line: 16, column: 9 });
    assert.deepEqual(parsed.locate('/initial_state'), { line: 19, column: 5 });
  });

  it('parses a JSON-string definition (as the API returns it) and locates at the "definition" key', () => {
    const parsed = expectOk(parseFlowText('flows/support.json', fixture('resource-string-definition.json')));
    assert.equal(parsed.shape, 'resource');
    assert.equal(parsed.friendlyName, 'Support line');
    assert.equal(parsed.sid, 'FW0123456789abcdef0123456789abcdef');
    assert.equal((parsed.definition as { states: unknown[] }).states.length, 1);
    assert.deepEqual(parsed.locate('#/states/0/transitions'), { line: 5, column: 3 });
    assert.deepEqual(parsed.findings, []);
  });

  it('rejects a string definition that is not JSON', () => {
    const parsed = parseFlowText('r.json', '{"friendly_name": "x",\n "definition": "{nope"}');
    assert.equal(parsed.ok, false);
    assert.deepEqual([parsed.findings[0]?.line, parsed.findings[0]?.column], [2, 2]);
    assert.match(parsed.findings[0]?.message ?? '', /"definition" string is not valid JSON/);
  });

  it('reports a malformed sid as an error', () => {
    const parsed = expectOk(
      parseFlowText('r.json', '{"friendly_name": "x",\n "sid": "FW123",\n "definition": {"states": []}}'),
    );
    assert.deepEqual(
      parsed.findings.map((f) => [f.severity, f.rule, f.line, f.column]),
      [['error', 'flow-sid', 2, 9]],
    );
    assert.equal(parsed.sid, undefined);
  });
});

describe('ParsedFlow.locate', () => {
  const text = fixture('broken-transition.json');
  const parsed = expectOk(parseFlowText('flows/broken.json', text));

  it('accepts pointers with and without a leading "#"', () => {
    assert.deepEqual(parsed.locate('#/states/1/transitions/0/next'), { line: 18, column: 28 });
    assert.deepEqual(parsed.locate('/states/1/transitions/0/next'), { line: 18, column: 28 });
  });

  it('puts a member at its key and an array element at its start', () => {
    assert.deepEqual(parsed.locate('/states/1/name'), { line: 15, column: 7 });
    assert.deepEqual(parsed.locate('/states/1'), { line: 14, column: 5 });
  });

  it('lands a missing property on its deepest existing parent', () => {
    assert.deepEqual(parsed.locate('/states/1/properties/media_url'), { line: 21, column: 7 });
    assert.deepEqual(parsed.locate('/states/9/name'), { line: 3, column: 3 });
  });

  it('decodes ~0 and ~1 escapes', () => {
    const escaped = expectOk(parseFlowText('e.json', '{\n "a/b": {\n  "c~d": 1\n }\n}'));
    assert.deepEqual(escaped.locate('/a~1b/c~0d'), { line: 3, column: 3 });
    assert.deepEqual(escaped.locate('#/a~1b'), { line: 2, column: 2 });
  });

  it('maps the empty pointer to the definition itself', () => {
    assert.deepEqual(parsed.locate(''), { line: 1, column: 1 });
    assert.deepEqual(parsed.locate('#'), { line: 1, column: 1 });
  });

  it('counts CRLF line endings once', () => {
    const crlf = expectOk(parseFlowText('c.json', '{\r\n  "a": 1,\r\n  "b": 2\r\n}'));
    assert.deepEqual(crlf.locate('/b'), { line: 3, column: 3 });
  });
});

describe('parseFlowText: real published flows', () => {
  const dir = new URL('../fixtures/real-flows/', import.meta.url);
  it('parses every real fixture with no findings, and one with its line endings made CRLF the same', () => {
    const names = [
      'mbarry-owl-OrderLookupIVR',
      'twilio-labs-function-templates-outreach-pcp-followup',
      'twilio-labs-function-templates-patient-appointment',
      'twilio-labs-function-templates-vaccine-standby',
      'twilio-webchat-react-app',
    ];
    const results = names.map((name) => {
      const parsed = expectOk(parseFlowText(`flows/${name}.json`, readFileSync(new URL(`${name}.json`, dir), 'utf8')));
      return [parsed.friendlyName, parsed.shape, parsed.findings.length];
    });
    assert.deepEqual(
      results,
      names.map((name) => [name, 'definition', 0]),
    );
    // No licensed real flow has CRLF endings (white-rabbit-ivr had, and had no licence): the IVR's, converted here.
    const lf = readFileSync(new URL('mbarry-owl-OrderLookupIVR.json', dir), 'utf8');
    assert.ok(!lf.includes('\r'));
    const ivr = expectOk(parseFlowText('ivr.json', lf.replace(/\n/g, '\r\n')));
    assert.equal(ivr.findings.length, 0);
    assert.deepEqual(ivr.definition, expectOk(parseFlowText('ivr.json', lf)).definition);
    assert.deepEqual(ivr.locate('/states/1/name'), { line: 33, column: 7 });
    assert.deepEqual(ivr.locate('/states/3/properties/url'), { line: 107, column: 9 });
  });
});
