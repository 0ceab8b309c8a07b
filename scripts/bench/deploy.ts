/**
 * Benchmark: our deploy against a naive deployer (naive-deployer.ts: list once, write every flow serially, no
 * Validate) in three scenarios, each tool on a fresh emulator seeded the same way, with the same flow files,
 * credentials and latency: (a) the first deploy of N new flows into an empty Studio, (b) one in five of N changed,
 * (c) nothing changed. Our side is runDeployMode as the action runs it on a push. Rows: our wall over the naive
 * deployer's (measured in this run), writes made, and for (a) our wall over our all-parallel floor.
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import type { SeedFlow } from '../../src/emulator/seed.ts';
import { readRunContext, type RunContext } from '../../src/github/event.ts';
import { runDeployMode } from '../../src/modes/deploy.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { deployRows, type DeployScenario, type NaiveRun, type OurRun } from './deploy-rows.ts';
import { plural } from '../../src/report/words.ts';
import { naiveDeploy, naiveFlowsFrom } from './naive-deployer.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  changedOnDeploy,
  exampleDefinition,
  flowName,
  flowPath,
  instrumentedClient,
  quietIO,
  settingsFor,
  SHA,
  variant,
  workspaceWith,
} from './studio-workload.ts';
import type { Bench, BenchOptions, BenchResult } from './timing.ts';

/** The same account for both tools: the seed, and the files a push brings. */
interface Workload {
  seed: SeedFlow[];
  files: Array<[string, unknown]>;
}

/** Which of N flows a scenario changes: `count` of them, spread evenly. */
function spread(flows: number, count: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, k) => Math.floor((k * flows) / count)));
}

function scenarios(options: BenchOptions, definition: Record<string, unknown>): Array<DeployScenario & Workload> {
  const { flows } = options;
  const live: SeedFlow[] = Array.from({ length: flows }, (_, i) => ({
    friendlyName: flowName(i),
    definition: variant(definition, i, ''),
    commitMessage: SHA,
  }));
  const files = (changed: Set<number>) =>
    Array.from({ length: flows }, (_, i): [string, unknown] => [
      flowPath(i),
      { friendly_name: flowName(i), definition: variant(definition, i, changed.has(i) ? ' (changed)' : '') },
    ]);
  const changed = changedOnDeploy(options);
  return [
    {
      key: 'a',
      label: `first deploy: ${plural(flows, 'new flow')}`,
      writes: flows,
      target: 0.6,
      seed: [],
      files: files(new Set()),
    },
    {
      key: 'b',
      label: `${changed} of ${flows} changed`,
      writes: changed,
      target: 0.45,
      seed: live,
      files: files(spread(flows, changed)),
    },
    { key: 'c', label: `nothing changed of ${flows}`, writes: 0, target: 0.35, seed: live, files: files(new Set()) },
  ];
}

/** A fresh emulator with the scenario's seed and latency, and a workspace with its files, for one tool's run. */
async function withAccount<T>(
  scenario: Workload,
  options: BenchOptions,
  run: (emulator: EmulatorHandle, workspace: string) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    seed: scenario.seed,
    faults: { latencyMs: options.latencyMs },
  });
  const workspace = await workspaceWith(scenario.files);
  try {
    emulator.requests.length = 0;
    return await run(emulator, workspace);
  } finally {
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

async function runOurs(scenario: Workload, options: BenchOptions): Promise<OurRun> {
  return withAccount(scenario, options, async (emulator, workspace) => {
    const settings = settingsFor(emulator.url);
    const client = instrumentedClient(settings);
    const run: RunContext = {
      ...readRunContext({}),
      workspace,
      eventName: 'push',
      owner: 'bench',
      repo: 'flows',
      sha: SHA,
      ref: 'refs/heads/main',
      defaultBranch: 'main',
      push: { before: '1'.repeat(40), after: SHA, rewritten: false, deleted: false },
    };
    const problems: string[] = [];
    try {
      const start = performance.now();
      const outcome = await runDeployMode({
        settings,
        run,
        gh: undefined,
        studio: client.studio,
        io: quietIO(problems),
      });
      const wall = performance.now() - start;
      return {
        wall,
        requests: [...emulator.requests],
        concurrency: settings.concurrency,
        connections: client.connections(),
        busyMs: client.busyMs(),
        failure: outcome.failure,
        problems,
      };
    } finally {
      await client.close();
    }
  });
}

async function runNaive(scenario: Workload, options: BenchOptions): Promise<NaiveRun> {
  return withAccount(scenario, options, async (emulator, workspace) => {
    const start = performance.now();
    let failure: string | undefined;
    try {
      const flows = await naiveFlowsFrom(
        workspace,
        scenario.files.map(([file]) => file),
      );
      await naiveDeploy({
        url: emulator.url,
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        flows,
        commitMessage: SHA,
      });
    } catch (error) {
      failure = (error as Error).message;
    }
    const wall = performance.now() - start;
    return { wall, requests: [...emulator.requests], failure, holds: holdsEvery(emulator, scenario) };
  });
}

/** Whether Studio holds every file's definition as a flow's latest revision (what the naive run must leave). */
function holdsEvery(emulator: EmulatorHandle, scenario: Workload): boolean {
  const latest = new Map(
    [...emulator.store.flows.values()].map((f) => {
      const last = f.revisions.at(-1);
      return [last?.friendlyName, JSON.stringify(last?.definition)] as const;
    }),
  );
  return scenario.files.every(([, content]) => {
    const file = content as { friendly_name: string; definition: unknown };
    return latest.get(file.friendly_name) === JSON.stringify(file.definition);
  });
}

export const benchDeploy: Bench = async (options) => {
  const definition = await exampleDefinition('examples/main-ivr.json');
  // Run from source, the first lint compiles the flow schema with ajv (60-190 ms); dist/, what the action runs,
  // ships it compiled (scripts/build.ts; its load is in the cold-start row). Compile it here, outside the timing.
  lintDefinition({ states: [], initial_state: 'Trigger' });
  const result: BenchResult = { rows: [], notes: [] };
  for (const scenario of scenarios(options, definition)) {
    const ours = await runOurs(scenario, options);
    const naive = await runNaive(scenario, options);
    const rows = deployRows({ scenario, ours, naive, options });
    result.rows.push(...rows.rows);
    result.notes.push(...rows.notes);
  }
  return result;
};
