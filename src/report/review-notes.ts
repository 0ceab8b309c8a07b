import type { FlowCheck } from '../check/flow-check.ts';
import { commentableLines } from '../github/patch.ts';
import { noteKey, type ReviewNote } from '../github/review.ts';
import { code, text } from './escape.ts';
import { maskText } from '../secrets/mask.ts';
import { testMessage } from './flow-tests.ts';

/** GitHub review comments a single run may add; the rest stay in the sticky comment. */
export const MAX_REVIEW_NOTES = 25;

/**
 * Review comments for the errors that sit on a line of the PR's diff (GitHub accepts comments only
 * there). Errors elsewhere, and warnings, are reported in the sticky comment alone.
 */
export function reviewNotes(flows: FlowCheck[], patches: ReadonlyMap<string, string | undefined>): ReviewNote[] {
  const notes: ReviewNote[] = [];
  for (const flow of flows) {
    const lines = new Map<string, ReadonlySet<number>>();
    const linesOf = (path: string) => {
      let of = lines.get(path);
      if (!of) lines.set(path, (of = commentableLines(patches.get(path))));
      return of;
    };
    for (const f of flow.findings) {
      // A flow test's finding sits in its test file: commented there only when the PR's diff holds that line.
      const path = f.file ?? flow.path;
      if (f.severity !== 'error' || f.line === undefined || !linesOf(path).has(f.line)) continue;
      const source =
        f.source === 'validate'
          ? 'Twilio Validate'
          : `studio-flow-ci ${f.source}${f.alsoValidate !== undefined ? ' and Twilio Validate' : ''}`;
      const widget = f.widget !== undefined ? ` · widget ${code(f.widget)}` : '';
      const fix = `${f.alsoValidate !== undefined && f.alsoValidate !== f.message ? `\n\nTwilio Validate: ${text(f.alsoValidate)}` : ''}${f.fix ? `\n\n**Fix:** ${text(f.fix)}` : ''}`;
      notes.push({
        path,
        line: f.line,
        // The key is a short hash of what is shown (the masked message, so it says nothing about a secret) and
        // of the place: two findings with one message in one widget are two comments.
        key: noteKey([path, f.rule, f.widget, maskText(f.message), f.pointer ?? `${f.line}:${f.column ?? 0}`]),
        body: `❌ **${source}** (${code(f.rule)})${widget}\n\n${f.source === 'test' ? testMessage(f.message) : text(f.message)}${fix}`,
      });
    }
  }
  return notes.slice(0, MAX_REVIEW_NOTES);
}
