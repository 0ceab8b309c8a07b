/**
 * Benchmark: the cold start of dist/index.js with one tiny flow and nothing to ask Studio, against the
 * 200 ms limit: wall time as the runner sees it (median), and the CPU time of the process, which a busy
 * machine inflates far less than the wall time.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SHA } from './studio-workload.ts';
import { median, ms, type Bench } from './timing.ts';

export const COLD_START_LIMIT_MS = 200;

/** Loaded before the measured script (--import): prints the process's own CPU time at exit, on stderr. */
const CPU_PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write(`\\nbench-cpu-us ${u.user+u.system}\\n`)})';

interface Spawned {
  wallMs: number;
  cpuMs: number | undefined;
}

function spawnOnce(args: string[], env: Record<string, string>, cwd: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    execFile(process.execPath, args, { env, cwd, timeout: 30_000 }, (error, _stdout, stderr) => {
      const wallMs = performance.now() - start;
      if (error) return reject(new Error(`${args.join(' ')} failed: ${error.message}\n${stderr}`));
      const cpu = /bench-cpu-us (\d+)/.exec(stderr)?.[1];
      resolve({ wallMs, cpuMs: cpu === undefined ? undefined : Number(cpu) / 1000 });
    });
  });
}

/** A workspace and the environment of a workflow_dispatch run in check mode, as the runner sets it. */
async function runnerLike(workspace: string): Promise<Record<string, string>> {
  const eventPath = path.join(workspace, 'event.json');
  await writeFile(eventPath, JSON.stringify({ inputs: {} }));
  await writeFile(path.join(workspace, 'output'), '');
  await writeFile(path.join(workspace, 'summary'), '');
  // One small flow: a 'flows' glob that matches no file is an error, and a run that errors is no start-up figure.
  await mkdir(path.join(workspace, 'flows'));
  await writeFile(
    path.join(workspace, 'flows/tiny.json'),
    JSON.stringify({
      initial_state: 'Trigger',
      states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: {} }],
    }),
  );
  return {
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
}

export const benchColdStart: Bench = async ({ runs, dist }) => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-bench-cold-'));
  const action = path.join(dist, 'index.js');
  const wall: number[] = [];
  const bare: number[] = [];
  const cpu: number[] = [];
  const bareCpu: number[] = [];
  const notes: string[] = [];
  try {
    const env = await runnerLike(workspace);
    await spawnOnce([action], env, workspace); // file cache warm-up, not counted
    for (let i = 0; i < runs; i++) {
      wall.push((await spawnOnce([action], env, workspace)).wallMs);
      bare.push((await spawnOnce(['-e', ''], env, workspace)).wallMs);
      // The CPU probe runs apart, so that the wall times above are of the plain command.
      cpu.push((await spawnOnce(['--import', CPU_PROBE, action], env, workspace)).cpuMs ?? Number.NaN);
      bareCpu.push((await spawnOnce(['--import', CPU_PROBE, '-e', ''], env, workspace)).cpuMs ?? Number.NaN);
    }
    const output = await readFile(path.join(workspace, 'output'), 'utf8');
    if (!output.includes('valid'))
      notes.push(`cold start: the action wrote no outputs; check the run (${output.slice(0, 80)})`);
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
  const m = median(wall);
  notes.push(
    `cold start: node -e '' alone takes median ${ms(median(bare))}; the action's own CPU time (user + system) median ${ms(median(cpu))}, ` +
      `node -e '' ${ms(median(bareCpu))}; ${runs} runs each.`,
  );
  return {
    rows: [
      {
        name: 'cold start: dist/index.js, one tiny flow offline',
        measured: `median ${ms(m)}`,
        target: `< ${COLD_START_LIMIT_MS} ms`,
        pass: m < COLD_START_LIMIT_MS,
      },
    ],
    notes,
  };
};
