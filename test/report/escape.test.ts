import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { code, text } from '../../src/report/escape.ts';

test('text defuses HTML, Markdown, tables and mentions', () => {
  assert.equal(text('</details><img src=x onerror=alert(1)>'), '&lt;/details&gt;&lt;img src=x onerror=alert\\(1\\)&gt;');
  assert.equal(text('@octocat see [x](http://e.vil)'), '&#64;octocat see \\[x\\]\\(http://e.vil\\)');
  assert.equal(text('a | b\nc'), 'a \\| b c');
  assert.equal(text('**bold** _it_ `code`'), '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
});

test('code spans hold backticks and pipes safely', () => {
  assert.equal(code('flows/a.json'), '`flows/a.json`');
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(code('`edge`'), '`` `edge` ``');
  assert.equal(code('x|y'), '`x|y`');
  assert.equal(code('x|y', { inTable: true }), '`x\\|y`');
});

test('no escaped text can open or close an HTML tag, a link or a mention', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
      const out = text(s);
      assert.ok(!/[<>]/.test(out), out);
      assert.ok(!/@/.test(out), out);
      assert.ok(!/(^|[^\\])[[\]()|`*_]/.test(out), out);
      assert.ok(!out.includes('\n'));
    }),
  );
});
