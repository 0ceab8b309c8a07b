/** Run dist/cli.js as a user would: a child process with its own environment, in a working directory. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/run-action.ts';

/** The bundle under test; SFCI_CLI points the CLI tests at another build (e.g. an older one, to see a new test fail). */
export const CLI = process.env.SFCI_CLI ?? path.join(ROOT, 'dist/cli.js');
export const EXAMPLES_LIVE = path.join(ROOT, 'examples/live');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ...args` with only PATH and `env` set (no TWILIO_* from the caller's environment). */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', ...opts.env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: opts.cwd ?? ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
