/**
 * Runs a flow's test file: read it (file.ts), parse it with positions (read.ts), check each scenario against the
 * flow (flow-checks.ts), run the ones without problems on the simulator (scenario.ts → src/simulate/), judge
 * them (expect.ts) and measure transition coverage (coverage.ts). Never throws for bad input.
 */
import { performance } from 'node:perf_hooks';
import { messageOf } from '../errors.ts';
import { simulate } from '../simulate/simulate.ts';
import type { SimulationResult } from '../simulate/types.ts';
import { coverageOf } from './coverage.ts';
import { firstFailure } from './expect.ts';
import { readTestFile } from './file.ts';
import { scenarioProblems } from './flow-checks.ts';
import { flowView } from './flow-view.ts';
import { flowKeyPath } from './names.ts';
import { parseTestFile } from './read.ts';
import type { ParsedTestFile } from './read.ts';
import { simulationInput } from './scenario.ts';
import { clip, name, quote, scenarioName } from './text.ts';
import type { FlowTestRun, ScenarioResult, TestFileProblem } from './types.ts';

type Segments = readonly (string | number)[];

/**
 * Time the scenarios of one test file may take together, ms. Each execution is bounded (1,000 steps, its Liquid
 * time), but 500 of them at that bound are not: past this, the rest are not run, and that is a problem of the file.
 */
export const FILE_TIME_MS = 20_000;

function byPlace(a: TestFileProblem, b: TestFileProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Runs the parsed scenarios that have no problem; adds the others' problems. */
function runScenarios(input: { parsed: ParsedTestFile; definition: unknown; flowPath: string; testPath: string }) {
  const { parsed } = input;
  const problems: TestFileProblem[] = [...parsed.problems];
  const scenarios: ScenarioResult[] = [];
  const runs: SimulationResult[] = [];
  const view = flowView(input.definition);
  const data = parsed.data;
  if (!data || !view) {
    if (data && !view)
      problems.push({
        message: "The flow's definition has no widgets to run the tests on.",
        fix: 'Fix the flow file.',
        line: 1,
        column: 1,
      });
    return { problems, scenarios, runs, view };
  }
  if (data.flow !== undefined && flowKeyPath(input.testPath, data.flow) !== flowKeyPath('', input.flowPath)) {
    problems.push({
      message: `flow: ${quote(data.flow)} names another file than ${name(input.flowPath)}, the flow this test file is beside.`,
      fix: 'Name the flow file beside this test file (relative to it), or remove the flow: key.',
      ...parsed.locate(['flow']),
    });
    return { problems, scenarios, runs, view };
  }
  const seen = new Map<string, number>();
  const started = performance.now();
  let skipped = 0;
  let notRun: TestFileProblem | undefined;
  data.scenarios.forEach((scenario, index) => {
    if (parsed.badScenarios.has(index)) return;
    const base = ['scenarios', index];
    if (skipped > 0 || performance.now() - started > FILE_TIME_MS) {
      if (skipped++ === 0) {
        notRun = {
          message: '',
          fix: "Make the flow's loops and Liquid templates cheaper, or split the scenarios over fewer steps.",
          ...parsed.locate([...base, 'name']),
        };
        problems.push(notRun);
      }
      return;
    }
    const locate = (segments: Segments, at?: 'key' | 'value') => parsed.locate([...base, ...segments], at);
    const first = seen.get(scenario.name);
    if (first !== undefined) {
      problems.push({
        message: `Scenario ${scenarioName(scenario.name)}: the name is used twice (first at line ${first}); results would be ambiguous.`,
        fix: 'Give each scenario its own name.',
        ...locate(['name']),
      });
      return;
    }
    seen.set(scenario.name, locate(['name']).line);
    const found = scenarioProblems({ view, scenario, index, locate: parsed.locate });
    if (found.length > 0) return void problems.push(...found);
    const simInput = simulationInput({
      definition: view.definition,
      scenario,
      index,
      src: { source: parsed.source, origin: (segments) => locate(segments.slice(2)).line },
    });
    let result: SimulationResult;
    try {
      result = simulate(simInput);
    } catch (error) {
      problems.push({
        message: `Scenario ${scenarioName(scenario.name)}: the simulator failed: ${clip(messageOf(error), 300)}.`,
        fix: 'Report this as a bug of studio-flow-ci.',
        ...locate(['name']),
      });
      return;
    }
    runs.push(result);
    const failure = firstFailure({ scenario, input: simInput, result, locate });
    scenarios.push({
      name: scenario.name,
      at: locate(['name']),
      status: failure ? 'failed' : 'passed',
      ...(failure ? { failure } : {}),
      path: result.steps.map((s) => s.widget),
    });
  });
  if (notRun)
    notRun.message = `The scenarios ran over ${FILE_TIME_MS / 1000} s; ${skipped === 1 ? 'this one was' : `this one and ${skipped - 1} after it were`} not run.`;
  return { problems, scenarios, runs, view };
}

/** Reads the flow's test file in `workspace` (if any) and runs its scenarios against `definition`. */
export async function runTestFile(input: {
  workspace: string;
  flowPath: string;
  definition: unknown;
}): Promise<FlowTestRun | undefined> {
  const started = performance.now();
  const file = await readTestFile(input.workspace, input.flowPath);
  if (!file) return undefined;
  const parsed = 'problem' in file ? undefined : parseTestFile(file.text);
  const ran = parsed
    ? runScenarios({ parsed, definition: input.definition, flowPath: input.flowPath, testPath: file.testPath })
    : { problems: 'problem' in file ? [file.problem] : [], scenarios: [], runs: [], view: flowView(input.definition) };
  const coverage = ran.view ? coverageOf(ran.view.definition, ran.runs) : { transitions: [], taken: [] };
  return {
    flowPath: input.flowPath,
    testPath: file.testPath,
    problems: ran.problems.sort(byPlace),
    scenarios: ran.scenarios,
    coverage,
    durationMs: performance.now() - started,
  };
}
