/** The deploy report and the final message, rendered from the record: hostile names, every state, the size cap. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusedRecord, type DeployRecord, type FlowEntry, type FlowState } from '../../src/deploy/record.ts';
import { withDeployBlock } from '../../src/github/release-block.ts';
import { deployFailure } from '../../src/report/deploy-message.ts';
import { fitDeployReport, renderDeployReport } from '../../src/report/deploy-summary.ts';

const SHA = 'c'.repeat(40);
const FW = (n: number) => `FW${String(n).padStart(32, '0')}`;
function e(path: string, state: FlowState, extra: Partial<FlowEntry> = {}): FlowEntry {
  return {
    path,
    friendlyName: path.replace('.json', ''),
    action: 'update',
    state,
    sid: FW(path.length),
    previousRevision: 1,
    revision: 1,
    ...extra,
  };
}
const record = (flows: FlowEntry[], extra: Partial<DeployRecord> = {}): DeployRecord => ({
  sha: SHA,
  scope: 'push: 2 flows changed',
  flows,
  ...extra,
});

test('hostile flow names and paths cannot break the table, open HTML, mention anyone or start a workflow command', (t) => {
  const hostile = e('flows/x|y`</details>.json', 'confirmed', {
    friendlyName: 'Evil <img src=x> | @everyone\n::error::pwned **b**',
    revision: 2,
  });
  const md = renderDeployReport(record([hostile]));
  const row = md.split('\n').find((l) => l.includes('Evil'))!;
  t.assert.equal(row.split(/(?<!\\)\|/).length, 7, `six cells: ${row}`);
  assert.ok(!md.includes('<img') && !md.includes('@everyone'), md);
  t.assert.equal(md.split('</details>').length, 2, 'the tag appears once: inside the code span of the path');
  assert.ok(row.includes('``flows/x\\|y`</details>.json``'), row);
  assert.ok(!/^::/m.test(md), 'no line starts with ::');
  t.assert.match(row, /&lt;img src=x&gt;/);
});

test('every state has its own words; a created-then-deleted flow never prints rundefined', (t) => {
  const flows = [
    e('a.json', 'confirmed', { revision: 2 }),
    e('n.json', 'confirmed', { action: 'create', previousRevision: undefined, revision: 1 }),
    e('u.json', 'unchanged'),
    e('d.json', 'rolled-back', { action: 'create', previousRevision: undefined, revision: undefined, deleted: true }),
    e('r.json', 'rolled-back', { revision: 3 }),
    e('rf.json', 'rollback-failed', {
      revision: 2,
      reason: 'rollback failed: HTTP 503; r2 of this deploy is still live',
    }),
    e('f.json', 'failed', { reason: 'HTTP 400' }),
    e('q.json', 'unknown', { revision: undefined, reason: 'may or may not have been applied' }),
    e('s.json', 'not-attempted', { reason: 'not attempted: f.json failed before it' }),
  ];
  const md = renderDeployReport(record(flows));
  t.assert.doesNotMatch(md, /undefined/);
  for (const [name, cell] of [
    ['a', '🚀 updated | r1 → r2'],
    ['n', '🆕 created | r1 (new flow)'],
    ['u', '➖ unchanged | r1 (already this definition)'],
    ['d', '↩️ rolled-back | deleted again (created by this deploy)'],
    ['r', '↩️ rolled-back | r1 → r3'],
    ['rf', '🔥 rollback-failed | r2 of this deploy, still live'],
    ['f', '❌ failed | r1 (not written)'],
    ['q', '❓ unknown | unknown: r1 or a newer one'],
    ['s', '⏸️ not-attempted | r1 (not written)'],
  ])
    assert.ok(md.includes(`| ${name} | \`${name}.json\` | ${cell} |`), `${name}: ${md}`);
  t.assert.match(md, /\*\*Deploy failed\.\*\* 3 flows of this commit still live\. 1 flow in an unknown state/);
  t.assert.match(md, /- `q\.json` \(unknown\): may or may not have been applied/);
});

test('headlines: nothing to deploy, deployed, refused, failed with nothing left live', (t) => {
  t.assert.match(
    renderDeployReport(record([e('u.json', 'unchanged')])),
    /Nothing was deployed: every flow already matches Studio\./,
  );
  t.assert.match(renderDeployReport(record([])), /Nothing was deployed: no flow file is in this deploy's scope\./);
  t.assert.match(
    renderDeployReport(record([e('a.json', 'confirmed'), e('u.json', 'unchanged')])),
    /\*\*Deployed 1 of 2 flows\*\* \(1 already matched Studio\)/,
  );
  const refused = refusedRecord({
    sha: SHA,
    scope: 's',
    entries: [e('a.json', 'checked'), e('b.json', 'checked')],
    refusal: 'a.json: <b>drift</b>',
    reasons: new Map([['a.json', 'drift: Console edit']]),
  });
  const md = renderDeployReport(refused);
  t.assert.match(md, /\*\*Nothing was deployed:\*\* a\.json: &lt;b&gt;drift&lt;\/b&gt;/);
  t.assert.match(md, /- `a\.json` \(not-attempted\): drift: Console edit/);
  t.assert.doesNotMatch(md, /b\.json` \(not-attempted\)/, 'flows refused only because of another are not listed twice');
  t.assert.doesNotMatch(md, /on merge/);
  const undone = renderDeployReport(
    record([e('r.json', 'rolled-back', { revision: 3 }), e('f.json', 'failed', { reason: 'x' })]),
  );
  t.assert.match(undone, /\*\*Deploy failed\. Nothing was deployed\*\*: no flow holds this commit now\./);
});

test('the final message says exactly what is left where; "every flow was rolled back" only when true', (t) => {
  const all = record([
    e('r.json', 'rolled-back', { revision: 3 }),
    e('f.json', 'failed', { reason: 'HTTP 400' }),
    e('s.json', 'not-attempted'),
  ]);
  t.assert.equal(
    deployFailure(all, 'rollback'),
    'Deploy stopped: f.json failed (HTTP 400). Every flow this run had deployed was rolled back. Not attempted: 1.',
  );
  const partly = record([
    e('r.json', 'rolled-back', { revision: 3 }),
    e('rf.json', 'rollback-failed', { reason: 'rollback failed: HTTP 503; r2 of this deploy is still live' }),
    e('q.json', 'unknown', { reason: 'answer lost' }),
  ]);
  const message = deployFailure(partly, 'rollback')!;
  t.assert.doesNotMatch(message, /Every flow/);
  t.assert.match(
    message,
    /^Deploy stopped: q\.json \("q", FW\d+\) may or may not have been written \(answer lost\)\. Its state is unknown: look at its latest revision in Studio before re-running\./,
  );
  t.assert.match(
    message,
    /Rolled back: r\.json\. Not rolled back, its state being unknown: q\.json\. Rollback FAILED: rf\.json \("rf", FW\d+\): rollback failed: HTTP 503; r2 of this deploy is still live; to restore it, run mode: rollback with flow rf\.json and revision 1\./,
  );
  t.assert.equal(
    deployFailure(record([e('a.json', 'confirmed'), e('f.json', 'failed', { reason: 'x' })]), 'stop'),
    'Deploy stopped: f.json failed (x). Left deployed: a.json. Not attempted: 0.',
  );
  t.assert.equal(deployFailure(record([e('a.json', 'confirmed')]), 'rollback'), undefined);
  t.assert.equal(
    deployFailure(
      refusedRecord({ sha: SHA, scope: 's', entries: [e('a.json', 'checked')], refusal: 'drift.' }),
      'rollback',
    ),
    'Nothing was deployed: drift.',
  );
});

test("400 flows fit GitHub's 65,536 characters, with a pointer to the job summary", (t) => {
  const flows = Array.from({ length: 400 }, (_, i) =>
    e(`flows/team-${i}/${'long-name-'.repeat(12)}${i}.json`, 'failed', {
      friendlyName: `${'Customer journey '.repeat(6)}${i}`,
      reason: `HTTP 400 ${'x'.repeat(200)}`,
    }),
  );
  const full = renderDeployReport(record(flows));
  assert.ok(full.length > 65_536, `the test needs a report over the cap (${full.length})`);
  const fitted = fitDeployReport(record(flows), {
    limit: 65_536,
    pointer: 'see the job summary of [the workflow run](https://github.com/o/r/actions/runs/1)',
  });
  assert.ok(fitted.length <= 65_536 && fitted.length > 60_000, String(fitted.length));
  t.assert.match(fitted, /> \d+ more flows not shown here: see the job summary of \[the workflow run\]/);
  t.assert.equal(
    fitDeployReport(record(flows.slice(0, 3)), { limit: 65_536, pointer: 'p' }),
    renderDeployReport(record(flows.slice(0, 3))),
  );
  t.assert.match(fitDeployReport(record(flows), { limit: 300, pointer: 'p' }), /> 400 more flows not shown here: p\.$/);
  t.assert.match(
    fitDeployReport(record(flows), { limit: 120, pointer: 'p' }),
    /The deploy report is too large here: p\.$/,
  );
});

test("release notes: only this environment's block is replaced; text around it is kept", (t) => {
  const block = (content: string) => ({ start: '<!-- s -->', end: '<!-- /s -->', content });
  const once = withDeployBlock('Human notes.', block('one'));
  t.assert.equal(once, 'Human notes.\n\n<!-- s -->\none\n<!-- /s -->\n');
  t.assert.equal(
    withDeployBlock(`${once}\nLater human text.`, block('two')),
    'Human notes.\n\n<!-- s -->\ntwo\n<!-- /s -->\n\nLater human text.\n',
  );
  t.assert.equal(withDeployBlock('', block('x')), '<!-- s -->\nx\n<!-- /s -->\n');
});

test('a draft deploy says "draft rN written; live rM", never the draft as live; a rename is said in the reasons', (t) => {
  const md = renderDeployReport(
    record([
      e('a.json', 'confirmed', { revision: 1, writtenRevision: 2, draft: true }),
      e('d.json', 'confirmed', { revision: undefined, writtenRevision: 3, draft: true }),
      e('n.json', 'confirmed', {
        action: 'create',
        previousRevision: undefined,
        revision: undefined,
        writtenRevision: 1,
        draft: true,
      }),
      e('r.json', 'confirmed', { revision: 2, why: 'renamed from "r" to "R"' }),
    ]),
  );
  assert.ok(md.includes('| a | `a.json` | 🚀 updated | draft r2 written; live r1 |'), md);
  assert.ok(md.includes('| d | `d.json` | 🚀 updated | draft r3 written; never published |'), md);
  assert.ok(md.includes('| n | `n.json` | 🆕 created | draft r1 written (new flow, nothing live) |'), md);
  t.assert.match(md, /- `r\.json` \(updated\): renamed from "r" to "R"/);
  t.assert.match(
    md,
    /\*\*Deployed 4 of 4 flows\*\* \(0 already matched Studio\)\. 3 are drafts \(status: draft\): written, not live\./,
  );
});
