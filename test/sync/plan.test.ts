/** planSync and writePlan against the real emulator: what Studio holds comes back into the flow files. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { Agent } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { readSettings } from '../../src/settings.ts';
import { StudioClient } from '../../src/studio/client.ts';
import { planSync, writePlan, type SyncInput } from '../../src/sync/plan.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;
let workspace: string;
useTestEmulator(agent, (e) => (emulator = e));
afterEach(() => rm(workspace, { recursive: true, force: true }));

type Def = ReturnType<typeof sampleDefinition> & { states: Array<Record<string, any>> };

async function files(entries: Record<string, string>): Promise<void> {
  workspace = await mkdtemp(path.join(tmpdir(), 'sync-plan-'));
  for (const [rel, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    await writeFile(path.join(workspace, rel), text);
  }
}

function live(friendlyName: string, definition: unknown, status: 'published' | 'draft' = 'published', sid?: string) {
  const input = { friendlyName, definition, status, commitMessage: null, valid: true, errors: [], warnings: [] };
  return emulator.store.create(input, sid).sid;
}

function edit(sid: string, definition: unknown, status: 'published' | 'draft' = 'published') {
  const flow = emulator.store.get(sid)!;
  const friendlyName = flow.revisions.at(-1)!.friendlyName;
  emulator.store.update(sid, {
    friendlyName,
    definition,
    status,
    commitMessage: null,
    valid: true,
    errors: [],
    warnings: [],
  });
}

function input(inputs: Record<string, string> = {}): SyncInput {
  const read = (name: string) =>
    ({ 'twilio-account-sid': ACCOUNT_SID, 'twilio-auth-token': AUTH_TOKEN, 'studio-url': emulator.url, ...inputs })[
      name
    ] ?? '';
  const settings = readSettings(read, () => {});
  const studio = new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
  });
  return { workspace, settings, studio };
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const resource = (name: string, def: unknown) => pretty({ friendly_name: name, definition: def });

function withBody(text: string): Def {
  const def = sampleDefinition() as Def;
  def.states[1]!.properties.body = text;
  return def;
}

describe('planSync', () => {
  it('a Console edit of one widget comes back as a one-widget change; the rerun changes nothing', async () => {
    await files({ 'flows/a.json': resource('A', sampleDefinition()), 'flows/b.json': pretty(sampleDefinition('b')) });
    const a = live('A', sampleDefinition());
    live('b', sampleDefinition('b'));
    edit(a, withBody('Edited in the Console'));
    emulator.requests.length = 0;
    const plan = await planSync(input());
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(
      plan.files.map((f) => [f.path, f.changed, f.revision, f.status]),
      [
        ['flows/a.json', true, 2, 'published'],
        ['flows/b.json', false, 1, 'published'],
      ],
    );
    const [fa, fb] = plan.files;
    assert.equal(fb!.after, fb!.before, 'unchanged flow: byte-identical');
    assert.deepEqual(
      fa!.diff?.widgets.map((w) => [w.name, w.kind]),
      [['greet', 'changed']],
    );
    const before = fa!.before!.split('\n');
    const after = fa!.after.split('\n');
    assert.equal(before.length, after.length);
    assert.deepEqual(
      before.flatMap((l, i) => (l === after[i] ? [] : [l.trim()])),
      ['"body": "Hello {{flow.data.name}}"'],
    );
    // one list and one read per flow
    assert.deepEqual(
      emulator.requests.map((r) => r.path).sort(),
      ['/v2/Flows', ...plan.files.map((f) => `/v2/Flows/${f.flowSid}`)].sort(),
    );

    assert.deepEqual(await writePlan(workspace, plan), ['flows/a.json']);
    assert.equal(await readFile(path.join(workspace, 'flows/a.json'), 'utf8'), fa!.after);
    const again = await planSync(input());
    assert.deepEqual(
      again.files.filter((f) => f.changed),
      [],
    );
    assert.deepEqual(await writePlan(workspace, again), []);
  });

  it("a variable's value round-trips as its placeholder; a changed value is reported and the placeholder kept", async () => {
    const file = withBody('Call ${var.SUPPORT} now');
    const config = 'environments:\n  staging:\n    variables:\n      SUPPORT: "+15005550006"\n';
    await files({ 'flows/a.json': resource('A', file), '.github/studio-flow-ci.yml': config });
    const sid = live('A', withBody('Call +15005550006 now'));
    const same = await planSync(input({ environment: 'staging' }));
    assert.deepEqual([same.problems, same.files[0]?.changed, same.files[0]?.placeholders], [[], false, []]);
    edit(sid, withBody('Call +15005559999 now'));
    const changed = await planSync(input({ environment: 'staging' }));
    assert.equal(changed.files[0]?.changed, false, 'the live value is not baked in');
    assert.deepEqual(changed.files[0]?.placeholders, [
      {
        placeholder: '${var.SUPPORT}',
        widget: 'greet',
        pointer: '/states/1/properties/body',
        expected: '+15005550006',
        live: '+15005559999',
      },
    ]);
    assert.equal(changed.environment, 'staging');
  });

  it('a new Studio flow matching sync-new becomes a new file, with a -2 on a name collision, by SID order', async () => {
    await files({
      'flows/a.json': resource('A', sampleDefinition()),
      'flows/promo-x.json': resource('Promo x', sampleDefinition()),
    });
    live('A', sampleDefinition());
    live('Promo x', sampleDefinition());
    const first = live('Promo: X!', withBody('one'), 'published', `FW${'1'.repeat(32)}`);
    live('promo  x', withBody('two'), 'published', `FW${'2'.repeat(32)}`);
    live('Other', sampleDefinition());
    live('Promo draft', sampleDefinition(), 'draft');
    const plan = await planSync(input({ 'sync-new': 'Promo*, promo*' }));
    const fresh = plan.files.filter((f) => f.isNew);
    assert.deepEqual(
      fresh.map((f) => [f.path, f.friendlyName]),
      [
        ['flows/promo-x-2.json', 'Promo: X!'],
        ['flows/promo-x-3.json', 'promo  x'],
      ],
    );
    assert.equal(fresh[0]!.flowSid, first);
    assert.deepEqual(JSON.parse(fresh[0]!.after), { friendly_name: 'Promo: X!', definition: withBody('one') });
    assert.ok(plan.problems.some((p) => p.level === 'warning' && p.message.includes('never published')));
    await writePlan(workspace, plan);
    const again = await planSync(input({ 'sync-new': 'Promo*, promo*' }));
    assert.deepEqual(
      again.files.filter((f) => f.changed || f.isNew),
      [],
      'the new files now map their flows',
    );
  });

  it('sync-new never brings in a flow a file maps, even one that file does not sync (drafts only)', async () => {
    await files({ 'flows/promo.json': resource('Promo', sampleDefinition()) });
    live('Promo', withBody('draft'), 'draft');
    const plan = await planSync(input({ 'sync-new': 'Promo*' }));
    assert.deepEqual(plan.files, []);
    assert.deepEqual(
      plan.problems.map((p) => [p.path, p.level]),
      [['flows/promo.json', 'warning']],
    );
    assert.match(plan.problems[0]!.message, /draft revisions only/);
  });

  it('sync-status latest takes a draft on top of the published revision', async () => {
    await files({ 'flows/a.json': resource('A', sampleDefinition()) });
    const sid = live('A', sampleDefinition());
    edit(sid, withBody('draft text'), 'draft');
    const published = await planSync(input());
    assert.deepEqual([published.files[0]?.changed, published.files[0]?.revision], [false, 1]);
    const latest = await planSync(input({ 'sync-status': 'latest' }));
    assert.deepEqual(
      [latest.files[0]?.changed, latest.files[0]?.revision, latest.files[0]?.status],
      [true, 2, 'draft'],
    );
  });

  it('bad input: a missing SID, two files on one flow, a file that is not JSON: errors naming each; nothing written', async () => {
    const missing = `FW${'9'.repeat(32)}`;
    const config = `environments:\n  prod: {}\nflows:\n  - path: flows/gone.json\n    environments:\n      prod: { sid: ${missing} }\n`;
    await files({
      'flows/a.json': resource('A', sampleDefinition()),
      'flows/a-copy.json': resource('A', sampleDefinition()),
      'flows/gone.json': resource('Gone', sampleDefinition()),
      'flows/broken.json': '{ "states": [',
      'flows/ok.json': resource('OK', sampleDefinition()),
      '.github/studio-flow-ci.yml': config,
    });
    live('A', sampleDefinition());
    const ok = live('OK', sampleDefinition());
    edit(ok, withBody('changed'));
    const plan = await planSync(input({ environment: 'prod' }));
    const errors = plan.problems.filter((p) => p.level === 'error');
    assert.deepEqual(errors.map((p) => p.path).sort(), [
      'flows/a-copy.json',
      'flows/a.json',
      'flows/broken.json',
      'flows/gone.json',
    ]);
    assert.match(errors.find((p) => p.path === 'flows/gone.json')!.message, new RegExp(missing));
    assert.match(errors.find((p) => p.path === 'flows/a.json')!.message, /flows\/a-copy\.json/);
    for (const p of errors) assert.ok(p.fix.length > 10);
    await assert.rejects(writePlan(workspace, plan), /no file was written/);
    assert.equal(await readFile(path.join(workspace, 'flows/ok.json'), 'utf8'), resource('OK', sampleDefinition()));
  });

  it('writePlan refuses a path through a symbolic link and paths outside the workspace', async () => {
    await files({ 'flows/a.json': resource('A', sampleDefinition()) });
    const outside = await mkdtemp(path.join(tmpdir(), 'sync-outside-'));
    try {
      await symlink(outside, path.join(workspace, 'linked'));
      const file = { ...(await planSync(input())).files[0]!, changed: true, after: 'x' };
      for (const bad of ['linked/x.json', '../x.json', '/etc/passwd', 'flows/../../x.json'])
        await assert.rejects(
          writePlan(workspace, {
            environment: undefined,
            status: 'published',
            files: [{ ...file, path: bad }],
            problems: [],
          }),
          /nothing was written/,
          bad,
        );
      await symlink(path.join(outside, 'f.json'), path.join(workspace, 'flows/link.json'));
      await assert.rejects(
        writePlan(workspace, {
          environment: undefined,
          status: 'published',
          files: [{ ...file, path: 'flows/link.json' }],
          problems: [],
        }),
        /symbolic link/,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("reads the files through the caller's reader when given one (the synced ref), a null being no file", async () => {
    await files({
      'flows/a.json': resource('A', sampleDefinition()),
      'flows/b.json': resource('B', sampleDefinition()),
    });
    live('A', withBody('live'));
    live('B', sampleDefinition());
    const atRef = JSON.stringify({ friendly_name: 'A', definition: withBody('at the ref') });
    const seen: string[] = [];
    const readFile = (p: string) => {
      seen.push(p);
      return Promise.resolve(p === 'flows/a.json' ? atRef : null);
    };
    const plan = await planSync({ ...input(), readFile });
    assert.deepEqual(seen.sort(), ['flows/a.json', 'flows/b.json']);
    assert.deepEqual(
      plan.files.map((f) => [f.path, f.before === atRef, f.changed]),
      [['flows/a.json', true, true]],
    );
    assert.equal(JSON.parse(plan.files[0]!.after).definition.states[1].properties.body, 'live');
    assert.ok(plan.problems.some((p) => p.path === 'flows/b.json' && p.level === 'warning'));
  });

  it('hostile sync-new globs and Studio names: markup, newlines, 300 characters, a path in the name', async () => {
    await files({ 'flows/a.json': resource('A', sampleDefinition()) });
    live('A', sampleDefinition());
    live('../../etc/passwd', sampleDefinition());
    live('<img src=x onerror=alert(1)> @team', sampleDefinition());
    live('x'.repeat(300), sampleDefinition());
    const plan = await planSync(input({ 'sync-new': '*,\n::error::x,<b>', 'sync-folder': 'flows/new' }));
    const fresh = plan.files.filter((f) => f.isNew).map((f) => f.path);
    assert.deepEqual(fresh, ['flows/new/etc-passwd.json', 'flows/new/img-src-x-onerror-alert-1-team.json']);
    assert.ok(plan.problems.some((p) => p.level === 'warning' && /300 characters long/.test(p.message)));
    for (const path of fresh) assert.match(path, /^flows\/new\/[a-z0-9-]+\.json$/);
  });
});
