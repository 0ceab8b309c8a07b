/** Benchmark: the size of dist/ (committed, so every clone and every action run downloads it), against the 3 MB limit. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { mb, type Bench } from './timing.ts';

export const DIST_LIMIT_BYTES = 3_000_000;

async function sizeOf(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const inner = entry.isDirectory() ? await sizeOf(full) : { bytes: (await stat(full)).size, files: 1 };
    bytes += inner.bytes;
    files += inner.files;
  }
  return { bytes, files };
}

export const benchDistSize: Bench = async ({ dist }) => {
  const { bytes, files } = await sizeOf(dist);
  const chunks = await sizeOf(path.join(dist, 'chunks'));
  return {
    rows: [
      {
        name: 'dist/ total size',
        measured: mb(bytes),
        target: `< ${mb(DIST_LIMIT_BYTES)}`,
        pass: bytes < DIST_LIMIT_BYTES,
      },
    ],
    notes: [
      `size: ${files} files; ${mb(chunks.bytes)} of it in dist/chunks/ (loaded on first use or shared by index.js and cli.js).`,
    ],
  };
};
