/**
 * Benchmarks (`npm run bench`): figures and ratios measured in this one run, printed as a table with
 * PASS/MISS per target. Not a test: nothing here is asserted, and timings are never compared across runs.
 *
 * 1. Check mode on 50 changed flows against the emulator with 100 ms added to every request, at the
 *    action's default concurrency: wall time, Studio calls per flow, ratio to the floor
 *    (calls × latency / concurrency).
 * 2. Deploy of 50 flows of which 10 changed: writes made, ratio to the floor. Writes are serial by design
 *    (subflows before callers; on a failure exactly the flows before it are deployed, so `on-failure: stop`
 *    is deterministic), so the deploy's floor is reads and Validate at `concurrency` plus writes one by one.
 * 3. Parse + lint + diff of a ~1 MB flow of ~2,000 widgets: median time, peak memory.
 * 4. Cold start of dist/index.js with nothing to do; the size of dist/.
 *
 * `node scripts/bench.ts [--latency <ms>] [--flows <n>] [--runs <n>] [--only big-flow,check,deploy,cold-start,size]`
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, buildConnector } from 'undici';
import { startEmulator, type EmulatorHandle, type RequestLogEntry } from '../src/emulator/server.ts';
import type { SeedFlow } from '../src/emulator/seed.ts';
import { diffDefinitions } from '../src/diff/diff.ts';
import { lintDefinition } from '../src/lint/lint.ts';
import { parseFlowText } from '../src/document/parse.ts';
import { readRunContext, type RunContext } from '../src/github/event.ts';
import type { ModeIO } from '../src/io.ts';
import { runCheckMode } from '../src/modes/check.ts';
import { runDeployMode } from '../src/modes/deploy.ts';
import { readSettings, type Settings } from '../src/settings.ts';
import type { StudioClient } from '../src/studio/client.ts';
import { studioClientFor } from '../src/studio/from-settings.ts';
import type { Send } from '../src/studio/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { latency: { type: 'string', default: '100' }, flows: { type: 'string', default: '50' }, runs: { type: 'string', default: '7' }, only: { type: 'string' } },
});
const LATENCY_MS = Number(options.latency);
const FLOWS = Number(options.flows);
const RUNS = Number(options.runs);
const CHANGED_ON_DEPLOY = Math.round(FLOWS / 5);
const ACCOUNT_SID = `AC${'be'.repeat(16)}`;
const AUTH_TOKEN = 'bench-auth-token';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const LIST_PAGE = 1000;

interface Row {
  name: string;
  measured: string;
  target?: string;
  pass?: boolean;
}
const rows: Row[] = [];
const notes: string[] = [];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

/** A ModeIO that keeps nothing but the warnings and error annotations (to tell a broken bench from a slow one). */
function quietIO(problems: string[]): ModeIO {
  return {
    info: () => {},
    warning: (m) => problems.push(`warning: ${m}`),
    annotate: (a) => (a.level === 'error' ? problems.push(`${a.file}:${a.line ?? ''}: ${a.message}`) : undefined),
    setOutput: () => {},
    summary: async () => {},
    group: (_name, fn) => fn(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Flows

async function exampleDefinition(file: string): Promise<Record<string, unknown>> {
  return (JSON.parse(await readFile(path.join(ROOT, file), 'utf8')) as { definition: Record<string, unknown> }).definition;
}

/** The example IVR with a per-flow greeting, so every flow is its own definition. */
function variant(definition: Record<string, unknown>, i: number, edit: string): Record<string, unknown> {
  const copy = structuredClone(definition) as { states: Array<{ name: string; properties: Record<string, unknown> }> };
  const gather = copy.states.find((s) => s.name === 'gather_menu');
  if (gather) gather.properties.say = `Thanks for calling branch ${i}${edit}. Press 1 for sales, 2 for support.`;
  return copy as unknown as Record<string, unknown>;
}

const flowName = (i: number) => `Bench IVR ${String(i).padStart(3, '0')}`;
const flowPath = (i: number) => `flows/bench-${String(i).padStart(3, '0')}.json`;

async function workspaceWith(files: Array<[string, unknown]>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sfci-bench-'));
  for (const [rel, content] of files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

function settingsFor(studioUrl: string): Settings {
  const inputs: Record<string, string> = {
    'twilio-account-sid': ACCOUNT_SID,
    'twilio-auth-token': AUTH_TOKEN,
    'studio-url': studioUrl,
    flows: 'flows/**/*.json',
    'on-drift': 'fail',
  };
  return readSettings((name) => inputs[name] ?? '', () => {});
}

/** Counts: requests by kind, connections opened, and the busy time of the request lanes. */
interface Instrumented {
  studio: StudioClient;
  connections: () => number;
  /** Sum of request durations (ms), as the client saw them. */
  busyMs: () => number;
  close(): Promise<void>;
}

/** A StudioClient as main.ts makes it (studioClientFor), on an Agent like its own (keep-alive 10 s) that counts connections. */
function instrumentedClient(settings: Settings): Instrumented {
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
  const timed = (send: Send): Send => async (req) => {
    const start = performance.now();
    try {
      return await send(req);
    } finally {
      busy += performance.now() - start;
    }
  };
  const studio = studioClientFor(settings, () => {}, { dispatcher: agent, wrapSend: timed })!;
  return { studio, connections: () => connections, busyMs: () => busy, close: async () => { await studio.close(); await agent.close(); } };
}

const isList = (r: RequestLogEntry) => r.method === 'GET' && r.path === '/v2/Flows';
const isValidate = (r: RequestLogEntry) => r.path === '/v2/Flows/Validate';
const isWrite = (r: RequestLogEntry) => (r.method === 'POST' && !isValidate(r)) || r.method === 'DELETE';

function describeRequests(requests: RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.method} ${r.path.replace(/FW[0-9a-f]{32}/g, 'FW…')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`).join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// 1. Check mode

async function benchCheck(): Promise<void> {
  const pr = await exampleDefinition('examples/main-ivr.json');
  const live = await exampleDefinition('examples/live/main-ivr.json');
  const seed: SeedFlow[] = Array.from({ length: FLOWS }, (_, i) => ({ friendlyName: flowName(i), definition: variant(live, i, ''), commitMessage: SHA }));
  const workspace = await workspaceWith(Array.from({ length: FLOWS }, (_, i) => [flowPath(i), { friendly_name: flowName(i), definition: variant(pr, i, ' (new)') }]));
  const emulator = await startEmulator({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, seed, faults: { latencyMs: LATENCY_MS } });
  const settings = settingsFor(emulator.url);
  const client = instrumentedClient(settings);
  const run: RunContext = { ...readRunContext({}), workspace, eventName: 'workflow_dispatch' };
  const problems: string[] = [];
  try {
    emulator.requests.length = 0;
    const start = performance.now();
    const outcome = await runCheckMode({ settings, run, gh: undefined, studio: client.studio, io: quietIO(problems) });
    const wall = performance.now() - start;
    const notValid = outcome.report.flows.filter((f) => f.validate !== 'valid').length;
    if (notValid > 0 || problems.length > 0) notes.push(`check: ${notValid} flow(s) not valid; ${problems.slice(0, 3).join(' | ')}`);
    report('check', emulator, client, settings, wall, FLOWS);
  } finally {
    await client.close();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

function report(kind: 'check' | 'deploy', emulator: EmulatorHandle, client: Instrumented, settings: Settings, wall: number, flows: number): void {
  const requests = emulator.requests;
  const lists = requests.filter(isList).length;
  const writes = requests.filter(isWrite).length;
  const perFlow = (requests.length - lists - writes) / flows;
  const floor = (requests.length * LATENCY_MS) / settings.concurrency;
  const ratio = wall / floor;
  const listLimit = Math.ceil(flows / LIST_PAGE);
  const label = kind === 'check' ? `check ${flows} changed flows` : `deploy ${flows} flows, ${CHANGED_ON_DEPLOY} changed`;
  rows.push({ name: `${label}, +${LATENCY_MS} ms/request, concurrency ${settings.concurrency}`, measured: `wall ${ms(wall)}` });
  if (kind === 'check') {
    rows.push({ name: '  Studio calls per flow (+ list pages)', measured: `${perFlow.toFixed(2)} + ${lists}`, target: `≤ 2 + ${listLimit}`, pass: perFlow <= 2 && lists <= listLimit });
  } else {
    rows.push({ name: '  reads + Validate per flow (+ list pages)', measured: `${perFlow.toFixed(2)} + ${lists}`, target: `≤ 2 + ${listLimit}`, pass: perFlow <= 2 && lists <= listLimit });
    rows.push({ name: '  writes', measured: String(writes), target: String(CHANGED_ON_DEPLOY), pass: writes === CHANGED_ON_DEPLOY });
  }
  if (kind === 'check') {
    rows.push({ name: `  ratio to floor (${requests.length} calls: ${ms(floor)})`, measured: ratio.toFixed(2), target: '≤ 1.25', pass: ratio <= 1.25 });
  } else {
    const serialFloor = ((requests.length - writes) * LATENCY_MS) / settings.concurrency + writes * LATENCY_MS;
    rows.push({ name: `  ratio to floor (${requests.length - writes} reads/validates ∥, ${writes} writes serial: ${ms(serialFloor)})`, measured: (wall / serialFloor).toFixed(2), target: '≤ 1.25', pass: wall / serialFloor <= 1.25 });
  }
  const utilisation = client.busyMs() / (wall * settings.concurrency);
  notes.push(
    `${kind}: ${describeRequests(requests)}; ${client.connections()} connection(s) opened; ` +
      `request lanes busy ${(utilisation * 100).toFixed(0)}% of wall × concurrency.`,
  );
  if (kind === 'deploy' && writes > 0) {
    notes.push(`deploy: against a floor with every call in parallel (${ms(floor)}) the ratio would be ${ratio.toFixed(2)}; writes are serial on purpose.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2. Deploy mode

async function benchDeploy(): Promise<void> {
  const definition = await exampleDefinition('examples/main-ivr.json');
  const seed: SeedFlow[] = Array.from({ length: FLOWS }, (_, i) => ({ friendlyName: flowName(i), definition: variant(definition, i, ''), commitMessage: SHA }));
  const files = Array.from({ length: FLOWS }, (_, i): [string, unknown] => [
    flowPath(i),
    { friendly_name: flowName(i), definition: variant(definition, i, i % (FLOWS / CHANGED_ON_DEPLOY) === 0 ? ' (changed)' : '') },
  ]);
  const workspace = await workspaceWith(files);
  const emulator = await startEmulator({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, seed, faults: { latencyMs: LATENCY_MS } });
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
    const result = await runDeployMode({ settings, run, gh: undefined, studio: client.studio, io: quietIO(problems) });
    const wall = performance.now() - start;
    if (result.failure) notes.push(`deploy failed: ${result.failure}`);
    report('deploy', emulator, client, settings, wall, FLOWS);
  } finally {
    await client.close();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3. A big flow: parse, lint, diff

const LOREM = 'Thank you for calling; your call matters to us';

/** A chain of `count` widgets (say, gather, split, set variables), about 500 bytes each pretty-printed. */
function bigDefinition(count: number, edit: (i: number) => { say?: string; drop?: boolean; next?: number; x?: number } = () => ({})): Record<string, unknown> {
  const name = (i: number) => `step_${String(i).padStart(4, '0')}`;
  const states: unknown[] = [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: name(0) }, { event: 'incomingMessage' }, { event: 'incomingRequest' }], properties: { offset: { x: 0, y: 0 } } }];
  for (let i = 0; i < count; i++) {
    const e = edit(i);
    if (e.drop) continue;
    const next = i + 1 < count ? name(e.next ?? i + 1) : undefined;
    const offset = { x: e.x ?? (i % 8) * 250, y: Math.floor(i / 8) * 200 };
    const end = next ? { next } : {};
    switch (i % 4) {
      case 0:
        states.push({ name: name(i), type: 'say-play', transitions: [{ event: 'audioComplete', ...end }], properties: { offset, voice: 'Polly.Joanna', language: 'en-US', say: e.say ?? `${LOREM} (step ${i}).` } });
        break;
      case 1:
        states.push({
          name: name(i),
          type: 'gather-input-on-call',
          transitions: [{ event: 'keypress', ...end }, { event: 'speech', ...end }, { event: 'timeout', ...end }],
          properties: { offset, voice: 'Polly.Joanna', language: 'en-US', say: e.say ?? `Press 1 to continue at step ${i}.`, number_of_digits: 1, timeout: 5 },
        });
        break;
      case 2:
        states.push({
          name: name(i),
          type: 'split-based-on',
          transitions: [
            { event: 'noMatch', ...end },
            { event: 'match', ...end, conditions: [{ friendly_name: `choice ${i}`, arguments: [`{{widgets.${name(i - 1)}.Digits}}`], type: 'equal_to', value: '1' }] },
          ],
          properties: { offset, input: `{{widgets.${name(i - 1)}.Digits}}` },
        });
        break;
      default:
        states.push({ name: name(i), type: 'set-variables', transitions: [{ event: 'next', ...end }], properties: { offset, variables: [{ key: `step_${i}`, value: e.say ?? `{{flow.data.step_${i} | default: 'none'}}` }] } });
    }
  }
  return { description: 'Benchmark: a long chain of widgets', states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true } };
}

async function benchBigFlow(): Promise<void> {
  const widgets = 2000;
  const before = bigDefinition(widgets);
  // The change a big pull request makes: texts edited, widgets removed (and bypassed), widgets moved.
  const after = bigDefinition(widgets, (i) => ({
    ...(i % 100 === 0 ? { say: `Edited text at step ${i}.` } : {}),
    ...(i % 400 === 5 ? { drop: true } : {}),
    ...(i % 400 === 4 ? { next: i + 2 } : {}),
    ...(i % 40 === 7 ? { x: 9999 } : {}),
  }));
  const text = `${JSON.stringify(before, null, 2)}\n`;
  const afterText = `${JSON.stringify(after, null, 2)}\n`;
  const file = 'flows/big.json';

  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = 0;
  const times: number[] = [];
  const parts = { parse: [] as number[], lint: [] as number[], diff: [] as number[] };
  let findings: string[] = [];
  let changes = '';
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const parsed = parseFlowText(file, afterText);
    const t1 = performance.now();
    const issues = parsed.ok ? lintDefinition(parsed.definition) : [];
    const t2 = performance.now();
    const diff = parsed.ok ? diffDefinitions(before, parsed.definition) : undefined;
    const t3 = performance.now();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
    if (run === 0) {
      // The first run warms the JIT up and is not counted.
      findings = [...parsed.findings, ...issues].map((f) => `${f.rule} (${f.message.slice(0, 120)})`);
      changes = diff ? `${diff.widgets.length} widgets changed, ${diff.layoutOnly.length} moved` : 'no diff (parse failed)';
      continue;
    }
    parts.parse.push(t1 - t0);
    parts.lint.push(t2 - t1);
    parts.diff.push(t3 - t2);
    times.push(t3 - t0);
  }
  const rssDelta = process.resourceUsage().maxRSS * 1024 - rssBefore;
  const lintAndDiff = median(parts.lint.map((t, i) => t + (parts.diff[i] ?? 0)));
  rows.push({ name: `lint + diff: ${mb(text.length)} flow, ${widgets} widgets`, measured: `median ${ms(lintAndDiff)}`, target: '< 100 ms', pass: lintAndDiff < 100 });
  rows.push({ name: '  with the parse first (positions for every finding)', measured: `median ${ms(median(times))}`, target: '< 100 ms', pass: median(times) < 100 });
  rows.push({ name: '  peak memory (maxRSS delta; heap)', measured: `+${mb(rssDelta)}; +${mb(heapPeak)}` });
  notes.push(
    `big flow: median parse ${ms(median(parts.parse))}, lint ${ms(median(parts.lint))}, diff ${ms(median(parts.diff))} over ${RUNS} runs ` +
      `(+1 warm-up); findings: ${findings.length ? findings.join(', ') : 'none'}; ${changes}.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// 4. Cold start and bundle size

function spawnOnce(args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    execFile(process.execPath, args, { env, cwd, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(performance.now() - start);
    });
  });
}

async function benchColdStart(): Promise<void> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-bench-cold-'));
  const eventPath = path.join(workspace, 'event.json');
  await writeFile(eventPath, JSON.stringify({ inputs: {} }));
  await writeFile(path.join(workspace, 'output'), '');
  await writeFile(path.join(workspace, 'summary'), '');
  // One small flow: a 'flows' glob that matches no file is an error now, and a run that errors is no start-up figure.
  await mkdir(path.join(workspace, 'flows'));
  await writeFile(path.join(workspace, 'flows/tiny.json'), JSON.stringify({ initial_state: 'Trigger', states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: {} }] }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'bench/flows',
    GITHUB_SHA: SHA,
    GITHUB_OUTPUT: path.join(workspace, 'output'),
    GITHUB_STEP_SUMMARY: path.join(workspace, 'summary'),
    RUNNER_TEMP: workspace,
    INPUT_MODE: 'check',
  };
  const action: number[] = [];
  const bare: number[] = [];
  try {
    await spawnOnce([path.join(ROOT, 'dist/index.js')], env, workspace); // file cache warm-up, not counted
    for (let i = 0; i < RUNS; i++) {
      action.push(await spawnOnce([path.join(ROOT, 'dist/index.js')], env, workspace));
      bare.push(await spawnOnce(['-e', ''], env, workspace));
    }
    const output = await readFile(path.join(workspace, 'output'), 'utf8');
    if (!output.includes('valid')) notes.push(`cold start: the action wrote no outputs; check the run (${output.slice(0, 80)})`);
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
  const m = median(action);
  rows.push({ name: 'cold start: dist/index.js, one tiny flow offline', measured: `median ${ms(m)}`, target: '< 300 ms', pass: m < 300 });
  notes.push(`cold start: node -e '' alone takes median ${ms(median(bare))}; ${RUNS} runs each.`);
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await sizeOf(full) : (await stat(full)).size;
  }
  return total;
}

async function benchDistSize(): Promise<void> {
  const bytes = await sizeOf(path.join(ROOT, 'dist'));
  rows.push({ name: 'dist/ total size', measured: mb(bytes), target: '< 2 MB', pass: bytes < 2_000_000 });
}

// ---------------------------------------------------------------------------------------------------------

function printTable(): void {
  const width = [Math.max(...rows.map((r) => r.name.length)), Math.max(...rows.map((r) => r.measured.length)), Math.max(...rows.map((r) => (r.target ?? '').length))];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i] ?? 0)).join('  ').trimEnd();
  const out = [line(['benchmark', 'measured', 'target']).concat('  result'), line(['-'.repeat(width[0] ?? 0), '-'.repeat(width[1] ?? 0), '-'.repeat(width[2] ?? 0)]).concat('  ------')];
  for (const r of rows) out.push(`${line([r.name, r.measured, r.target ?? ''])}${r.pass === undefined ? '' : `  ${r.pass ? 'PASS' : 'MISS'}`}`);
  process.stdout.write(`${out.join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
}

// The big flow goes first, so that the maxRSS delta is its own and not the emulator runs'.
const benches: Record<string, () => Promise<void>> = { 'big-flow': benchBigFlow, check: benchCheck, deploy: benchDeploy, 'cold-start': benchColdStart, size: benchDistSize };
const only = options.only?.split(',');
for (const [name, bench] of Object.entries(benches)) if (!only || only.includes(name)) await bench();
printTable();
