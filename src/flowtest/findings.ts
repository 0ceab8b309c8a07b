/** A flow-test run as findings of the flow: problems of the test file and failed scenarios, at the test file's line. */
import type { Finding } from '../document/types.ts';
import { scenarioName } from './text.ts';
import type { FlowTestRun, ScenarioFailure } from './types.ts';

const FIXES: Record<ScenarioFailure['kind'], string> = {
  path: 'Fix the flow so this scenario takes the expected path, or update expect.path if the change is intended.',
  visits: 'Fix the flow so the scenario runs these widgets in this order, or update expect.visits.',
  not_visits: 'Fix the flow so the scenario avoids this widget, or update expect.not_visits.',
  messages: 'Fix the message text in the flow, or update expect.messages if the change is intended.',
  says: 'Fix the spoken text in the flow, or update expect.says if the change is intended.',
  variables: 'Fix the set-variables widgets on this path, or update expect.variables.',
  end: 'Fix the flow so the execution ends there, or update expect.end.',
  waiting: 'Give the contact inputs the flow now waits for, or update expect.waiting / expect.end.',
  input: 'Remove the contact input, or fix the flow so the execution reaches the wait that uses it.',
  mock: 'Remove the mock, or fix the flow so the execution reaches the widget.',
  limit: "Give the loop an exit the scenario takes (a contact input, a mock's event), or fix the flow's loop.",
  unsupported: 'Mock the widget (mocks: { NAME: { event: … } }), or end the scenario before it.',
  error: 'Fix the contact input or the flow at this step (see the message).',
};

/** The run's problems and failed scenarios as error findings (source `test`, `file` = the test file, its line). */
export function flowTestFindings(run: FlowTestRun): Finding[] {
  const problems = run.problems.map((p): Finding => ({
    severity: 'error',
    source: 'test',
    rule: 'flow-test-file',
    message: p.message,
    ...(p.fix === undefined ? {} : { fix: p.fix }),
    file: run.testPath,
    ...(p.line === undefined ? {} : { line: p.line }),
    ...(p.column === undefined ? {} : { column: p.column }),
  }));
  const failures = run.scenarios.flatMap((s): Finding[] => {
    if (s.status !== 'failed' || !s.failure) return [];
    const f = s.failure;
    return [
      {
        severity: 'error',
        source: 'test',
        rule: 'flow-test',
        message: `Flow test ${scenarioName(s.name)} failed: ${f.message}`,
        fix: FIXES[f.kind],
        ...(f.widget === undefined ? {} : { widget: f.widget }),
        file: run.testPath,
        line: f.line,
        column: f.column,
      },
    ];
  });
  return [...problems, ...failures];
}
