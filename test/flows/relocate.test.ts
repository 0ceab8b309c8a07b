/** Findings placed again on the PR head's text: the right line, or none. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relocateToHead } from '../../src/document/relocate.ts';
import type { Finding } from '../../src/document/types.ts';

const flow = (states: { name: string; next: string }[]) =>
  `${JSON.stringify({ initial_state: 'Trigger', states: states.map((s) => ({ name: s.name, type: 'send-message', transitions: [{ event: 'sent', next: s.next }], properties: {} })) }, null, 2)}\n`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const at = (text: string, pointer: string, needle: string): Finding => ({
  severity: 'error',
  source: 'lint',
  rule: 'transition-target',
  message: 'bad',
  pointer,
  line: lineOf(text, needle),
  column: 5,
});

describe('relocateToHead', () => {
  const head = flow([
    { name: 'a', next: 'typo' },
    { name: 'b', next: 'a' },
  ]);

  it('identical texts: the findings as they are', () => {
    const f = at(head, '/states/0/transitions/0/next', '"typo"');
    assert.deepEqual(relocateToHead('f.json', [f], head, head), [f]);
  });

  it('widgets added above on the base: the widget is followed by name to its line in the head', () => {
    const merged = flow([
      { name: 'x', next: 'a' },
      { name: 'y', next: 'a' },
      { name: 'a', next: 'typo' },
      { name: 'b', next: 'a' },
    ]);
    const [placed] = relocateToHead('f.json', [at(merged, '/states/2/transitions/0/next', '"typo"')], merged, head);
    assert.equal(placed?.line, lineOf(head, '"typo"'));
  });

  it('the head holds another value there, the widget is gone, or the finding has no pointer: no line at all', () => {
    const merged = flow([
      { name: 'a', next: 'other' },
      { name: 'b', next: 'a' },
      { name: 'c', next: 'zz' },
    ]);
    const placed = relocateToHead(
      'f.json',
      [
        at(merged, '/states/0/transitions/0/next', '"other"'),
        at(merged, '/states/2/transitions/0/next', '"zz"'),
        { severity: 'error', source: 'parse', rule: 'json-syntax', message: 'bad', line: 3, column: 1 },
      ],
      merged,
      `${head} `,
    );
    assert.deepEqual(
      placed.map((f) => f.line),
      [undefined, undefined, undefined],
    );
  });

  it('a head that is not JSON: no line', () => {
    const merged = flow([{ name: 'a', next: 'typo' }]);
    assert.equal(
      relocateToHead('f.json', [at(merged, '/states/0/transitions/0/next', '"typo"')], merged, '{ "states": [')[0]
        ?.line,
      undefined,
    );
  });
});
