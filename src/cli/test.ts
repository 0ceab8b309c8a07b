/**
 * `studio-flow-ci test`: the flow tests of the flows named (flow files, test files, folders, globs; by default the
 * `flows` globs' flows that have a test file), each flow resolved offline as `check` does for --environment.
 * Exit 0 all passed, 1 a scenario failed or a test could not run, 2 bad usage or input.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { messageOf, UserError } from '../errors.ts';
import type { FlowCheck } from '../check/flow-check.ts';
import { environmentView } from '../config/environment.ts';
import { flowMatcher } from '../document/discover.ts';
import { checkFlows } from '../modes/check-flows.ts';
import { renderJUnit } from '../report/junit.ts';
import { testsResultOf } from '../report/results.ts';
import { INPUT_DEFAULTS, readSettings, splitList } from '../settings.ts';
import { createScrubber } from '../secrets/credentials.ts';
import { createFlowRefResolver } from '../targets/flow-ref-resolver.ts';
import { styleFor } from './markdown-text.ts';
import { referencedFiles } from './references.ts';
import { cliStepEnv, inputReader } from './studio-access.ts';
import { anyFailure, testReportText, type FlowTestOutcome } from './test-output.ts';
import { selectTestedFlows } from './test-select.ts';
import { USAGE } from './usage.ts';

const TEST_OPTIONS = {
  flows: { type: 'string' },
  workspace: { type: 'string' },
  config: { type: 'string' },
  environment: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What a flow's check says of its tests: the run, or why there is none (the flow or its tests could not be read). */
function outcomeOf(flow: FlowCheck): FlowTestOutcome {
  if (flow.tests) return { flowPath: flow.path, run: flow.tests, problems: [] };
  const why = flow.findings.filter(
    (f) => f.severity === 'error' && (f.source === 'read' || f.source === 'parse' || f.source === 'test'),
  );
  const problems = why.length
    ? why.map((f) => `${f.file ?? flow.path}${f.line !== undefined ? `:${f.line}` : ''}: ${f.message}`)
    : [`${flow.path}: its tests did not run (the flow file could not be read as a flow).`];
  return { flowPath: flow.path, problems };
}

/** Run `test` on argv (after the command); resolves to the exit code. */
export async function runTestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: TEST_OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const workspace = path.resolve(values.workspace ?? '.');
  const scrubber = createScrubber();
  const flags: Record<string, string | undefined> = {
    flows: values.flows,
    config: values.config,
    environment: values.environment,
    mode: 'check',
  };
  const settings = {
    ...readSettings(inputReader(flags, { online: false, emulator: false }), () => {}),
    stepEnv: cliStepEnv({ onSecret: (value) => scrubber.add(value) }),
  };
  const selection = await selectTestedFlows({
    workspace,
    positionals,
    flows: values.flows,
    defaults: splitList(values.flows ?? INPUT_DEFAULTS.flows),
  });
  const environment = await environmentView(workspace, settings);
  const selected = flowMatcher(settings.flows);
  const refTargets = await referencedFiles(workspace, selection.flows);
  const checked = await checkFlows({
    workspace,
    changes: selection.flows.map((p) => ({ path: p, status: 'modified' as const })),
    validator: undefined,
    ...(environment ? { environment } : {}),
    refs: createFlowRefResolver({
      workspace,
      // A flow named on the command line means its subflows by path too (as `lint` does).
      isFlowFile: (p) => selected(p) || selection.flows.includes(p) || refTargets.includes(p),
      ...(environment ? { environment } : {}),
    }),
  });
  const outcomes = checked.map(outcomeOf);
  if (values.junit !== undefined) {
    const file = path.resolve(values.junit);
    try {
      await writeFile(file, scrubber.scrub(renderJUnit(checked.flatMap((f) => (f.tests ? [f.tests] : [])))));
    } catch (error) {
      throw new UserError(`--junit ${values.junit}: cannot write the JUnit report (${messageOf(error)}).`);
    }
  }
  const output = values.json
    ? `${JSON.stringify(
        {
          results: testsResultOf(checked),
          runs: checked.flatMap((f) => (f.tests ? [f.tests] : [])),
          problems: [...outcomes.flatMap((o) => o.problems), ...selection.problems.map((p) => p.message)],
        },
        null,
        2,
      )}\n`
    : testReportText(outcomes, selection.problems, styleFor(process.stdout));
  process.stdout.write(scrubber.scrub(output));
  return anyFailure(outcomes, selection.problems) ? 1 : 0;
}
