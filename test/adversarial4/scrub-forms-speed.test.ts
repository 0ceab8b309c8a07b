/**
 * Adversarial (unit): the run's scrubber stays fast on a long secret cut many times. Apart from the forms test
 * (scrub-forms.test.ts) so that mutation testing, which slows the code it instruments several times over, scores
 * secret-forms.ts against what it promises rather than against this wall-time bound.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { createScrubber } from '../../src/secrets/credentials.ts';

test('a long secret and many cuts stay fast: 3,000 characters, 1 MB of text with 40,000 "…"', () => {
  const scrubber = createScrubber();
  const secret = 'x'.repeat(3000) + 'END';
  scrubber.add(secret);
  const text = 'some widget text that is cut here… and more xxxxxxxxxx… '.repeat(20000);
  const started = performance.now();
  const shown = scrubber.scrub(text);
  const ms = performance.now() - started;
  assert.ok(ms < 6000, `${Math.round(ms)} ms`);
  assert.ok(!shown.includes('xxxxxxxx'), 'each cut of it is gone');
  assert.ok(shown.includes('some widget text that is cut here…'), 'the rest stays');
});
