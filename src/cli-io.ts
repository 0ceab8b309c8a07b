import type { ModeIO } from './io.ts';

/** A ModeIO for a terminal: progress and findings on stderr, compiler-style `file:line:col: level: message`. */
export function terminalIO(verbose: boolean): ModeIO {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  return {
    info: (m) => verbose && err(m),
    warning: (m) => err(`warning: ${m}`),
    annotate: (a) => {
      const at = [a.file, a.line, a.column].filter((x) => x !== undefined).join(':');
      err(`${at}: ${a.level}: ${a.message.replace(/\n/g, '\n    ')}`);
    },
    setOutput: () => {},
    summary: async () => {},
    group: (_name, fn) => fn(),
  };
}
