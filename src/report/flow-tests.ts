/**
 * A flow's tests in the report: the counts and the transition coverage on one line, each failed scenario with
 * the first expectation that did not hold (expected vs actual, the test file's `file:line`), the test file's own
 * problems, and the transitions no test takes in a `<details>`. Every text from the test file or the flow goes
 * through src/report/escape.ts.
 */
import type { FlowTestRun, ScenarioResult, TestFileProblem, TransitionRef } from '../flowtest/types.ts';
import { code, htmlText, text } from './escape.ts';
import { plural } from './words.ts';

/** How much the block shows: everything, or the essentials when the comment must shrink. */
export type TestDetail = 'full' | 'compact';

/** Failed scenarios and problems listed one by one (full / compact); past this, one line counts the rest. */
const LISTED = { full: 50, compact: 5 } as const;
/** Untaken transitions listed in the `<details>` (full only). */
const UNTAKEN_LISTED = 200;
/** Characters of a scenario name, an expected or an actual value shown. */
const NAME_CHARS = 200;
const VALUE_CHARS = 300;

/** A value cut to `max` characters (by code point), marked when cut. */
function clip(value: string, max: number): string {
  const points = [...value];
  return points.length <= max ? value : `${points.slice(0, max).join('')}…`;
}

/**
 * A flow test's message as Markdown: its `backquoted` names (how src/flowtest/ writes widgets, values and
 * events) as code spans, the rest as text; any string is safe (an odd backtick stays text).
 */
export function testMessage(message: string): string {
  return message
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 === 1 ? code(part) : text(part)))
    .join('');
}

export interface TestCounts {
  passed: number;
  failed: number;
  problems: number;
  taken: number;
  transitions: number;
}

export function testCounts(run: FlowTestRun): TestCounts {
  return {
    passed: run.scenarios.filter((s) => s.status === 'passed').length,
    failed: run.scenarios.filter((s) => s.status === 'failed').length,
    problems: run.problems.length,
    taken: run.coverage.taken.filter(Boolean).length,
    transitions: run.coverage.transitions.length,
  };
}

/** Whole percent, rounded down: 100 % only when every transition is taken. */
export function coveragePercent(counts: Pick<TestCounts, 'taken' | 'transitions'>): number | undefined {
  return counts.transitions === 0 ? undefined : Math.floor((100 * counts.taken) / counts.transitions);
}

/** "4 passed, 1 failed · 12 of 15 transitions (80 %)" (plain text, no markup). */
export function testsLine(run: FlowTestRun): string {
  const c = testCounts(run);
  const results = [`${c.passed} passed`, ...(c.failed ? [`${c.failed} failed`] : [])];
  if (c.problems) results.push(plural(c.problems, 'test file problem'));
  const percent = coveragePercent(c);
  const coverage =
    percent === undefined ? 'the flow has no transitions' : `${c.taken} of ${c.transitions} transitions (${percent} %)`;
  return `${results.join(', ')} · ${coverage}`;
}

/** The icon of a flow's tests: ❌ when any scenario failed or the test file has problems. */
export function testsIcon(run: FlowTestRun): string {
  const c = testCounts(run);
  return c.failed + c.problems > 0 ? '❌' : '✅';
}

/** A link-free place in the test file: `path:line` in a code span (GitHub links no code span). */
function at(run: FlowTestRun, line: number | undefined): string {
  return code(line === undefined ? run.testPath : `${run.testPath}:${line}`);
}

function failedLine(run: FlowTestRun, s: ScenarioResult): string {
  const f = s.failure;
  const name = `**${text(clip(s.name, NAME_CHARS))}**`;
  if (!f) return `- ❌ ${name} (${at(run, s.at.line)})`;
  const where = [
    ...(f.step !== undefined ? [`step ${f.step}`] : []),
    ...(f.widget !== undefined ? [`widget ${code(clip(f.widget, NAME_CHARS))}`] : []),
  ];
  const values = [
    ...(f.expected !== undefined ? [`expected ${code(clip(f.expected, VALUE_CHARS))}`] : []),
    ...(f.actual !== undefined ? [`actual ${code(clip(f.actual, VALUE_CHARS))}`] : []),
  ];
  return [
    `- ❌ ${name} (${at(run, f.line)}, ${code(f.kind)}${where.length ? `, ${where.join(', ')}` : ''}): `,
    testMessage(clip(f.message, VALUE_CHARS * 2)),
    values.length ? ` — ${values.join(', ')}` : '',
  ].join('');
}

function problemLine(run: FlowTestRun, p: TestFileProblem): string {
  const fix = p.fix ? ` — *Fix:* ${testMessage(clip(p.fix, VALUE_CHARS))}` : '';
  return `- ❌ **Test file** (${at(run, p.line)}): ${testMessage(clip(p.message, VALUE_CHARS * 2))}${fix}`;
}

function transitionLine(t: TransitionRef): string {
  const event = t.condition !== undefined ? `${t.event} (${t.condition})` : t.event;
  return `- ${code(clip(t.widget, NAME_CHARS))} ${code(clip(event, NAME_CHARS))} → ${code(clip(t.next, NAME_CHARS))}`;
}

function untaken(run: FlowTestRun): string | undefined {
  const missed = run.coverage.transitions.filter((_, i) => !run.coverage.taken[i]);
  if (missed.length === 0) return undefined;
  const shown = missed.slice(0, UNTAKEN_LISTED).map(transitionLine);
  const more = missed.length - shown.length;
  // The `<summary>` line is an HTML block: only our own words there.
  return [
    `<details><summary>${htmlText(`${plural(missed.length, 'transition')} no test takes`)}</summary>`,
    '',
    ...shown,
    ...(more > 0 ? [`- … ${more} more`] : []),
    '',
    '</details>',
  ].join('\n');
}

/** The tests block of one flow's section. */
export function renderFlowTests(run: FlowTestRun, detail: TestDetail): string {
  // The counts line holds only our own words and numbers.
  const head = `${testsIcon(run)} **Flow tests** (${code(run.testPath)}): ${testsLine(run)}`;
  const items = [
    ...run.problems.map((p) => problemLine(run, p)),
    ...run.scenarios.filter((s) => s.status === 'failed').map((s) => failedLine(run, s)),
  ];
  const listed = items.slice(0, LISTED[detail]);
  const more = items.length - listed.length;
  const list = [
    ...listed,
    ...(more > 0 ? [`- … ${more} more: run \`studio-flow-ci test\` to see every one`] : []),
  ].join('\n');
  const parts = [head, ...(list ? [list] : []), ...(detail === 'full' ? [untaken(run)] : [])];
  return parts.filter((p): p is string => p !== undefined).join('\n\n');
}

/** The overview table's cell: "✅ 5/5 · 80 %" (our own characters only). */
export function testsCell(run: FlowTestRun | undefined): string {
  if (!run) return '—';
  const c = testCounts(run);
  const percent = coveragePercent(c);
  const problems = c.problems ? `, ${plural(c.problems, 'problem')}` : '';
  return `${testsIcon(run)} ${c.passed}/${c.passed + c.failed}${problems}${percent === undefined ? '' : ` · ${percent} %`}`;
}
