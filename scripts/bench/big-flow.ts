/**
 * Benchmark: parse + lint + diff of a ~1 MB flow of ~2,000 widgets: median times, peak memory, and what the Liquid
 * rules add to the lint (the same lint without them, in the same runs).
 */
import { performance } from 'node:perf_hooks';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { parseFlowText } from '../../src/document/parse.ts';
import { mb, median, ms, type Bench } from './timing.ts';

const LOREM = 'Thank you for calling; your call matters to us';
const WIDGETS = 2000;

type Edit = { say?: string; drop?: boolean; next?: number; x?: number };

/** A chain of `count` widgets (say, gather, split, set variables), about 500 bytes each pretty-printed. */
function bigDefinition(count: number, edit: (i: number) => Edit = () => ({})): Record<string, unknown> {
  const name = (i: number) => `step_${String(i).padStart(4, '0')}`;
  const states: unknown[] = [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingCall', next: name(0) },
        { event: 'incomingMessage' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
  ];
  for (let i = 0; i < count; i++) {
    const e = edit(i);
    if (e.drop) continue;
    const next = i + 1 < count ? name(e.next ?? i + 1) : undefined;
    const offset = { x: e.x ?? (i % 8) * 250, y: Math.floor(i / 8) * 200 };
    const end = next ? { next } : {};
    switch (i % 4) {
      case 0:
        states.push({
          name: name(i),
          type: 'say-play',
          transitions: [{ event: 'audioComplete', ...end }],
          properties: { offset, voice: 'Polly.Joanna', language: 'en-US', say: e.say ?? `${LOREM} (step ${i}).` },
        });
        break;
      case 1:
        states.push({
          name: name(i),
          type: 'gather-input-on-call',
          transitions: [
            { event: 'keypress', ...end },
            { event: 'speech', ...end },
            { event: 'timeout', ...end },
          ],
          properties: {
            offset,
            voice: 'Polly.Joanna',
            language: 'en-US',
            say: e.say ?? `Press 1 to continue at step ${i}.`,
            number_of_digits: 1,
            timeout: 5,
          },
        });
        break;
      case 2:
        states.push({
          name: name(i),
          type: 'split-based-on',
          transitions: [
            { event: 'noMatch', ...end },
            {
              event: 'match',
              ...end,
              conditions: [
                {
                  friendly_name: `choice ${i}`,
                  arguments: [`{{widgets.${name(i - 1)}.Digits}}`],
                  type: 'equal_to',
                  value: '1',
                },
              ],
            },
          ],
          properties: { offset, input: `{{widgets.${name(i - 1)}.Digits}}` },
        });
        break;
      default:
        states.push({
          name: name(i),
          type: 'set-variables',
          transitions: [{ event: 'next', ...end }],
          properties: {
            offset,
            variables: [{ key: `step_${i}`, value: e.say ?? `{{flow.data.step_${i} | default: 'none'}}` }],
          },
        });
    }
  }
  return {
    description: 'Benchmark: a long chain of widgets',
    states,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

/**
 * The benchmark's two flows: `before` a chain of 2,000 widgets, `after` the change a big pull request makes: texts
 * edited, widgets removed (and bypassed), widgets moved. `after` is the flow linted.
 */
export function benchFlows(): { before: Record<string, unknown>; after: Record<string, unknown> } {
  return {
    before: bigDefinition(WIDGETS),
    after: bigDefinition(WIDGETS, (i) => ({
      ...(i % 100 === 0 ? { say: `Edited text at step ${i}.` } : {}),
      ...(i % 400 === 5 ? { drop: true } : {}),
      ...(i % 400 === 4 ? { next: i + 2 } : {}),
      ...(i % 40 === 7 ? { x: 9999 } : {}),
    })),
  };
}

export const benchBigFlow: Bench = ({ runs }) => {
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
    lint: [] as number[],
    diff: [] as number[],
    bare: [] as number[],
    withLiquid: [] as number[],
    inRunBare: [] as number[],
  };
  let findings: string[] = [];
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
    times.push(t3 - t0);
  }
  const rssDelta = process.resourceUsage().maxRSS * 1024 - rssBefore;
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
  return {
    rows: [
      {
        name: `lint + diff: ${mb(text.length)} flow, ${WIDGETS} widgets`,
        measured: `median ${ms(lintAndDiff)}`,
        target: '< 100 ms',
        pass: lintAndDiff < 100,
      },
      {
        name: '  with the parse first (positions for every finding)',
        measured: `median ${ms(median(times))}`,
        target: '< 100 ms',
        pass: median(times) < 100,
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
      { name: '  peak memory (maxRSS delta; heap)', measured: `+${mb(rssDelta)}; +${mb(heapPeak)}` },
    ],
    notes: [
      `Liquid rules: +${(median(parts.withLiquid) - median(parts.bare)).toFixed(1)} ms on the lint alone; ` +
        `+${(((median(parts.withLiquid) - median(parts.bare)) / (median(parts.parse) + median(parts.bare))) * 100).toFixed(0)} % ` +
        `on parse + lint (what \`studio-flow-ci lint\` does with a file); medians of ${pairs} pairs. In a run (each lint right ` +
        `after its own parse, ${parts.lint.length} runs with the rules and ${parts.inRunBare.length} without) they add ` +
        `${(median(parts.lint) - median(parts.inRunBare)).toFixed(1)} ms.`,
      `big flow: median parse ${ms(median(parts.parse))}, lint ${ms(median(parts.lint))}, diff ${ms(median(parts.diff))} over ${parts.lint.length} runs ` +
        `(+1 warm-up); findings: ${findings.length ? findings.join(', ') : 'none'}; ${changes}.`,
    ],
  };
};
