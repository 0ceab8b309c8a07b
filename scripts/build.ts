/**
 * Bundle the action (dist/index.js) and the CLI (dist/cli.js) into ESM files that need no node_modules.
 * `node scripts/build.ts [outdir] [--metafile]`; the check-dist test builds into a temp dir and compares
 * with the committed dist/, so the build must stay deterministic. `--metafile` prints what each package
 * weighs in the output.
 *
 * Size (dist/ is committed; it must stay under 3 MB) and start-up time (under 200 ms), both measured by `npm run bench`:
 * - whitespace and syntax are minified, identifiers are not: stack traces keep their function names;
 * - @actions/http-client (and the second, older undici it brings) is only reached through
 *   @actions/core's OIDC helper, which the action never calls: it is marked side-effect free, so
 *   esbuild drops it unless something really uses it;
 * - @actions/github is used for its `context` alone (src/github/actions-context.ts, a chunk of 2 KB
 *   imported on first use): its utils.js, which builds getOctokit's Octokit, proxy agent and a third
 *   undici (580 KB), is marked side-effect free and dropped;
 * - the flow schema's ajv validator is generated here (scripts/precompile-schema.ts), not compiled at
 *   every start (about 80 ms);
 * - undici (over half of the code) is its own file, dist/chunks/undici.cjs, loaded the first time the
 *   Studio client sends a request: runs that never call Studio (offline lint, nothing to check) neither
 *   parse nor evaluate it.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { precompiledSchemaModule } from './precompile-schema.ts';

const args = process.argv.slice(2);
const outdir = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const showWeights = args.includes('--metafile');

/**
 * Node packages loaded on first use, each from its own CommonJS file in chunks/, and the names src/ imports:
 * undici only when Studio is called, yaml and ajv only when a config file is read (the flow schema ships
 * precompiled), liquidjs only when a flow holds Liquid. Parsing them at every start cost about 70 ms of the cold start.
 */
const ON_FIRST_USE: Record<string, readonly string[]> = {
  undici: ['Agent', 'request'],
  yaml: ['isMap', 'isScalar', 'isSeq', 'LineCounter', 'parseDocument'],
  ajv: ['Ajv'],
  liquidjs: ['Liquid', 'toValueSync'],
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  legalComments: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
} as const;

/**
 * Imports matching `filter` (from a file matching `importer`, when given) may be dropped when nothing uses
 * their exports (package.json "sideEffects": false).
 */
function sideEffectFree(filter: RegExp, importer?: RegExp): Plugin {
  return {
    name: 'side-effect-free',
    setup(b) {
      b.onResolve({ filter }, async (a) => {
        if (a.pluginData === 'side-effect-free' || (importer && !importer.test(a.importer))) return undefined;
        const resolved = await b.resolve(a.path, {
          kind: a.kind,
          importer: a.importer,
          resolveDir: a.resolveDir,
          pluginData: 'side-effect-free',
        });
        return resolved.errors.length > 0 ? undefined : { ...resolved, sideEffects: false };
      });
    },
  };
}

/** Any schema-precompiled.ts under src/ becomes the flow schema's validator compiled now (see that file and precompile-schema.ts). */
function precompiledSchema(): Plugin {
  return {
    name: 'precompiled-schema',
    setup(b) {
      b.onLoad({ filter: /[\\/]schema-precompiled\.ts$/ }, async (a) => ({
        contents: await precompiledSchemaModule(a.path),
        loader: 'js',
        resolveDir: path.dirname(a.path),
      }));
    },
  };
}

const STAND_IN = 'load-on-first-use';
const fileOf = (pkg: string) => `${pkg}.cjs`;

/**
 * `import { a, b } from '<pkg>'` in src/ becomes a stand-in whose exports require chunks/<pkg>.cjs on
 * first use. Only the listed names exist, so a new import from the package fails the build instead of
 * breaking at run time. The exports are functions or classes (`new` on the stand-in builds the real one).
 */
function loadOnFirstUse(packages: Record<string, readonly string[]>): Plugin {
  const filter = new RegExp(`^(${Object.keys(packages).join('|')})$`);
  return {
    name: STAND_IN,
    setup(b) {
      const src = path.resolve('src') + path.sep;
      b.onResolve({ filter }, (a) =>
        a.namespace === 'file' && a.importer.startsWith(src) ? { path: a.path, namespace: STAND_IN } : undefined,
      );
      // The stand-in's own require() of the separate file stays a require() at run time.
      b.onResolve({ filter: /\.cjs$/, namespace: STAND_IN }, (a) => ({ path: a.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: STAND_IN }, (a) => ({
        resolveDir: path.resolve('.'),
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(`./${fileOf(a.path)}`)}));`,
          ...(packages[a.path] ?? []).map(
            (name) =>
              `export function ${name}(...args) { const real = load().${name}; return new.target ? new real(...args) : real(...args); }`,
          ),
        ].join('\n'),
      }));
    },
  };
}

// Build next to the target, then swap it in: whoever runs dist/ meanwhile (tests, other builds) never
// finds it half-written or missing for longer than two renames.
const staging = await mkdtemp(path.join(path.dirname(outdir), `.${path.basename(outdir)}-build-`));
const previous = `${staging}-previous`;
try {
  await buildInto(staging);
  await swapIn(staging, outdir, previous);
} finally {
  await rm(staging, { recursive: true, force: true });
  await rm(previous, { recursive: true, force: true });
}

/** Replace `target` by `fresh`; a build finishing at the same moment may put its own back in between: retry. */
async function swapIn(fresh: string, target: string, aside: string): Promise<void> {
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code;
  for (let attempt = 1; ; attempt++) {
    await rm(aside, { recursive: true, force: true });
    await rename(target, aside).catch((error: unknown) => {
      if (code(error) !== 'ENOENT') throw error;
    });
    try {
      return await rename(fresh, target);
    } catch (error) {
      if (attempt >= 5 || (code(error) !== 'ENOTEMPTY' && code(error) !== 'EEXIST')) throw error;
    }
  }
}

async function buildInto(dir: string): Promise<void> {
  const separate = await Promise.all(
    Object.keys(ON_FIRST_USE).map((pkg) =>
      build({ ...shared, entryPoints: [pkg], outfile: path.join(dir, 'chunks', fileOf(pkg)), format: 'cjs' }),
    ),
  );

  const main = await build({
    ...shared,
    entryPoints: { index: 'src/index.ts', cli: 'src/cli/index.ts' },
    outdir: dir,
    splitting: true,
    format: 'esm',
    // Prefer ES module builds: some packages' CommonJS builds are UMD wrappers that esbuild cannot follow.
    mainFields: ['module', 'main'],
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [
      sideEffectFree(/^@actions\/http-client(\/|$)/),
      // @actions/github's index also builds an Octokit class (and its proxy agent, on its own undici) that
      // only getOctokit uses: the action reads just its `context`, so that part is dropped.
      sideEffectFree(/^\.\/utils\.js$/, /[\\/]node_modules[\\/]@actions[\\/]github[\\/]lib[\\/]github\.js$/),
      loadOnFirstUse(ON_FIRST_USE),
      precompiledSchema(),
    ],
    // Some bundled CommonJS dependencies call require() on Node built-ins; the stand-ins require chunks/*.cjs.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });

  // A stand-in requires its file relative to the output it lands in: that must be a file in chunks/.
  for (const [output, { inputs }] of Object.entries(main.metafile.outputs)) {
    const standIns = Object.keys(inputs).filter((input) => input.startsWith(`${STAND_IN}:`));
    if (standIns.length > 0 && path.dirname(path.resolve(output)) !== path.join(dir, 'chunks')) {
      throw new Error(
        `${standIns.join(', ')} landed in ${output}, not in chunks/: its require('./<pkg>.cjs') would not find the file.`,
      );
    }
  }

  if (showWeights) printWeights([main.metafile, ...separate.map((s) => s.metafile)]);
}

function printWeights(metas: Metafile[]): void {
  const weights = new Map<string, number>();
  let total = 0;
  for (const meta of metas) {
    for (const output of Object.values(meta.outputs)) {
      total += output.bytes;
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1] ?? 'src';
        weights.set(pkg, (weights.get(pkg) ?? 0) + bytesInOutput);
      }
    }
  }
  const rows = [...weights].filter(([, bytes]) => bytes >= 512).sort((a, b) => b[1] - a[1]);
  for (const [pkg, bytes] of rows) process.stdout.write(`${(bytes / 1024).toFixed(1).padStart(8)} KiB  ${pkg}\n`);
  process.stdout.write(`${(total / 1024).toFixed(1).padStart(8)} KiB  total JavaScript (legal notices not counted)\n`);
}
