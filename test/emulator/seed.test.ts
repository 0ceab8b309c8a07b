import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { runEmulatorCli, DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../src/cli/emulator.ts';
import { loadSeedFolder } from '../../src/emulator/seed.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import { brokenDefinition, CREDENTIALS, sampleDefinition, testLint } from '../support/sample-flows.ts';

const agent = new Agent();
after(() => agent.close());

describe('Studio emulator: seeding', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'studio-seed-'));
    await writeFile(join(folder, 'a-bare.json'), JSON.stringify(sampleDefinition('bare')));
    await writeFile(
      join(folder, 'b-wrapped.json'),
      JSON.stringify({
        friendly_name: 'Wrapped Flow',
        sid: 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        definition: sampleDefinition('wrapped'),
      }),
    );
    await writeFile(
      join(folder, 'c-unnamed.json'),
      JSON.stringify({ definition: brokenDefinition(), status: 'draft' }),
    );
    await writeFile(join(folder, 'notes.txt'), 'ignored');
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('reads bare and wrapped definitions, naming flows after files when needed', async () => {
    const seeds = await loadSeedFolder(folder);
    assert.deepEqual(
      seeds.map((s) => [s.friendlyName, s.sid, s.status]),
      [
        ['a-bare', undefined, undefined],
        ['Wrapped Flow', 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', undefined],
        ['c-unnamed', undefined, 'draft'],
      ],
    );
    assert.deepEqual(seeds[0]!.definition, sampleDefinition('bare'));
  });

  it('serves seeded flows as published revision 1, invalid ones marked invalid', async () => {
    const seeded = await startEmulator({
      credentials: CREDENTIALS,
      lint: testLint,
      seed: await loadSeedFolder(folder),
    });
    try {
      const flows = [...seeded.store.flows.values()];
      assert.equal(flows.length, 3);
      assert.equal(flows[1]!.sid, 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
      assert.deepEqual(
        flows.map((f) => [f.revisions[0]!.status, f.revisions[0]!.valid]),
        [
          ['published', true],
          ['published', true],
          ['draft', false],
        ],
      );
    } finally {
      await seeded.close();
    }
  });

  it('runEmulatorCli starts a seeded emulator with the demo credentials and prints its URL', async () => {
    const lines: string[] = [];
    const handle = await runEmulatorCli(['--port', '0', '--seed', folder], { log: (line) => lines.push(line) });
    assert.ok(handle);
    try {
      assert.equal(lines[0], `Twilio Studio v2 emulator listening on ${handle.url}`);
      assert.ok(lines.includes(`  auth token:  ${DEMO_AUTH_TOKEN}`));
      const res = await request(`${handle.url}/v2/Flows/FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, {
        dispatcher: agent,
        headers: { authorization: `Basic ${Buffer.from(`${DEMO_ACCOUNT_SID}:${DEMO_AUTH_TOKEN}`).toString('base64')}` },
      });
      const body = (await res.body.json()) as { friendly_name: string };
      assert.equal(body.friendly_name, 'Wrapped Flow');
    } finally {
      await handle.close();
    }
    await assert.rejects(runEmulatorCli(['--port', 'x'], { log: () => {} }), /--port must be an integer/);
  });
});
