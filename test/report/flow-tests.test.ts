/** The flow tests in the PR comment: counts, coverage, failed scenarios at their test-file line, untaken transitions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCheckReport, type CheckReport } from '../../src/report/check-comment.ts';
import { renderFlowTests, testMessage, testsLine } from '../../src/report/flow-tests.ts';
import { failed, passed, sampleRun, testedFlow } from '../support/flow-test-runs.ts';

const snapshot = { serializers: [(v: unknown) => String(v)] };
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;

const report = (flows: CheckReport['flows']): CheckReport => ({
  flows,
  removed: [],
  online: true,
  studioHost: 'studio.twilio.com',
  sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
});

test('the counts and the coverage on one line', () => {
  assert.equal(testsLine(sampleRun()), '4 passed, 1 failed · 12 of 15 transitions (80 %)');
  const all = sampleRun({ coverage: { transitions: [], taken: [] } });
  assert.equal(testsLine(all), '4 passed, 1 failed · the flow has no transitions');
  // 2 of 3 is 66 %, never rounded up to a coverage the tests do not have.
  const t = sampleRun().coverage.transitions.slice(0, 3);
  assert.match(
    testsLine(sampleRun({ coverage: { transitions: t, taken: [true, true, false] } })),
    /2 of 3 transitions \(66 %\)/,
  );
});

test('a flow with tests: the section shows them once, the overview a Tests column', (t) => {
  const other = { ...testedFlow(), path: 'flows/sms.json', friendlyName: 'SMS', tests: undefined, findings: [] };
  const md = renderCheckReport(report([testedFlow(), other]));
  assert.match(md, /\| Flow \| File \| Change \| Studio \| Result \| Tests \|/);
  assert.match(md, /\| ❌ 4\/5 · 80 % \|/);
  assert.match(
    md,
    /Flow tests\*\* \(`flows\/main-ivr\.test\.yaml`\): 4 passed, 1 failed · 12 of 15 transitions \(80 %\)/,
  );
  assert.match(md, /`flows\/main-ivr\.test\.yaml:46`/, 'the failure at its test-file line, in a code span (no link)');
  assert.match(md, /expected `sales`, actual `support`/);
  assert.match(md, /<details><summary>3 transitions no test takes<\/summary>/);
  assert.match(md, /- `w3` `match \(If value equal_to 1\)` → `w4`/);
  assert.equal(md.match(/Caller presses 2 and reaches support/g)?.length, 1, 'a failure is not listed twice');
  t.assert.fileSnapshot(md, snap('flow-tests'), snapshot);
});

test('no Tests column when no flow has tests', () => {
  const md = renderCheckReport(report([{ ...testedFlow(), tests: undefined, findings: [] }]));
  assert.match(md, /\| Flow \| File \| Change \| Studio \| Result \|\n/);
  assert.doesNotMatch(md, /Tests|Flow tests/);
});

test('a test file problem is listed at its line with its fix', () => {
  const run = sampleRun({
    problems: [{ message: 'Widget "salse" is not in the flow.', fix: 'Did you mean "sales"?', line: 12, column: 15 }],
  });
  const md = renderFlowTests(run, 'full');
  assert.match(
    md,
    /- ❌ \*\*Test file\*\* \(`flows\/main-ivr\.test\.yaml:12`\): Widget "salse" is not in the flow\. — \*Fix:\* Did you mean "sales"\?/,
  );
  assert.match(md, /1 test file problem/);
});

test('hostile scenario names, values and paths stay inert', () => {
  const evil = [
    '</details><!-- studio-flow-ci:check --><script>x</script>',
    'line one\n::error file=a::pwned\n## heading',
    '@everyone [link](https://evil.example) `code` | pipe',
    'x'.repeat(60_000),
  ];
  const scenarios = evil.flatMap((name, i) => [failed(name, 10 * i + 1), passed(name, 10 * i + 5)]);
  for (const s of scenarios) {
    if (s.failure) Object.assign(s.failure, { expected: evil[0], actual: evil[1], widget: evil[2] });
  }
  const run = sampleRun({ testPath: 'flows/</details>@x.test.yaml', scenarios });
  const md = renderCheckReport(report([testedFlow(run)]), { limit: 65_536 });
  assert.ok(md.length <= 65_536);
  // Code spans show text as typed (GitHub renders no markup, link or mention in them): the rest must be inert.
  const outside = md.replace(/(`+)[^`][\s\S]*?\1/g, '');
  assert.ok(md.includes('`flows/</details>@x.test.yaml:10`'), 'the place is a code span');
  assert.equal(outside.match(/<details/g)?.length, 2);
  assert.equal(outside.match(/<\/details>/g)?.length, 2, 'every <details> closed by our own');
  assert.equal(outside.match(/<!-- studio-flow-ci/g)?.length, 1, 'only our own marker');
  assert.ok(!outside.includes('<script'), 'no raw markup');
  assert.ok(!/\n::error/.test(md), 'no workflow command at a line start');
  assert.ok(!outside.includes('@everyone'), 'mentions defused');
  assert.ok(!md.includes('x'.repeat(1_000)), 'a 60k name is clipped');
  assert.ok(!outside.includes('](https://evil'), 'no link');
});

test('compact lists five failures and counts the rest; full lists them all', () => {
  const scenarios = Array.from({ length: 8 }, (_, i) => failed(`failing ${i}`, i * 10 + 1));
  const run = sampleRun({ scenarios });
  const compact = renderFlowTests(run, 'compact');
  assert.equal(compact.match(/- ❌/g)?.length, 5);
  assert.match(compact, /- … 3 more: run `studio-flow-ci test` to see every one/);
  assert.doesNotMatch(compact, /<details>/, 'compact leaves the untaken transitions out');
  assert.equal(renderFlowTests(run, 'full').match(/- ❌/g)?.length, 8);
});

test('backquoted names in a test message become code spans; any other backtick stays text', () => {
  assert.equal(
    testMessage('`notify_manager` never ran: stopped at `check_score` <b>'),
    '`notify_manager` never ran: stopped at `check_score` &lt;b&gt;',
  );
  assert.equal(testMessage('odd ` tick'), 'odd \\` tick');
  const md = testMessage('`x`y`z` `@everyone` [l](u)');
  assert.ok(!md.replace(/`[^`]*`/g, '').includes('@everyone'));
  assert.match(md, /\\\[l\\\]\\\(u\\\)/);
});
