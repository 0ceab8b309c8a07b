/**
 * End to end: real published flows (run-function by SIDs, send-to-flex) convert to names with `dist/cli.js portable`
 * against the emulator's account (test/fixtures/account/real-flows.json), and deploy back identical: the CLI's
 * diff finds no change against the originals live in Studio, and the action deploying the converted files to an
 * emulator of that account leaves Studio holding exactly the original definitions.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { latestPublished, latestRevision } from '../../src/emulator/store.ts';
import { runCli } from '../cli/run-cli.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { requestsTo, SHA, startAccount, type Account } from '../support/name-accounts.ts';
import { ROOT, runAction, writeEvent } from '../support/run-action.ts';

const REAL = path.join(ROOT, 'test/fixtures/real-flows');
const SEED = path.join(ROOT, 'test/fixtures/account/real-flows.json');
const FILES = ['mbarry-owl-OrderLookupIVR.json', 'twilio-webchat-react-app.json'];
const GH_TOKEN = 'ghs_namesPortableE2eToken0000000000000';

let repo: string;
let seedDir: string;
let github: FakeGitHub;
let account: Account;

const parse = (text: string) => JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');

before(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'sfci-portable-'));
  seedDir = await mkdtemp(path.join(tmpdir(), 'sfci-portable-live-'));
  await mkdir(path.join(repo, 'flows'));
  for (const file of FILES) {
    await copyFile(path.join(REAL, file), path.join(repo, 'flows', file));
    await copyFile(path.join(REAL, file), path.join(seedDir, file));
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repo });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'the flows as exported');
  github = await startFakeGitHub({ token: GH_TOKEN });
  // Another account SID than the CLI's own emulator: what the seed does not fix differs, what it fixes is the same.
  account = await startAccount('real-flows.json', `AC${'7e'.repeat(16)}`);
});
after(async () => {
  await account.emulator.close();
  await github.close();
  await rm(repo, { recursive: true, force: true });
  await rm(seedDir, { recursive: true, force: true });
});

test('the real flows convert to names with the CLI and deploy back identical', async () => {
  const converted = await runCli(['portable', '--emulator-account', SEED, 'flows'], { cwd: repo });
  assert.equal(converted.code, 0, converted.stderr + converted.stdout);
  assert.match(converted.stdout, /Wrote 2 files/);

  const ivr = await read(repo, 'flows/mbarry-owl-OrderLookupIVR.json');
  const webchat = await read(repo, 'flows/twilio-webchat-react-app.json');
  for (const part of ['service_sid', 'environment_sid', 'function_sid'])
    for (const fn of ['httpRequest', 'allow'])
      assert.match(ivr, new RegExp(`"${part}": "\\$\\{function:order-lookup-ivr/${fn}\\}"`));
  // the published url is the author's stand-in for the domain, not the Function's URL: kept as written
  assert.match(ivr, /"url": "https:\/\/example\.com\/httpRequest"/);
  assert.match(webchat, /"workflow": "\$\{workflow:Assign to Anyone\}"/);
  assert.match(webchat, /"channel": "\$\{channel:chat\}"/);
  for (const text of [ivr, webchat]) assert.doesNotMatch(text, /ZS5e6a|ZE108a|ZH1276|ZH0579|WWd8cd|TC97cc/);

  // A second run finds nothing left to replace.
  const again = await runCli(['portable', '--check', '--emulator-account', SEED, 'flows'], { cwd: repo });
  assert.equal(again.code, 0, again.stdout + again.stderr);

  // The CLI: with the originals live in Studio, the converted files resolve to no change.
  const diff = await runCli(['diff', '--exit-code', '--emulator-seed', seedDir, '--emulator-account', SEED, 'flows'], {
    cwd: repo,
  });
  assert.equal(diff.code, 0, diff.stdout + diff.stderr);
  assert.equal(diff.stdout.match(/ · no changes · /g)?.length, 2, diff.stdout);

  // The action: deploy the converted files; what Studio holds is each original definition, deep equal.
  const run = await runAction({
    workspace: repo,
    eventName: 'push',
    eventPath: await writeEvent({
      ref: 'refs/heads/master',
      before: '0'.repeat(40),
      after: SHA,
      created: true,
      repository: { default_branch: 'master' },
    }),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      'twilio-account-sid': account.accountSid,
      'twilio-auth-token': account.authToken,
      flows: 'flows/**/*.json',
      'studio-url': account.emulator.url,
      'github-token': GH_TOKEN,
      mode: 'deploy',
      deploy: 'all',
    },
  });
  assert.equal(run.code, 0, run.stdout);
  assert.ok(requestsTo(account.emulator, 'serverless').length > 0, 'the Function was looked up in Serverless');
  const held = new Map(
    account.emulator.store
      .list()
      .map((flow) => [latestRevision(flow).friendlyName, latestPublished(flow)?.definition] as const),
  );
  for (const file of FILES) {
    const name = file.replace(/\.json$/, '');
    assert.ok(held.has(name), `Studio holds ${name}: ${[...held.keys()].join(', ')}`);
    assert.deepEqual(held.get(name), parse(await read(REAL, file)), `${name}: Studio holds the original`);
  }
});
