/** FlowTestRun records built by hand (the shape of src/flowtest/types.ts) for the renderers' tests. */
import type { FlowCheck } from '../../src/check/flow-check.ts';
import type { Finding } from '../../src/document/types.ts';
import type { FlowTestRun, ScenarioResult } from '../../src/flowtest/types.ts';

export const passed = (name: string, line: number): ScenarioResult => ({
  name,
  at: { line, column: 5 },
  status: 'passed',
  path: ['Trigger', 'main_menu', 'sales'],
});

export const failed = (name: string, line: number): ScenarioResult => ({
  name,
  at: { line, column: 5 },
  status: 'failed',
  path: ['Trigger', 'main_menu', 'support'],
  failure: {
    kind: 'path',
    message: 'Expected step 3 to be "sales", but the flow ran "support" (from main_menu, event keypress).',
    step: 3,
    widget: 'support',
    expected: 'sales',
    actual: 'support',
    line: line + 9,
    column: 9,
  },
});

/** 4 passed, 1 failed, 12 of 15 transitions taken. */
export function sampleRun(overrides: Partial<FlowTestRun> = {}): FlowTestRun {
  const transitions = Array.from({ length: 15 }, (_, i) => ({
    widget: `w${i}`,
    index: 0,
    event: i === 3 ? 'match' : 'next',
    ...(i === 3 ? { condition: 'If value equal_to 1' } : {}),
    next: `w${i + 1}`,
  }));
  return {
    flowPath: 'flows/main-ivr.json',
    testPath: 'flows/main-ivr.test.yaml',
    problems: [],
    scenarios: [
      passed('Caller presses 1 and reaches sales', 3),
      passed('Caller says sales', 20),
      failed('Caller presses 2 and reaches support', 37),
      passed('Timeout goes to voicemail', 60),
      passed('After hours', 80),
    ],
    coverage: { transitions, taken: transitions.map((_, i) => i !== 3 && i !== 7 && i !== 11) },
    durationMs: 12.5,
    ...overrides,
  };
}

/** A run's findings the way part B's flowTestFindings places them: errors at the test file's lines. */
export function findingsOf(run: FlowTestRun): Finding[] {
  return [
    ...run.problems.map((p): Finding => ({
      severity: 'error',
      source: 'test',
      rule: 'test-file',
      message: p.message,
      file: run.testPath,
      ...(p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : {}),
    })),
    ...run.scenarios.flatMap((s): Finding[] =>
      s.failure
        ? [
            {
              severity: 'error',
              source: 'test',
              rule: `test-${s.failure.kind}`,
              message: `Scenario "${s.name}": ${s.failure.message}`,
              file: run.testPath,
              line: s.failure.line,
              column: s.failure.column,
            },
          ]
        : [],
    ),
  ];
}

/** A checked flow whose tests ran: their findings in its findings, as the per-file check puts them. */
export function testedFlow(run: FlowTestRun = sampleRun(), own: Finding[] = []): FlowCheck {
  return {
    path: run.flowPath,
    change: 'modified',
    friendlyName: 'Main IVR',
    validate: 'valid',
    findings: [...own, ...findingsOf(run)],
    tests: run,
  };
}
