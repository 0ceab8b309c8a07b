/**
 * The memory one check of the 1 MB benchmark flow needs: its maxRSS growth in a fresh process
 * (check-memory-child.ts), the median of a few processes. The big-flow benchmark's own peak, after dozens of runs
 * in one process, also counts garbage the collector has not needed to free yet; it is printed beside this one.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './timing.ts';

const CHILD = fileURLToPath(new URL('./check-memory-child.ts', import.meta.url));

function once(): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`check-memory-child failed: ${stderr.split('\n')[0] ?? error.message}`));
      const result = JSON.parse(stdout) as { bytes: number; ok: boolean; placed: number };
      if (!result.ok || result.placed === 0) return reject(new Error('check-memory-child: the flow did not parse'));
      resolve(result.bytes);
    });
  });
}

/** Median maxRSS growth (bytes) of one check, over `runs` fresh processes. */
export async function oneCheckMemory(runs = 3): Promise<number> {
  const figures: number[] = [];
  for (let i = 0; i < runs; i++) figures.push(await once());
  return median(figures);
}
