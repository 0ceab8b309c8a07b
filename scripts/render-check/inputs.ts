/**
 * The comments to look at, written by the real renderers through the CLI (the action's check and deploy cores
 * and their renderers): the demo's (examples/ against examples/live, the arguments `demo` uses), a hostile
 * pull request's (hostile-flows.ts) and the job summary of a deploy of its files. `SFCI_CLI` picks another CLI build, e.g. an older one, to compare.
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
  /** Flow content shown as typed where it shows. */
  verbatim: string[];
  /** Flow content that must be in the page as typed. */
  mustShow: string[];
}

/** Run the CLI; its stdout, which must hold `expect` (exit codes 0 and 1 are answers: 1 is a failed check or deploy). */
function cliMarkdown(args: string[], expect: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error?.code ?? 0;
      if ((code !== 0 && code !== 1) || !stdout.includes(expect)) {
        const why = code !== 0 && code !== 1 ? `exit ${code ?? error?.signal}` : `no ${JSON.stringify(expect)} on stdout`;
        reject(new Error(`${path.relative(ROOT, CLI)} ${args.slice(0, 2).join(' ')}… failed (${why}):\n${stderr.slice(-2000)}`));
      } else resolve(stdout);
    });
  });
}

/** `validate --markdown` with the built-in emulator seeded from `live`: the PR comment. */
function checkComment(input: { workspace: string; live: string; flows: string }): Promise<string> {
  const args = ['validate', '--emulator-seed', input.live, '--markdown', '--fail-on', 'never', '--no-progress'];
  return cliMarkdown([...args, '--workspace', input.workspace, '--flows', input.flows], '<!-- studio-flow-ci:check');
}

/** `deploy --markdown`: the deploy's job summary (the deploy report, then the check details in a `<details>`). */
function deploySummary(input: { workspace: string; live: string; flows: string }): Promise<string> {
  const args = ['deploy', '--emulator-seed', input.live, '--markdown', '--no-progress', '--sha', '0123456789abcdef0123456789abcdef01234567'];
  return cliMarkdown([...args, '--workspace', input.workspace, '--flows', input.flows], '### Studio deploy of');
}

/** Refuse early, saying what to do, when the CLI bundle is not built. */
export async function assertCli(): Promise<void> {
  await access(CLI).catch(() => {
    throw new Error(`${CLI} is missing: run \`npm run build\` first (or point SFCI_CLI at a CLI build).`);
  });
}

export async function demoComment(): Promise<CommentInput> {
  const markdown = await checkComment({ workspace: ROOT, live: path.join(ROOT, 'examples/live'), flows: 'examples/*.json' });
  return { name: 'demo', markdown, verbatim: [], mustShow: [] };
}

/** The hostile pull request's comment, and the job summary of a deploy of the same files (refused: they fail the check). */
export async function hostileComments(): Promise<CommentInput[]> {
  const { workspace, live } = await writeHostileFlows(await mkdtemp(path.join(tmpdir(), 'sfci-render-')));
  const input = { workspace, live, flows: 'flows/**/*.json' };
  const [comment, deploy] = await Promise.all([checkComment(input), deploySummary(input)]);
  const files = HOSTILE_FILES.map((f) => `flows/${f}`);
  const verbatim = [...Object.values(HOSTILE), ...files];
  return [
    // The comment shows every hostile string (names, values, paths); the deploy summary the paths and the findings.
    { name: 'hostile', markdown: comment, verbatim, mustShow: verbatim },
    { name: 'hostile-deploy', markdown: deploy, verbatim, mustShow: files },
  ];
}
