/**
 * The rows and notes of one deploy scenario (deploy.ts): our wall over the naive deployer's, the writes each made,
 * the reads + Validate per flow where files changed, and for the first deploy our wall over our all-parallel floor.
 */
import type { RequestLogEntry } from '../../src/emulator/server.ts';
import { callsRow, describeRequests, isWrite } from './studio-workload.ts';
import { ms, type BenchOptions, type BenchResult, type Row } from './timing.ts';

/** One scenario: what it deploys, the writes it needs, and the most our wall may be of the naive deployer's. */
export interface DeployScenario {
  key: 'a' | 'b' | 'c';
  label: string;
  writes: number;
  target: number;
}

/** Our deploy (runDeployMode) in one scenario. */
export interface OurRun {
  wall: number;
  requests: RequestLogEntry[];
  concurrency: number;
  connections: number;
  busyMs: number;
  /** Why the deploy failed; undefined when it went through. */
  failure: string | undefined;
  /** Its warnings and error annotations (a broken bench, not a slow one). */
  problems: string[];
}

/** The naive deployer in the same scenario. */
export interface NaiveRun {
  wall: number;
  requests: RequestLogEntry[];
  failure: string | undefined;
  /** Studio ended holding every file's definition. */
  holds: boolean;
}

/** Our all-parallel floor in the first deploy (every request at the concurrency) may be exceeded by 20%. */
const FLOOR_TARGET = 1.2;

export function deployRows(input: {
  scenario: DeployScenario;
  ours: OurRun;
  naive: NaiveRun;
  options: BenchOptions;
}): BenchResult {
  const { scenario, ours, naive, options } = input;
  const { flows, latencyMs } = options;
  const tag = `deploy (${scenario.key})`;
  const naiveOk = naive.failure === undefined && naive.holds;
  const ratio = ours.wall / naive.wall;
  const writes = ours.requests.filter(isWrite).length;
  const rows: Row[] = [
    {
      name: `${tag} ${scenario.label}, +${latencyMs} ms/request, concurrency ${ours.concurrency}`,
      measured: `ours ${ms(ours.wall)}, naive ${ms(naive.wall)}`,
    },
    {
      name: '  our wall / naive wall',
      measured: naiveOk ? ratio.toFixed(2) : 'naive failed',
      target: `≤ ${scenario.target.toFixed(2)}`,
      pass: naiveOk && ours.failure === undefined && ratio <= scenario.target,
    },
  ];
  if (scenario.key === 'a') {
    const floor = (ours.requests.length * latencyMs) / ours.concurrency;
    const name = `  our wall / all-parallel floor (${ours.requests.length} calls: ${ms(floor)})`;
    const target = `≤ ${FLOOR_TARGET.toFixed(2)}`;
    // Without latency there is no floor to compare with: the row says so instead of dividing by zero.
    if (floor === 0) rows.push({ name, measured: 'no floor at 0 ms', target });
    else {
      const measured = ours.wall / floor;
      rows.push({
        name,
        measured: measured.toFixed(2),
        target,
        pass: ours.failure === undefined && measured <= FLOOR_TARGET,
      });
    }
  }
  if (scenario.key === 'b') rows.push(callsRow('  reads + Validate per flow (+ list pages)', ours.requests, flows));
  rows.push({
    name: '  writes',
    measured: String(writes),
    target: String(scenario.writes),
    pass: writes === scenario.writes,
  });
  const utilisation = ours.busyMs / (ours.wall * ours.concurrency);
  const notes = [
    `${tag}: ours ${ours.requests.length} requests (${describeRequests(ours.requests)}; ` +
      `${ours.connections} connection(s), lanes busy ${(utilisation * 100).toFixed(0)}% of wall × concurrency); ` +
      `naive ${naive.requests.length} requests (${describeRequests(naive.requests)}).`,
  ];
  if (ours.problems.length > 0) notes.unshift(`${tag}: our deploy said ${ours.problems.slice(0, 3).join(' | ')}`);
  if (ours.failure !== undefined) notes.unshift(`${tag}: our deploy failed: ${ours.failure}`);
  if (naive.failure !== undefined) notes.unshift(`${tag}: the naive deployer failed: ${naive.failure}`);
  else if (!naive.holds) notes.unshift(`${tag}: after the naive deployer Studio does not hold every flow file.`);
  return { rows, notes };
}
