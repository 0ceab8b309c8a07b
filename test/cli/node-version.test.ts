/**
 * The entries refuse an old Node.js in one line naming the version needed, before loading the bundle
 * (which an old Node cannot link: it used to print a page of minified source and `SyntaxError … glob`).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { NODE_MAJOR_NEEDED, nodeTooOld } from '../../src/node-guard.ts';
import { ROOT } from '../support/run-action.ts';

/** An old Node.js to run the bundle with: SFCI_OLD_NODE, else the system's /usr/bin/node when it is older. */
const OLD_NODE = process.env.SFCI_OLD_NODE ?? '/usr/bin/node';
const DIST = process.env.SFCI_DIST_DIR ?? path.join(ROOT, 'dist');

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      OLD_NODE,
      [file, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

async function oldNodeVersion(): Promise<string | undefined> {
  if (!existsSync(OLD_NODE)) return undefined;
  const { stdout } = await run('--version', []);
  const version = stdout.trim().replace(/^v/, '');
  return Number(version.split('.')[0]) < NODE_MAJOR_NEEDED ? version : undefined;
}

describe('the Node.js version guard', async () => {
  const version = await oldNodeVersion();

  test(
    'the CLI on an old Node.js: one line on stderr naming Node.js 24 and the version found, exit 2',
    { skip: version ? false : `no Node.js older than ${NODE_MAJOR_NEEDED} at ${OLD_NODE}` },
    async () => {
      for (const args of [['lint', 'examples/main-ivr.json'], ['--help'], []]) {
        const r = await run(path.join(DIST, 'cli.js'), args);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.stdout, '');
        assert.equal(
          r.stderr,
          `studio-flow-ci needs Node.js 24 or later, but runs on Node.js ${version}: install Node.js 24 (e.g. nvm install 24) and run it again.\n`,
        );
      }
    },
  );

  test(
    'the action on an old Node.js: one ::error:: line naming node24, exit 1',
    { skip: version ? false : `no Node.js older than ${NODE_MAJOR_NEEDED} at ${OLD_NODE}` },
    async () => {
      const r = await run(path.join(DIST, 'index.js'), []);
      assert.equal(r.code, 1);
      const lines = r.stdout.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stdout);
      assert.match(
        lines[0] as string,
        new RegExp(
          `^::error::studio-flow-ci needs Node\\.js 24 or later, but runs on Node\\.js ${(version ?? '').replaceAll('.', '\\.')}: .*node24`,
        ),
      );
      assert.ok(r.stderr.length < 200, `stderr: ${r.stderr.slice(0, 300)}`);
    },
  );

  test('nodeTooOld: 24 and later pass; older, odd or missing versions are named or said to be unknown', () => {
    for (const ok of ['24.0.0', '24.21.0', 'v25.1.0', '30.0.0']) assert.equal(nodeTooOld(ok, 'fix'), undefined, ok);
    assert.match(
      nodeTooOld('20.20.2', 'fix') ?? '',
      /needs Node\.js 24 or later, but runs on Node\.js 20\.20\.2: fix$/,
    );
    assert.match(nodeTooOld('v8.0.0', 'fix') ?? '', /runs on Node\.js 8\.0\.0/);
    for (const odd of ['', 'banana', '23.99.99-<b>\n::error::x', '1'.repeat(5000)]) {
      const message = nodeTooOld(odd, 'fix') ?? '';
      assert.match(message, /needs Node\.js 24/, JSON.stringify(odd.slice(0, 20)));
      assert.ok(!message.includes('\n') && message.length < 200, JSON.stringify(message.slice(0, 100)));
    }
  });

  test('the version needed is the one action.yml and package.json declare', async () => {
    const [action, pkg] = await Promise.all([
      readFile(path.join(ROOT, 'action.yml'), 'utf8'),
      readFile(path.join(ROOT, 'package.json'), 'utf8'),
    ]);
    assert.match(action, new RegExp(`using: ['"]?node${NODE_MAJOR_NEEDED}['"]?`));
    assert.equal((JSON.parse(pkg) as { engines: { node: string } }).engines.node, `>=${NODE_MAJOR_NEEDED}`);
  });
});
