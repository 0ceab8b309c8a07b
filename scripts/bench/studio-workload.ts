/**
 * The workload the check and deploy benchmarks share: N flows made from the example IVR, the emulator with
 * latency added to every request, a Studio client as the action makes it but counting connections and
 * busy time, and the rows that judge the requests made (calls per flow, ratio to the floor).
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, buildConnector } from 'undici';
import type { EmulatorHandle, RequestLogEntry } from '../../src/emulator/server.ts';
import type { ModeIO } from '../../src/io.ts';
import { readSettings, type Settings } from '../../src/settings.ts';
import type { StudioClient } from '../../src/studio/client.ts';
import { studioClientFor } from '../../src/studio/from-settings.ts';
import type { Send } from '../../src/studio/types.ts';
import { ms, type BenchOptions, type BenchResult, type Row } from './timing.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ACCOUNT_SID = `AC${'be'.repeat(16)}`;
export const AUTH_TOKEN = 'bench-auth-token';
export const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const LIST_PAGE = 1000;

/** Flows changed in the deploy workload: one in five. */
export const changedOnDeploy = (options: BenchOptions) => Math.round(options.flows / 5);

/** A ModeIO that keeps nothing but the warnings and error annotations (to tell a broken bench from a slow one). */
export function quietIO(problems: string[]): ModeIO {
  return {
    info: () => {},
    warning: (m) => problems.push(`warning: ${m}`),
    annotate: (a) => (a.level === 'error' ? problems.push(`${a.file}:${a.line ?? ''}: ${a.message}`) : undefined),
    setOutput: () => {},
    summary: async () => {},
    group: (_name, fn) => fn(),
  };
}

export async function exampleDefinition(file: string): Promise<Record<string, unknown>> {
  return (JSON.parse(await readFile(path.join(ROOT, file), 'utf8')) as { definition: Record<string, unknown> })
    .definition;
}

/** The example IVR with a per-flow greeting, so every flow is its own definition. */
export function variant(definition: Record<string, unknown>, i: number, edit: string): Record<string, unknown> {
  const copy = structuredClone(definition) as { states: Array<{ name: string; properties: Record<string, unknown> }> };
  const gather = copy.states.find((s) => s.name === 'gather_menu');
  if (gather) gather.properties.say = `Thanks for calling branch ${i}${edit}. Press 1 for sales, 2 for support.`;
  return copy;
}

export const flowName = (i: number) => `Bench IVR ${String(i).padStart(3, '0')}`;
export const flowPath = (i: number) => `flows/bench-${String(i).padStart(3, '0')}.json`;

export async function workspaceWith(files: Array<[string, unknown]>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sfci-bench-'));
  for (const [rel, content] of files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

export function settingsFor(studioUrl: string): Settings {
  const inputs: Record<string, string> = {
    'twilio-account-sid': ACCOUNT_SID,
    'twilio-auth-token': AUTH_TOKEN,
    'studio-url': studioUrl,
    flows: 'flows/**/*.json',
    'on-drift': 'fail',
  };
  return readSettings(
    (name) => inputs[name] ?? '',
    () => {},
  );
}

/** Counts: requests by kind, connections opened, and the busy time of the request lanes. */
export interface Instrumented {
  studio: StudioClient;
  connections: () => number;
  /** Sum of request durations (ms), as the client saw them. */
  busyMs: () => number;
  close(): Promise<void>;
}

/** A StudioClient as main.ts makes it (studioClientFor), on an Agent like its own (keep-alive 10 s) that counts connections. */
export function instrumentedClient(settings: Settings): Instrumented {
  let connections = 0;
  let busy = 0;
  const connect = buildConnector({});
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: settings.concurrency, // as the action's own client (src/main.ts)
    connect: (opts, callback) => {
      connections += 1;
      connect(opts, callback);
    },
  });
  const timed =
    (send: Send): Send =>
    async (req) => {
      const start = performance.now();
      try {
        return await send(req);
      } finally {
        busy += performance.now() - start;
      }
    };
  const studio = studioClientFor(settings, () => {}, { dispatcher: agent, wrapSend: timed })!;
  return {
    studio,
    connections: () => connections,
    busyMs: () => busy,
    close: async () => {
      await studio.close();
      await agent.close();
    },
  };
}

export const isList = (r: RequestLogEntry) => r.method === 'GET' && r.path === '/v2/Flows';
const isValidate = (r: RequestLogEntry) => r.path === '/v2/Flows/Validate';
export const isWrite = (r: RequestLogEntry) => (r.method === 'POST' && !isValidate(r)) || r.method === 'DELETE';

/** The requests by method and path (SIDs folded), e.g. `1× GET /v2/Flows, 50× POST /v2/Flows`. */
export function describeRequests(requests: readonly RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.method} ${r.path.replace(/FW[0-9a-f]{32}/g, 'FW…')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`).join(', ');
}

/** The row of Studio calls per flow besides lists and writes (reads, Validate), at most 2 + a list per 1000 flows. */
export function callsRow(name: string, requests: readonly RequestLogEntry[], flows: number): Row {
  const lists = requests.filter(isList).length;
  const writes = requests.filter(isWrite).length;
  const perFlow = (requests.length - lists - writes) / flows;
  const listLimit = Math.ceil(flows / LIST_PAGE);
  return {
    name,
    measured: `${perFlow.toFixed(2)} + ${lists}`,
    target: `≤ 2 + ${listLimit}`,
    pass: perFlow <= 2 && lists <= listLimit,
  };
}

/** The rows judging one check run: wall time, calls per flow, ratio to the floor (calls × latency / concurrency). */
export function studioRows(run: {
  emulator: EmulatorHandle;
  client: Instrumented;
  settings: Settings;
  wall: number;
  options: BenchOptions;
}): BenchResult {
  const { client, settings, wall, options } = run;
  const { flows, latencyMs } = options;
  const requests = run.emulator.requests;
  const floor = (requests.length * latencyMs) / settings.concurrency;
  const ratio = wall / floor;
  const utilisation = client.busyMs() / (wall * settings.concurrency);
  return {
    rows: [
      {
        name: `check ${flows} changed flows, +${latencyMs} ms/request, concurrency ${settings.concurrency}`,
        measured: `wall ${ms(wall)}`,
      },
      callsRow('  Studio calls per flow (+ list pages)', requests, flows),
      {
        name: `  ratio to floor (${requests.length} calls: ${ms(floor)})`,
        measured: ratio.toFixed(2),
        target: '≤ 1.25',
        pass: ratio <= 1.25,
      },
    ],
    notes: [
      `check: ${describeRequests(requests)}; ${client.connections()} connection(s) opened; ` +
        `request lanes busy ${(utilisation * 100).toFixed(0)}% of wall × concurrency.`,
    ],
  };
}
