/**
 * What every benchmark shares: the options of the run, the result rows and notes each one returns, the
 * median and unit helpers, and the table `npm run bench` prints (PASS/MISS per target).
 */
export interface BenchOptions {
  /** Latency added to every Studio request by the emulator (ms). */
  latencyMs: number;
  /** Flows in the check and deploy workloads. */
  flows: number;
  /** Timed runs of each repeated measurement. */
  runs: number;
  /** The build whose cold start and size are measured (absolute path; dist/ unless --dist says another). */
  dist: string;
}

export interface Row {
  name: string;
  measured: string;
  target?: string;
  pass?: boolean;
}

/** What one benchmark reports: table rows and free-text notes (what was counted, what went wrong). */
export interface BenchResult {
  rows: Row[];
  notes: string[];
}

export type Bench = (options: BenchOptions) => BenchResult | Promise<BenchResult>;

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
export const ms = (x: number) => `${x.toFixed(0)} ms`;
export const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

/** A row with a target: `measured` against `limit`, lower is better. */
export function under(row: { name: string; measured: string; value: number; limit: number; target: string }): Row {
  return { name: row.name, measured: row.measured, target: row.target, pass: row.value < row.limit };
}

/** The table of every row, then the notes, as `npm run bench` prints them. */
export function formatTable(results: BenchResult[]): string {
  const rows = results.flatMap((r) => r.rows);
  const notes = results.flatMap((r) => r.notes);
  const width = [
    Math.max(...rows.map((r) => r.name.length)),
    Math.max(...rows.map((r) => r.measured.length)),
    Math.max(...rows.map((r) => (r.target ?? '').length)),
  ];
  const padded = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i] ?? 0)).join('  ');
  const line = (cells: string[]) => padded(cells).trimEnd();
  const out = [
    line(['benchmark', 'measured', 'target']).concat('  result'),
    line(['-'.repeat(width[0] ?? 0), '-'.repeat(width[1] ?? 0), '-'.repeat(width[2] ?? 0)]).concat('  ------'),
  ];
  for (const r of rows)
    out.push(
      // The result keeps its column: a target shorter than the widest is padded, not trimmed, before it.
      r.pass === undefined
        ? line([r.name, r.measured, r.target ?? ''])
        : `${padded([r.name, r.measured, r.target ?? ''])}  ${r.pass ? 'PASS' : 'MISS'}`,
    );
  return `${out.join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}
