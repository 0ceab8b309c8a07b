/**
 * Benchmark: check mode on N changed flows that each reference one Serverless Function by name
 * (`${function:hours/…}`, two paths of one service), against the emulator serving the account seed
 * test/fixtures/account/staging.json, with latency added to every request. Counts the Serverless and TaskRouter
 * requests of the whole run from the emulator's log (target: the three lists, services, environments and the
 * build, once for all the flows, + paging) and compares the wall time with the plain check of the same N flows
 * without the reference, measured in this run against the same emulator.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccountSeed } from '../../src/emulator/account-seed.ts';
import { startEmulator, type EmulatorHandle, type RequestLogEntry } from '../../src/emulator/server.ts';
import type { SeedFlow } from '../../src/emulator/seed.ts';
import { readRunContext } from '../../src/github/event.ts';
import { runCheckMode } from '../../src/modes/check.ts';
import { accountListsOfRun } from '../../src/studio/lists-of-run.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  exampleDefinition,
  instrumentedClient,
  quietIO,
  ROOT,
  settingsFor,
  SHA,
  variant,
  workspaceWith,
} from './studio-workload.ts';
import { ms, type Bench, type BenchResult } from './timing.ts';

const PATHS = ['/api/hours', '/api/holidays'];
const LIST_PAGE = 1000;
const name = (kind: string, i: number) => `Bench ${kind} ${String(i).padStart(3, '0')}`;
const file = (kind: string, i: number) => `flows/${kind}-${String(i).padStart(3, '0')}.json`;

type State = { name: string; transitions: Array<{ event: string; next?: string }> } & Record<string, unknown>;

/** The definition with a run-function widget on the trigger's REST event, all four fields by name. */
function withFunction(definition: Record<string, unknown>, i: number): Record<string, unknown> {
  const copy = structuredClone(definition) as { states: State[] };
  const trigger = copy.states.find((s) => s.name === 'Trigger');
  const rest = trigger?.transitions.find((t) => t.event === 'incomingRequest');
  if (rest) rest.next = 'check_hours';
  const ref = `\${function:hours${PATHS[i % PATHS.length]}}`;
  copy.states.push({
    name: 'check_hours',
    type: 'run-function',
    transitions: [{ event: 'success' }, { event: 'fail' }],
    properties: { service_sid: ref, environment_sid: ref, function_sid: ref, url: ref, offset: { x: 600, y: 0 } },
  });
  return copy;
}

/** One check run of the flows of `kind` (a run as main.ts makes it: its client, its AccountLists). */
async function checkRun(emulator: EmulatorHandle, kind: string, workspace: string) {
  const settings = settingsFor(emulator.url);
  const client = instrumentedClient(settings);
  const lists = accountListsOfRun(settings, () => {}, client.studio);
  const problems: string[] = [];
  emulator.requests.length = 0;
  try {
    const start = performance.now();
    const run = { ...readRunContext({}), workspace, eventName: 'workflow_dispatch' };
    const outcome = await runCheckMode({
      settings,
      run,
      gh: undefined,
      studio: client.studio,
      io: quietIO(problems),
      lists,
    });
    const wall = performance.now() - start;
    const notValid = outcome.report.flows.filter((f) => f.validate !== 'valid').length;
    const note =
      notValid > 0 || problems.length > 0
        ? `${kind}: ${notValid} flow(s) not valid; ${problems.slice(0, 3).join(' | ')}`
        : undefined;
    return { wall, requests: [...emulator.requests], note };
  } finally {
    await lists?.close();
    await client.close();
  }
}

const count = (requests: RequestLogEntry[], api: RequestLogEntry['api']) => requests.filter((r) => r.api === api);

export const benchNames: Bench = async (options) => {
  const { flows, latencyMs } = options;
  const pr = await exampleDefinition('examples/main-ivr.json');
  const live = await exampleDefinition('examples/live/main-ivr.json');
  const kinds = {
    plain: (i: number) => variant(pr, i, ' (new)'),
    names: (i: number) => withFunction(variant(pr, i, ' (new)'), i),
  };
  const seed: SeedFlow[] = Object.keys(kinds).flatMap((kind) =>
    Array.from({ length: flows }, (_, i) => ({
      friendlyName: name(kind, i),
      definition: variant(live, i, ''),
      commitMessage: SHA,
    })),
  );
  const accountFile = path.join(ROOT, 'test/fixtures/account/staging.json');
  const emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    seed,
    account: JSON.parse(await readFile(accountFile, 'utf8')) as AccountSeed,
    faults: { latencyMs },
  });
  const workspaces = await Promise.all(
    Object.entries(kinds).map(([kind, make]) =>
      workspaceWith(
        Array.from({ length: flows }, (_, i) => [file(kind, i), { friendly_name: name(kind, i), definition: make(i) }]),
      ),
    ),
  );
  try {
    const plain = await checkRun(emulator, 'plain', workspaces[0]!);
    const names = await checkRun(emulator, 'names', workspaces[1]!);
    const serverless = count(names.requests, 'serverless');
    const pages = serverless.filter((r) => r.query.Page !== undefined || r.query.PageToken !== undefined).length;
    const taskrouter = count(names.requests, 'taskrouter').length;
    const limit = 3 + Math.max(0, Math.ceil(flows / LIST_PAGE) - 1);
    const ratio = names.wall / plain.wall;
    const result: BenchResult = {
      rows: [
        {
          name: `check ${flows} flows, each referencing a Function by name, +${latencyMs} ms/request`,
          measured: `wall ${ms(names.wall)}`,
        },
        {
          name: '  Serverless list calls in total (+ pages)',
          measured: `${serverless.length - pages} + ${pages}`,
          target: `≤ ${limit}`,
          pass: serverless.length <= limit,
        },
        { name: '  TaskRouter calls', measured: String(taskrouter), target: '0', pass: taskrouter === 0 },
        {
          name: `  wall vs the plain check of the same ${flows} flows (${ms(plain.wall)})`,
          measured: ratio.toFixed(2),
          target: '≤ 1.25',
          pass: ratio <= 1.25,
        },
      ],
      notes: [
        `names: Serverless ${serverless.map((r) => `${r.method} ${r.path.replace(/Z[SEB][0-9a-f]{32}/g, '…')}`).join(', ')}; ` +
          `Studio ${count(names.requests, 'studio').length} requests (plain check: ${count(plain.requests, 'studio').length}).`,
      ],
    };
    for (const note of [plain.note, names.note]) if (note) result.notes.unshift(note);
    return result;
  } finally {
    await emulator.close();
    for (const dir of workspaces) await rm(dir, { recursive: true, force: true });
  }
};
