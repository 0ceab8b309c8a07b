/** Adversarial: the workspace changes between `pull`'s plan and its write (an editor saves, a new file appears). */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { writePlan } from '../../src/sync/plan.ts';
import { planOf, syncFile } from '../support/sync-kit.ts';

let workspace: string;
beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'sync-write-'));
  await mkdir(path.join(workspace, 'flows'));
});
afterEach(() => rm(workspace, { recursive: true, force: true }));

const at = (rel: string) => path.join(workspace, rel);

describe('writePlan when the workspace moved under the plan', () => {
  it('a file saved locally after the plan read it is not overwritten, and nothing is written', async () => {
    const main = syncFile({ path: 'flows/main.json', before: 'Hello', live: 'From Studio' });
    const other = syncFile({ path: 'flows/other.json', before: 'Other', live: 'Other from Studio' });
    await writeFile(at('flows/other.json'), other.before!);
    await writeFile(at('flows/main.json'), main.before!.replace('Hello', 'My unsaved local work'));
    await assert.rejects(
      writePlan(workspace, planOf([main, other])),
      (e: unknown) => e instanceof UserError && /flows\/main\.json.*changed since/.test(e.message),
    );
    assert.match(await readFile(at('flows/main.json'), 'utf8'), /My unsaved local work/);
    assert.equal(await readFile(at('flows/other.json'), 'utf8'), other.before, 'nothing written');
  });

  it('a new flow whose file appeared after the plan does not overwrite it', async () => {
    const fresh = { ...syncFile({ path: 'flows/promo.json', before: 'x', live: 'Promo' }), before: null, isNew: true };
    await writeFile(at('flows/promo.json'), '{"mine": true}\n');
    await assert.rejects(
      writePlan(workspace, planOf([fresh])),
      (e: unknown) => e instanceof UserError && /flows\/promo\.json.*exists/.test(e.message),
    );
    assert.equal(await readFile(at('flows/promo.json'), 'utf8'), '{"mine": true}\n');
  });
});
