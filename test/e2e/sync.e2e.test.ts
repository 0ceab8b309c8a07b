/**
 * End to end: mode sync (dist/index.js) on real `schedule` and `workflow_dispatch` payloads, against the
 * emulator and the fake GitHub: a Console edit of one widget becomes one commit and one PR touching only that
 * widget's lines; a re-run writes nothing; the merged sync PR's push deploys nothing; drift report only.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { ACCOUNT, deploy, flow, GH_TOKEN, json, SHA, statuses, TOKEN_TW } from '../deploy/e2e-kit.ts';
import { addCommit, filesAt } from '../support/fake-git-data.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, ROOT, runAction, writeEvent } from '../support/run-action.ts';
import { changedLines } from '../support/sync-kit.ts';

let studio: EmulatorHandle;
let github: FakeGitHub;
const BRANCH = 'refs/heads/studio-sync/default';

async function event(name: 'schedule' | 'workflow_dispatch'): Promise<string> {
  return writeEvent(JSON.parse(await readFile(path.join(ROOT, `test/fixtures/events/${name}.json`), 'utf8')));
}

const REVISION = { valid: true, errors: [], warnings: [], status: 'published' as const };

/** A Console save of `definition` on flow `sid`: no commit message. */
function consoleEdit(sid: string, friendlyName: string, definition: unknown): void {
  studio.store.update(sid, { ...REVISION, friendlyName, definition, commitMessage: null });
}

/** Studio holds `name` as deployed from SHA; then, with `consoleSay`, a Console edit changes its goodbye. */
async function liveFlow(name: string, say: string, consoleSay?: string): Promise<string> {
  const definition = (await flow(name, say)).definition;
  const { sid } = studio.store.create({ ...REVISION, friendlyName: name, definition, commitMessage: SHA });
  if (consoleSay !== undefined) consoleEdit(sid, name, (await flow(name, consoleSay)).definition);
  return sid;
}

async function sync(
  files: Record<string, string>,
  input: { inputs?: Record<string, string>; eventName?: string } = {},
) {
  addCommit(github, SHA, files);
  const eventName = input.eventName ?? 'schedule';
  return runAction({
    workspace: await makeWorkspace(files),
    eventName,
    eventPath: await event(eventName as 'schedule'),
    apiUrl: github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: {
      mode: 'sync',
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      'studio-url': studio.url,
      'github-token': GH_TOKEN,
      ...input.inputs,
    },
  });
}

before(async () => {
  github = await startFakeGitHub({ token: GH_TOKEN });
});
beforeEach(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  github.requests.length = 0;
  github.refs.clear();
  github.pulls.length = 0;
  github.missingPermissions.clear();
  github.protectedBranches.clear();
});
afterEach(() => studio.close());
after(() => github.close());

describe('mode sync', () => {
  test('a Console edit of one widget: one commit and one PR touching that line; a re-run writes nothing; the merge deploys nothing', async () => {
    await liveFlow('Sales IVR', 'Goodbye', 'Goodbye from the Console');
    await liveFlow('Support IVR', 'Bye');
    const files = {
      'flows/f0.json': json(await flow('Sales IVR', 'Goodbye')),
      'flows/f1.json': json(await flow('Support IVR', 'Bye')),
    };
    const run = await sync(files);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(JSON.parse(run.outputs.drifted!), ['flows/f0.json']);
    const head = github.refs.get(BRANCH)!;
    assert.ok(head, run.stdout);
    const synced = filesAt(github, head);
    assert.deepEqual(changedLines(files['flows/f0.json'], synced.get('flows/f0.json')!), [
      '          "say": "Goodbye from the Console",',
    ]);
    assert.equal(synced.get('flows/f1.json'), files['flows/f1.json'], 'an unchanged flow is not touched');
    assert.equal(github.pulls.length, 1);
    const [pull] = github.pulls;
    assert.equal(run.outputs['sync-pr-url'], pull!.html_url);
    assert.equal(pull!.base.ref, 'master');
    assert.match(pull!.body, /^<!-- studio-flow-ci:sync:default -->\n/);
    assert.match(pull!.body, /Sales IVR · `FW[0-9a-f]{32}` · live r2 \(published, updated [^,]+, no commit message\)/);
    assert.match(pull!.body, /```mermaid\n/);
    assert.ok(!pull!.body.includes('Support IVR'));
    assert.deepEqual(
      pull!.labels.map((l) => l.name),
      ['studio-sync'],
    );
    assert.match(run.summary, /Studio drift: 1 flow differs from git/);

    github.requests.length = 0;
    studio.requests.length = 0;
    const again = await sync(files);
    assert.equal(again.code, 0, again.stdout);
    assert.deepEqual(
      github.writes().map((w) => `${w.method} ${w.path}`),
      [],
      'a re-run with no Studio change writes nothing to GitHub',
    );
    assert.ok(
      studio.requests.every((r) => r.method === 'GET'),
      'nor to Studio',
    );

    // The sync PR is merged: its files are pushed, and the push's deploy finds them live as written.
    studio.requests.length = 0;
    const merged = Object.fromEntries(synced);
    const pushed = await deploy({ studio, github }, { files: merged });
    assert.equal(pushed.code, 0, pushed.stdout);
    assert.deepEqual(statuses(pushed.outputs), [
      ['flows/f0.json', 'unchanged'],
      ['flows/f1.json', 'unchanged'],
    ]);
    assert.deepEqual(
      studio.requests
        .filter((r) => r.method !== 'GET')
        .map((r) => `${r.method} ${r.path}`)
        .filter((r) => !r.endsWith('/Validate')),
      [],
      'no revision written',
    );
    assert.doesNotMatch(pushed.stdout, /drift|edited outside git/i);
  });

  test('when Studio matches git again the sync PR is closed; then nothing is written', async () => {
    await liveFlow('Sales IVR', 'Goodbye', 'Console');
    const files = { 'flows/f0.json': json(await flow('Sales IVR', 'Goodbye')) };
    assert.equal((await sync(files)).code, 0);
    const matching = { 'flows/f0.json': json(await flow('Sales IVR', 'Console')) };
    github.requests.length = 0;
    const closing = await sync(matching);
    assert.equal(closing.code, 0, closing.stdout);
    assert.equal(github.pulls[0]!.state, 'closed');
    assert.equal(closing.outputs['sync-pr-url'], '');
    assert.match(closing.stdout, /Closed sync pull request #\d+: Studio and git agree again\./);
    github.requests.length = 0;
    assert.equal((await sync(matching)).code, 0);
    assert.deepEqual(github.writes(), []);
  });

  test("a variable's value round-trips as its placeholder; a changed live value stays a placeholder and is reported", async () => {
    const config = 'environments:\n  prod:\n    variables:\n      SALES_NUMBER: "+15005550006"\n';
    const file = await flow('Sales IVR', 'Goodbye');
    const sales = file.definition.states.find((s: { name: string }) => s.name === 'connect_sales');
    sales.properties.to = '${var.SALES_NUMBER}';
    // Live: deployed with the variable's value, then the goodbye edited in the Console.
    await liveFlow('Sales IVR', 'Goodbye', 'Goodbye from the Console');
    const files = { '.github/studio-flow-ci.yml': config, 'flows/f0.json': json(file) };
    const run = await sync(files, { inputs: { environment: 'prod' } });
    assert.equal(run.code, 0, run.stdout);
    const synced = filesAt(github, github.refs.get('refs/heads/studio-sync/prod')!).get('flows/f0.json')!;
    assert.deepEqual(changedLines(files['flows/f0.json'], synced), ['          "say": "Goodbye from the Console",']);
    assert.match(synced, /"to": "\$\{var\.SALES_NUMBER\}"/);
    assert.doesNotMatch(github.pulls[0]!.body, /placeholder/);

    // The number is changed in the Console too: the file keeps the placeholder, the PR says so.
    const sid = studio.store.list()[0]!.sid;
    const edited = (await flow('Sales IVR', 'Goodbye from the Console')).definition;
    edited.states.find((s: { name: string }) => s.name === 'connect_sales').properties.to = '+15005550999';
    consoleEdit(sid, 'Sales IVR', edited);
    const again = await sync(files, { inputs: { environment: 'prod' } });
    assert.equal(again.code, 0, again.stdout);
    const kept = filesAt(github, github.refs.get('refs/heads/studio-sync/prod')!).get('flows/f0.json')!;
    assert.match(kept, /"to": "\$\{var\.SALES_NUMBER\}"/, 'never baked in');
    assert.doesNotMatch(kept, /15005550999/);
    assert.match(github.pulls[0]!.body, /1 placeholder no longer matches the live value/);
    assert.match(github.pulls[0]!.body, /`\$\{var\.SALES_NUMBER\}` \| `\+15005550006` \| `\+15005550999`/);
  });

  test('sync-new: a new Studio flow matching the glob becomes a new file in sync-folder', async () => {
    await liveFlow('Sales IVR', 'Goodbye');
    await liveFlow('Support Hotline', 'Hi');
    await liveFlow('Other', 'x');
    const files = { 'flows/f0.json': json(await flow('Sales IVR', 'Goodbye')) };
    const run = await sync(files, { inputs: { 'sync-new': 'Support *', 'sync-folder': 'flows/new' } });
    assert.equal(run.code, 0, run.stdout);
    const added = JSON.parse(run.outputs.drifted!) as string[];
    assert.equal(added.length, 1);
    assert.match(added[0]!, /^flows\/new\/.+\.json$/);
    const synced = filesAt(github, github.refs.get(BRANCH)!);
    assert.deepEqual([...synced.keys()].sort(), ['flows/f0.json', added[0]].sort());
    assert.match(github.pulls[0]!.body, /A new flow in Studio: written to/);
  });

  test('drift report (workflow_dispatch, sync-pr: false): no GitHub write; fail-on-drift fails the step naming the file', async () => {
    await liveFlow('Sales IVR', 'Goodbye', 'Console');
    const files = { 'flows/f0.json': json(await flow('Sales IVR', 'Goodbye')) };
    const report = await sync(files, { eventName: 'workflow_dispatch', inputs: { 'sync-pr': 'false' } });
    assert.equal(report.code, 0, report.stdout);
    assert.deepEqual(JSON.parse(report.outputs.drifted!), ['flows/f0.json']);
    assert.equal(report.outputs['sync-pr-url'], '');
    assert.match(report.summary, /Studio drift: 1 flow differs from git/);
    const failing = await sync(files, {
      eventName: 'workflow_dispatch',
      inputs: { 'sync-pr': 'false', 'fail-on-drift': 'true' },
    });
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /::error::1 flow differ from git \(fail-on-drift: true\): flows\/f0\.json\./);
    assert.deepEqual(github.writes(), []);
    assert.equal(github.pulls.length, 0);
  });

  test('missing permissions and a protected branch fail the step by name; nothing half-written', async () => {
    await liveFlow('Sales IVR', 'Goodbye', 'Console');
    const files = { 'flows/f0.json': json(await flow('Sales IVR', 'Goodbye')) };
    github.missingPermissions.add('contents');
    const noContents = await sync(files);
    assert.equal(noContents.code, 1);
    assert.match(noContents.stdout, /::error::GitHub refused to store flows\/f0\.json .*'contents: write'/);
    github.missingPermissions.clear();
    github.protectedBranches.add('studio-sync/default');
    const protectedRun = await sync(files);
    assert.equal(protectedRun.code, 1);
    assert.match(
      protectedRun.stdout,
      /::error::GitHub refused to move the sync branch 'studio-sync\/default' .*protected/,
    );
    assert.equal(github.refs.get(BRANCH), undefined);
    github.protectedBranches.clear();
    github.missingPermissions.add('pull-requests');
    const noPulls = await sync(files);
    assert.equal(noPulls.code, 1);
    assert.match(noPulls.stdout, /::error::GitHub refused to open the sync pull request .*'pull-requests: write'/);
    assert.equal(github.pulls.length, 0);
    const shown = noPulls.stdout.replace(/^::add-mask::.*$/gm, '');
    assert.ok(!shown.includes(GH_TOKEN) && !shown.includes(TOKEN_TW), 'no credential outside the mask commands');
  });
});
