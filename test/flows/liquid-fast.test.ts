/**
 * The fast path (src/lint/liquid-fast.ts) reads simple outputs without liquidjs: whatever it accepts, liquidjs
 * accepts too, with the same variables at the same offsets; what it does not accept goes to liquidjs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fastScan } from '../../src/lint/liquid-fast.ts';
import { liquidScan } from '../../src/lint/liquid.ts';

const ident = fc.constantFrom('widgets', 'flow', 'trigger', 'menu', 'Digits', 'a_1', 'x', 'parsed');
const path = fc
  .tuple(
    ident,
    fc.array(
      fc.oneof(
        ident.map((i) => `.${i}`),
        fc.constantFrom('[0]', '["b c"]', "['q']", '[12]'),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([head, rest]) => head + rest.join(''));
const arg = fc.oneof(path, fc.constantFrom('"x, y"', "'none'", '1', '-2.5', '"a|b"'));
const filter = fc
  .tuple(
    fc.constantFrom('default', 'upcase', 'plus', 'slice', 'date'),
    fc.array(arg, { maxLength: 3 }),
    fc.constantFrom('', ' ', '  '),
  )
  .map(([name, args, sp]) => `|${sp}${name}${args.length ? `:${sp}${args.join(`,${sp}`)}` : ''}${sp}`);
const output = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.constantFrom('', ' ', '\n'),
    path,
    fc.array(filter, { maxLength: 3 }),
    fc.constantFrom('', ' '),
    fc.constantFrom('', '-'),
  )
  .map(([l, sp, p, fs, sp2, r]) => `{{${l}${sp}${p}${sp2}${fs.join('')}${r}}}`);
const text = fc
  .array(fc.oneof(output, fc.constantFrom('Hi ', ' }} ', '{ ', 'é𝄞', '\n', '{"k": 1}', '{{', '{%', '}')), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

describe('the fast path agrees with liquidjs', () => {
  it('on generated outputs, filters and surrounding text', () => {
    let fast = 0;
    fc.assert(
      fc.property(text, (t) => {
        const refs = fastScan(t);
        if (!refs) return;
        fast++;
        const full = liquidScan(t);
        assert.ok(full.ok, `liquidjs rejects what the fast path took: ${JSON.stringify(t)}`);
        assert.deepEqual(refs, full.refs, JSON.stringify(t));
      }),
      { numRuns: 1500 },
    );
    assert.ok(fast > 300, `the fast path took ${fast} of 1,500`);
  });

  it('hands tags, literals, keyword arguments and broken outputs to liquidjs', () => {
    for (const t of [
      '{% if a %}x{% endif %}',
      '{{ "lit" }}',
      '{{ a | f: k: 1 }}',
      '{{ a',
      '{{ a | }}',
      '{{}}',
      '{{ a.b- }}',
    ])
      assert.equal(fastScan(t), undefined, t);
  });
});
