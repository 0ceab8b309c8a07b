/** Flow tests (contract: ./types.ts): finding a flow's test file, running it, and its findings. */
import type { Finding } from '../document/types.ts';
import type { FlowTestRun } from './types.ts';

/** Test-file names for a flow file: `a/b.json` → [`a/b.test.yaml`, `a/b.test.yml`]. */
export function testPathsFor(_flowPath: string): string[] {
  throw new Error('not implemented yet (issue 15, part B)');
}

/** Whether a path names a flow test file (`*.test.yaml` / `*.test.yml`). */
export function isTestPath(_path: string): boolean {
  throw new Error('not implemented yet (issue 15, part B)');
}

/** The flow file a test file is for, by its name (`a/b.test.yaml` → `a/b.json`); its `flow:` key may say otherwise. */
export function flowPathForTest(_testPath: string): string {
  throw new Error('not implemented yet (issue 15, part B)');
}

/**
 * Reads the flow's test file in `workspace` (if any) and runs its scenarios against `definition` (the flow's
 * checked definition). Undefined when the flow has no test file. Never throws for bad input: problems are in the
 * run.
 */
export function runFlowTests(_input: {
  workspace: string;
  flowPath: string;
  definition: unknown;
}): Promise<FlowTestRun | undefined> {
  throw new Error('not implemented yet (issue 15, part B)');
}

/** The run's problems and failed scenarios as error findings (source `test`, `file` = the test file, its line). */
export function flowTestFindings(_run: FlowTestRun): Finding[] {
  throw new Error('not implemented yet (issue 15, part B)');
}
