/**
 * This environment's deploy block in release notes: replaced between its markers, the rest kept.
 *
 * When a person deleted the END marker, where our old block ends cannot be read from the markers: the old
 * block is then taken to end after the last line that has the shape of our own rendered report (its
 * heading, headline, scope, table, notes and reason list: see report/deploy-summary.ts), and every line
 * from the first one that does not is kept. Text that cannot be shown to be ours is never dropped.
 */

/** Lines our deploy report is made of (renderDeployReport); anything else is a person's. */
const OURS = [
  /^### Studio deploy of /,
  /^\*\*(Deployed \d|Nothing was deployed|Deploy failed)/,
  /^Nothing was deployed: /,
  /^Scope: /,
  /^\|.*\|$/,
  /^> /,
  /^- `/,
  /^\s*$/,
];

/** The index in `lines` of the first line (after `from`) that is not of our report's shape. */
function endOfOurLines(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && OURS.some((re) => re.test(lines[i] as string))) i += 1;
  return i;
}

export interface BlockMarkers {
  start: string;
  end: string;
  content: string;
}

/** The notes with the block replaced (or appended); `recovered` when the end marker was missing. */
export function replaceDeployBlock(body: string, block: BlockMarkers): { body: string; recovered?: true } {
  const section = `${block.start}\n${block.content}\n${block.end}`;
  const from = body.indexOf(block.start);
  if (from === -1) return { body: `${body.trimEnd()}\n\n${section}\n`.replace(/^\n+/, '') };
  const head = body.slice(0, from).trimEnd();
  const join = (rest: string) =>
    `${head}\n\n${section}${rest.trim() ? `\n\n${rest.trim()}` : ''}\n`.replace(/^\n+/, '');
  const to = body.indexOf(block.end, from);
  if (to !== -1) return { body: join(body.slice(to + block.end.length)) };
  const lines = body.slice(from + block.start.length).split('\n');
  const kept = lines.slice(endOfOurLines(lines, 0)).join('\n');
  return { body: join(kept), recovered: true };
}

/** Release notes with this environment's block (between its markers) replaced, or appended; the rest kept. */
export function withDeployBlock(body: string, block: BlockMarkers): string {
  return replaceDeployBlock(body, block).body;
}
