/** The sync PR body and the drift summary: snapshots of the rendered Markdown, hostile names, the size cap. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BODY_LIMIT } from '../../src/github/comment.ts';
import { renderSyncBody, syncMarker, syncTitle } from '../../src/report/sync-body.ts';
import type { SyncPlan } from '../../src/sync/plan.ts';
import { planOf, syncFile } from '../support/sync-kit.ts';

const snapshot = { serializers: [(v: unknown) => String(v)] };
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;

function hostilePlan(): SyncPlan {
  const file = syncFile({
    path: 'flows/`x`|y</details>.json',
    name: '</summary></details><b>@everyone</b>\n::error::pwned',
    before: 'Hello',
    live: 'Hi @octocat </details> [pwn](https://evil) ``` \u202e',
  });
  file.commitMessage = 'saved by @mallory <script>\n::warning::x';
  file.dateUpdated = '<b>@x</b>\n::error::';
  file.placeholders = [
    {
      placeholder: '${var.SUPPORT_NUMBER}',
      widget: 'greet|`x`',
      pointer: '/states/1/properties/body',
      expected: '+15550100',
      live: '+1555 @team | </details>',
    },
  ];
  const plan = planOf([file, syncFile({ path: 'flows/same.json', before: 'A', live: 'A' })], 'pro<d>@x');
  plan.problems.push({ path: 'flows/<b>.json', message: 'shape @x', fix: '[fix](javascript:x)', level: 'warning' });
  return plan;
}

test('the PR body: marker first, per flow the revision, when, commit message, diff and picture; unchanged flows left out', (t) => {
  const plan = planOf([
    syncFile({ path: 'flows/main.json', before: 'Hello', live: 'Hello from the Console' }),
    syncFile({ path: 'flows/quiet.json', name: 'Quiet', before: 'Same', live: 'Same' }),
  ]);
  plan.files[0]!.commitMessage = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
  const md = renderSyncBody(plan);
  assert.ok(md.startsWith(`${syncMarker('prod')}\n`));
  assert.match(md, /live r7 \(published, updated 2026-11-29 10:00:00, commit `ec26c3e`\)/);
  assert.match(md, /```mermaid\n/);
  assert.ok(!md.includes('quiet.json'), 'a flow that did not change is not listed');
  assert.equal(syncTitle(plan), 'Studio sync (prod): 1 flow edited in Studio');
  t.assert.fileSnapshot(md, snap('sync-body'), snapshot);
});

test('hostile names, messages and values cannot break the body, mention anyone or issue workflow commands', (t) => {
  const md = renderSyncBody(hostilePlan());
  // Code spans and fenced blocks show their text as it is (GitHub escapes it): what is outside them is checked.
  const outside = md.replace(/^```[\s\S]*?^```$/gm, '').replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
  assert.equal(outside.match(/<details/g)?.length, 1);
  assert.equal(outside.match(/<\/details>/g)?.length, 1);
  assert.equal(outside.match(/<\/summary>/g)?.length, 1);
  assert.ok(!outside.includes('@'), 'no raw @ outside code');
  assert.ok(!/^::/m.test(md), 'no line starts a workflow command');
  assert.ok(!md.includes('\u202e'), 'no bidi override');
  assert.ok(!md.includes('](javascript'), 'no link from a value');
  assert.match(md, /\[!WARNING\]\n> 1 placeholder no longer matches the live value/);
  assert.ok(md.startsWith('<!-- studio-flow-ci:sync:pro_d__x -->\n'), 'the environment cannot end the marker');
  assert.ok(!/[\n<>@]/.test(syncTitle(hostilePlan()).replace(/ \(pro<d>@x\)/, '')), 'title is one line');
  assert.ok(!syncTitle(hostilePlan()).includes('\n'));
  t.assert.fileSnapshot(md, snap('sync-body-hostile'), snapshot);
});

test('the drift summary names the PR; no marker', () => {
  const md = renderSyncBody(hostilePlan(), { kind: 'summary', prUrl: 'https://github.com/o/r/pull/1' });
  assert.ok(
    md.startsWith('### Studio drift in environment `pro<d>&#64;&#8203;x`') || md.startsWith('### Studio drift'),
  );
  assert.ok(!md.includes('studio-flow-ci:sync'));
  assert.match(md, /Sync pull request: https:\/\/github\.com\/o\/r\/pull\/1/);
});

test('over the size cap: full, then compact sections, then a note; never over the limit', () => {
  const files = Array.from({ length: 400 }, (_, i) =>
    syncFile({ path: `flows/f${i}.json`, before: 'x'.repeat(2000), live: `y${i}`.repeat(500) }),
  );
  const md = renderSyncBody(planOf(files));
  assert.ok(md.length <= BODY_LIMIT, `${md.length}`);
  assert.ok(md.startsWith(syncMarker('prod')));
  const small = renderSyncBody(planOf(files.slice(0, 3)), { limit: 3000 });
  assert.ok(small.length <= 3000, `${small.length}`);
  assert.match(small, /\*\*Changes:\*\*|do not fit here/);
  const tiny = renderSyncBody(planOf(files), { limit: 2000 });
  assert.ok(tiny.length <= 2000, `${tiny.length}`);
  assert.match(tiny, /400 flows differ from git/);
});
