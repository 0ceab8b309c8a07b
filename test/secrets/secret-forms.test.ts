/**
 * The forms a secret is written in and the cuts of them (src/secrets/secret-forms.ts), stated exactly: which
 * one-line forms, which escaped forms (checked against the real renderers), where each character of the secret
 * ends in a form, the Knuth–Morris–Pratt table, and the ranges `cutsOf` gives, down to the character.
 * The scrubber's end-to-end promise (no 8 characters of a secret left) is test/adversarial4/scrub-forms.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { code, htmlText, text } from '../../src/report/escape.ts';
import { escapeMermaidLabel } from '../../src/report/picture.ts';
import { createScrubber } from '../../src/secrets/credentials.ts';
import { cutsOf, oneLineForms, writtenForms, type WrittenForm } from '../../src/secrets/secret-forms.ts';

const texts = (secret: string) => writtenForms(secret).map((form) => form.text);

function formOf(secret: string, written: string): WrittenForm {
  const form = writtenForms(secret).find((f) => f.text === written);
  assert.ok(
    form,
    `${JSON.stringify(written)} is a form of ${JSON.stringify(secret)}: ${JSON.stringify(texts(secret))}`,
  );
  return form;
}

describe('oneLineForms: the secret, and as a message and plainLine flatten it', () => {
  const cases: [string, string, string[]][] = [
    ['no control character: the secret alone', 'plain-secret', ['plain-secret']],
    ['CRLF: two spaces (each character) and one (a line break)', 'a\r\nb', ['a\r\nb', 'a  b', 'a b']],
    ['lone CR and LF: a space each, both ways', 'a\rb\nc', ['a\rb\nc', 'a b c']],
    ['tab, NUL and DEL: a space each', 'a\tb\u0000c\u007fd', ['a\tb\u0000c\u007fd', 'a b c d']],
    ['U+2028 (a message flattens it; plainLine keeps it, not a control character)', 'a\u2028b', ['a\u2028b', 'a b']],
    ['U+0085 (a C1 control: plainLine flattens it; a message keeps it)', 'a\u0085b', ['a\u0085b', 'a b']],
  ];
  for (const [what, secret, expected] of cases)
    test(what, () => {
      assert.deepEqual(oneLineForms(secret), expected);
    });
});

describe('writtenForms: every escape our renderers write, and no other', () => {
  test('a character no renderer escapes has one form', () => {
    assert.deepEqual(texts('x'), ['x']);
  });

  test('each special character: raw, then Markdown/HTML/Mermaid/table forms, each as the real renderer writes it', () => {
    const cases: [string, string[]][] = [
      ['@', ['@', '&#64;&#8203;', '#64;']],
      ['|', ['|', '\\|', '#124;']],
      ['&', ['&', '&amp;', '#38;']],
      // '"' raw, JSON-quoted once (\") and twice (\\\"); Markdown leaves '"' but doubles each backslash; HTML
      // &quot;; Mermaid #quot; and each backslash #92;. A table cell writes '"' as it is (the raw forms again).
      [
        '"',
        [
          ...['"', '\\"', '\\\\\\"'],
          ...['\\\\"', '\\\\\\\\\\\\"'],
          ...['&quot;', '\\&quot;', '\\\\\\&quot;'],
          ...['#quot;', '#92;#quot;', '#92;#92;#92;#quot;'],
        ],
      ],
    ];
    for (const [c, expected] of cases) {
      assert.deepEqual(texts(c), expected, JSON.stringify(c));
      // The oracle: each renderer's own output of the character is among the forms (lower-cased as matched).
      for (const rendered of [text(c), htmlText(c), escapeMermaidLabel(c), code(c, { inTable: true }).slice(1, -1)])
        assert.ok(texts(c).includes(rendered.toLowerCase()), `${JSON.stringify(rendered)} of ${JSON.stringify(c)}`);
    }
  });

  test('a table cell escapes only the pipe: "a|&" has its own table form, apart from Markdown\'s', () => {
    assert.deepEqual(texts('a|&'), ['a|&', 'a\\|&amp;', 'a|&amp;', 'a#124;#38;', 'a\\|&']);
    assert.equal(code('a|&', { inTable: true }), '`a\\|&`');
  });

  test('one text read two ways is two forms: a backslash and a pipe, JSON-escaped or in a table cell', () => {
    // The secret \|o (a backslash, a pipe, o). JSON writes \\ | o (the backslash takes two characters); a table
    // cell writes \ \| o (the pipe does): one text, two places where the first character ends.
    const both = writtenForms('\\|o').filter((form) => form.text === '\\\\|o');
    assert.deepEqual(
      both.map((form) => Array.from(form.chars)),
      [
        [0, 0, 1, 2, 3],
        [0, 1, 1, 2, 3],
      ],
    );
    // Cut after its first character: whole as the table cell wrote it, half an escape as JSON did.
    assert.deepEqual(cutsOf('\\…', both, 1), [[0, 1]]);
    assert.deepEqual(cutsOf('\\…', both.slice(0, 1), 1), []);
  });

  test('lower-cased as the scrubber matches; a character whose lower case is longer keeps the form as written', () => {
    assert.deepEqual(texts('ABC-Secret'), ['abc-secret']);
    assert.equal('İ'.toLowerCase().length, 2);
    assert.deepEqual(texts('İstanbul-Key'), ['İstanbul-Key']);
  });

  test('chars[n] counts the characters of the secret written whole by the first n characters of the form', () => {
    const form = formOf('a&b', 'a&amp;b');
    assert.deepEqual(Array.from(form.chars), [0, 1, 1, 1, 1, 1, 2, 3]);
    assert.deepEqual(Array.from(formOf('a&b', 'a&b').chars), [0, 1, 2, 3]);
    assert.deepEqual(
      Array.from(formOf('ab&ab&c', 'ab&amp;ab&amp;c').chars),
      [0, 1, 2, 2, 2, 2, 2, 3, 4, 5, 5, 5, 5, 5, 6, 7],
    );
  });

  test('fail[] is the Knuth–Morris–Pratt table of the form', () => {
    // aabaaab: a→1 (a), b→0, a→1, aa→2, aaa: back to a a→2, aab→3
    assert.deepEqual(formOf('aabaaab', 'aabaaab').fail, [0, 1, 0, 1, 2, 2, 3]);
    assert.deepEqual(formOf('abcd', 'abcd').fail, [0, 0, 0, 0]);
    assert.deepEqual(formOf('q', 'q').fail, [0]);
  });
});

describe('cutsOf: the cut of a form before "…", down to the character', () => {
  const forms = writtenForms('prod_db_pass_word');

  test('the longest start of the secret before the ellipsis, at least `min` characters, white space skipped', () => {
    assert.deepEqual(cutsOf('x prod_db_pa… y', forms, 4), [[2, 12]]);
    assert.deepEqual(cutsOf('x prod_db_pa \n… y', forms, 4), [[2, 12]]);
    assert.deepEqual(cutsOf('x prod…', forms, 4), [[2, 6]], 'exactly min characters is a cut');
    assert.deepEqual(cutsOf('x pro…', forms, 4), [], 'fewer than min is not');
    assert.deepEqual(cutsOf('see the list…', forms, 4), [], 'no start of the secret');
    assert.deepEqual(cutsOf('…prod_db_pa', forms, 4), [], 'an ellipsis before, not after');
  });

  test('matched case-insensitively, at the positions of the text as given', () => {
    assert.deepEqual(cutsOf('x PROD_DB_PA…', forms, 4), [[2, 12]]);
    // A text whose lower case is longer (İ) is matched as written, so positions stay the text's own.
    assert.deepEqual(cutsOf('İ İstanbul-K…', writtenForms('İstanbul-Key'), 4), [[2, 12]]);
  });

  test('every ellipsis: each cut its own range, in order', () => {
    assert.deepEqual(cutsOf('prod_db_pa… and prod_d…', forms, 4), [
      [0, 10],
      [16, 22],
    ]);
  });

  test('`min` counts characters of the secret, not of its escaped form', () => {
    const amp = writtenForms('a&bcdefg');
    assert.deepEqual(cutsOf('x a&amp;…', amp, 3), [], '"a&amp;" writes 2 characters of the secret');
    assert.deepEqual(cutsOf('x a&amp;b…', amp, 3), [[2, 9]]);
  });

  test('a cut in the middle of an escape goes back to the last character written whole', () => {
    const only = [formOf('ab&ab&c', 'ab&amp;ab&amp;c')];
    // "ab&amp;ab&a": the form's prefix ends inside "&amp;"; the longest prefix that is whole and ends the
    // text is "a" (the borders "ab&a" and "a" of the text; "ab&a" also ends inside an escape).
    assert.deepEqual(cutsOf('ab&amp;ab&a…', only, 1), [[10, 11]]);
    assert.deepEqual(cutsOf('x a&am…', [formOf('a&bcdefgh', 'a&amp;bcdefgh')], 1), []);
    // Two backslashes JSON-escaped are four: one shown is half of the first, no character of the secret.
    const escaped = writtenForms('\\\\|aba').filter((form) => form.text === '\\\\\\\\|aba');
    assert.ok(escaped.length > 0);
    assert.deepEqual(cutsOf('a\\…', escaped, 1), []);
  });

  test('a text that differs from the secret in its first character is no cut of it', () => {
    assert.deepEqual(cutsOf('x xrod_db…', forms, 4), []);
    assert.deepEqual(cutsOf('x z…', forms, 1), []);
  });

  test('a cut right after a character written whole keeps it, though the next one is an escape', () => {
    assert.deepEqual(cutsOf('x a…', [formOf('a&b', 'a&amp;b')], 1), [[2, 3]]);
  });

  test('after a mismatch the match falls back along the table (abaab ends with "ab", not "abab")', () => {
    assert.deepEqual(cutsOf('x abaab…', [formOf('ababab-secret', 'ababab-secret')], 2), [[5, 7]]);
  });

  test('a secret that holds "…" itself: the longer cut, which overlaps the shorter, is kept whole (merged)', () => {
    const secret = 'abcdefgh…ijklmnopqrst';
    assert.deepEqual(cutsOf('abcdefgh…ijklmnop…', writtenForms(secret), 8), [[0, 17]]);
    assert.deepEqual(cutsOf('x abcdefgh…ijklmnop… and abcdefgh… again', writtenForms(secret), 8), [
      [2, 19],
      [25, 33],
    ]);
    // A cut of another secret that starts inside the first cut: one range from the first start.
    const two = [...writtenForms('abcdefgh-zz'), ...writtenForms('efgh…ijklmnopqr')];
    assert.deepEqual(cutsOf('abcdefgh…ijklmnop…', two, 8), [[0, 17]]);
    // Cuts that touch without overlapping stay apart (each a cut of its own secret).
    const touching = [...writtenForms('wxyzwxyz-1'), ...writtenForms('…abcdefghij')];
    assert.deepEqual(cutsOf('wxyzwxyz…abcdefgh…', touching, 8), [
      [0, 8],
      [8, 17],
    ]);
    const scrubber = createScrubber();
    scrubber.add(secret);
    const shown = scrubber.scrub('value: abcdefgh…ijklmnop… (cut)');
    assert.ok(!shown.includes('ijklmnop') && !shown.includes('abcdefgh'), shown);
  });
});
