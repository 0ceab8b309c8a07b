/**
 * Benchmark: sync of N mapped flows (one in five edited in the Console) against the emulator with latency added
 * to every request: wall time, Studio calls per flow, ratio to the floor (1 list + 1 read per flow, at the
 * request concurrency: the list first, then the reads `concurrency` at a time).
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../src/emulator/server.ts';
import type { SeedFlow } from '../../src/emulator/seed.ts';
import { planSync, writePlan } from '../../src/sync/plan.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  changedOnDeploy,
  exampleDefinition,
  flowName,
  flowPath,
  instrumentedClient,
  settingsFor,
  SHA,
  variant,
  workspaceWith,
} from './studio-workload.ts';
import { median, ms, type Bench, type BenchResult } from './timing.ts';

export const benchSync: Bench = async (options) => {
  const { flows, latencyMs } = options;
  const definition = await exampleDefinition('examples/main-ivr.json');
  const edited = changedOnDeploy(options);
  const seed: SeedFlow[] = Array.from({ length: flows }, (_, i) => ({
    friendlyName: flowName(i),
    definition: variant(definition, i, i < edited ? ' (edited in the Console)' : ''),
    commitMessage: SHA,
  }));
  const files = Array.from({ length: flows }, (_, i): [string, unknown] => [
    flowPath(i),
    { friendly_name: flowName(i), definition: variant(definition, i, '') },
  ]);
  const emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    seed,
    faults: { latencyMs },
  });
  const settings = settingsFor(emulator.url);
  const result: BenchResult = { rows: [], notes: [] };
  // Each run is a fresh workspace and a fresh client (cold connections, as in a workflow run); the median is judged.
  const runs: Array<{ wall: number; reads: number; lists: number; written: number; problems: string[] }> = [];
  try {
    for (let run = 0; run < Math.min(options.runs, 3); run++) {
      const workspace = await workspaceWith(files);
      const client = instrumentedClient(settings);
      try {
        emulator.requests.length = 0;
        const start = performance.now();
        const plan = await planSync({ workspace, settings, studio: client.studio });
        const written = await writePlan(workspace, plan);
        const wall = performance.now() - start;
        const lists = emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v2/Flows').length;
        const problems = plan.problems.map((p) => `${p.path ?? ''}: ${p.message}`);
        runs.push({ wall, lists, reads: emulator.requests.length - lists, written: written.length, problems });
      } finally {
        await client.close();
        await rm(workspace, { recursive: true, force: true });
      }
    }
  } finally {
    await emulator.close();
  }
  const wall = median(runs.map((r) => r.wall));
  const worst = runs.reduce((a, b) => (b.reads + b.lists > a.reads + a.lists ? b : a));
  const floor = latencyMs * (1 + Math.ceil(flows / settings.concurrency));
  result.rows.push(
    {
      name: `sync ${flows} mapped flows, ${edited} edited, +${latencyMs} ms/request, concurrency ${settings.concurrency}`,
      measured: `wall ${ms(wall)}`,
    },
    {
      name: '  Studio reads per flow (+ list pages)',
      measured: `${(worst.reads / flows).toFixed(2)} + ${worst.lists}`,
      target: '≤ 1 + 1',
      pass: worst.reads <= flows && worst.lists <= 1,
    },
    {
      name: '  files written',
      measured: String(worst.written),
      target: String(edited),
      pass: runs.every((r) => r.written === edited),
    },
    {
      name: `  ratio to floor (1 list, then ${flows} reads ∥ ${settings.concurrency}: ${ms(floor)}; median of ${runs.length})`,
      measured: (wall / floor).toFixed(2),
      target: '≤ 1.25',
      pass: wall / floor <= 1.25,
    },
  );
  const problems = runs.flatMap((r) => r.problems);
  result.notes.push(
    `sync: walls ${runs.map((r) => ms(r.wall)).join(', ')}; ${worst.reads + worst.lists} Studio requests per run` +
      `${problems.length ? `; problems: ${problems.slice(0, 3).join(' | ')}` : ''}. The list comes first (files name their flows), so the floor is one list, then the reads at the concurrency.`,
  );
  return result;
};
