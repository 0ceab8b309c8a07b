/** Offsets in a text → 1-based line and column, built once per file. */
import type { Position } from './types.ts';

export interface LineIndex {
  /** 1-based line and column (in UTF-16 code units, as JavaScript strings count) of an offset. */
  positionAt(offset: number): Position;
}

/** The offset where every line of `text` starts (`\n`, `\r\n` and a lone `\r` each end a line). */
function lineStarts(text: string): number[] {
  const starts: number[] = [0];
  // Jumps from one line break to the next (a native search) instead of reading every character.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const next = lf === cr + 1 ? cr + 2 : cr + 1; // CRLF is one line break
      starts.push(next);
      if (lf === cr + 1) lf = text.indexOf('\n', next);
      cr = text.indexOf('\r', next);
    } else {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts;
}

/**
 * Index the start of every line of `text` on the first lookup (a file with no finding to place never pays for
 * it), so each lookup is a binary search instead of a scan from the top.
 */
export function buildLineIndex(text: string): LineIndex {
  let known: number[] | undefined;
  return {
    positionAt(offset: number): Position {
      const starts = (known ??= lineStarts(text));
      const clamped = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] ?? 0) <= clamped) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1 };
    },
  };
}
