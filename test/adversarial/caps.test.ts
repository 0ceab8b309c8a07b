/** Adversarial: the 65,536-character cap with names and paths that grow when escaped (issue 10, point 7). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { definition, freshStudio, h, json, push, SHA, startAll, stopAll } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

test('300 created flows named with 200 "<&|`" characters and long paths: the merged-PR comment stays under 65,536', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i += 1) {
    const name = `${String(i).padStart(3, '0')}${'<&|`*_['.repeat(28)}`.slice(0, 200);
    files[`flows/${'d'.repeat(60)}/${'x'.repeat(120)}-${i}.json`] = json({
      friendly_name: name,
      definition: definition(`t${i}`),
    });
  }
  h.github.commitPulls.set(SHA, [{ number: 300, merged_at: '2026-11-23T08:00:00Z' }]);
  h.github.comments.set(300, []);
  const run = await push(files, { deploy: 'all', 'allow-create': 'true' });
  assert.equal(run.code, 0, run.stdout.slice(-3000));
  const comment = h.github.comments.get(300)?.[0]?.body ?? '';
  assert.ok(
    comment.length > 0,
    `no comment; ${run.stdout
      .split('\n')
      .filter((l) => l.startsWith('::warning'))
      .join('\n')}`,
  );
  assert.ok(comment.length <= 65_536, `comment is ${comment.length} characters`);
  assert.ok(Buffer.byteLength(run.summary) <= 1024 * 1024, `summary ${Buffer.byteLength(run.summary)} bytes`);
});
