import type { FlowCheck } from '../check/flow-check.ts';
import { maskText } from '../secrets/mask.ts';

/** A check annotation at a file and line, as GitHub shows it on the PR's Files tab. */
export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

/** GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;
/** Files named in the "more" annotation. */
const FILES_NAMED = 5;

/**
 * One annotation per finding, at most ANNOTATIONS_PER_LEVEL of each level: when there are more, the last
 * one says how many more there are and in which files (a flow with 10,000 Validate errors must not print
 * 10,000 lines that GitHub then ignores).
 */
export function toAnnotations(flows: FlowCheck[]): Annotation[] {
  const all = everyAnnotation(flows);
  return (['error', 'warning'] as const).flatMap((level) => {
    const of = all.filter((a) => a.level === level);
    if (of.length <= ANNOTATIONS_PER_LEVEL) return of;
    const shown = of.slice(0, ANNOTATIONS_PER_LEVEL - 1);
    const rest = of.slice(ANNOTATIONS_PER_LEVEL - 1);
    const files = [...new Set(rest.map((a) => a.file))];
    const named =
      files.length > FILES_NAMED
        ? `${files.slice(0, FILES_NAMED).join(', ')} and ${files.length - FILES_NAMED} more files`
        : files.join(', ');
    const more: Annotation = {
      level,
      title: `Studio flow check: ${rest.length.toLocaleString('en-US')} more ${level}s`,
      message: `${rest.length.toLocaleString('en-US')} more ${level}s in ${named} are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step): see the job summary.`,
      file: rest[0]!.file,
    };
    return [...shown, more];
  });
}

/**
 * One annotation per finding. Messages are plain text (GitHub does not render Markdown in them),
 * with credential-looking values masked: the log is as public as the comment.
 */
function everyAnnotation(flows: FlowCheck[]): Annotation[] {
  return flows.flatMap((flow) =>
    flow.findings.map((f) => {
      const widget = f.widget !== undefined && !f.message.includes(`"${f.widget}"`) ? `widget "${f.widget}": ` : '';
      const annotation: Annotation = {
        level: f.severity,
        title: `Studio flow ${f.source === 'validate' ? 'Validate' : f.alsoValidate !== undefined ? `${f.source} and Twilio Validate` : f.source} (${f.rule})`,
        message: maskText(
          `${widget}${f.message}${f.alsoValidate !== undefined && f.alsoValidate !== f.message ? `\nTwilio Validate: ${f.alsoValidate}` : ''}${f.fix ? `\nFix: ${f.fix}` : ''}`,
        ),
        // A flow test's finding sits in its test file.
        file: f.file ?? flow.path,
      };
      if (f.line !== undefined) annotation.line = f.line;
      if (f.column !== undefined) annotation.column = f.column;
      return annotation;
    }),
  );
}
