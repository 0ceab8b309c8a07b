/** What the CLI writes to stderr: findings, warnings and the [n/total] progress line; action input names as flags. */
import type { ModeIO } from '../io.ts';

/** The environment variable the CLI reads for each credential input of the action. */
export const ENV_FOR: Record<string, string> = {
  'twilio-account-sid': 'TWILIO_ACCOUNT_SID',
  'twilio-auth-token': 'TWILIO_AUTH_TOKEN',
  'twilio-api-key': 'TWILIO_API_KEY',
  'twilio-api-secret': 'TWILIO_API_SECRET',
};

/** The action's input names in a message become what a CLI user sets: an option or an environment variable. */
export function forTerminal(message: string): string {
  return message
    .replace(/'(twilio-[a-z-]+)'/g, (whole, name: string) => ENV_FOR[name] ?? whole)
    .replace(/Input (TWILIO_[A-Z_]+)/g, '$1')
    .replace(/Input '([a-z-]+)'/g, (_whole, name: string) => `--${name}`)
    .replace(/the '([a-z-]+)' input/g, (_whole, name: string) => `--${name}`);
}

/**
 * A ModeIO for a terminal: progress and findings on stderr, compiler-style `file:line:col: level: message`.
 * With a progress reporter, its line is cleared before each message (the next tick draws it again).
 */
export function terminalIO(verbose: boolean, progress?: ProgressReporter): ModeIO {
  const err = (line: string) => {
    progress?.end();
    process.stderr.write(`${line}\n`);
  };
  return {
    info: (m) => verbose && err(m),
    warning: (m) => err(`warning: ${forTerminal(m)}`),
    annotate: (a) => {
      const at = [a.file, a.line, a.column].filter((x) => x !== undefined).join(':');
      err(`${at}: ${a.level}: ${forTerminal(a.message).replace(/\n/g, '\n    ')}`);
    },
    setOutput: () => {},
    summary: async () => {},
    group: (_name, fn) => fn(),
  };
}

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressReporter {
  /** One flow done: `[done/total] path`. */
  tick(done: number, total: number, path: string): void;
  /** Clear the progress line (on a terminal) before other output. */
  end(): void;
}

/**
 * `[12/50] flows/x.json` per finished flow. On a terminal one line is rewritten in place and cleared at
 * the end; elsewhere (forced with --progress) each tick is its own line, so logs keep them.
 */
export function progressReporter(stream: ProgressStream): ProgressReporter {
  let shown = false;
  return {
    tick: (done, total, path) => {
      const line = `[${done}/${total}] ${path}`;
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${line}`);
        shown = true;
      } else stream.write(`${line}\n`);
    },
    end: () => {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
