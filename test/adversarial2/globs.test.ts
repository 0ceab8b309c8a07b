/**
 * Issue 11 point 6: "refuse globs that leave the workspace". The check splits a glob on `/` and `\` and looks
 * for a literal `..` segment; glob syntax builds one anyway (braces), and the listing then walks out.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { discoverFlowFiles } from '../../src/document/discover.ts';
import { readSettings } from '../../src/settings.ts';

async function workspaceWithNeighbour(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'adv2-glob-'));
  await mkdir(path.join(root, 'ws/flows'), { recursive: true });
  await writeFile(path.join(root, 'ws/flows/a.json'), '{}');
  await mkdir(path.join(root, 'other-repo-secrets'), { recursive: true });
  await writeFile(path.join(root, 'other-repo-secrets/prod-keys.json'), '{}');
  return path.join(root, 'ws');
}

for (const glob of ['{..,flows}/**/*.json', 'flows/{..,x}/../**/*.json', '{../other-repo-secrets,flows}/*.json']) {
  test(`flows: ${glob} is refused, or lists nothing outside the workspace`, async () => {
    let accepted = true;
    try {
      readSettings(
        (name) => (name === 'flows' ? glob : ''),
        () => {},
      );
    } catch {
      accepted = false;
    }
    if (!accepted) return;
    const ws = await workspaceWithNeighbour();
    const found = await discoverFlowFiles(ws, [glob]);
    const outside = found.filter((f) => f.startsWith('..'));
    assert.deepEqual(outside, [], `glob accepted by readSettings and lists outside files: ${found.join(', ')}`);
  });
}
