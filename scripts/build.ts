/**
 * Bundle the action (dist/index.js) and the CLI (dist/cli.js) into single ESM files that need no
 * node_modules. `node scripts/build.ts [outdir]`; the check-dist test builds into a temp dir and
 * compares with the committed dist/.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';

const outdir = path.resolve(process.argv[2] ?? 'dist');

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  // Prefer ES module builds: some packages' CommonJS builds are UMD wrappers that esbuild cannot follow.
  mainFields: ['module', 'main'],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  // Some bundled CommonJS dependencies call require() on Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
