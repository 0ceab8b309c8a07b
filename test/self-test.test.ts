/**
 * The self-test workflow (.github/workflows/self-test.yml), run here the way the runner would run it:
 * its `run:` steps in bash, its `uses: ./` steps as `node dist/index.js` with INPUT_* and
 * GITHUB_OUTPUT, expressions limited to what the file uses (anything else fails the test), on a
 * push to main (every step) and a pull request (the deploy steps skipped).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.ts';
import { parseOutputs, ROOT, writeEvent } from './support/run-action.ts';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Context {
  event: string;
  env: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
}

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
let github: FakeGitHub;
let temp: string;

function expression(expr: string, ctx: Context): string {
  const e = expr.trim();
  let m: RegExpExecArray | null;
  if ((m = /^env\.([A-Z_]+)$/.exec(e))) return ctx.env[m[1] as string] ?? '';
  if ((m = /^steps\.([a-z-]+)\.outputs\.([a-z-]+)$/.exec(e)))
    return ctx.outputs[m[1] as string]?.[m[2] as string] ?? '';
  if (e === 'github.event_name') return ctx.event;
  if (e === 'github.token') return 'ghs_selfTestToken';
  throw new Error(`the self-test workflow uses an expression this runner does not know: ${e}`);
}
const interpolate = (value: string, ctx: Context) =>
  String(value).replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => expression(e, ctx));
function condition(expr: string | undefined, ctx: Context): boolean {
  if (expr === undefined) return true;
  const m = /^github\.event_name (==|!=) '([a-z_]+)'$/.exec(expr.trim());
  if (!m) throw new Error(`the self-test workflow uses an if: this runner does not know: ${expr}`);
  return (ctx.event === m[2]) === (m[1] === '==');
}

function exec(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Run the workflow's one job for an event; returns the log per step and what ran. */
async function runWorkflow(
  event: string,
  payload: unknown,
): Promise<{ ran: string[]; skipped: string[]; log: string }> {
  const workflow = parse(await readFile(path.join(ROOT, '.github/workflows/self-test.yml'), 'utf8'));
  const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8'));
  const job = Object.values(workflow.jobs as Record<string, { env: Record<string, string>; steps: Step[] }>)[0]!;
  const ctx: Context = { event, env: { ...job.env, STUDIO_PORT: String(await freePort()) }, outputs: {} };
  const base: Record<string, string> = {
    PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
    RUNNER_TEMP: temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: await writeEvent(payload),
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_RUN_ID: '7',
    GITHUB_SHA: SHA,
    GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/2/merge',
    GITHUB_WORKSPACE: ROOT,
  };
  const ran: string[] = [];
  const skipped: string[] = [];
  let log = '';
  for (const [i, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${i}`;
    if (!condition(step.if, ctx)) {
      skipped.push(label);
      continue;
    }
    if (step.uses?.startsWith('actions/')) continue; // checkout and setup-node: this test runs in the checkout, on Node 24
    ran.push(label);
    const env: Record<string, string> = { ...base, ...ctx.env };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(v, ctx);
    let result;
    if (step.run !== undefined) {
      result = await exec('bash', ['-eo', 'pipefail', '-c', step.run], env);
    } else if (step.uses === './') {
      const outputFile = path.join(temp, `output-${i}`);
      await writeFile(outputFile, '');
      await writeFile(path.join(temp, `summary-${i}`), '');
      Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: path.join(temp, `summary-${i}`) });
      for (const [name, spec] of Object.entries(action.inputs as Record<string, { default?: string }>)) {
        const value = step.with?.[name] ?? spec.default;
        if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = interpolate(value, ctx);
      }
      result = await exec(process.execPath, [path.join(ROOT, action.runs.main)], env);
      if (step.id) ctx.outputs[step.id] = parseOutputs(await readFile(outputFile, 'utf8'));
    } else {
      throw new Error(`unknown step kind: ${JSON.stringify(step)}`);
    }
    log += `--- ${label} (exit ${result.code})\n${result.out}\n`;
    assert.equal(result.code, 0, `step "${label}" failed:\n${log}`);
  }
  return { ran, skipped, log };
}

async function stopEmulator(): Promise<void> {
  const pid = Number(await readFile(path.join(temp, 'studio-emulator.pid'), 'utf8').catch(() => ''));
  if (pid > 0) {
    try {
      process.kill(pid);
    } catch {
      // already gone
    }
  }
}

before(async () => {
  github = await startFakeGitHub({ token: 'ghs_selfTestToken' });
});
after(() => github.close());

test('on a push to main: the check finds the known error and change, the deploy writes once, the re-run writes nothing', async (t) => {
  temp = await mkdtemp(path.join(tmpdir(), 'sfci-self-'));
  try {
    const push = {
      ref: 'refs/heads/main',
      before: '0000000000000000000000000000000000000000',
      after: SHA,
      repository: { id: 1, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'main' },
    };
    const { ran, skipped, log } = await runWorkflow('push', push);
    t.assert.deepEqual(skipped, []);
    t.assert.equal(ran.length, 6);
    t.assert.match(log, /check: valid=false; main-ivr changed vs r1; sms-survey error at line 39/);
    t.assert.match(log, /deploy: Main IVR r1 → r2; re-run: unchanged/);
  } finally {
    await stopEmulator();
  }
});

test('on a pull request: the check runs, the deploy steps are skipped', async (t) => {
  temp = await mkdtemp(path.join(tmpdir(), 'sfci-self-'));
  try {
    const pr = JSON.parse(
      await readFile(path.join(ROOT, 'test/fixtures/events/pull_request.synchronize.json'), 'utf8'),
    );
    github.pullFiles.set(pr.number, [
      { filename: 'examples/main-ivr.json', status: 'modified' },
      { filename: 'examples/sms-survey.json', status: 'added' },
    ]);
    // The base branch has the modified file, as on GitHub: a PR sees a live flow only when its base maps the file to it.
    github.contents.set(
      pr.pull_request.base.sha,
      new Map([['examples/main-ivr.json', await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8')]]),
    );
    const { ran, skipped, log } = await runWorkflow('pull_request', pr);
    t.assert.deepEqual(skipped, [
      'Deploy the valid example flow',
      'Deploy again',
      'The deploy made one revision with the commit SHA; the re-run made none',
    ]);
    t.assert.equal(ran.length, 3);
    t.assert.match(log, /check: valid=false/);
  } finally {
    await stopEmulator();
  }
});
