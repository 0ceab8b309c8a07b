/**
 * Benchmark: check mode on N changed flows against the emulator with latency added to every request, at the
 * action's default concurrency: wall time, Studio calls per flow, ratio to the floor (calls × latency / concurrency).
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../src/emulator/server.ts';
import type { SeedFlow } from '../../src/emulator/seed.ts';
import { readRunContext, type RunContext } from '../../src/github/event.ts';
import { runCheckMode } from '../../src/modes/check.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  exampleDefinition,
  flowName,
  flowPath,
  instrumentedClient,
  quietIO,
  settingsFor,
  SHA,
  studioRows,
  variant,
  workspaceWith,
} from './studio-workload.ts';
import type { Bench } from './timing.ts';

export const benchCheck: Bench = async (options) => {
  const { flows, latencyMs } = options;
  const pr = await exampleDefinition('examples/main-ivr.json');
  const live = await exampleDefinition('examples/live/main-ivr.json');
  const seed: SeedFlow[] = Array.from({ length: flows }, (_, i) => ({
    friendlyName: flowName(i),
    definition: variant(live, i, ''),
    commitMessage: SHA,
  }));
  const workspace = await workspaceWith(
    Array.from({ length: flows }, (_, i) => [
      flowPath(i),
      { friendly_name: flowName(i), definition: variant(pr, i, ' (new)') },
    ]),
  );
  const emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    seed,
    faults: { latencyMs },
  });
  const settings = settingsFor(emulator.url);
  const client = instrumentedClient(settings);
  const run: RunContext = { ...readRunContext({}), workspace, eventName: 'workflow_dispatch' };
  const problems: string[] = [];
  try {
    emulator.requests.length = 0;
    const start = performance.now();
    const outcome = await runCheckMode({ settings, run, gh: undefined, studio: client.studio, io: quietIO(problems) });
    const wall = performance.now() - start;
    const result = studioRows({ emulator, client, settings, wall, options });
    const notValid = outcome.report.flows.filter((f) => f.validate !== 'valid').length;
    if (notValid > 0 || problems.length > 0)
      result.notes.unshift(`check: ${notValid} flow(s) not valid; ${problems.slice(0, 3).join(' | ')}`);
    return result;
  } finally {
    await client.close();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
};
