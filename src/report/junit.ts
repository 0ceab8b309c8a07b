/**
 * Flow tests as JUnit XML for other CI tools (test reporters, dashboards): one `testsuite` per test file, one
 * `testcase` per scenario (`classname` = the flow file), a `failure` with its message and detail, the test file's
 * own problems as `error` testcases. Pure: every text is escaped for XML 1.0 here, credentials masked.
 */
import type { FlowTestRun, ScenarioResult, TestFileProblem } from '../flowtest/types.ts';
import { maskText } from '../secrets/mask.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text safe in XML 1.0 content and attributes: credentials masked; characters XML 1.0 does not allow (most
 * C0 controls, lone surrogates, U+FFFE/U+FFFF) as `‹U+XXXX›`; markup characters as entities; in attributes line
 * breaks and tabs as character references so that they survive attribute normalisation. `]]>` cannot survive:
 * `>` is always an entity.
 */
export function xmlText(value: string, options: { attribute?: boolean } = {}): string {
  const safe = maskText(value).replace(
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are exactly what is replaced
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `‹U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}›`,
  );
  const escaped = safe.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
  return options.attribute
    ? escaped.replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')
    : escaped.replace(/\r/g, '&#13;');
}

const attr = (value: string) => xmlText(value, { attribute: true });
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function failureDetail(run: FlowTestRun, s: ScenarioResult): string {
  const f = s.failure;
  if (!f) return `${run.testPath}:${s.at.line}`;
  return [
    `${run.testPath}:${f.line}:${f.column}`,
    `expectation: ${f.kind}`,
    ...(f.step !== undefined ? [`step: ${f.step}`] : []),
    ...(f.widget !== undefined ? [`widget: ${f.widget}`] : []),
    ...(f.expected !== undefined ? [`expected: ${f.expected}`] : []),
    ...(f.actual !== undefined ? [`actual: ${f.actual}`] : []),
    `path: ${s.path.join(' → ')}`,
  ].join('\n');
}

function scenarioCase(run: FlowTestRun, s: ScenarioResult, time: string): string {
  const open = `    <testcase classname="${attr(run.flowPath)}" name="${attr(s.name)}" file="${attr(run.testPath)}" line="${s.at.line}" time="${time}"`;
  if (s.status === 'passed') return `${open}/>`;
  const message = s.failure?.message ?? 'the scenario failed';
  const type = s.failure?.kind ?? 'failure';
  return [
    `${open}>`,
    `      <failure message="${attr(message)}" type="${attr(type)}">${xmlText(failureDetail(run, s))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function problemCase(run: FlowTestRun, p: TestFileProblem, index: number): string {
  const where = p.line === undefined ? run.testPath : `${run.testPath}:${p.line}${p.column ? `:${p.column}` : ''}`;
  const detail = [where, p.message, ...(p.fix ? [`fix: ${p.fix}`] : [])].join('\n');
  return [
    `    <testcase classname="${attr(run.flowPath)}" name="${attr(`test file problem ${index + 1}`)}" file="${attr(run.testPath)}"${p.line === undefined ? '' : ` line="${p.line}"`} time="0">`,
    `      <error message="${attr(p.message)}" type="test-file">${xmlText(detail)}</error>`,
    '    </testcase>',
  ].join('\n');
}

function suite(run: FlowTestRun): string {
  const failures = run.scenarios.filter((s) => s.status === 'failed').length;
  const tests = run.scenarios.length + run.problems.length;
  // The run's wall time spread over its scenarios: JUnit wants one per case, the run measures the whole.
  const each = seconds(run.scenarios.length ? run.durationMs / run.scenarios.length : 0);
  const cases = [
    ...run.problems.map((p, i) => problemCase(run, p, i)),
    ...run.scenarios.map((s) => scenarioCase(run, s, each)),
  ];
  const open = `  <testsuite name="${attr(run.testPath)}" tests="${tests}" failures="${failures}" errors="${run.problems.length}" skipped="0" time="${seconds(run.durationMs)}"`;
  return cases.length ? [`${open}>`, ...cases, '  </testsuite>'].join('\n') : `${open}/>`;
}

/** The JUnit XML document of the runs (one `testsuite` per test file), ending with a newline. */
export function renderJUnit(runs: readonly FlowTestRun[]): string {
  const sum = (f: (r: FlowTestRun) => number) => runs.reduce((n, r) => n + f(r), 0);
  const tests = sum((r) => r.scenarios.length + r.problems.length);
  const failures = sum((r) => r.scenarios.filter((s) => s.status === 'failed').length);
  const errors = sum((r) => r.problems.length);
  const time = seconds(sum((r) => r.durationMs));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="studio-flow-ci flow tests" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}">`,
    ...runs.map(suite),
    '</testsuites>',
    '',
  ].join('\n');
}
