/**
 * A flow's test file, read safely from the workspace: inside it, not through a link, at most 1 MB, strict UTF-8.
 * The checks name the test file; the read itself is the flow files' one (src/document/read.ts: O_NOFOLLOW, a
 * second look at what was opened, the first byte that is not UTF-8).
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside, readFlowFile } from '../document/read.ts';
import { testPathsFor } from './names.ts';
import type { TestFileProblem } from './types.ts';

/** A test file larger than this is refused unread. */
export const MAX_TEST_FILE_BYTES = 1024 * 1024;

export type TestFileText = { testPath: string; text: string } | { testPath: string; problem: TestFileProblem };

async function exists(full: string): Promise<boolean> {
  try {
    await lstat(full);
    return true;
  } catch {
    return false;
  }
}

function refused(testPath: string, message: string, fix: string): TestFileText {
  return { testPath, problem: { message, fix, line: 1, column: 1 } };
}

/** The flow's test file (`<flow>.test.yaml` or `.test.yml`), undefined when it has none. Never throws. */
export async function readTestFile(workspace: string, flowPath: string): Promise<TestFileText | undefined> {
  let root: string;
  try {
    root = await realpath(workspace);
  } catch {
    return undefined;
  }
  const [yaml, yml] = testPathsFor(flowPath) as [string, string];
  if (path.isAbsolute(flowPath) || !isInside(root, path.resolve(root, yaml)))
    return refused(
      yaml,
      'The test file would be outside the workspace.',
      'Name flow files by paths inside the repository.',
    );
  const found = [];
  for (const candidate of [yaml, yml]) if (await exists(path.resolve(root, candidate))) found.push(candidate);
  const testPath = found[0];
  if (testPath === undefined) return undefined;
  if (found.length > 1)
    return refused(
      testPath,
      `The flow has two test files, ${yaml} and ${yml}; only one of them would run.`,
      'Merge them into one file and delete the other.',
    );
  const full = path.resolve(root, testPath);
  const stat = await lstat(full);
  if (stat.isSymbolicLink())
    return refused(
      testPath,
      'The test file is a symbolic link; it must be a regular file.',
      'Replace the link with the file itself.',
    );
  if (!stat.isFile()) return refused(testPath, 'The test file path is not a regular file.', 'Make it a YAML file.');
  if (!isInside(root, await realpath(full)))
    return refused(
      testPath,
      'The test file resolves outside the workspace (through a linked folder).',
      'Keep it in the repository itself.',
    );
  if (stat.size > MAX_TEST_FILE_BYTES)
    return refused(
      testPath,
      `The test file is ${stat.size} bytes, over the ${MAX_TEST_FILE_BYTES}-byte limit; it was not read.`,
      'Split the scenarios over flows, or keep the ones that matter.',
    );
  const read = await readFlowFile(root, testPath);
  if (!read.ok) {
    // A byte that is not UTF-8 is placed by the message itself ("at line 3, column 7").
    const at = /line (\d+), column (\d+)/.exec(read.message);
    const problem = { message: read.message, fix: read.fix, line: Number(at?.[1] ?? 1), column: Number(at?.[2] ?? 1) };
    return { testPath, problem };
  }
  return { testPath, text: read.text };
}
