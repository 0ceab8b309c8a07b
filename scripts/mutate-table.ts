/**
 * The mutation score of one module from Stryker's results, and the table `npm run mutate` prints.
 * Pure: scripts/mutate.ts feeds it what Stryker returned; test/scripts/mutate.test.ts feeds it made-up results.
 */

/** What this needs of a Stryker MutantResult (lines are 1-based). */
export interface MutantOutcome {
  status: string;
  mutatorName: string;
  replacement?: string | undefined;
  location: { start: { line: number; column: number } };
}

/** A survivor that no test can kill, as stryker.config.mjs lists it; one entry stands for one mutant. */
export interface EquivalentMutant {
  file: string;
  line: number;
  /** 1-based; optional: tells apart mutants of one line with the same mutator and replacement. */
  column?: number;
  mutator: string;
  replacement?: string;
  why: string;
}

export interface ModuleScore {
  file: string;
  mutants: number;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  /** Survivors listed as equivalent: out of the score. */
  equivalent: number;
  /** Compile and runtime errors, ignored mutants: out of the score, as Stryker counts them. */
  invalid: number;
  /** Percent, or null when no mutant counts. */
  score: number | null;
  /** Listed equivalents that matched no survivor (killed now, or the code moved): the list needs updating. */
  staleEquivalents: EquivalentMutant[];
  /** Why Stryker could not score the module (its tests failed before any mutant, say): an ERROR row. */
  error?: string;
}

/** The row of a module Stryker could not score. */
export const failedModule = (file: string, error: string): ModuleScore => ({
  file,
  mutants: 0,
  killed: 0,
  survived: 0,
  timeout: 0,
  noCoverage: 0,
  equivalent: 0,
  invalid: 0,
  score: null,
  staleEquivalents: [],
  error,
});

const matches = (e: EquivalentMutant, m: MutantOutcome): boolean =>
  e.line === m.location.start.line &&
  (e.column === undefined || e.column === m.location.start.column) &&
  e.mutator === m.mutatorName &&
  (e.replacement === undefined || e.replacement === m.replacement);

export function scoreModule(
  file: string,
  results: readonly MutantOutcome[],
  listed: readonly EquivalentMutant[],
): ModuleScore {
  const mine = listed.filter((e) => e.file === file);
  const used = new Set<EquivalentMutant>();
  const count = { killed: 0, survived: 0, timeout: 0, noCoverage: 0, equivalent: 0, invalid: 0 };
  for (const m of results) {
    const equivalent = m.status === 'Survived' ? mine.find((e) => !used.has(e) && matches(e, m)) : undefined;
    if (equivalent) {
      used.add(equivalent);
      count.equivalent++;
    } else if (m.status === 'Killed') count.killed++;
    else if (m.status === 'Survived') count.survived++;
    else if (m.status === 'Timeout') count.timeout++;
    else if (m.status === 'NoCoverage') count.noCoverage++;
    else count.invalid++;
  }
  const detected = count.killed + count.timeout;
  const valid = detected + count.survived + count.noCoverage;
  return {
    file,
    mutants: results.length,
    ...count,
    score: valid === 0 ? null : (100 * detected) / valid,
    staleEquivalents: mine.filter((e) => !used.has(e)),
  };
}

export const passes = (s: ModuleScore, required: number): boolean =>
  s.error === undefined && (s.score === null || s.score >= required);

const HEAD = ['module', 'mutants', 'killed', 'survived', 'timeout', 'no coverage', 'equivalent', 'score', `result`];

/** A plain-text table, one row a module, PASS or MISS against `required` percent (ERROR: not scored). */
export function renderTable(scores: readonly ModuleScore[], required: number): string {
  const rows = scores.map((s) => [
    s.file,
    ...[s.mutants, s.killed, s.survived, s.timeout, s.noCoverage, s.equivalent].map(String),
    s.score === null ? 'n/a' : `${s.score.toFixed(1)} %`,
    s.error !== undefined ? 'ERROR' : passes(s, required) ? 'PASS' : 'MISS',
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(HEAD), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `required: ${required} %`].join('\n');
}
