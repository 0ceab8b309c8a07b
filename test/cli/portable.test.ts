/**
 * `studio-flow-ci portable`: the real published fixtures' SIDs and Function URL become names, editing only those
 * strings; resolving the result with the same account gives back the original file byte for byte.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { runPortable, type PortableDeps } from '../../src/cli/portable.ts';
import { messageOf } from '../../src/errors.ts';
import { loadNameIndex } from '../../src/resolve/name-lists.ts';
import { writeBack } from '../../src/sync/write-back.ts';
import { runCli } from './run-cli.ts';
import { fakeAccount, realFixturesAccount, resolveWithIndex, type FakeAccount } from '../support/fake-account-c.ts';

const REAL = path.resolve(import.meta.dirname, '../fixtures/real-flows');
let workspace: string;
afterEach(() => rm(workspace, { recursive: true, force: true }));

async function setUp(files: Record<string, string>): Promise<void> {
  workspace = await mkdtemp(path.join(tmpdir(), 'portable-'));
  for (const [rel, source] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    if (source.startsWith('fixture:')) await copyFile(path.join(REAL, source.slice(8)), path.join(workspace, rel));
    else await writeFile(path.join(workspace, rel), source);
  }
}

const read = (rel: string) => readFile(path.join(workspace, rel), 'utf8');

async function portable(args: string[], lists: FakeAccount | undefined, choices = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: PortableDeps = {
    ...(lists ? { accountLists: () => lists } : {}),
    choices: () => Promise.resolve(choices),
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  };
  let code: number | string;
  try {
    code = await runPortable([...args, '--emulator', '--workspace', workspace], deps);
  } catch (error) {
    code = 'thrown';
    err.push(messageOf(error));
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length, 'no line added or removed');
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line.trim(), b[i]!.trim()] as [string, string]]));
}

const definitionOf = (text: string) => JSON.parse(text.replace(/^\ufeff/, '')) as { definition?: unknown };

const FIXTURES = [
  'mbarry-owl-OrderLookupIVR',
  'twilio-webchat-react-app',
  'twilio-labs-function-templates-patient-appointment',
  'twilio-labs-function-templates-outreach-pcp-followup',
  'twilio-labs-function-templates-vaccine-standby',
];
const IVR = 'mbarry-owl-OrderLookupIVR';

test('the real fixtures convert to names, only the SID strings change, and resolve back byte for byte', async () => {
  await setUp(Object.fromEntries(FIXTURES.map((f) => [`flows/${f}.json`, `fixture:${f}.json`])));
  // No licensed real flow has CRLF endings: the IVR's are made CRLF here, and must stay so.
  await writeFile(path.join(workspace, `flows/${IVR}.json`), (await read(`flows/${IVR}.json`)).replace(/\n/g, '\r\n'));
  const originals = Object.fromEntries(
    await Promise.all(FIXTURES.map(async (f) => [f, await read(`flows/${f}.json`)])),
  );
  const lists = realFixturesAccount();
  const choices = { serverlessEnvironment: 'production' };
  const run = await portable(['flows'], lists, choices);
  assert.equal(run.code, 0, run.stderr);
  const after = Object.fromEntries(await Promise.all(FIXTURES.map(async (f) => [f, await read(`flows/${f}.json`)])));
  assert.equal(after[IVR]!.split('\r\n').length, originals[IVR]!.split('\n').length, 'CRLF kept on every line');
  const changes = Object.fromEntries(
    FIXTURES.map((f) => [f, changedLines(originals[f]!.replace(/\r/g, ''), after[f]!.replace(/\r/g, ''))]),
  );
  // The IVR's two run-function widgets: their SIDs name the Functions; their url (https://example.com/…, the
  // author's stand-in for the domain) is not those Functions' URL and is kept. The templates' placeholders
  // (YOUR_TWILIO_SERVICE_SID, https://YOUR_ENVIRONMENT_DOMAIN_NAME/…) name nothing.
  assert.deepEqual(changes, {
    [IVR]: [
      [
        '"service_sid": "ZS5e6a380e716e80587d5ca025cd8797a6",',
        '"service_sid": "${function:order-lookup-ivr/httpRequest}",',
      ],
      [
        '"environment_sid": "ZE108a9762ca7f50d6d4abb6f159f6c1b9",',
        '"environment_sid": "${function:order-lookup-ivr/httpRequest}",',
      ],
      [
        '"function_sid": "ZH1276e1872729dad365cd69104809a0d0",',
        '"function_sid": "${function:order-lookup-ivr/httpRequest}",',
      ],
      ['"service_sid": "ZS5e6a380e716e80587d5ca025cd8797a6",', '"service_sid": "${function:order-lookup-ivr/allow}",'],
      [
        '"environment_sid": "ZE108a9762ca7f50d6d4abb6f159f6c1b9",',
        '"environment_sid": "${function:order-lookup-ivr/allow}",',
      ],
      [
        '"function_sid": "ZH0579a70e11af2b0c842d2e7b32e73f56",',
        '"function_sid": "${function:order-lookup-ivr/allow}",',
      ],
    ],
    'twilio-webchat-react-app': [
      ['"workflow": "WWd8cd0445d2df474f0744283a8cac96b7",', '"workflow": "${workflow:Assign to Anyone}",'],
      ['"channel": "TC97cc0cbcd14e9f3a5f7f2b9668ae8cdd",', '"channel": "${channel:chat}",'],
    ],
    'twilio-labs-function-templates-patient-appointment': [],
    'twilio-labs-function-templates-outreach-pcp-followup': [],
    'twilio-labs-function-templates-vaccine-standby': [],
  });
  assert.match(
    run.stdout,
    /flows\/mbarry-owl-OrderLookupIVR\.json: 6 values replaced by names\n(.*\n)* {2}widget "order_lookup" function_sid: ZH1276e1872729dad365cd69104809a0d0 → \$\{function:order-lookup-ivr\/httpRequest\}/,
  );
  assert.match(
    run.stdout,
    /widget "order_lookup" url: https:\/\/example\.com\/httpRequest kept: it is not the url of the Function the widget's function_sid or url names \(\/httpRequest\)/,
  );
  assert.match(
    run.stdout,
    /widget "send_to_flex_agent" workflow: WWd8cd0445d2df474f0744283a8cac96b7 → \$\{workflow:Assign to Anyone\}/,
  );
  assert.match(run.stdout, /flows\/twilio-labs-function-templates-patient-appointment\.json: nothing to replace/);
  assert.match(
    run.stdout,
    /widget "save-booked" url: https:\/\/YOUR_TWILIO_ENVIRONMENT_DOMAIN_NAME\/save-booked kept: its url is on no domain of any Serverless environment/,
  );
  // Serverless for the Functions, TaskRouter for the workflows and channel: each list once for all the files
  assert.deepEqual(lists.calls, {
    services: 1,
    environments: 1,
    build: 1,
    workspaces: 1,
    workflows: 1,
    taskChannels: 1,
  });

  // The deploy's promise: resolved with the same lists, each file is its original definition, byte for byte.
  const index = await loadNameIndex(realFixturesAccount(), choices, { functions: true, taskrouter: true, flows: true });
  for (const f of FIXTURES) {
    const resolved = resolveWithIndex(definitionOf(after[f]!), index);
    assert.deepEqual(resolved, definitionOf(originals[f]!), f);
    assert.equal(writeBack(after[f]!, resolved), originals[f], f);
  }

  // A second run finds nothing to replace; --check agrees.
  const again = await portable(['flows', '--check'], realFixturesAccount(), choices);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /flows\/mbarry-owl-OrderLookupIVR\.json: nothing to replace/);
});

test('--check and --dry-run print what would change, exit 1 and write nothing', async () => {
  await setUp({ 'flows/webchat.json': 'fixture:twilio-webchat-react-app.json' });
  const before = await read('flows/webchat.json');
  for (const flag of ['--check', '--dry-run']) {
    const run = await portable(['flows/webchat.json', flag], realFixturesAccount());
    assert.equal(run.code, 1);
    assert.match(run.stdout, /flows\/webchat\.json: 2 values would be replaced by names/);
    assert.equal(await read('flows/webchat.json'), before);
  }
});

test('a SID no name gives is kept and named with the reason; another account converts nothing it does not hold', async () => {
  await setUp({ 'flows/webchat.json': 'fixture:twilio-webchat-react-app.json' });
  const other = fakeAccount({
    tag: 'other',
    workspaces: [{ friendlyName: 'W', workflows: [{ friendlyName: 'a}b\nc' }] }],
  });
  const run = await portable(['flows/webchat.json'], other);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /workflow: WWd8cd0445d2df474f0744283a8cac96b7 kept: no workflow of the workspace "W" has this SID/,
  );
  assert.match(run.stdout, /nothing was written/);
});

test('hostile input: a file that is not JSON stops the run with its name and writes nothing', async () => {
  await setUp({
    'flows/webchat.json': 'fixture:twilio-webchat-react-app.json',
    'flows/bad.json': '{"states": [\n::error::x\n',
  });
  const before = await read('flows/webchat.json');
  const lists = realFixturesAccount();
  const run = await portable(['flows'], lists);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^flows\/bad\.json: error: flows\/bad\.json cannot be converted: .*line/m);
  assert.doesNotMatch(run.stderr, /^::/m, 'no line of the file starts a workflow command');
  assert.match(run.stderr, /Nothing was written/);
  assert.equal(await read('flows/webchat.json'), before);
  assert.deepEqual(lists.calls, {}, 'the account is not read when a file is bad');
});

test('names and widget names with markup, newlines and "}" are written only when they can be, printed on one line', async () => {
  const workflows = [
    { friendlyName: '<img src=x onerror=alert(1)> @team' },
    { friendlyName: 'two\nlines' },
    { friendlyName: 'a}b' },
  ];
  const account = fakeAccount({ tag: 'h', workspaces: [{ friendlyName: 'W', workflows }] });
  const sids = (await account.workflows((await account.workspaces())[0]!.sid)).map((w) => w.sid);
  const states = sids.map((sid, i) => ({
    name: i === 0 ? 'flex\n::error::pwned' : `flex${i}`,
    type: 'send-to-flex',
    transitions: [],
    properties: { workflow: sid, channel: 'TC' + '1'.repeat(32), attributes: '{}' },
  }));
  await setUp({ 'flows/f.json': `${JSON.stringify({ states, initial_state: 'x' }, null, 2)}\n` });
  const run = await portable(['flows/f.json'], account);
  assert.equal(run.code, 0, run.stderr);
  const after = JSON.parse(await read('flows/f.json')) as { states: { properties: { workflow: string } }[] };
  assert.deepEqual(
    after.states.map((s) => s.properties.workflow),
    ['${workflow:<img src=x onerror=alert(1)> @team}', sids[1], sids[2]],
  );
  assert.doesNotMatch(run.stdout, /^::error/m);
  assert.match(run.stdout, /cannot be written in a reference/);
});

test('run-subflow: a repository flow file becomes ${flow:PATH}, another Studio flow ${flow-name:…}', async () => {
  const child = `FW${'c'.repeat(32)}`;
  const other = `FW${'d'.repeat(32)}`;
  const body = {
    states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: {} }],
    initial_state: 'Trigger',
  };
  const subflow = (name: string, sid: string) => ({
    name,
    type: 'run-subflow',
    transitions: [{ event: 'completed' }, { event: 'failed' }],
    properties: { flow_sid: sid, flow_revision: 'LatestPublished', parameters: [] },
  });
  const parent = { ...body, states: [...body.states, subflow('call_child', child), subflow('call_other', other)] };
  await setUp({
    'seed/child.json': JSON.stringify({ friendly_name: 'Child', sid: child, definition: body }),
    'seed/other.json': JSON.stringify({ friendly_name: 'Other Team Flow', sid: other, definition: body }),
    'flows/child.json': `${JSON.stringify({ friendly_name: 'Child', definition: body }, null, 2)}\n`,
    'flows/parent.json': `${JSON.stringify(parent, null, 2)}\n`,
  });
  const before = await read('flows/parent.json');
  const lists = fakeAccount({
    tag: 's',
    flows: [
      { friendlyName: 'Child', sid: child },
      { friendlyName: 'Other Team Flow', sid: other },
    ],
  });
  const run = await portable(['flows/parent.json', '--emulator-seed', path.join(workspace, 'seed')], lists);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(changedLines(before, await read('flows/parent.json')), [
    [`"flow_sid": "${child}",`, '"flow_sid": "${flow:flows/child.json}",'],
    [`"flow_sid": "${other}",`, '"flow_sid": "${flow-name:Other Team Flow}",'],
  ]);
  // The flow names come from the run's one listing of the Studio flows (the emulator's), not a second one.
  assert.deepEqual(lists.stats(), { serverless: 0, taskrouter: 0, studio: 0 });
});

function bigFlow(widgets: number): string {
  const states: unknown[] = Array.from({ length: widgets }, (_, i) => ({
    name: `say_${i}`,
    type: 'say-play',
    transitions: [{ event: 'audioComplete' }],
    properties: { say: `Hello ${i}`, offset: { x: i, y: i } },
  }));
  states.push({
    name: 'flex',
    type: 'send-to-flex',
    transitions: [],
    properties: { workflow: 'WWd8cd0445d2df474f0744283a8cac96b7', channel: 'TC97cc0cbcd14e9f3a5f7f2b9668ae8cdd' },
  });
  return `${JSON.stringify({ description: 'big', states, initial_state: 'say_0' }, null, 2)}\n`;
}

test('a flow of 2,000 widgets (the Studio limit) converts with two lines changed; one of 10,000 is refused by name', async () => {
  const text = bigFlow(1999);
  await setUp({ 'flows/big.json': text, 'huge/huge.json': bigFlow(10_000) });
  const started = performance.now();
  const run = await portable(['flows/big.json'], realFixturesAccount());
  assert.equal(run.code, 0, run.stderr);
  assert.ok(performance.now() - started < 30_000);
  assert.equal(changedLines(text, await read('flows/big.json')).length, 2);
  const huge = await portable(['huge/huge.json'], realFixturesAccount());
  assert.equal(huge.code, 1);
  assert.match(huge.stderr, /^huge\/huge\.json: error: .*Twilio accepts at most 1,000,000 bytes/m);
  assert.doesNotMatch(huge.stderr, /\n\s+at /, 'no stack trace');
});

test('the built CLI knows the command: portable without files is a usage error naming what to give', async () => {
  const run = await runCli(['portable', '--check']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^studio-flow-ci: portable needs the flow files to convert: name them/);
  const help = await runCli(['help']);
  assert.match(help.stdout, /^ {2}portable {3}rewrite the account's SIDs/m);
  assert.match(help.stdout, /--check, --dry-run/);
});

test('bad command lines: no files; an account that names nothing changes nothing', async () => {
  await setUp({ 'flows/webchat.json': 'fixture:twilio-webchat-react-app.json' });
  const none = await portable([], realFixturesAccount());
  assert.equal(none.code, 'thrown');
  assert.match(none.stderr, /portable needs the flow files to convert/);
  const missing = await portable(['flows/nope.json'], realFixturesAccount());
  assert.equal(missing.code, 'thrown');
  assert.match(missing.stderr, /"flows\/nope\.json" matches no file/);
  // No fake lists: the real AccountLists of the emulator, whose account has no workspace at all.
  const empty = await portable(['flows/webchat.json'], undefined);
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /flows\/webchat\.json: nothing to replace/);
  assert.match(empty.stdout, /WWd8cd0445d2df474f0744283a8cac96b7 kept: /);
});
