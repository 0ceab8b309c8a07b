/**
 * --emulator-account FILE: the emulator command and every command taking --emulator serve the Serverless and
 * TaskRouter resources of an account seed; a bad seed is one line naming the flag, the file and the JSON path.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Agent, request } from 'undici';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, runEmulatorCli } from '../../src/cli/emulator.ts';
import { ROOT } from '../support/run-action.ts';
import { runCli } from './run-cli.ts';

const SEED = path.join(ROOT, 'test/fixtures/account/real-flows.json');
const agent = new Agent();
let bad: string;

before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'emulator-account-'));
  bad = path.join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ taskrouter: { workspaces: [{ friendly_name: 'x', sid: 'WS<script>' }] } }));
});
after(() => agent.close());

describe('studio-flow-ci emulator --emulator-account', () => {
  test('serves the seed under /v1 next to Studio, and says so', async () => {
    const lines: string[] = [];
    const handle = await runEmulatorCli(['--port', '0', '--emulator-account', SEED], { log: (l) => lines.push(l) });
    assert.ok(handle);
    try {
      assert.ok(lines.some((l) => /1 service\(s\), 1 workspace\(s\) from .*real-flows\.json/.test(l)));
      const res = await request(`${handle.url}/v1/Workspaces/${handle.account.workspaces[0]?.sid}/Workflows`, {
        dispatcher: agent,
        headers: { authorization: `Basic ${Buffer.from(`${DEMO_ACCOUNT_SID}:${DEMO_AUTH_TOKEN}`).toString('base64')}` },
      });
      const body = (await res.body.json()) as { workflows: { sid: string }[] };
      assert.equal(body.workflows[0]?.sid, 'WWd8cd0445d2df474f0744283a8cac96b7');
    } finally {
      await handle.close();
    }
  });

  test('a bad seed: exit code 2, one line naming the flag, the file and the JSON path', async () => {
    const run = await runCli(['emulator', '--emulator-account', bad]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /--emulator-account .*bad\.json: Account seed .*bad\.json: \$\.taskrouter\.workspaces\[0\]\.sid must be a SID: WS followed by 32/,
    );
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.ok(!run.stderr.includes('<script>'));
  });
});

describe('validate/diff/deploy/pull --emulator-account', () => {
  test('starts the emulator with the account (implies --emulator)', async () => {
    const run = await runCli(['validate', '--emulator-account', SEED, 'examples/main-ivr.json']);
    assert.equal(run.code, 0, run.stderr);
  });

  test('a bad seed is a usage error naming the flag and the JSON path, before anything runs', async () => {
    const run = await runCli(['diff', '--emulator-account', bad, 'examples/main-ivr.json']);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /--emulator-account .*bad\.json: Account seed .*: \$\.taskrouter\.workspaces\[0\]\.sid must be a SID/,
    );
  });

  test('a missing seed file names it', async () => {
    const run = await runCli(['pull', '--emulator-account', path.join(ROOT, 'no-such-seed.json'), 'examples']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--emulator-account .*no-such-seed\.json: Cannot read the account seed .*ENOENT/);
  });
});
