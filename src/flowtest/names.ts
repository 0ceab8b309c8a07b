/** Test-file names: which file holds a flow's tests, and which flow a test file is for. */
import path from 'node:path';

const TEST_SUFFIX = /\.test\.ya?ml$/;

/** The flow path without its extension (`a/b.json` → `a/b`; a name without one is kept whole). */
function stem(flowPath: string): string {
  const base = path.posix.basename(flowPath);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? flowPath.slice(0, flowPath.length - (base.length - dot)) : flowPath;
}

/** Test-file names for a flow file: `a/b.json` → [`a/b.test.yaml`, `a/b.test.yml`]. */
export function testPathsFor(flowPath: string): string[] {
  const base = stem(flowPath);
  return [`${base}.test.yaml`, `${base}.test.yml`];
}

/** Whether a path names a flow test file (`*.test.yaml` / `*.test.yml`, with a name before the suffix). */
export function isTestPath(file: string): boolean {
  const base = path.posix.basename(file);
  return TEST_SUFFIX.test(base) && base.replace(TEST_SUFFIX, '') !== '';
}

/** The flow file a test file is for, by its name (`a/b.test.yaml` → `a/b.json`). */
export function flowPathForTest(testPath: string): string {
  return `${testPath.replace(TEST_SUFFIX, '')}.json`;
}

/**
 * The flow a test file's `flow:` key names, as a workspace-relative path: the key is relative to the test file's
 * folder (`flow: support.json` beside `flows/support.test.yaml` is `flows/support.json`).
 */
export function flowKeyPath(testPath: string, flowKey: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(testPath), flowKey));
}
