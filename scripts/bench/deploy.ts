/**
 * Benchmark: deploy of N flows of which one in five changed: writes made, ratio to the floor. Writes are
 * serial by design (subflows before callers; on a failure exactly the flows before it are deployed, so
 * `on-failure: stop` is deterministic), so the floor is reads and Validate at `concurrency` plus writes one by one.
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../src/emulator/server.ts';
import type { SeedFlow } from '../../src/emulator/seed.ts';
import { readRunContext, type RunContext } from '../../src/github/event.ts';
import { runDeployMode } from '../../src/modes/deploy.ts';
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
  studioRows,
  variant,
  workspaceWith,
} from './studio-workload.ts';
import type { Bench } from './timing.ts';

export const benchDeploy: Bench = async (options) => {
  const { flows, latencyMs } = options;
  const definition = await exampleDefinition('examples/main-ivr.json');
  const seed: SeedFlow[] = Array.from({ length: flows }, (_, i) => ({
    friendlyName: flowName(i),
    definition: variant(definition, i, ''),
    commitMessage: SHA,
  }));
  const every = flows / changedOnDeploy(options);
  const files = Array.from({ length: flows }, (_, i): [string, unknown] => [
    flowPath(i),
    { friendly_name: flowName(i), definition: variant(definition, i, i % every === 0 ? ' (changed)' : '') },
  ]);
  const workspace = await workspaceWith(files);
  const emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    seed,
    faults: { latencyMs },
  });
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
    emulator.requests.length = 0;
    const start = performance.now();
    const outcome = await runDeployMode({ settings, run, gh: undefined, studio: client.studio, io: quietIO(problems) });
    const wall = performance.now() - start;
    const result = studioRows({ kind: 'deploy', emulator, client, settings, wall, options });
    if (outcome.failure) result.notes.unshift(`deploy failed: ${outcome.failure}`);
    return result;
  } finally {
    await client.close();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
};
