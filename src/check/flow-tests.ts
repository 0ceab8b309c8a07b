/** A flow's tests as part of its check: run on the checked definition, their failures as findings. */
import { messageOf } from '../errors.ts';
import { flowTestFindings, runFlowTests } from '../flowtest/api.ts';
import type { Finding } from '../document/types.ts';
import type { FlowTestRun } from '../flowtest/types.ts';

/**
 * The flow's tests (src/flowtest/) on its checked definition, offline like the lint: their problems and failed
 * scenarios become error findings at the test file's lines. A test file that cannot be run (I/O) is one error.
 */
export async function runTests(
  workspace: string,
  definition: unknown,
  result: { path: string; findings: Finding[]; tests?: FlowTestRun },
): Promise<void> {
  try {
    const run = await runFlowTests({ workspace, flowPath: result.path, definition });
    if (!run) return;
    result.tests = run;
    result.findings.push(...flowTestFindings(run));
  } catch (error) {
    result.findings.push({
      severity: 'error',
      source: 'test',
      rule: 'test-unreadable',
      message: `The flow tests of ${result.path} could not be run: ${messageOf(error)}.`,
      fix: 'Check that its test file (the flow file name with .test.yaml) is a readable file, then re-run.',
    });
  }
}
