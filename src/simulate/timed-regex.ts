/**
 * A regex run under a time limit. Patterns here are written by whoever edits a flow or a test file, and no
 * static check sees every slow one (`(a|a)*`, `.*.*.*.*X`), so each search runs as a `node:vm` script with a
 * `timeout`, which interrupts a regex mid-backtrack. The sandbox is made on first use, never at import.
 */
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';

/** Longest time one regex search may take, ms. */
export const REGEX_TIME_MS = 100;

/**
 * Runs a search gets before it is called slow: the limit is wall time, so a busy machine (a CI runner running
 * tests side by side) can stop a fast search once; a slow pattern is slow every time.
 */
export const REGEX_TRIES = 3;

let sandbox: { context: Context; script: Script } | undefined;

function makeSandbox(): { context: Context; script: Script } {
  const made = {
    context: createContext({ pattern: '', flags: '', subject: '' }),
    script: new Script('new RegExp(pattern, flags).test(subject)'),
  };
  // The first run in a new context compiles the script and sets the realm up: not a search's time.
  made.script.runInContext(made.context);
  return made;
}

/**
 * Whether `pattern` (with `flags`) matches `text`, or `slow` when the search was stopped at REGEX_TIME_MS.
 * Throws what `new RegExp` throws for an invalid pattern.
 */
export function timedTest(input: { pattern: string; flags: string; text: string }): boolean | 'slow' {
  sandbox ??= makeSandbox();
  const { context, script } = sandbox;
  context['pattern'] = input.pattern;
  context['flags'] = input.flags;
  context['subject'] = input.text;
  try {
    for (let tries = 1; ; tries++) {
      try {
        return script.runInContext(context, { timeout: REGEX_TIME_MS }) === true;
      } catch (error) {
        const stopped = (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
        if (!stopped) throw error;
        if (tries >= REGEX_TRIES) return 'slow';
      }
    }
  } catch (error) {
    // An error made in the sandbox is not an `Error` of this realm: rethrow it as one.
    throw new Error(String((error as { message?: unknown } | null)?.message ?? error), { cause: error });
  } finally {
    context['subject'] = '';
  }
}
