/** `studio-flow-ci test`'s terminal text: per flow its scenarios, the first difference of each failed one, the counts. */
import type { FlowTestRun, ScenarioResult } from '../flowtest/types.ts';
import { testCounts, testsLine } from '../report/flow-tests.ts';
import { plainLine } from '../report/escape.ts';
import type { Style } from './markdown-text.ts';
import type { SelectProblem } from './test-select.ts';

/** Characters of one name or value shown (a test file may hold anything). */
const SHOWN = 300;

/** One terminal line of outside text: credentials masked, control characters (escape sequences) as spaces, clipped. */
function safe(value: string): string {
  const points = [...plainLine(value)];
  return points.length <= SHOWN ? points.join('') : `${points.slice(0, SHOWN).join('')}…`;
}

/** One flow's tests: what ran or why they could not. */
export interface FlowTestOutcome {
  flowPath: string;
  run?: FlowTestRun;
  /** Why the tests did not run (the flow file does not parse, the tests could not be read). */
  problems: string[];
}

function scenarioLines(run: FlowTestRun, s: ScenarioResult, style: Style): string[] {
  if (s.status === 'passed') return [`  ${style.added('✓')} ${safe(s.name)}`];
  const f = s.failure;
  const head = `  ${style.removed('✗')} ${safe(s.name)}`;
  if (!f) return [head, `      ${run.testPath}:${s.at.line}`];
  const where = [f.step !== undefined ? `step ${f.step}` : '', f.widget !== undefined ? `widget ${safe(f.widget)}` : '']
    .filter(Boolean)
    .join(', ');
  return [
    head,
    `      ${style.dim(`${safe(run.testPath)}:${f.line}:${f.column}`)}: ${f.kind}${where ? ` (${where})` : ''}: ${safe(f.message)}`,
    ...(f.expected !== undefined ? [`      expected: ${style.added(safe(f.expected))}`] : []),
    ...(f.actual !== undefined ? [`      actual:   ${style.removed(safe(f.actual))}`] : []),
  ];
}

function runLines(run: FlowTestRun, style: Style): string[] {
  const c = testCounts(run);
  const problems = run.problems.map(
    (p) =>
      `  ${style.removed('✗')} ${style.dim(`${safe(run.testPath)}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}`)}: ${safe(p.message)}${p.fix ? ` Fix: ${safe(p.fix)}` : ''}`,
  );
  const ok = c.failed + c.problems === 0;
  return [
    ...problems,
    ...run.scenarios.flatMap((s) => scenarioLines(run, s, style)),
    `  ${(ok ? style.added : style.removed)(testsLine(run))}`,
  ];
}

/** The whole report: one block per flow, the problems of named files, then one line of totals. */
export function testReportText(outcomes: FlowTestOutcome[], selectProblems: SelectProblem[], style: Style): string {
  const blocks = outcomes.map((o) => {
    const head = `${style.bold(safe(o.flowPath))}${o.run ? ` ${style.dim(`(${safe(o.run.testPath)})`)}` : ''}`;
    const body = [
      ...o.problems.map((p) => `  ${style.removed('✗')} ${safe(p)}`),
      ...(o.run ? runLines(o.run, style) : []),
    ];
    return [head, ...body].join('\n');
  });
  const named = selectProblems.map((p) => `${style.removed('✗')} ${safe(p.message)}`);
  const total = totals(outcomes, selectProblems.length);
  return `${[...blocks, ...named, total].join('\n\n')}\n`;
}

/** "3 flows: 10 passed, 1 failed" and the problems, if any. */
function totals(outcomes: FlowTestOutcome[], named: number): string {
  let passed = 0;
  let failed = 0;
  let problems = named;
  for (const o of outcomes) {
    problems += o.problems.length;
    if (!o.run) continue;
    const c = testCounts(o.run);
    passed += c.passed;
    failed += c.failed;
    problems += c.problems;
  }
  const flows = `${outcomes.length} flow${outcomes.length === 1 ? '' : 's'}`;
  return `${flows}: ${passed} passed, ${failed} failed${problems ? `, ${problems} problem${problems === 1 ? '' : 's'}` : ''}`;
}

/** True when anything failed or could not run: exit code 1. */
export function anyFailure(outcomes: FlowTestOutcome[], selectProblems: SelectProblem[]): boolean {
  return (
    selectProblems.length > 0 ||
    outcomes.some(
      (o) => o.problems.length > 0 || (o.run !== undefined && testCounts(o.run).failed + o.run.problems.length > 0),
    )
  );
}
