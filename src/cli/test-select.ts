/**
 * Which flows `studio-flow-ci test` runs: flow files, test files, folders or globs named on the command line
 * (a test file stands for its flow), or by default the flows the `flows` globs select that have a test file.
 */
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { discoverFlowFiles } from '../document/discover.ts';
import { isInside } from '../document/read.ts';
import { flowPathForTest, isTestPath, testPathsFor } from '../flowtest/api.ts';
import { flowGlobs, requireFlowFiles } from './options.ts';

/** A named file the command cannot test: it says which and why (exit 1 with the results of the others). */
export interface SelectProblem {
  path: string;
  message: string;
}

async function isFile(workspace: string, relPath: string): Promise<boolean> {
  const full = path.resolve(workspace, relPath);
  if (path.isAbsolute(relPath) || !isInside(workspace, full)) return false;
  return stat(full).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Whether a test file is there, of whatever kind: one that cannot be read (a folder, a link) is the run's problem to report. */
async function hasTests(workspace: string, flowPath: string): Promise<boolean> {
  for (const test of testPathsFor(flowPath)) {
    const full = path.resolve(workspace, test);
    if (
      isInside(workspace, full) &&
      (await lstat(full).then(
        () => true,
        () => false,
      ))
    )
      return true;
  }
  return false;
}

const isGlob = (entry: string) => /[*?[\]{}!]/.test(entry);
const relative = (entry: string) => entry.replace(/^\.\/+/, '').replace(/\\/g, '/');

/**
 * The flows to test (workspace-relative, sorted) and the named files that cannot be tested. A glob or folder
 * that names nothing is a usage error; a flow file named by its path with no test file is a problem.
 */
export async function selectTestedFlows(input: {
  workspace: string;
  positionals: string[];
  /** --flows, else undefined: the config's/defaults' `flows` globs apply. */
  flows: string | undefined;
  defaults: string[];
}): Promise<{ flows: string[]; problems: SelectProblem[] }> {
  const { workspace } = input;
  const chosen = new Set<string>();
  const problems: SelectProblem[] = [];
  const tests = input.positionals.map(relative).filter((e) => !isGlob(e) && isTestPath(e));
  for (const test of tests) {
    const flow = flowPathForTest(test);
    if (!(await isFile(workspace, test))) {
      problems.push({ path: test, message: `${test} is not a file in ${workspace}.` });
    } else if (!(await isFile(workspace, flow))) {
      problems.push({
        path: test,
        message: `${test} tests ${flow}, which does not exist: name the test file after its flow file (the flow's name with .test.yaml).`,
      });
    } else chosen.add(flow);
  }
  const rest = input.positionals.filter((e) => !tests.includes(relative(e)));
  // Anything named (test files too) replaces the default globs.
  const named = input.positionals.length > 0 || input.flows !== undefined;
  const globs = named
    ? (await flowGlobs(workspace, { positionals: rest, flows: input.flows })).split(',').filter(Boolean)
    : input.defaults;
  if (globs.length > 0) {
    if (named) await requireFlowFiles(workspace, globs);
    for (const flow of await discoverFlowFiles(workspace, globs)) {
      if (await hasTests(workspace, flow)) chosen.add(flow);
      else if (rest.map(relative).includes(flow)) {
        problems.push({
          path: flow,
          message: `${flow} has no flow tests: write its scenarios in ${testPathsFor(flow)[0] ?? 'a test file'} beside it.`,
        });
      }
    }
  }
  if (chosen.size === 0 && problems.length === 0) {
    throw new UserError(
      `No flow has a test file among ${globs.map((g) => JSON.stringify(g)).join(', ')} in ${workspace}: write a flow's scenarios beside it (flows/support.json → flows/support.test.yaml), or name flow files, test files, folders or globs.`,
    );
  }
  return { flows: [...chosen].sort(), problems };
}
