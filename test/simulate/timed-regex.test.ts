/**
 * The regex time limit is wall time, so a busy machine (tests run side by side on a CI runner) can stop a fast
 * search once: a search is called slow only when it is stopped REGEX_TRIES times in a row.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { REGEX_TIME_MS, REGEX_TRIES, timedTest } from '../../src/simulate/timed-regex.ts';

test('a catastrophic pattern is slow only after every try was stopped at the limit', () => {
  const start = performance.now();
  const verdict = timedTest({ pattern: '^(a|a)*$', flags: 'u', text: `${'a'.repeat(40)}b` });
  const took = performance.now() - start;
  assert.equal(verdict, 'slow');
  assert.ok(REGEX_TRIES >= 2);
  assert.ok(
    took >= REGEX_TRIES * REGEX_TIME_MS * 0.9,
    `stopped after ${took.toFixed(0)} ms: fewer than ${REGEX_TRIES} tries`,
  );
});

test('a fast pattern answers at once, the first search of the process included', () => {
  assert.equal(timedTest({ pattern: '^ship', flags: 'u', text: 'shipped' }), true);
  assert.equal(timedTest({ pattern: '^ship', flags: 'u', text: 'unshipped' }), false);
  assert.throws(() => timedTest({ pattern: '(', flags: 'u', text: 'x' }), /Invalid regular expression/);
});
