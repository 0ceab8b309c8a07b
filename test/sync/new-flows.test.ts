/** New flows' file names: slugs of friendly names, hostile ones included, and the sync-folder input. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newFileText, newFlowMatcher, newFlowPaths, slugOf, syncFolderOf } from '../../src/sync/new-flows.ts';

test('slugs: lower-case ASCII letters, digits and -, marks stripped, runs collapsed', () => {
  assert.equal(slugOf('Main IVR'), 'main-ivr');
  assert.equal(slugOf('Café Ünïcode — Straße'), 'cafe-unicode-strasse');
  assert.equal(slugOf('  --Promo:  X!!  '), 'promo-x');
  assert.equal(slugOf('ｆｕｌｌｗｉｄｔｈ ①'), 'fullwidth-1');
});

test('hostile names: never empty, never . or .., never outside the folder, never a Windows reserved name, at most 80', () => {
  assert.equal(slugOf('../../etc/passwd'), 'etc-passwd');
  assert.equal(slugOf('..'), 'flow');
  assert.equal(slugOf('.'), 'flow');
  assert.equal(slugOf('🎉🎉🎉'), 'flow');
  assert.equal(slugOf(''), 'flow');
  assert.equal(slugOf('CON'), 'con-flow');
  assert.equal(slugOf('com1'), 'com1-flow');
  assert.equal(slugOf('nul.txt'), 'nul-txt');
  assert.equal(slugOf('line\nbreak<script>alert(1)</script>'), 'line-break-script-alert-1-script');
  const long = slugOf(`${'a'.repeat(150)} ${'b'.repeat(150)}`);
  assert.equal(long.length, 80);
  assert.equal(slugOf(`${'a'.repeat(79)} b`), 'a'.repeat(79), 'no dangling dash at the cut');
  for (const name of ['../../etc/passwd', 'CON', '🎉', 'x'.repeat(300), 'a/b\\c', '\u0000\u202e'])
    assert.match(slugOf(name), /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('paths: in the folder, -2 and -3 on collisions with files and with each other, by SID order, case-insensitively', () => {
  const flows = [
    { sid: 'FW3', friendlyName: 'Promo' },
    { sid: 'FW1', friendlyName: 'PROMO' },
    { sid: 'FW2', friendlyName: 'Other' },
  ];
  const paths = newFlowPaths(flows, 'flows/new', new Set(['flows/new/Promo.json']));
  assert.deepEqual(Object.fromEntries(paths), {
    FW1: 'flows/new/promo-2.json',
    FW2: 'flows/new/other.json',
    FW3: 'flows/new/promo-3.json',
  });
  assert.deepEqual(Object.fromEntries(newFlowPaths([{ sid: 'FW1', friendlyName: 'x' }], '', new Set())), {
    FW1: 'x.json',
  });
});

test('sync-folder: inside the workspace only, named in the error', () => {
  assert.equal(syncFolderOf('flows'), 'flows');
  assert.equal(syncFolderOf('./flows/new/'), 'flows/new');
  assert.equal(syncFolderOf('.'), '');
  for (const bad of ['../x', '/etc', 'C:\\x', '~/x', 'a/../../b', 'a//b', 'a\nb'])
    assert.throws(() => syncFolderOf(bad), /Input 'sync-folder'/, bad);
});

test('sync-new globs match friendly names; none match nothing', () => {
  const match = newFlowMatcher(['Promo*', 'Exact name']);
  assert.deepEqual(['Promo 1', 'promo 1', 'Exact name', 'Other'].map(match), [true, false, true, false]);
  assert.equal(newFlowMatcher([])('anything'), false);
  assert.deepEqual(['Team/IVR', 'Team/x/y', '../etc', 'Other/IVR'].map(newFlowMatcher(['Team/*', '*etc'])), [
    true,
    true,
    true,
    false,
  ]);
});

test('a new file keeps its friendly name (REST or CLI spelling), 2-space indent, final newline', () => {
  const text = newFileText({ friendlyName: 'A <b>', definition: { states: [] }, shape: 'rest' });
  assert.equal(text, '{\n  "friendly_name": "A <b>",\n  "definition": {\n    "states": []\n  }\n}\n');
  assert.deepEqual(Object.keys(JSON.parse(newFileText({ friendlyName: 'A', definition: {}, shape: 'cli' }))), [
    'friendlyName',
    'definition',
  ]);
});
