import assert from 'node:assert/strict';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { discoverFlowFiles, flowMatcher } from '../../src/document/discover.ts';

test('flowMatcher applies globs and ! exclusions', () => {
  const isFlow = flowMatcher(['flows/**/*.json', 'ivr/*.json', '!flows/drafts/**']);
  assert.equal(isFlow('flows/a.json'), true);
  assert.equal(isFlow('flows/sub/b.json'), true);
  assert.equal(isFlow('ivr/main.json'), true);
  assert.equal(isFlow('ivr/deep/main.json'), false);
  assert.equal(isFlow('flows/drafts/c.json'), false);
  assert.equal(isFlow('flows/readme.md'), false);
  assert.equal(isFlow('other/flows/a.json'), false);
});

test('discoverFlowFiles lists matching files, sorted, without following symlinks', async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'sfci-disc-'));
  await mkdir(path.join(ws, 'flows/sub'), { recursive: true });
  await mkdir(path.join(ws, 'node_modules/x/flows'), { recursive: true });
  await writeFile(path.join(ws, 'flows/b.json'), '{}');
  await writeFile(path.join(ws, 'flows/sub/a.json'), '{}');
  await writeFile(path.join(ws, 'node_modules/x/flows/c.json'), '{}');
  await symlink(path.join(ws, 'flows/sub'), path.join(ws, 'flows/loop'));
  assert.deepEqual(await discoverFlowFiles(ws, ['flows/**/*.json', '**/flows/*.json']), [
    'flows/b.json',
    'flows/sub/a.json',
  ]);
});

test('discoverFlowFiles lists a symlink the globs name (so reading refuses it by name), never what is behind a linked folder', async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'sfci-disc-links-'));
  const outside = await mkdtemp(path.join(tmpdir(), 'sfci-disc-outside-'));
  await mkdir(path.join(ws, 'flows'), { recursive: true });
  await mkdir(path.join(outside, 'more'));
  await writeFile(path.join(ws, 'flows/a.json'), '{}');
  await writeFile(path.join(outside, 'secret.json'), '{}');
  await writeFile(path.join(outside, 'more/b.json'), '{}');
  await symlink(path.join(outside, 'secret.json'), path.join(ws, 'flows/linked.json'));
  await symlink(path.join(outside, 'more'), path.join(ws, 'flows/more'));
  await symlink(path.join(outside, 'secret.json'), path.join(ws, 'flows/excluded.json'));
  assert.deepEqual(await discoverFlowFiles(ws, ['flows/**/*.json', '!flows/excluded.json']), [
    'flows/a.json',
    'flows/linked.json',
  ]);
});

test('flowMatcher selects paths with . and .. segments that claim to be flow files, so they are refused by name', () => {
  const isFlow = flowMatcher(['flows/**/*.json', '!flows/drafts/**']);
  assert.equal(isFlow('flows/../../etc/secret.json'), true);
  assert.equal(isFlow('flows/./a.json'), true);
  assert.equal(isFlow('flows/../README.md'), false);
  assert.equal(isFlow('docs/../x.json'), false);
  assert.equal(isFlow('flows/drafts/../../x.json'), false);
});
