/**
 * Runs a module snippet in a child Node process with a deadline: an attack that blocks the event loop (a
 * synchronous regex or template render) cannot be stopped by the test runner's own timeout, only by a kill.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildRun {
  /** The JSON the snippet printed last (undefined when it was killed or printed none). */
  result: unknown;
  ms: number;
  timedOut: boolean;
  stderr: string;
}

/** Runs `body` (an ES module; `ROOT` is the repository folder) with `deadlineMs`; it prints its result as JSON. */
export function runInChild(body: string, deadlineMs: number): ChildRun {
  const started = Date.now();
  // The module comes on stdin: a snippet holding a 1 MB test file is too long for an argument.
  const child = spawnSync(process.execPath, ['--input-type=module'], {
    input: `const ROOT = ${JSON.stringify(ROOT)};\n${body}`,
    encoding: 'utf8',
    timeout: deadlineMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Date.now() - started;
  if (child.error && child.signal !== 'SIGKILL') throw child.error;
  const last = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  let result: unknown;
  try {
    result = last ? JSON.parse(last) : undefined;
  } catch {
    result = undefined;
  }
  return { result, ms, timedOut: child.signal === 'SIGKILL', stderr: child.stderr ?? '' };
}
