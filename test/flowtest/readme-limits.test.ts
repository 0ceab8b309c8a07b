/** The README's "Flow tests" section states the bounds the code has: each number it names is the constant's. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { REGEX_TIME_MS, REGEX_TRIES } from '../../src/simulate/timed-regex.ts';
import { RENDER_BUDGET_MS } from '../../src/simulate/liquid-render.ts';
import { FILE_TIME_MS } from '../../src/flowtest/run.ts';
import { MAX_PROBLEMS } from '../../src/flowtest/read.ts';
import { MAX_SCENARIOS, MAX_REGEX_CHARS } from '../../src/flowtest/schema.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('## Flow tests'), README.indexOf('## What the pull request shows'));

test('README Flow tests: the time and size bounds it names are the code constants', () => {
  assert.ok(section.length > 0);
  const said = section.replace(/\s+/g, ' ');
  assert.match(said, new RegExp(`longer than ${REGEX_TIME_MS} ms`));
  assert.match(said, new RegExp(`it gets ${REGEX_TRIES} tries`));
  assert.match(said, new RegExp(`Liquid rendering gets ${RENDER_BUDGET_MS / 1000} s per execution`));
  assert.match(said, new RegExp(`one test file ${FILE_TIME_MS / 1000} s`));
  assert.match(said, new RegExp(`at most ${MAX_PROBLEMS} problems`));
  assert.match(said, new RegExp(`1 to ${MAX_SCENARIOS} scenarios`));
  assert.match(said, new RegExp(`a pattern over ${MAX_REGEX_CHARS.toLocaleString('en-US')} characters`));
});
