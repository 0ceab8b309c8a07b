/**
 * The memory one check of the 1 MB benchmark flow needs, as a user runs it: `studio-flow-ci validate` from dist/
 * (read, parse, resolve, lint, Validate with Studio, diff against the live flow) against the emulator holding the
 * flow's live revision; the maxRSS of that process less that of the same command on a
 * small flow (8 widgets) whose live revision is as small, medians of 3 processes each. The big-flow benchmark's own
 * peak after dozens of runs in one process also counts garbage the collector has not needed to free yet; it is
 * printed beside this figure.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/emulator/server.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from './studio-workload.ts';
import { median } from './timing.ts';

/** Loaded before the CLI (--import): prints the process's peak resident set at exit, on stderr. */
const RSS_PROBE =
  'data:text/javascript,process.on("exit",()=>{process.stderr.write(`\\nbench-maxrss-kb ${process.resourceUsage().maxRSS}\\n`)})';

function maxRssOf(cli: string, workspace: string, studioUrl: string): Promise<number> {
  const args = ['--import', RSS_PROBE, cli, 'validate', '--workspace', workspace, '--studio-url', studioUrl];
  const env = { PATH: process.env.PATH ?? '', TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, timeout: 60_000 }, (error, _stdout, stderr) => {
      const kb = /bench-maxrss-kb (\d+)/.exec(stderr)?.[1];
      // Exit code 1 is a flow with errors (fail-on error); the figure stands as long as the check ran through.
      if (kb === undefined || !/flows\/flow\.json: .*Validate:/.test(stderr) || (error && error.code !== 1))
        return reject(
          new Error(
            `validate in ${workspace} failed (exit ${String(error?.code)}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      resolve(Number(kb) * 1024);
    });
  });
}

async function workspaceHolding(root: string, name: string, definition: unknown): Promise<string> {
  const workspace = path.join(root, name.toLowerCase());
  await mkdir(path.join(workspace, 'flows'), { recursive: true });
  await writeFile(
    path.join(workspace, 'flows/flow.json'),
    `${JSON.stringify({ friendly_name: name, definition }, null, 2)}\n`,
  );
  return workspace;
}

/** maxRSS growth (bytes) of one check of `after` (Studio holding `before`) over one of `small` (Studio holding it). */
export async function oneCheckMemory(input: {
  dist: string;
  before: unknown;
  after: unknown;
  small: unknown;
}): Promise<number> {
  const root = await mkdtemp(path.join(tmpdir(), 'sfci-check-memory-'));
  const emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    seed: [
      { friendlyName: 'Big', definition: input.before },
      { friendlyName: 'Small', definition: input.small },
    ],
  });
  try {
    const big = await workspaceHolding(root, 'Big', input.after);
    const small = await workspaceHolding(root, 'Small', input.small);
    const cli = path.join(input.dist, 'cli.js');
    const bigs: number[] = [];
    const smalls: number[] = [];
    for (let i = 0; i < 3; i++) {
      smalls.push(await maxRssOf(cli, small, emulator.url));
      bigs.push(await maxRssOf(cli, big, emulator.url));
    }
    return median(bigs) - median(smalls);
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}
