/** Flow tests (contract: ./types.ts): finding a flow's test file, running it, and its findings. */
import type { Finding } from '../document/types.ts';
import { flowTestFindings as findingsOf } from './findings.ts';
import { flowPathForTest as flowOf, isTestPath as isTest, testPathsFor as pathsFor } from './names.ts';
import { runTestFile } from './run.ts';
import type { FlowTestRun } from './types.ts';

/** Test-file names for a flow file: `a/b.json` → [`a/b.test.yaml`, `a/b.test.yml`]. */
export function testPathsFor(flowPath: string): string[] {
  return pathsFor(flowPath);
}

/** Whether a path names a flow test file (`*.test.yaml` / `*.test.yml`). */
export function isTestPath(path: string): boolean {
  return isTest(path);
}

/** The flow file a test file is for, by its name (`a/b.test.yaml` → `a/b.json`); its `flow:` key may say otherwise. */
export function flowPathForTest(testPath: string): string {
  return flowOf(testPath);
}

/**
 * Reads the flow's test file in `workspace` (if any) and runs its scenarios against `definition` (the flow's
 * checked definition). Undefined when the flow has no test file. Never throws for bad input: problems are in the
 * run.
 */
export function runFlowTests(input: {
  workspace: string;
  flowPath: string;
  definition: unknown;
}): Promise<FlowTestRun | undefined> {
  return runTestFile(input);
}

/** The run's problems and failed scenarios as error findings (source `test`, `file` = the test file, its line). */
export function flowTestFindings(run: FlowTestRun): Finding[] {
  return findingsOf(run);
}
