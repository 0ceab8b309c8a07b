/**
 * Adversarial: the CLI run by a workflow (`studio-flow-ci validate` in a GitHub Actions step) with a config whose
 * `${env.NAME}` a message then names. The log is shared there: the value must be masked (`::add-mask::`) before
 * any line shows it, on stderr (stdout may be Markdown a later step posts). In a terminal (no GITHUB_ACTIONS) the values are the user's own and nothing changes.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli } from '../cli/run-cli.ts';

const VALUE = 'cli_secret%value\r\n1234';
let workspace: string;

before(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'adv14-cli-env-'));
  await mkdir(path.join(workspace, 'flows'));
  await mkdir(path.join(workspace, '.github'));
  await writeFile(
    path.join(workspace, '.github/studio-flow-ci.yml'),
    'environments:\n  production:\n    taskrouter: { workspace: "${env.WS}" }\n',
  );
  await writeFile(
    path.join(workspace, 'seed.json'),
    JSON.stringify({
      taskrouter: {
        workspaces: [{ friendly_name: 'A', workflows: [{ friendly_name: 'Sales' }] }, { friendly_name: 'B' }],
      },
    }),
  );
  const definition = {
    description: 'x',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [
          { event: 'incomingMessage' },
          { next: 'agent', event: 'incomingCall' },
          { event: 'incomingRequest' },
        ],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'agent',
        type: 'send-to-flex',
        transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
        properties: { workflow: '${workflow:Sales}', channel: `TC${'1'.repeat(32)}`, attributes: '{}' },
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
  await writeFile(path.join(workspace, 'flows/a.json'), JSON.stringify(definition, null, 2));
});

const args = ['validate', '--emulator-account', 'seed.json', '--environment', 'production', 'flows/a.json'];
const masked = `::add-mask::cli_secret%25value%0D%0A1234`;

describe('${env.NAME} in the CLI', () => {
  test('in a GitHub Actions step: masked before any line names it', async () => {
    const run = await runCli(args, { cwd: workspace, env: { GITHUB_ACTIONS: 'true', WS: VALUE } });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const lines = run.stderr.split('\n');
    const mask = lines.indexOf(masked);
    assert.notEqual(mask, -1, `no ${masked} line:\n${run.stderr}`);
    const first = lines.findIndex((l) => l.includes('cli_secret'));
    assert.equal(first, mask, 'the mask comes first');
    // The message (on stderr) prints it on one line, the line break as spaces: that form is masked too.
    const shown = lines.find((l) => l.includes('names no workspace'))!;
    const flat = /"(cli_secret[^"]*)"/.exec(shown)![1]!;
    const flatMask = lines.indexOf(`::add-mask::${flat.replace(/%/g, '%25')}`);
    assert.ok(flatMask !== -1 && flatMask < lines.indexOf(shown), `${flat} is not masked first:\n${run.stderr}`);
    assert.doesNotMatch(run.stdout, /::add-mask::/, 'stdout (maybe Markdown a later step posts) holds no mask line');
    assert.match(run.stdout + run.stderr, /names no workspace/);
  });

  test('in a terminal: no workflow command is printed', async () => {
    const run = await runCli(args, { cwd: workspace, env: { WS: VALUE } });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout + run.stderr, /::add-mask::/);
  });

  test('--markdown (the comment a later step may post): the value is [redacted], in Actions or not', async () => {
    for (const env of [{ WS: VALUE }, { WS: VALUE, GITHUB_ACTIONS: 'true' }] as Record<string, string>[]) {
      const run = await runCli([...args, '--markdown'], { cwd: workspace, env });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /names no workspace "\[redacted\]"/);
      assert.doesNotMatch(run.stdout, /cli\\?_secret|add-mask/);
    }
  });
});
