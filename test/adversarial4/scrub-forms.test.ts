/**
 * Adversarial (unit): a secret of any text goes through each of our renderers (Markdown, HTML, Mermaid, a table
 * cell, a JSON-quoted name, a cut with "…") and the run's scrubber must leave no 8 characters of it in a row.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { code, htmlText, text } from '../../src/report/escape.ts';
import { escapeMermaidLabel } from '../../src/report/picture.ts';
import { quoted } from '../../src/resolve/name-match.ts';
import { createScrubber } from '../../src/secrets/credentials.ts';

const SECRETS = [
  'prod_db_pass_word_7f3a9c2e',
  'pa&ss<wo>rd"Q\'9f3a9c2e11',
  'a|b|c|d|e|f|g|h|1234',
  '@team-secret#42{x}[y](z)~`q`',
  'line one\r\nline two\nthree',
  'Zq8'.repeat(30) + 'tail',
  'ünïcødé-sëcret-ß€-2026',
];

const RENDERERS: [string, (s: string) => string][] = [
  ['Markdown text', text],
  ['HTML text', htmlText],
  ['code span in a table', (s) => code(s, { inTable: true })],
  ['Mermaid label', escapeMermaidLabel],
  ['quoted name (cut at 80)', quoted],
  ['quoted name in Markdown', (s) => text(quoted(s))],
  ['quoted name in HTML', (s) => htmlText(quoted(s))],
  ['JSON of a quoted name', (s) => JSON.stringify({ message: quoted(s) })],
  ['a message cut at 40 in Markdown', (s) => text(`"${s}"`.slice(0, 40) + '…')],
  ['a review body cut before "\\n\\n…"', (s) => `x ${s}`.slice(0, 30) + '\n\n… (cut)'],
];

/** Any `n` characters of the secret, in a row, in its raw form. */
function piece(shown: string, secret: string, n = 8): string | undefined {
  for (let i = 0; i + n <= secret.length; i++)
    if (shown.includes(secret.slice(i, i + n))) return secret.slice(i, i + n);
  return undefined;
}

describe('the scrubber against every escape of our renderers', () => {
  for (const secret of SECRETS) {
    for (const [name, render] of RENDERERS) {
      test(`${JSON.stringify(secret.slice(0, 24))} as ${name}`, () => {
        const scrubber = createScrubber();
        scrubber.add(secret);
        const rendered = render(`before ${secret} after`);
        const shown = scrubber.scrub(rendered);
        const left = piece(shown, secret) ?? piece(shown.replace(/\\(.)/g, '$1'), secret);
        assert.equal(left, undefined, `${name}: ${JSON.stringify(rendered)} → ${JSON.stringify(shown)}`);
      });
    }
  }

  test('text without the secret is left as it is (an ellipsis alone, a shorter common start)', () => {
    const scrubber = createScrubber();
    scrubber.add('prod_db_pass_word_7f3a9c2e');
    for (const plain of ['see the list…', 'prod_db… and more', 'prod_db_pas is not it', 'a “quoted” name…'])
      assert.equal(scrubber.scrub(plain), plain);
  });
});
