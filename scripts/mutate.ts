/**
 * `npm run mutate [-- src/x.ts …] [--concurrency N]`: mutation testing (StrykerJS) of the modules that guard
 * production, each against its OWN unit tests (scripts/mutate-modules.ts): one Stryker run per module,
 * then one table of the scores, PASS or MISS against REQUIRED_SCORE. Exits 1 when a module misses.
 *
 * Concurrency (test processes at once): `--concurrency N`, else MUTATE_CONCURRENCY, else the machine's cores.
 * Reports: reports/mutation/<module>/index.html and mutation.json (git-ignored), the table in
 * reports/mutation/summary.txt. Not part of `npm test` or .ci/run: it takes minutes per module.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MUTATE_MODULES, REQUIRED_SCORE, type MutateModule } from './mutate-modules.ts';
import {
  failedModule,
  passes,
  renderTable,
  scoreModule,
  type EquivalentMutant,
  type ModuleScore,
} from './mutate-table.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, 'stryker.config.mjs');
const REPORTS = path.join(ROOT, 'reports/mutation');

export interface MutateArgs {
  modules: MutateModule[];
  concurrency: number;
}

class UsageError extends Error {}

function concurrencyOf(text: string, from: string): number {
  const n = Number(text);
  if (!/^\d{1,3}$/.test(text) || n < 1)
    throw new UsageError(
      `${from} must be a whole number of test processes from 1 to 999 (got ${JSON.stringify(text.slice(0, 40))})`,
    );
  return n;
}

/** The modules to run (all scored ones when none is named) and the concurrency, from argv and the environment. */
export function parseMutateArgs(argv: readonly string[], env: NodeJS.ProcessEnv): MutateArgs {
  const named: string[] = [];
  let concurrency: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--concurrency') concurrency = concurrencyOf(argv[++i] ?? '', '--concurrency');
    else if (arg.startsWith('--concurrency=')) concurrency = concurrencyOf(arg.slice(14), '--concurrency');
    else if (arg.startsWith('-'))
      throw new UsageError(`unknown option ${JSON.stringify(arg.slice(0, 40))}: use [src/x.ts …] [--concurrency N]`);
    else named.push(arg);
  }
  if (concurrency === undefined && env.MUTATE_CONCURRENCY)
    concurrency = concurrencyOf(env.MUTATE_CONCURRENCY, 'MUTATE_CONCURRENCY');
  const modules = named.map((file) => {
    const found = MUTATE_MODULES.find((m) => m.file === path.posix.normalize(file.replaceAll('\\', '/')));
    if (!found)
      throw new UsageError(
        `${JSON.stringify(file.slice(0, 80))} is not a module of scripts/mutate-modules.ts (${MUTATE_MODULES.map((m) => m.file).join(', ')}): add it there with its unit tests, and to stryker.config.mjs`,
      );
    return found;
  });
  return {
    modules: modules.length > 0 ? modules : MUTATE_MODULES.filter((m) => m.score !== false),
    concurrency: concurrency ?? os.availableParallelism(),
  };
}

const slug = (file: string) =>
  file
    .replace(/^src\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');

async function runModule(module: MutateModule, concurrency: number): Promise<ModuleScore> {
  const dir = path.join(REPORTS, slug(module.file));
  // Loaded here, not at import: the test of this script's arguments needs none of Stryker.
  const { Stryker } = await import('@stryker-mutator/core');
  const results = await new Stryker({
    configFile: CONFIG,
    mutate: [module.file],
    commandRunner: { command: `node --test --test-timeout=120000 ${module.tests.map((t) => `'${t}'`).join(' ')}` },
    concurrency,
    htmlReporter: { fileName: path.join(dir, 'index.html') },
    jsonReporter: { fileName: path.join(dir, 'mutation.json') },
  }).runMutationTest();
  const { equivalentMutants } = (await import(pathToFileURL(CONFIG).href)) as { equivalentMutants: EquivalentMutant[] };
  return scoreModule(module.file, results, equivalentMutants);
}

async function main(): Promise<number> {
  const args = parseMutateArgs(process.argv.slice(2), process.env);
  const scores: ModuleScore[] = [];
  for (const module of args.modules) {
    console.log(`\n== ${module.file} (tests: ${module.tests.join(', ')}; concurrency ${args.concurrency})`);
    try {
      scores.push(await runModule(module, args.concurrency));
    } catch (e) {
      // One module that cannot be scored (its tests fail before any mutant) does not lose the others' scores.
      const message = e instanceof Error ? e.message : String(e);
      console.error(`${module.file}: not scored: ${message}`);
      scores.push(failedModule(module.file, message));
    }
  }
  const table = renderTable(scores, REQUIRED_SCORE);
  await mkdir(REPORTS, { recursive: true });
  await writeFile(path.join(REPORTS, 'summary.txt'), `${table}\n`);
  console.log(`\n${table}\nreports: ${path.relative(ROOT, REPORTS)}/<module>/index.html`);
  for (const s of scores) if (s.error !== undefined) console.log(`${s.file}: ERROR, not scored: ${s.error}`);
  for (const s of scores)
    for (const e of s.staleEquivalents)
      console.log(
        `note: equivalent mutant listed for ${e.file}:${e.line} (${e.mutator}) matched no survivor: update stryker.config.mjs`,
      );
  return scores.every((s) => passes(s, REQUIRED_SCORE)) ? 0 : 1;
}

if (import.meta.main) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(
        `npm run mutate: ${e instanceof UsageError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      process.exitCode = 2;
    },
  );
}
