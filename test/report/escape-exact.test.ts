/**
 * src/report/escape.ts character by character: the exact text each escape writes, so that a changed entity,
 * a lost code point, a wrong fence or pad, or an HTML attribute quote left raw shows as a failure (the
 * property tests in escape.test.ts check what can never appear; these pin what must).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { code, htmlCode, htmlText, plainLine, text } from '../../src/report/escape.ts';

describe('exact escapes', () => {
  it('plainLine: a CRLF is one space, each other control character one space, bidi controls by code point', () => {
    assert.equal(plainLine('a\r\nb\rc\nd'), 'a b c d');
    assert.equal(plainLine('a\tb\u0000c\u007fd\u0085e'), 'a b c d e');
    assert.equal(plainLine('x\u202Ey'), 'x‹U+202E›y');
    assert.equal(
      plainLine('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069'),
      '‹U+202A›‹U+202B›‹U+202C›‹U+202D›‹U+2066›‹U+2067›‹U+2068›‹U+2069›',
    );
    assert.equal(plainLine('\u2029\u200F'), '\u2029\u200F', 'other format characters are not bidi overrides');
  });

  it('text: each HTML character as its entity, Markdown punctuation backslashed, mentions defused', () => {
    assert.equal(text('a & b > c < d'), 'a &amp; b &gt; c &lt; d');
    assert.equal(text('\\`*_{}[]()#|~'), '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\|\\~');
    assert.equal(text('@team\nnext'), '&#64;&#8203;team next');
  });

  it('code: a fence one longer than the longest run of backticks, padded when the text starts or ends with one', () => {
    assert.equal(code('plain'), '`plain`');
    assert.equal(code('a ``b`` c'), '```a ``b`` c```');
    assert.equal(code('`x'), '`` `x ``');
    assert.equal(code('x`'), '`` x` ``');
    assert.equal(code('a|b', { inTable: true }), '`a\\|b`');
    assert.equal(code('a|b'), '`a|b`');
    assert.equal(code('line\r\nbreak'), '`line break`');
  });

  it('htmlText and htmlCode: quotes, apostrophes and the three HTML characters as entities', () => {
    assert.equal(htmlText(`"a" 'b' <c> & d`), '&quot;a&quot; &#39;b&#39; &lt;c&gt; &amp; d');
    assert.equal(htmlText('`x` *y* @z'), '`x` *y* &#64;&#8203;z');
    assert.equal(htmlCode('<b>@x</b>'), '<code>&lt;b&gt;&#64;&#8203;x&lt;/b&gt;</code>');
    assert.equal(htmlCode(''), '<code></code>');
  });
});
