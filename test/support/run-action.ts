/**
 * Run dist/index.js the way GitHub's runner does: INPUT_* variables, the event payload in a file,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and a workspace folder.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, cp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundle under test; SFCI_DIST points the end-to-end tests at another build (e.g. an older one, to show a test failing there). */
export const DIST = process.env.SFCI_DIST ?? path.join(ROOT, 'dist/index.js');
export const PR_PAYLOAD = path.join(ROOT, 'test/fixtures/events/pull_request.synchronize.json');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parse the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1] as string] = m[3] as string;
  return outputs;
}

/** A temp workspace holding the given files (relative path → content or a file to copy). */
export async function makeWorkspace(files: Record<string, string | { copy: string }>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sfci-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    if (typeof content === 'string') await writeFile(target, content);
    else await cp(content.copy, target);
  }
  return dir;
}

/** Write an event payload to a file, as the runner does for GITHUB_EVENT_PATH. */
export async function writeEvent(payload: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sfci-event-'));
  const file = path.join(dir, 'event.json');
  await writeFile(file, JSON.stringify(payload));
  return file;
}

/** The real pull_request payload, with the PR number and head SHA changed. */
export async function prPayload(edit: (p: Record<string, any>) => void = () => {}): Promise<string> {
  const payload = JSON.parse(await readFile(PR_PAYLOAD, 'utf8'));
  edit(payload);
  return writeEvent(payload);
}

export async function runAction(opts: {
  workspace: string;
  inputs: Record<string, string>;
  eventName: string;
  eventPath: string;
  apiUrl: string;
  env?: Record<string, string>;
}): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sfci-run-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: opts.eventPath,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...opts.env,
  };
  for (const [name, value] of Object.entries(opts.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [DIST], { env, cwd: opts.workspace, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
}
