import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentableLines } from '../../src/github/patch.ts';

test('right-side lines of every hunk: added and context lines, not removed ones', () => {
  const patch = [
    '@@ -1,4 +1,5 @@',
    ' {',
    '-  "a": 1,',
    '+  "a": 2,',
    '+  "b": 3,',
    '   "c": 4',
    ' }',
    '@@ -40,2 +41,3 @@ "states": [',
    '   x',
    '+  y',
    '   z',
    '\\ No newline at end of file',
  ].join('\n');
  assert.deepEqual([...commentableLines(patch)], [1, 2, 3, 4, 5, 41, 42, 43]);
});

test('no patch (binary or too large): nothing is commentable', () => {
  assert.equal(commentableLines(undefined).size, 0);
  assert.equal(commentableLines('').size, 0);
});

test('a new file: every line', () => {
  assert.deepEqual([...commentableLines('@@ -0,0 +1,3 @@\n+{\n+  "x": 1\n+}')], [1, 2, 3]);
});
