/**
 * The comments to look at, written by the real renderers through the CLI (the action's check core and its
 * comment renderer): the demo's (examples/ against examples/live, the arguments `demo` uses) and a hostile
 * pull request's (hostile-flows.ts). `SFCI_CLI` picks another CLI build, e.g. an older one, to compare.
 */
import { execFile } from 'node:child_process';
import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE, HOSTILE_FILES, writeHostileFlows } from './hostile-flows.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.resolve(process.env.SFCI_CLI ?? path.join(ROOT, 'dist/cli.js'));

export interface CommentInput {
  name: string;
  markdown: string;
  /** Flow content that must show as typed. */
  verbatim: string[];
}

/** `validate --markdown` with the built-in emulator seeded from `live`: the PR comment, on stdout. */
function checkComment(input: { workspace: string; live: string; flows: string }): Promise<string> {
  const args = [CLI, 'validate', '--emulator-seed', input.live, '--markdown', '--fail-on', 'never', '--no-progress'];
  args.push('--workspace', input.workspace, '--flows', input.flows);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error || !stdout.includes('<!-- studio-flow-ci:check')) {
        const why = error ? `exit ${error.code ?? error.signal}` : 'no comment on stdout';
        reject(new Error(`${path.relative(ROOT, CLI)} validate --markdown on ${input.workspace} failed (${why}):\n${stderr.slice(-2000)}`));
      } else resolve(stdout);
    });
  });
}

/** Refuse early, saying what to do, when the CLI bundle is not built. */
export async function assertCli(): Promise<void> {
  await access(CLI).catch(() => {
    throw new Error(`${CLI} is missing: run \`npm run build\` first (or point SFCI_CLI at a CLI build).`);
  });
}

export async function demoComment(): Promise<CommentInput> {
  const markdown = await checkComment({ workspace: ROOT, live: path.join(ROOT, 'examples/live'), flows: 'examples/*.json' });
  return { name: 'demo', markdown, verbatim: [] };
}

export async function hostileComment(): Promise<CommentInput> {
  const { workspace, live } = await writeHostileFlows(await mkdtemp(path.join(tmpdir(), 'sfci-render-')));
  const markdown = await checkComment({ workspace, live, flows: 'flows/**/*.json' });
  const files = HOSTILE_FILES.map((f) => `flows/${f}`);
  return { name: 'hostile', markdown, verbatim: [...Object.values(HOSTILE), ...files] };
}
