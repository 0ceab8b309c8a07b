/**
 * studio-flow-ci from a terminal: the action's own check core and config, reading credentials from the
 * environment (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET).
 * Exit codes: 0 passed, 1 the check failed (per --fail-on), 2 bad usage or input, 3 unexpected error.
 * A command is a case in `main` and a line in USAGE (with its own "Options for …" block when it has any).
 */
import { messageOf, UserError } from '../errors.ts';
import { runChecks } from './check.ts';
import { runDemo } from './demo.ts';
import { runDeploy } from './deploy.ts';
import { emulatorCommand } from './emulator.ts';
import { runPortable } from './portable.ts';
import { runPull } from './pull.ts';
import { runTestCommand } from './test.ts';
import { forTerminal } from './terminal.ts';
import { oneLine, SEE_HELP, USAGE, UsageError } from './usage.ts';

/** Run one command line (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
    case 'check':
      return runChecks('validate', rest);
    case 'lint':
      return runChecks('lint', rest);
    case 'diff':
      return runChecks('diff', rest);
    case 'test':
      return runTestCommand(rest);
    case 'deploy':
      return runDeploy(rest);
    case 'pull':
      return runPull(rest);
    case 'portable':
      return runPortable(rest);
    case 'demo':
      return runDemo(rest);
    case 'emulator':
      return emulatorCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return 2;
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command.slice(0, 80))}.`);
  }
}

/** Exit once stdout and stderr are flushed (a pipe may be asynchronous, e.g. on macOS: `diff | less`). */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/** One line on stderr for an error: what is wrong and, for a bad command line, where the help is. */
function errorLine(error: unknown, usage: boolean): string {
  const message = oneLine(forTerminal(messageOf(error)));
  const end = /[.!?]$/.test(message) ? '' : '.';
  return `studio-flow-ci: ${message}${usage ? `${end} ${SEE_HELP}` : ''}\n`;
}

/** The CLI's process: run argv, print an error as one line, exit with the code. */
export function start(argv: string[]): void {
  main(argv).then(exitWhenFlushed, (error: unknown) => {
    const parse = (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;
    process.stderr.write(errorLine(error, parse || error instanceof UsageError));
    exitWhenFlushed(parse || error instanceof UserError ? 2 : 3);
  });
}
