/**
 * What `lint` reads from disk: a folder stands for its `*.json` flow files (in it and its subfolders, as the
 * default flows/**\/*.json), never its README; a `${flow:PATH}` reference names a file on disk, relative to
 * the workspace as in the action, even when only the calling file is named.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './run-cli.ts';

const trigger = (next: string) => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [
    { event: 'incomingMessage' },
    { event: 'incomingCall', next },
    { event: 'incomingRequest' },
    { event: 'incomingParent', next },
  ],
  properties: { offset: { x: 0, y: 0 } },
});
const say = (name: string) => ({
  name,
  type: 'say-play',
  transitions: [{ event: 'audioComplete' }],
  properties: { say: 'Hello', offset: { x: 0, y: 200 } },
});
const flow = (name: string) => ({
  friendly_name: name,
  definition: {
    description: name,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [trigger('hello'), say('hello')],
  },
});
const caller = (name: string, flowSid: string) => ({
  friendly_name: name,
  definition: {
    description: name,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      trigger('sub'),
      {
        name: 'sub',
        type: 'run-subflow',
        transitions: [{ event: 'completed' }, { event: 'failed' }],
        properties: { flow_sid: flowSid, flow_revision: 'LatestPublished', parameters: [], offset: { x: 0, y: 400 } },
      },
    ],
  },
});
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

let ws: string;
async function put(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(ws, file)), { recursive: true });
    await writeFile(path.join(ws, file), text);
  }
}

before(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'sfci-lint-files-'));
  await put({
    'flows/a.json': json(flow('A')),
    'flows/sub/b.json': json(flow('B')),
    'flows/README.md': '# Our flows\n\nNot JSON at all: `${flow:x}` <b>hi</b>\n',
    'flows/notes.txt': 'not a flow',
    'flows/node_modules/dep/package.json': '{"name": "dep"}',
    'flows/.drafts/c.json': '{ broken',
    'parent.json': json(caller('Parent', '${flow:child.json}')),
    'child.json': json(flow('Child')),
    'flows/ivr/main.json': json(caller('Main', '${flow:flows/ivr/survey.json}')),
    'flows/ivr/survey.json': json(flow('Survey')),
    'broken-caller.json': json(caller('Broken caller', '${flow:broken-child.json}')),
    'broken-child.json': '{ "friendly_name": "x", ',
    'missing-caller.json': json(caller('Missing caller', '${flow:no/such/file.json}')),
    'outside-caller.json': json(caller('Outside caller', '${flow:../outside.json}')),
    'self-caller.json': json(caller('Self caller', '${flow:self-caller.json}')),
  });
  await writeFile(path.join(path.dirname(ws), 'outside.json'), json(flow('Outside'))).catch(() => undefined);
});
after(() => rm(ws, { recursive: true, force: true }));

describe('lint <folder>', () => {
  for (const folder of ['flows', 'flows/', './flows']) {
    test(`lint ${folder}: its *.json flow files and its subfolders, never README.md, notes, node_modules or dot folders`, async () => {
      const run = await runCli(['lint', folder], { cwd: ws });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /README|notes\.txt|node_modules|\.drafts/);
      assert.match(run.stderr, /Checking 4 flow file\(s\)/);
      for (const file of ['flows/a.json', 'flows/sub/b.json', 'flows/ivr/main.json', 'flows/ivr/survey.json'])
        assert.match(run.stderr, new RegExp(`^${file.replaceAll('.', '\\.')}: 0 error`, 'm'));
    });
  }

  test('--flows with a folder and --workspace: the same rule', async () => {
    const run = await runCli(['lint', '--workspace', ws, '--flows', 'flows/sub'], { cwd: path.dirname(ws) });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Checking 1 flow file\(s\)/);
  });

  test('a glob is kept as a glob, a file as a file', async () => {
    const glob = await runCli(['lint', 'flows/*.json'], { cwd: ws });
    assert.match(glob.stderr, /Checking 1 flow file\(s\)/);
    const file = await runCli(['lint', 'flows/README.md'], { cwd: ws });
    assert.equal(file.code, 1, 'a file named explicitly is linted, whatever it is');
  });
});

describe('names that match no file', () => {
  test('an empty folder, a missing file or a glob matching nothing: exit 2 naming it, not a green check of nothing', async () => {
    await mkdir(path.join(ws, 'empty'), { recursive: true });
    for (const [arg, shown] of [
      ['empty', '"empty/**/*.json"'],
      ['no-such.json', '"no-such.json"'],
      ['nothing/*.json', '"nothing/*.json"'],
      ['<b>x</b>&.json', '"<b>x</b>&.json"'],
    ]) {
      const run = await runCli(['lint', arg as string], { cwd: ws });
      assert.equal(run.code, 2, `${arg}: ${run.stderr}`);
      assert.ok(run.stderr.includes(`studio-flow-ci: ${shown} matches no file`), run.stderr);
      assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
    }
  });
});

describe('lint <file> with ${flow:PATH} references', () => {
  test('lint parent.json alone: the referenced child.json is read from disk, no error', async () => {
    const run = await runCli(['lint', 'parent.json'], { cwd: ws });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /: error:/);
    assert.match(run.stderr, /^parent\.json: 0 error\(s\)/m);
    assert.match(
      run.stderr,
      /Checking 1 flow file\(s\)/,
      'the child is a reference target, not a flow checked on its own',
    );
  });

  test('a path from the workspace root into a subfolder', async () => {
    const run = await runCli(['lint', 'flows/ivr/main.json'], { cwd: ws });
    assert.equal(run.code, 0, run.stderr);
  });

  test('a referenced file that is not a valid flow file is an error naming it', async () => {
    const run = await runCli(['lint', 'broken-caller.json'], { cwd: ws });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /broken-caller\.json:\d+:\d+: error: .*broken-child\.json, which is not a valid flow file/,
    );
  });

  test('a reference to a missing file, to a file outside the workspace, or to itself is still an error', async () => {
    const missing = await runCli(['lint', 'missing-caller.json'], { cwd: ws });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no\/such\/file\.json/);
    const outside = await runCli(['lint', 'outside-caller.json'], { cwd: ws });
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /is not a path inside the repository/);
    const self = await runCli(['lint', 'self-caller.json'], { cwd: ws });
    assert.equal(self.code, 1);
    assert.match(self.stderr, /refers to this same flow file/);
  });
});
