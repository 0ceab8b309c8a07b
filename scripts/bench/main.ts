/**
 * Benchmarks (`npm run bench`): figures and ratios measured in this one run, printed as a table with
 * PASS/MISS per target. Not a test: nothing here is asserted, and timings are never compared across runs.
 * One file per benchmark beside this one; timing.ts holds what they share.
 *
 * Usage: see USAGE below.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchBigFlow } from './big-flow.ts';
import { benchCheck } from './check.ts';
import { benchColdStart } from './cold-start.ts';
import { benchDeploy } from './deploy.ts';
import { benchNames } from './names.ts';
import { benchSimulate } from './simulate.ts';
import { benchDistSize } from './size.ts';
import { benchSync } from './sync.ts';
import { ROOT } from './studio-workload.ts';
import { formatTable, type Bench, type BenchOptions, type BenchResult } from './timing.ts';

const USAGE =
  'node scripts/bench/main.ts [--latency <ms>] [--flows <n>] [--runs <n>] [--only big-flow,check,names,deploy,sync,cold-start,size,simulate] [--dist <dir>]';

function stop(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        latency: { type: 'string', default: '100' },
        flows: { type: 'string', default: '50' },
        runs: { type: 'string', default: '7' },
        only: { type: 'string' },
        dist: { type: 'string', default: 'dist' },
      },
    }).values;
  } catch (error) {
    return stop(`${(error as Error).message.split('\n')[0] ?? ''} Usage: ${USAGE}`);
  }
}

const values = readArgs();
const options: BenchOptions = {
  latencyMs: Number(values.latency),
  flows: Number(values.flows),
  runs: Number(values.runs),
  dist: path.resolve(ROOT, values.dist),
};
if (!existsSync(path.join(options.dist, 'index.js')))
  stop(`--dist ${values.dist}: no index.js there; run npm run build first, or name a folder that holds a build.`);
for (const [name, value] of Object.entries({
  latencyMs: options.latencyMs,
  flows: options.flows,
  runs: options.runs,
})) {
  if (!Number.isSafeInteger(value) || value < (name === 'latencyMs' ? 0 : 1)) {
    stop(
      `--${name === 'latencyMs' ? 'latency' : name} must be a whole number${name === 'latencyMs' ? '' : ' of at least 1'}.`,
    );
  }
}

// The big flow goes first, so that the maxRSS delta is its own and not the emulator runs'.
const benches: Record<string, Bench> = {
  'big-flow': benchBigFlow,
  check: benchCheck,
  names: benchNames,
  deploy: benchDeploy,
  sync: benchSync,
  'cold-start': benchColdStart,
  size: benchDistSize,
  simulate: benchSimulate,
};
const only = values.only?.split(',');
const unknown = only?.filter((name) => !(name in benches)) ?? [];
if (unknown.length > 0)
  stop(`--only ${unknown.join(', ')}: no such benchmark; choose from ${Object.keys(benches).join(', ')}.`);
const results: BenchResult[] = [];
for (const [name, bench] of Object.entries(benches))
  if (!only || only.includes(name)) results.push(await bench(options));
process.stdout.write(formatTable(results));
