/** The flows a pull request's changed flow test files ask to check, and test files whose flow does not exist. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../document/read.ts';
import { flowPathForTest, isTestPath } from '../flowtest/api.ts';
import type { ChangedFile } from '../github/changes.ts';
import type { FlowCheck } from '../check/flow-check.ts';

/** A changed test file whose flow file is not in the workspace. */
export interface OrphanTest {
  testPath: string;
  flowPath: string;
}

async function isFile(workspace: string, relPath: string): Promise<boolean> {
  const root = path.resolve(workspace);
  const full = path.resolve(root, relPath);
  if (path.isAbsolute(relPath) || !isInside(root, full)) return false;
  return stat(full).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Per changed (not removed) test file whose flow file the `flows` globs select: that flow to check when its
 * file exists, else an orphan. Test files of paths the globs do not select are not ours and are left alone.
 */
export async function flowsOfChangedTests(input: {
  workspace: string;
  files: readonly ChangedFile[];
  isFlow: (path: string) => boolean;
}): Promise<{ flows: string[]; tests: ChangedFile[]; orphans: OrphanTest[] }> {
  const flows = new Set<string>();
  const tests: ChangedFile[] = [];
  const orphans: OrphanTest[] = [];
  for (const file of input.files) {
    if (file.status === 'removed' || input.isFlow(file.path) || !isTestPath(file.path)) continue;
    const flowPath = flowPathForTest(file.path);
    if (!input.isFlow(flowPath)) continue;
    tests.push(file);
    if (await isFile(input.workspace, flowPath)) flows.add(flowPath);
    else orphans.push({ testPath: file.path, flowPath });
  }
  return { flows: [...flows], tests, orphans };
}

/** The report's entry for a test file whose flow file does not exist: one error at the test file, naming both. */
export function orphanTestCheck(orphan: OrphanTest): FlowCheck {
  return {
    path: orphan.testPath,
    change: 'modified',
    validate: 'skipped',
    findings: [
      {
        severity: 'error',
        source: 'test',
        rule: 'test-without-flow',
        message: `The flow test file ${orphan.testPath} tests ${orphan.flowPath}, which does not exist in this pull request.`,
        fix: `Name the test file after its flow file (${orphan.flowPath} → the same name with .test.yaml), add the flow file, or delete the test file.`,
        file: orphan.testPath,
      },
    ],
  };
}
