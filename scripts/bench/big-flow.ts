/**
 * Benchmark: parse + lint + diff of a ~1 MB flow of ~2,000 widgets, every finding placed on its line as the check
 * does: median times, parse against JSON.parse on the same text, the memory of one check (in a fresh process) and the peak over these runs, and what the Liquid rules add to the
 * lint (the same lint without them, in the same runs).
 */
import { performance } from 'node:perf_hooks';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { parseFlowText } from '../../src/document/parse.ts';
import type { ParsedFlow } from '../../src/document/parse.ts';
import type { LintIssue } from '../../src/document/types.ts';
import { benchFlows, smallFlow, WIDGETS } from './big-flow-definition.ts';
import { oneCheckMemory } from './check-memory.ts';
import { mb, median, ms, type Bench } from './timing.ts';

export { benchFlows };

/** Each finding placed as src/check/flow-check.ts does: `locate`, then `locateInString` for one inside a string. */
function placeAll(parsed: ParsedFlow, issues: readonly LintIssue[]): number {
  if (!parsed.ok) return 0;
  let placed = 0;
  for (const issue of issues) {
    const at = parsed.locate(issue.pointer);
    const inString = at && issue.at ? parsed.locateInString(issue.pointer, issue.at) : undefined;
    if (inString ?? at) placed++;
  }
  return placed;
}

export const benchBigFlow: Bench = async ({ runs, dist }) => {
  const { before, after } = benchFlows();
  const text = `${JSON.stringify(before, null, 2)}\n`;
  const afterText = `${JSON.stringify(after, null, 2)}\n`;
  const file = 'flows/big.json';

  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = 0;
  const times: number[] = [];
  const parts = {
    parse: [] as number[],
    native: [] as number[],
    parseAlone: [] as number[],
    place: [] as number[],
    lint: [] as number[],
    diff: [] as number[],
    bare: [] as number[],
    withLiquid: [] as number[],
    inRunBare: [] as number[],
  };
  let findings: string[] = [];
  let placed = 0;
  let changes = '';
  // Each run is a real one (parse, lint, diff); the Liquid rules are on in even runs and off in odd ones, so
  // both lints run right after a parse of their own, with its garbage, as in a check. Only runs with them
  // count for the rows below; at least 20 of each.
  const total = Math.max(runs, 20) * 2;
  for (let run = 0; run <= total; run++) {
    const liquid = run % 2 === 0;
    const t0 = performance.now();
    const parsed = parseFlowText(file, afterText);
    const t1 = performance.now();
    const issues = parsed.ok ? lintDefinition(parsed.definition, { liquid }) : [];
    const t2 = performance.now();
    const diff = parsed.ok ? diffDefinitions(before, parsed.definition) : undefined;
    const t3 = performance.now();
    placed = placeAll(parsed, issues);
    const t4 = performance.now();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
    if (run === 0) {
      // The first run warms the JIT up and is not counted.
      findings = [...parsed.findings, ...issues].map((f) => `${f.rule} (${f.message.slice(0, 120)})`);
      changes = diff
        ? `${diff.widgets.length} widgets changed, ${diff.layoutOnly.length} moved`
        : 'no diff (parse failed)';
      continue;
    }
    if (!liquid) {
      parts.inRunBare.push(t2 - t1);
      continue;
    }
    parts.parse.push(t1 - t0);
    parts.lint.push(t2 - t1);
    parts.diff.push(t3 - t2);
    parts.place.push(t4 - t3);
    times.push(t4 - t0);
  }
  const rssDelta = process.resourceUsage().maxRSS * 1024 - rssBefore;
  // Parse against JSON.parse on the same text, interleaved (each pays for the other's garbage alike), once the
  // memory was read: the extra values do not count in it.
  for (let run = 0; run <= Math.max(runs, 20); run++) {
    const t0 = performance.now();
    JSON.parse(afterText);
    const t1 = performance.now();
    parseFlowText(file, afterText);
    const t2 = performance.now();
    if (run === 0) continue;
    parts.native.push(t1 - t0);
    parts.parseAlone.push(t2 - t1);
  }
  // The Liquid rules' share: the lint with and without them on the same parsed flow, in alternating order
  // (whichever runs first after a parse pays for its garbage), 3 pairs per run and at least 60: a pair takes
  // milliseconds, and on a busy machine the median of 21 still moves by a third from one run to the next.
  const parsed = parseFlowText(file, afterText);
  const definition = parsed.ok ? parsed.definition : {};
  const pairs = Math.max(runs * 3, 60);
  for (let run = 0; run < pairs; run++) {
    const order = run % 2 === 0 ? [true, false] : [false, true];
    for (const liquid of order) {
      const t = performance.now();
      lintDefinition(definition, { liquid });
      (liquid ? parts.withLiquid : parts.bare).push(performance.now() - t);
    }
  }
  const liquidRatio = median(parts.withLiquid) / Math.max(median(parts.bare), 1e-6);
  const inRunAdded = (median(parts.lint) - median(parts.inRunBare)) / Math.max(median(parts.inRunBare), 1e-6);
  const lintAndDiff = median(parts.lint.map((t, i) => t + (parts.diff[i] ?? 0)));
  const parseRatio = median(parts.parseAlone) / Math.max(median(parts.native), 1e-6);
  const RSS_LIMIT = 100_000_000;
  const checkMemory = await oneCheckMemory({ dist, before, after, small: smallFlow() });
  return {
    rows: [
      {
        name: `lint + diff: ${mb(text.length)} flow, ${WIDGETS} widgets`,
        measured: `median ${ms(lintAndDiff)}`,
        target: '< 100 ms',
        pass: lintAndDiff < 100,
      },
      {
        name: 'parse + lint + diff, every finding placed',
        measured: `median ${ms(median(times))}`,
        target: '≤ 60 ms',
        pass: median(times) <= 60,
      },
      {
        name: '  parse / JSON.parse of the same text',
        measured: `${parseRatio.toFixed(2)} (${median(parts.parseAlone).toFixed(1)} / ${median(parts.native).toFixed(1)} ms)`,
        target: '≤ 3',
        pass: parseRatio <= 3,
      },
      {
        name: '  Liquid rules: lint with them / without',
        measured: `${liquidRatio.toFixed(2)} (${median(parts.withLiquid).toFixed(1)} / ${median(parts.bare).toFixed(1)} ms)`,
        target: '< 1.20',
        pass: liquidRatio < 1.2,
      },
      {
        name: '    in a run (each lint after its own parse)',
        measured: `+${(inRunAdded * 100).toFixed(0)} % (${median(parts.lint).toFixed(1)} / ${median(parts.inRunBare).toFixed(1)} ms)`,
      },
      {
        name: "  memory of one check (`validate` from dist/: maxRSS over a small flow's)",
        measured: `+${mb(checkMemory)}`,
        target: '≤ 100 MB',
        pass: checkMemory <= RSS_LIMIT,
      },
      {
        name: '    peak over these runs in one process (maxRSS delta; heap)',
        measured: `+${mb(rssDelta)}; +${mb(heapPeak)}`,
      },
    ],
    notes: [
      `Liquid rules: +${(median(parts.withLiquid) - median(parts.bare)).toFixed(1)} ms on the lint alone; ` +
        `+${(((median(parts.withLiquid) - median(parts.bare)) / (median(parts.parse) + median(parts.bare))) * 100).toFixed(0)} % ` +
        `on parse + lint (what \`studio-flow-ci lint\` does with a file); medians of ${pairs} pairs. In a run (each lint right ` +
        `after its own parse, ${parts.lint.length} runs with the rules and ${parts.inRunBare.length} without) they add ` +
        `${(median(parts.lint) - median(parts.inRunBare)).toFixed(1)} ms.`,
      `big flow: median parse ${ms(median(parts.parse))}, lint ${ms(median(parts.lint))}, diff ${ms(median(parts.diff))}, ` +
        `placing ${placed} findings ${median(parts.place).toFixed(1)} ms over ${parts.lint.length} runs ` +
        `(+1 warm-up); findings: ${findings.length ? findings.join(', ') : 'none'}; ${changes}.`,
    ],
  };
};
