/** Adversarial: a draft deploy's reports vs what runs in Studio (issue 10, point 4 and 7). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { definition, freshStudio, h, json, push, says, seed, SHA, startAll, stopAll } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

test('a draft deploy does not report the draft as the live revision (summary, comment)', async () => {
  const sid = seed('Survey', 'old');
  h.github.commitPulls.set(SHA, [{ number: 31, merged_at: '2026-11-23T08:00:00Z' }]);
  h.github.comments.set(31, []);
  const run = await push(
    { 'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('new') }) },
    { deploy: 'all', status: 'draft' },
  );
  assert.equal(run.code, 0, run.stdout);
  assert.deepEqual(
    says(sid).map(([r, s]) => [r, s]),
    [
      [1, 'published'],
      [2, 'draft'],
    ],
  );
  const comment = h.github.comments.get(31)?.[0]?.body ?? '';
  for (const [where, text] of [
    ['summary', run.summary],
    ['comment', comment],
  ] as const) {
    const row = text.split('\n').find((l) => l.includes('flows/survey.json') && l.startsWith('|')) ?? '';
    assert.ok(
      !/Live revision/.test(text) || !/r1 → r2/.test(row) || /draft/i.test(row),
      `${where} says r2 is live: ${row}\n${text.slice(0, 800)}`,
    );
  }
});
