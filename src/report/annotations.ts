import type { FlowCheck } from '../flows/check.ts';
import { maskText } from './mask.ts';

/** A check annotation at a file and line, as GitHub shows it on the PR's Files tab. */
export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

/**
 * One annotation per finding. Messages are plain text (GitHub does not render Markdown in them),
 * with credential-looking values masked: the log is as public as the comment.
 */
export function toAnnotations(flows: FlowCheck[]): Annotation[] {
  return flows.flatMap((flow) =>
    flow.findings.map((f) => {
      const widget = f.widget !== undefined && !f.message.includes(`"${f.widget}"`) ? `widget "${f.widget}": ` : '';
      const annotation: Annotation = {
        level: f.severity,
        title: `Studio flow ${f.source === 'validate' ? 'Validate' : f.source} (${f.rule})`,
        message: maskText(`${widget}${f.message}${f.fix ? `\nFix: ${f.fix}` : ''}`),
        file: flow.path,
      };
      if (f.line !== undefined) annotation.line = f.line;
      if (f.column !== undefined) annotation.column = f.column;
      return annotation;
    }),
  );
}
