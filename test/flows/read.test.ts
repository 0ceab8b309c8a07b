import assert from 'node:assert/strict';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { MAX_FILE_BYTES, readFlowFile } from '../../src/document/read.ts';

let outside: string;
let workspace: string;

before(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'sfci-outside-'));
  await writeFile(path.join(outside, 'secret.txt'), 'AWS_SECRET=fake-secret-value');
  workspace = await mkdtemp(path.join(tmpdir(), 'sfci-read-'));
  await mkdir(path.join(workspace, 'flows'));
  await writeFile(path.join(workspace, 'flows/ok.json'), '{"states":[]}');
  await symlink(path.join(outside, 'secret.txt'), path.join(workspace, 'flows/link.json'));
  await symlink(outside, path.join(workspace, 'linked-dir'));
  await writeFile(path.join(workspace, 'flows/huge.json'), Buffer.alloc(MAX_FILE_BYTES + 1, 32));
});

test('reads a regular file inside the workspace', async () => {
  assert.deepEqual(await readFlowFile(workspace, 'flows/ok.json'), { ok: true, text: '{"states":[]}' });
});

test('refuses a symlink, even one pointing at a readable file', async () => {
  const r = await readFlowFile(workspace, 'flows/link.json');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /symbolic link/);
  assert.ok(!JSON.stringify(r).includes('fake-secret-value'));
});

test('refuses paths that leave the workspace: .., absolute, or through a linked folder', async () => {
  for (const p of ['../x.json', path.join(outside, 'secret.txt'), 'linked-dir/secret.txt']) {
    const r = await readFlowFile(workspace, p);
    assert.equal(r.ok, false, p);
    assert.match(!r.ok ? r.message : '', /outside the workspace/, p);
  }
});

test('a missing file and an oversized one are explained, not thrown', async () => {
  const missing = await readFlowFile(workspace, 'flows/nope.json');
  assert.match(!missing.ok ? missing.fix : '', /actions\/checkout/);
  const huge = await readFlowFile(workspace, 'flows/huge.json');
  assert.match(!huge.ok ? huge.message : '', new RegExp(`${MAX_FILE_BYTES + 1} bytes.*1 MB`));
});
