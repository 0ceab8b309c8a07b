/**
 * Findings carry lines of the file the run checked: on `pull_request` that is the merge commit, while
 * review comments sit on the PR head's file. When the two texts differ (the base changed the file too),
 * each finding is placed again in the head's text, and only where the head holds the same thing at the
 * same place (same widget, same value); otherwise it gets no line there: right line or none.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseFlowText } from './parse.ts';
import type { Finding } from './types.ts';
import { splitPointer, widgetNameAt } from './widget-label.ts';

/** The value at a JSON pointer (`/states/0/name`), or undefined. */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The same place in the head's definition: a widget's pointer follows the widget by name (the base may
 * have added widgets before it); a pointer outside the widgets stays as it is.
 */
function headPointer(pointer: string, checked: unknown, head: unknown): string | undefined {
  const index = /^\/states\/(0|[1-9][0-9]*)(?=\/|$)/.exec(pointer);
  if (!index) return pointer;
  const name = widgetNameAt(checked, pointer);
  if (name === undefined) return undefined;
  const states = valueAt(head, '/states');
  const at = Array.isArray(states) ? states.findIndex((s) => widgetNameAt({ states: [s] }, '/states/0') === name) : -1;
  return at < 0 ? undefined : `/states/${at}${pointer.slice(index[0].length)}`;
}

/**
 * The findings with their `line`/`column` in `headText` instead of `checkedText`. A finding is kept with a
 * line only when the texts are identical, or when its pointer finds the same value in the same widget of
 * the head's definition; else its line and column are removed (it stays in the report, with no review comment).
 */
export function relocateToHead(
  path: string,
  findings: readonly Finding[],
  checkedText: string,
  headText: string,
): Finding[] {
  if (checkedText === headText) return [...findings];
  const checked = parseFlowText(path, checkedText);
  const head = parseFlowText(path, headText);
  return findings.map((finding) => {
    const { line: _line, column: _column, ...placeless } = finding;
    if (!checked.ok || !head.ok || finding.pointer === undefined) return placeless;
    const pointer = finding.pointer.replace(/^#/, '');
    const onHead = headPointer(pointer, checked.definition, head.definition);
    const same =
      onHead !== undefined &&
      valueAt(head.definition, onHead) !== undefined &&
      isDeepStrictEqual(valueAt(checked.definition, pointer), valueAt(head.definition, onHead));
    const at = same ? head.locate(onHead) : undefined;
    return at ? { ...placeless, line: at.line, column: at.column } : placeless;
  });
}
