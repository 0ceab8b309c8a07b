/** `deploy` from a terminal: the action's deploy core on a git work tree, credentials from the environment. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { makeWorkspace, ROOT } from '../support/run-action.ts';
import { runCli } from './run-cli.ts';

const ACCOUNT = `AC${'de'.repeat(16)}`;
const TOKEN = 'cli-deploy-auth-token';
const ENV = { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN };
let studio: EmulatorHandle;
let ivr: string;
let survey: string;

/** A git work tree holding `files`, committed; returns its folder and HEAD. */
async function repo(files: Record<string, string>): Promise<{ dir: string; head: string }> {
  const dir = await makeWorkspace(files);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'flows');
  return { dir, head: git('rev-parse', 'HEAD') };
}

before(async () => {
  ivr = await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8');
  survey = await readFile(path.join(ROOT, 'examples/sms-survey.json'), 'utf8');
});
beforeEach(async () => {
  await studio?.close();
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN } });
});
after(() => studio.close());

describe('studio-flow-ci deploy', () => {
  test('publishes the committed flows with HEAD as commit message; a second run writes nothing', async () => {
    const { dir, head } = await repo({ 'flows/main-ivr.json': ivr });
    const run = await runCli(['deploy', '--studio-url', studio.url], { cwd: dir, env: ENV });
    assert.equal(run.code, 0, run.stderr);
    const [flow] = studio.store.list();
    assert.deepEqual(
      flow?.revisions.map((r) => [r.revision, r.status, r.commitMessage]),
      [[1, 'published', head]],
    );
    assert.match(
      run.stdout,
      new RegExp(
        `^Studio deploy of ${head.slice(0, 7)}:\\n {2}flows/main-ivr\\.json {2}created {9}r1 {2}${flow?.sid}\\n$`,
      ),
    );

    const again = await runCli(['deploy', '--studio-url', studio.url, '--progress'], { cwd: dir, env: ENV });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(studio.store.list()[0]?.revisions.length, 1, 'nothing written');
    assert.match(again.stdout, /flows\/main-ivr\.json {2}unchanged/);
    assert.match(again.stderr, /Deploying 1 flow file/);
  });

  test('an uncommitted change to a flow file is refused before any Studio call (exit 2), unless --sha names the commit', async () => {
    const { dir } = await repo({ 'flows/main-ivr.json': ivr });
    await appendFile(path.join(dir, 'flows/main-ivr.json'), '\n');
    const run = await runCli(['deploy', '--studio-url', studio.url], { cwd: dir, env: ENV });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Uncommitted changes to flow files \(flows\/main-ivr\.json\): commit them first/);
    assert.equal(studio.requests.length, 0);
    const sha = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
    const forced = await runCli(['deploy', '--studio-url', studio.url, '--sha', sha], { cwd: dir, env: ENV });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(studio.store.list()[0]?.revisions[0]?.commitMessage, sha);
  });

  test('an invalid flow among the files: nothing is published, the error is named at its line (exit 1)', async () => {
    const { dir } = await repo({ 'flows/main-ivr.json': ivr, 'flows/sms-survey.json': survey });
    const run = await runCli(['deploy', '--studio-url', studio.url], { cwd: dir, env: ENV });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^flows\/sms-survey\.json:39:\d+: error: /m);
    assert.match(run.stderr, /Nothing was deployed: 1 flow failed the check \(flows\/sms-survey\.json\)/);
    assert.equal(studio.store.list().length, 0);
  });

  test('without credentials or with a bad option value, it says what to set (exit 2)', async () => {
    const { dir } = await repo({ 'flows/main-ivr.json': ivr });
    const bare = await runCli(['deploy'], { cwd: dir });
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /deploy writes to Studio: set TWILIO_ACCOUNT_SID/);
    const bad = await runCli(['deploy', '--on-drift', 'ignore', '--studio-url', studio.url], { cwd: dir, env: ENV });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--on-drift is 'ignore'; accepted values are: fail, warn, overwrite/);
    assert.equal(studio.requests.length, 0);
  });
});
