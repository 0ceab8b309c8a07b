/** `diff`'s output: each flow file against its live flow, as terminal text or as the comment's Markdown. */
import type { FlowCheck } from '../check/flow-check.ts';
import { renderFlowDiff } from '../report/diff-markdown.ts';
import { displayName, renderFlowSection } from '../report/flow-section.ts';
import { identityLine, revisionLine } from '../report/revision-line.ts';
import { markdownToTerminal, type Style } from './markdown-text.ts';

/** True when a merge would change Studio for this flow: a new flow, or a live one whose definition differs. */
export function differs(flow: FlowCheck): boolean {
  const cmp = flow.comparison;
  return cmp !== undefined && (cmp.live === null || cmp.diff?.identical !== true);
}

/** Each flow's section of the pull-request comment (revision line, findings, changes, picture). */
export function diffMarkdown(flows: FlowCheck[]): string {
  return flows.length === 0 ? '' : `${flows.map((f) => renderFlowSection(f, 'full')).join('\n\n')}\n`;
}

/** The pull request's diff, per flow file, as terminal text. */
export function diffText(flows: FlowCheck[], style: Style): string {
  const blocks = flows.map((flow) => {
    const head = `${style.bold(flow.path)}`;
    const cmp = flow.comparison;
    if (!cmp) {
      const errors = flow.findings.filter((f) => f.severity === 'error').length;
      return `${head}\n  not compared with Studio: ${errors === 1 ? '1 error' : `${errors} errors`} (see above)`;
    }
    const identity = identityLine(flow); // a renamed file keeping its flow, a draft-only flow, a rename in Studio
    const line = `${head}\n  ${markdownToTerminal(revisionLine(flow, displayName(flow)) ?? '', style)}${identity ? `\n  ${markdownToTerminal(identity, style)}` : ''}`;
    if (!cmp.live || !cmp.diff || cmp.diff.identical) return line;
    const body = markdownToTerminal(renderFlowDiff(cmp.diff), style)
      .split('\n')
      .map((l) => (l === '' ? l : `  ${l}`))
      .join('\n');
    return `${line}\n\n${body}`;
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
