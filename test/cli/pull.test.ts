/** `pull` from a terminal: Studio's flows written back into a git work tree, so that `git diff` shows the Console's edits. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { makeWorkspace, ROOT } from '../support/run-action.ts';
import { CLI, EXAMPLES_LIVE, runCli } from './run-cli.ts';

let ivr: string;
let survey: string;
const dirs: string[] = [];

before(async () => {
  ivr = await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8');
  survey = await readFile(path.join(ROOT, 'examples/sms-survey.json'), 'utf8');
});
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function repo(files: Record<string, string>): Promise<{ dir: string; git: (...args: string[]) => string }> {
  const dir = await makeWorkspace(files);
  dirs.push(dir);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'flows');
  return { dir, git };
}

/** Line numbers (in the old file) that `git diff` says changed. */
function changedOldLines(diff: string): number[] {
  const lines: number[] = [];
  let at = 0;
  for (const line of diff.split('\n')) {
    const hunk = /^@@ -(\d+)/.exec(line);
    if (hunk) at = Number(hunk[1]);
    else if (line.startsWith('-') && !line.startsWith('---')) lines.push(at++);
    else if (line.startsWith(' ')) at++;
  }
  return lines;
}

test('the README demo: a Console edit comes back as a git diff of only the edited widgets; a rerun writes nothing', async () => {
  const { dir, git } = await repo({ 'flows/main-ivr.json': ivr, 'flows/sms-survey.json': survey });
  const run = await runCli(['pull', '--emulator-seed', EXAMPLES_LIVE, '--workspace', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /flows\/main-ivr\.json\s+updated r1/);
  assert.match(run.stdout, /Wrote 1 file/);
  assert.match(run.stderr, /flows\/sms-survey\.json: warning: No Studio flow is named "sms-survey"/);
  const diff = git('diff', '--unified=0', '--', 'flows/main-ivr.json');
  assert.match(diff, /\+\s+"say": "Thanks for calling\. Press 1 for sales, 2 for support\.",/);
  const old = ivr.split('\n');
  const spanOf = (name: string) => {
    const start = old.findIndex((l) => l.includes(`"name": "${name}"`)) - 1;
    let end = start + 1;
    while (!/^ {6}\}/.test(old[end]!)) end++;
    return [start + 1, end + 1];
  };
  const untouched = ['Trigger', 'connect_sales', 'connect_support'].map(spanOf);
  const changed = changedOldLines(diff);
  assert.ok(changed.length > 0 && changed.length < 10, diff);
  for (const line of changed)
    assert.ok(!untouched.some(([a, b]) => line >= a! && line <= b!), `line ${line}: ${old[line - 1]}`);
  assert.equal(git('status', '--porcelain'), ' M flows/main-ivr.json\n', 'no other file touched');
  const pulled = await readFile(path.join(dir, 'flows/main-ivr.json'), 'utf8');
  const again = await runCli(['pull', '--emulator-seed', EXAMPLES_LIVE, '--workspace', dir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /main-ivr\.json\s+unchanged r1/);
  assert.match(again.stdout, /nothing was written/);
  assert.equal(await readFile(path.join(dir, 'flows/main-ivr.json'), 'utf8'), pulled);
});

test('--sync-new brings a Studio flow no file maps into --sync-folder; a changed variable is printed and kept', async () => {
  const seed = await mkdtemp(path.join(tmpdir(), 'pull-seed-'));
  dirs.push(seed);
  const live = JSON.parse(ivr) as {
    definition: { states: Array<{ name: string; properties: Record<string, unknown> }> };
  };
  const connect = live.definition.states.find((s) => s.name === 'connect_sales')!;
  connect.properties.to = '+15005559999';
  await writeFile(path.join(seed, 'main-ivr.json'), JSON.stringify(live));
  await writeFile(
    path.join(seed, 'promo.json'),
    JSON.stringify({ friendly_name: 'Promo <Spring> 🌸', definition: JSON.parse(survey) }),
  );
  const mine = ivr.replace('"to": "+15005550006"', '"to": "${var.SALES}"');
  const config = 'environments:\n  prod:\n    variables:\n      SALES: "+15005550006"\n';
  const { dir, git } = await repo({ 'flows/main-ivr.json': mine, '.github/studio-flow-ci.yml': config });
  const run = await runCli([
    'pull',
    '--emulator-seed',
    seed,
    '--workspace',
    dir,
    '--environment',
    'prod',
    '--sync-new',
    'Promo*',
    '--sync-folder',
    'flows/new',
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /flows\/new\/promo-spring\.json\s+new r1/);
  assert.match(
    run.stdout,
    /\$\{var\.SALES\} in "connect_sales": live "\+15005559999", the environment gives "\+15005550006"/,
  );
  assert.equal(
    await readFile(path.join(dir, 'flows/main-ivr.json'), 'utf8'),
    mine,
    'the placeholder is kept, not baked in',
  );
  const fresh = JSON.parse(await readFile(path.join(dir, 'flows/new/promo-spring.json'), 'utf8'));
  assert.deepEqual(fresh, { friendly_name: 'Promo <Spring> 🌸', definition: JSON.parse(survey) });
  assert.equal(git('status', '--porcelain'), '?? flows/new/\n');
});

test('bad input: a flow file that is not JSON stops the pull (exit 1, nothing written); bad options exit 2 naming them', async () => {
  const { dir, git } = await repo({ 'flows/main-ivr.json': ivr, 'flows/broken.json': '{ "states": [\n' });
  const run = await runCli(['pull', '--emulator-seed', EXAMPLES_LIVE, '--workspace', dir]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /flows\/broken\.json: error: The file cannot be written back/);
  assert.match(run.stderr, /Nothing was written/);
  assert.equal(git('status', '--porcelain'), '');
  for (const [flag, value, named] of [
    ['--sync-status', 'drafts\n::error::x', /--sync-status/],
    ['--sync-folder', '../../etc', /--sync-folder/],
    ['--concurrency', '0', /--concurrency/],
  ] as const) {
    const bad = await runCli(['pull', '--emulator', '--workspace', dir, flag, value]);
    assert.equal(bad.code, 2, `${flag}: ${bad.stderr}`);
    assert.match(bad.stderr, named);
    assert.doesNotMatch(bad.stderr, /\n::error/);
    assert.doesNotMatch(bad.stderr, /at .*\.js:\d+/, 'no stack trace');
  }
  const offline = await runCli(['pull', '--workspace', dir]);
  assert.equal(offline.code, 2);
  assert.match(offline.stderr, /TWILIO_ACCOUNT_SID/);
});

test("the README's Try it block for pull runs as written and shows the Console edit as a git diff", async () => {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const block = /```sh\n(?:npm run build[^\n]*\n)?(TRY=[^\n]*\n[\s\S]*?studio-flow-ci pull[\s\S]*?)```/.exec(
    readme,
  )?.[1];
  assert.ok(block, 'README has the pull block under Try it');
  const script = block
    .split('\n')
    .map((line) => line.replace('npx studio-flow-ci', `"${process.execPath}" "${CLI}"`))
    .concat('rm -rf "$TRY"')
    .join('\n');
  // A fresh machine: no git identity anywhere (no global or system config), so the block must bring its own.
  const home = await mkdtemp(path.join(tmpdir(), 'sfci-home-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1', TMPDIR: tmpdir() };
  const out = execFileSync('sh', ['-e', '-c', script], { cwd: ROOT, env, encoding: 'utf8' });
  assert.match(out, /main-ivr\.json\s+updated r1/);
  assert.match(out, /^-\s+"say": "Thanks for calling \{\{flow\.data\.company/m);
  assert.match(out, /^\+\s+"say": "Thanks for calling\. Press 1/m);
  assert.doesNotMatch(out, /^[-+]\s+"name": "(Trigger|connect_sales)"/m);
});

test('a credential-looking value only Studio held is written for review, named on stderr and never shown', async () => {
  const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
  const seed = await mkdtemp(path.join(tmpdir(), 'pull-seed-'));
  dirs.push(seed);
  const live = JSON.parse(ivr) as { definition: { states: { name: string; properties: Record<string, unknown> }[] } };
  const widget = live.definition.states.find((s) => s.name === 'connect_sales');
  assert.ok(widget);
  widget.properties['caller_id'] = secret;
  await writeFile(path.join(seed, 'main-ivr.json'), `${JSON.stringify(live, null, 2)}\n`);
  const { dir } = await repo({ 'flows/main-ivr.json': ivr });
  const run = await runCli(['pull', '--emulator-seed', seed, '--workspace', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stderr,
    /flows\/main-ivr\.json: warning: widget "connect_sales": a credential-looking value only Studio held is now in this file at \/definition\/states\/\d+\/properties\/caller_id\. Do not commit it/,
  );
  assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret), 'the value is never printed');
  assert.ok((await readFile(path.join(dir, 'flows/main-ivr.json'), 'utf8')).includes(secret), 'written for review');
});
