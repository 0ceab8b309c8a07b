/** `studio-flow-ci test`: flow tests from a terminal, run on dist/cli.js (build first), as `check` resolves offline. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { runCli } from './run-cli.ts';

const FLOW = {
  description: 'Greets',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      properties: { offset: { x: 0, y: 0 } },
      transitions: [
        { event: 'incomingMessage', next: 'greet' },
        { event: 'incomingCall' },
        { event: 'incomingConversationMessage' },
        { event: 'incomingRequest' },
        { event: 'incomingParent' },
      ],
    },
    {
      name: 'greet',
      type: 'send-message',
      properties: {
        offset: { x: 0, y: 200 },
        body: '${var.GREETING}, {{trigger.message.Body}}',
        from: '{{flow.channel.address}}',
        to: '{{contact.channel.address}}',
      },
      transitions: [{ event: 'sent' }, { event: 'failed' }],
    },
  ],
};

const scenario = (name: string, message: string) =>
  `  - name: ${JSON.stringify(name)}\n    trigger:\n      message: { Body: "hi" }\n    expect:\n      messages: [${JSON.stringify(message)}]\n`;

let ws: string;

before(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'sfci-test-cmd-'));
  await mkdir(path.join(ws, 'flows/more'), { recursive: true });
  await mkdir(path.join(ws, '.github'));
  const flow = JSON.stringify(FLOW, null, 2);
  await writeFile(
    path.join(ws, '.github/studio-flow-ci.yml'),
    'environments:\n  staging:\n    variables:\n      GREETING: Hello\n',
  );
  await writeFile(path.join(ws, 'flows/greet.json'), flow);
  await writeFile(path.join(ws, 'flows/greet.test.yaml'), `scenarios:\n${scenario('Greets the sender', 'Hello, hi')}`);
  await writeFile(path.join(ws, 'flows/more/bye.json'), flow);
  await writeFile(
    path.join(ws, 'flows/more/bye.test.yml'),
    `scenarios:\n${scenario('Greets', 'Hello, hi')}${scenario('Says bye \u001b[2J\u001b]0;pwn\u0007 </details>\n::error::x', 'Bye')}`,
  );
  await writeFile(path.join(ws, 'flows/untested.json'), flow);
  await writeFile(path.join(ws, 'flows/orphan.test.yaml'), `scenarios:\n${scenario('x', 'y')}`);
});

const run = (args: string[], env: Record<string, string> = {}) => runCli(['test', ...args], { cwd: ws, env });

test('default: every flow of the flows globs that has tests, resolved for --environment; exit 1 on a failure', async () => {
  const r = await run(['--environment', 'staging']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^flows\/greet\.json \(flows\/greet\.test\.yaml\)\n {2}✓ Greets the sender\n/m);
  assert.match(r.stdout, /^flows\/more\/bye\.json \(flows\/more\/bye\.test\.yml\)$/m);
  assert.match(r.stdout, /✗ Says bye/);
  assert.match(r.stdout, /flows\/more\/bye\.test\.yml:\d+:\d+: messages .*expected "Bye"/);
  assert.match(r.stdout, /1 passed, 1 failed · 1 of 1 transitions \(100 %\)/);
  assert.match(r.stdout, /\n2 flows: 2 passed, 1 failed\n$/);
  assert.doesNotMatch(r.stdout, /untested/, 'flows without tests are not listed by default');
  assert.ok(
    !r.stdout.includes('\u001b') && !r.stdout.includes('\u0007'),
    'no escape sequence from a test file reaches the terminal',
  );
  assert.ok(!/\n::error/.test(r.stdout), 'no workflow command at a line start');
});

test('without the environment its variables stay unresolved: the greeting differs', async () => {
  const r = await run(['flows/greet.json']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\$\{var\.GREETING\}, hi/);
});

test('a test file stands for its flow; all passing is exit 0', async () => {
  const r = await run(['flows/greet.test.yaml', '--environment', 'staging']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^1 flow: 1 passed, 0 failed$/m);
  assert.doesNotMatch(r.stdout, /bye/);
});

test('a folder: the flows in it that have tests', async () => {
  const r = await run(['flows/more', '--environment', 'staging']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^flows\/more\/bye\.json/m);
  assert.doesNotMatch(r.stdout, /flows\/greet/);
});

test('--json and --junit: the same results for scripts and CI tools', async () => {
  const junit = path.join(ws, 'out.xml');
  const r = await run(['--environment', 'staging', '--json', '--junit', junit]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout) as {
    results: { path: string; passed: number; failed: number; coverage: number }[];
  };
  assert.deepEqual(
    json.results.map((x) => [x.path, x.passed, x.failed, x.coverage]),
    [
      ['flows/greet.json', 1, 0, 100],
      ['flows/more/bye.json', 1, 1, 100],
    ],
  );
  const doc = parseDocument(await readFile(junit, 'utf8'), { xmlMode: true });
  assert.deepEqual(
    DomUtils.getElementsByTagName('testsuite', doc).map((s) => [s.attribs.name, s.attribs.tests, s.attribs.failures]),
    [
      ['flows/greet.test.yaml', '1', '0'],
      ['flows/more/bye.test.yml', '2', '1'],
    ],
  );
});

test('a named flow without tests, or a test file without its flow, is a problem naming the files (exit 1)', async () => {
  const untested = await run(['flows/untested.json']);
  assert.equal(untested.code, 1);
  assert.match(
    untested.stdout,
    /flows\/untested\.json has no flow tests: write its scenarios in flows\/untested\.test\.yaml/,
  );
  const orphan = await run(['flows/orphan.test.yaml']);
  assert.equal(orphan.code, 1);
  assert.match(orphan.stdout, /flows\/orphan\.test\.yaml tests flows\/orphan\.json, which does not exist/);
  // A test file that cannot be read (a folder by that name): the run's problem at the test file, not a crash.
  await writeFile(path.join(ws, 'flows/folder.json'), JSON.stringify(FLOW));
  await mkdir(path.join(ws, 'flows/folder.test.yaml'));
  const folder = await run(['flows/folder.json']);
  assert.equal(folder.code, 1, folder.stderr);
  assert.match(folder.stdout, /^flows\/folder\.json \(flows\/folder\.test\.yaml\)\n {2}✗ flows\/folder\.test\.yaml/m);
  assert.equal(folder.stderr, '');
});

test('usage errors exit 2 with one line: an unknown flag, a glob matching nothing, no tests anywhere', async () => {
  const flag = await run(['--junk']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^studio-flow-ci: .*--junk/);
  const nothing = await run(['nowhere/*.json']);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /"nowhere\/\*\.json" matches no file/);
  const none = await runCli(['test'], { cwd: tmpdir() });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /No flow has a test file among "flows\/\*\*\/\*\.json"/);
  for (const r of [flag, nothing, none]) assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('colours on a terminal (FORCE_COLOR), none otherwise', async () => {
  const r = await run(['flows/greet.json', '--environment', 'staging'], { FORCE_COLOR: '1' });
  assert.ok(r.stdout.includes('\u001b[32m✓\u001b[39m Greets the sender'), r.stdout);
});

test('lint runs the flow tests too (offline), and a test file named stands for its flow', async () => {
  const ok = await runCli(['lint', 'flows/greet.test.yaml', '--environment', 'staging'], { cwd: ws });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /^flows\/greet\.json: 0 error\(s\)/m);
  const failing = await runCli(['lint', 'flows/more/bye.test.yml', '--environment', 'staging'], { cwd: ws });
  assert.equal(failing.code, 1, failing.stderr);
  assert.match(failing.stderr, /^flows\/more\/bye\.test\.yml:\d+:\d+: error: /m);
  assert.match(failing.stderr, /flows\/more\/bye\.json \(1 error, \d+ warnings?; 1 failing flow test\)/);
});
