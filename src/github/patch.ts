/**
 * The lines of a file that a review comment can be attached to on the RIGHT side: every added or
 * context line inside the hunks of the pull request's patch for that file.
 */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let next = 0; // the right-side line number of the next '+' or ' ' line; 0 outside a hunk
  for (const row of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (hunk) {
      next = Number(hunk[1]);
    } else if (next > 0 && (row.startsWith('+') || row.startsWith(' '))) {
      lines.add(next++);
    }
  }
  return lines;
}
