/** dist/ is what GitHub runs: it must be exactly what the build makes of src/ today. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from './support/run-action.ts';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)])),
  );
  return nested.flat().sort();
}

test('the committed dist/ equals a fresh build of src/', async () => {
  const fresh = await mkdtemp(path.join(tmpdir(), 'sfci-dist-'));
  await promisify(execFile)(process.execPath, ['scripts/build.ts', fresh], { cwd: ROOT });
  const committed = path.join(ROOT, 'dist');
  const files = await listFiles(fresh);
  assert.deepEqual(
    await listFiles(committed),
    files,
    'dist/ has other files than a fresh build: run `npm run build` and commit dist/',
  );
  for (const f of files) {
    const same = (await readFile(path.join(fresh, f))).equals(await readFile(path.join(committed, f)));
    assert.ok(same, `dist/${f} is stale: run \`npm run build\` and commit dist/`);
  }
});
