import * as core from '@actions/core';
import { plainLogLines } from './egress/log-line.ts';
import type { Annotation } from './report/annotations.ts';

/** What a mode needs from its surroundings: GitHub's workflow commands, or a terminal. */
export interface ModeIO {
  info(message: string): void;
  warning(message: string): void;
  annotate(annotation: Annotation): void;
  setOutput(name: string, value: string): void;
  /** Append Markdown to the job summary (no-op where there is none). */
  summary(markdown: string): Promise<void>;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** The ModeIO of a GitHub Actions step, backed by @actions/core. */
export function actionsIO(): ModeIO {
  return {
    // Log lines carry file and widget names from the PR: never let one act as a workflow command.
    info: (m) => plainLogLines(m).forEach((line) => core.info(line)),
    warning: (m) => core.warning(m),
    annotate: (a) => {
      const props: core.AnnotationProperties = { title: a.title, file: a.file };
      if (a.line !== undefined) props.startLine = a.line;
      if (a.column !== undefined) props.startColumn = a.column;
      (a.level === 'error' ? core.error : core.warning)(a.message, props);
    },
    setOutput: (n, v) => core.setOutput(n, v),
    summary: async (md) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return core.debug('No GITHUB_STEP_SUMMARY: job summary skipped.');
      await core.summary.addRaw(md, true).write();
    },
    group: (name, fn) => core.group(name, fn),
  };
}
