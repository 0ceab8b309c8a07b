/**
 * Every command of the README's "Use the CLI on your own flows repository" runs, in order, as written: in a
 * fresh git repository of flow files, with this checkout standing for the clone (~/studio-flow-ci). Only
 * these are changed: the clone and `npm ci` are not repeated, port 4010 becomes a free port, the wait for
 * the emulator polls its log, and the real-account block gets the emulator's demo key for its
 * placeholders and `--studio-url` of an emulator (no Twilio account here).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DEMO_ACCOUNT_SID, DEMO_API_KEY_SECRET, DEMO_API_KEY_SID, runEmulatorCli } from '../../src/cli/emulator.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { ROOT } from '../support/run-action.ts';
import { CLI } from './run-cli.ts';

const HEADING = '## Use the CLI on your own flows repository';

/** The ```sh blocks of the section, each as its lines. */
async function shellBlocks(): Promise<string[][]> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${HEADING}\n`);
  assert.ok(start >= 0, `README has no "${HEADING}"`);
  const end = readme.indexOf('\n## ', start + HEADING.length + 2);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trimEnd().split('\n'));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function bash(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

let home: string;
let live: EmulatorHandle;
before(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'sfci-readme-'));
  const repo = path.join(home, 'my-flows');
  await mkdir(path.join(repo, 'flows'), { recursive: true });
  await copyFile(path.join(ROOT, 'examples/main-ivr.json'), path.join(repo, 'flows/main-ivr.json'));
  await writeFile(path.join(repo, 'flows/README.md'), '# Our flows\n\nNot a flow file.\n');
  const git = `git -c user.name=t -c user.email=t@example.invalid`;
  const made = await bash(`cd '${repo}' && git init -q && git add -A && ${git} commit -qm flows`, {});
  assert.equal(made.code, 0, made.stderr);
  const handle = await runEmulatorCli(['--port', '0'], { log: () => {} });
  assert.ok(handle);
  live = handle;
});
after(async () => {
  await live?.close();
  await rm(home, { recursive: true, force: true });
});

test("the README's CLI commands for your own flows repository all run and exit 0", async () => {
  const blocks = await shellBlocks();
  assert.equal(blocks.length, 4, 'install, lint, emulator, real account');
  const [install, lint, emulator, real] = blocks as [string[], string[], string[], string[]];

  // The clone stands for itself: the clone and npm ci are there, and not repeated.
  assert.match(install[0] as string, /^git clone /);
  assert.match(install[1] as string, /^cd ~\/studio-flow-ci && npm ci$/);
  const setup = install
    .slice(2)
    .join('\n')
    .replaceAll('~/studio-flow-ci/node_modules/.bin/node', process.execPath)
    .replaceAll('~/studio-flow-ci/dist/cli.js', CLI);
  assert.match(setup, /^studio-flow-ci\(\) \{/, 'the install block defines studio-flow-ci');

  const port = await freePort();
  const emulatorBlock = emulator
    .join('\n')
    .replaceAll('4010', String(port))
    .replace(
      '> emulator.log &',
      '> emulator.log & for _ in $(seq 100); do grep -q listening emulator.log && break; sleep 0.1; done;',
    );
  assert.notEqual(emulatorBlock, emulator.join('\n'));

  const realBlock = real
    .join('\n')
    .replace('TWILIO_ACCOUNT_SID=AC…', `TWILIO_ACCOUNT_SID=${DEMO_ACCOUNT_SID}`)
    .replace('TWILIO_API_KEY=SK…', `TWILIO_API_KEY=${DEMO_API_KEY_SID}`)
    .replace('TWILIO_API_SECRET=…', `TWILIO_API_SECRET=${DEMO_API_KEY_SECRET}`);
  assert.doesNotMatch(realBlock, /…/, 'every placeholder of the real-account block is filled in');
  const againstEmulator = `studio-flow-ci() { '${process.execPath}' '${CLI}' "$@" --studio-url '${live.url}'; }`;

  const script = [
    'set -m', // job control, as in the interactive shell the README is typed into: kill %1 stops the job
    setup,
    ...lint.map((l) => l.replace('cd ~/my-flows', `cd '${path.join(home, 'my-flows')}'`)),
    emulatorBlock,
    againstEmulator,
    realBlock,
  ].join('\n');
  const run = await bash(script, { HOME: home });
  assert.equal(run.code, 0, `${run.stderr}\n${run.stdout}`);
  assert.doesNotMatch(run.stderr, /README\.md/, 'lint flows leaves the README out');
  assert.match(run.stdout, /Studio deploy of [0-9a-f]{7}:\n {2}flows\/main-ivr\.json {2}created/);
  const comment = await readFile(path.join(home, 'my-flows/comment.md'), 'utf8');
  assert.match(comment, /^<!-- studio-flow-ci:check -->/);
});
