import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { code, htmlText, text } from '../../src/report/escape.ts';

test('text defuses HTML, Markdown, tables and mentions', () => {
  assert.equal(
    text('</details><img src=x onerror=alert(1)>'),
    '&lt;/details&gt;&lt;img src=x onerror=alert\\(1\\)&gt;',
  );
  assert.equal(text('@octocat see [x](http://e.vil)'), '&#64;&#8203;octocat see \\[x\\]\\(http://e.vil\\)');
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

/** The text GitHub's mention filter reads: the rendered text, entities decoded. */
const decoded = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&(lt|gt|amp|quot);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[e] as string);
/** GitHub's mention pattern: `@` after a non-word character, then a login or org/team. */
const MENTION = /(?:^|[^\w`])@[a-z0-9][a-z0-9-]*(?:\/[a-z0-9_-]+)?/i;

test('no mention survives the decoding GitHub does before it looks for mentions, in Markdown or HTML text', () => {
  for (const value of ['@octocat', 'ping @org/team now', '(@all)', 'a@b.example', '@@twice']) {
    for (const escaped of [text(value), htmlText(value)]) {
      assert.doesNotMatch(decoded(escaped), MENTION, `${value} → ${escaped}`);
      assert.equal(
        decoded(escaped)
          .replace(/\u200b/g, '')
          .replace(/\\/g, ''),
        value,
        'and it reads the same',
      );
    }
  }
});
