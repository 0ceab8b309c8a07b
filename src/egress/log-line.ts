/**
 * A plain log line that can never become a workflow command. The runner reads any line starting with `::`
 * (and the older `##[` form) as a command, so a file or widget name holding a newline and `::error …`,
 * `::set-output …` or `::stop-commands::…` would otherwise act. Line breaks are written the toolkit's way
 * (`%0D`, `%0A`), so one message stays one line; a line that still holds a command marker is printed between
 * `::stop-commands::TOKEN` and `::TOKEN::` with a random token, the runner's own way to print text verbatim.
 */
import { randomBytes } from 'node:crypto';

const COMMAND_MARK = /::|##\[/;

/** The lines to write for one message: the message on one line, fenced when it holds a command marker. */
export function plainLogLines(message: string, token: () => string = () => randomBytes(16).toString('hex')): string[] {
  const line = message.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (!COMMAND_MARK.test(line)) return [line];
  const fence = token();
  return [`::stop-commands::${fence}`, line, `::${fence}::`];
}
