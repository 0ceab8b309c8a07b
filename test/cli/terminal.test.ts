/** The CLI's terminal rendering: the report's Markdown as plain text, progress lines, option names in messages. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { COLOR, markdownToTerminal, PLAIN, styleFor } from '../../src/cli/markdown-text.ts';
import { forTerminal, progressReporter } from '../../src/cli/terminal.ts';
import { code, text } from '../../src/report/escape.ts';

describe('markdownToTerminal', () => {
  test("undoes the report's escaping: any text() or code() string reads as the original (on one line)", () => {
    fc.assert(
      // Printable text, Markdown's punctuation, line breaks (control characters are the escaper's business).
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\n', '\r', '`', '\\', '_', '*', '&', '<', '@', ' ', '→', 'é'),
            fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
          ),
        }),
        (s) => {
          const flat = s.replace(/\r?\n|\r/g, ' ');
          assert.equal(markdownToTerminal(text(s)), flat);
          // CommonMark strips one space from both ends of a code span that starts and ends with one; `` is no span.
          fc.pre(flat !== '' && !(flat.startsWith(' ') && flat.endsWith(' ')));
          assert.equal(markdownToTerminal(code(s)), flat);
        },
      ),
    );
  });

  test('emphasis and bold markup go, words with underscores stay', () => {
    assert.equal(markdownToTerminal('**Changed** `gather_menu` · _(no type)_'), 'Changed gather_menu · (no type)');
    assert.equal(markdownToTerminal('- `body` added: _(empty)_'), '- body added: (empty)');
    assert.equal(markdownToTerminal('  _… 3 more lines_'), '  … 3 more lines');
    assert.equal(markdownToTerminal('a snake_case_word and 2*3'), 'a snake_case_word and 2*3');
  });

  test('a diff block becomes its lines, indentation of context lines kept, fences gone', () => {
    const md = [
      '- `say`:',
      '  ````diff',
      '  - old ```',
      '    same',
      '  + new',
      '  @@ 4 unchanged lines @@',
      '  ````',
      '- next',
    ].join('\n');
    assert.equal(
      markdownToTerminal(md),
      ['- say:', '  - old ```', '    same', '  + new', '  @@ 4 unchanged lines @@', '- next'].join('\n'),
    );
    const coloured = markdownToTerminal(md, COLOR);
    const lines = coloured.split('\n');
    assert.ok(lines.includes('  \x1b[31m- old ```\x1b[39m'), coloured);
    assert.ok(lines.includes('  \x1b[32m+ new\x1b[39m'), coloured);
    assert.ok(lines.includes('- \x1b[36msay\x1b[39m:'), coloured);
  });

  test('colour only on a terminal, never with NO_COLOR; FORCE_COLOR forces it', () => {
    assert.equal(styleFor({ isTTY: false }, {}), PLAIN);
    assert.equal(styleFor({ isTTY: true }, {}), COLOR);
    assert.equal(styleFor({ isTTY: true }, { NO_COLOR: '1' }), PLAIN);
    assert.equal(styleFor({ isTTY: false }, { FORCE_COLOR: '1' }), COLOR);
  });
});

describe('progressReporter', () => {
  test('a terminal gets one line rewritten in place, cleared at the end', () => {
    const written: string[] = [];
    const progress = progressReporter({ isTTY: true, write: (t) => written.push(t) });
    progress.tick(1, 2, 'flows/a.json');
    progress.tick(2, 2, 'flows/b.json');
    progress.end();
    assert.deepEqual(written, ['\r\x1b[K[1/2] flows/a.json', '\r\x1b[K[2/2] flows/b.json', '\r\x1b[K']);
  });

  test('elsewhere every tick is its own line and the end writes nothing', () => {
    const written: string[] = [];
    const progress = progressReporter({ isTTY: false, write: (t) => written.push(t) });
    progress.tick(1, 1, 'flows/a.json');
    progress.end();
    assert.deepEqual(written, ['[1/1] flows/a.json\n']);
  });
});

test('forTerminal names options and environment variables instead of action inputs', () => {
  assert.equal(
    forTerminal("Input 'fail-on' is 'x'; accepted values are: error."),
    "--fail-on is 'x'; accepted values are: error.",
  );
  assert.equal(
    forTerminal("Input 'twilio-account-sid' is required with 'twilio-api-secret'."),
    'TWILIO_ACCOUNT_SID is required with TWILIO_API_SECRET.',
  );
  assert.equal(forTerminal("Check the 'studio-url' input and the network."), 'Check --studio-url and the network.');
});
