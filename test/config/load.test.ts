import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import type { StudioConfig } from '../../src/config/load.ts';

const fixtures = path.join(import.meta.dirname, '../fixtures/config');
const SID_A = 'FW0123456789abcdef0123456789abcdef';
const SID_B = 'FWfedcba9876543210fedcba9876543210';

/** The UserError message parseConfig throws for `text`. */
function errorOf(file: string, text: string): string {
  try {
    parseConfig(file, text);
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected parseConfig to throw');
}

let workspace: string;
let outside: string;

before(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'sfci-config-'));
  outside = await mkdtemp(path.join(tmpdir(), 'sfci-config-outside-'));
  await mkdir(path.join(workspace, '.github'));
  await copyFile(path.join(fixtures, 'valid.yml'), path.join(workspace, '.github/studio-flow-ci.yml'));
  await copyFile(path.join(fixtures, 'valid.json'), path.join(outside, 'real.json'));
  await symlink(path.join(outside, 'real.json'), path.join(workspace, '.github/linked.json'));
  await symlink(outside, path.join(workspace, 'linked-dir'));
  await writeFile(path.join(workspace, 'not-a-dir'), 'x');
  // The flow files valid.yml names: every entry must name a file in the workspace.
  await mkdir(path.join(workspace, 'flows'));
  await writeFile(path.join(workspace, 'flows/main-ivr.json'), '{}');
  await writeFile(path.join(workspace, 'flows/sms-survey.json'), '{}');
});

test('a YAML config parses to the exact typed config; numbers keep the text as written', async () => {
  const expected: StudioConfig = {
    environments: {
      staging: {
        variables: {
          SUPPORT_NUMBER: '+15005550006',
          API_BASE: 'https://staging.example.com',
          RETRIES: '3',
          BETA: 'true',
        },
      },
      production: { variables: { SUPPORT_NUMBER: '+15005550007' } },
    },
    flows: [
      {
        path: 'flows/main-ivr.json',
        friendlyName: 'Main IVR',
        environments: { staging: { sid: SID_A, friendlyName: 'Main IVR (staging)' }, production: { sid: SID_B } },
      },
      { path: 'flows/sms-survey.json', environments: {} },
    ],
  };
  assert.deepEqual(parseConfig('c.yml', await readFile(path.join(fixtures, 'valid.yml'), 'utf8')), expected);
  assert.deepEqual(await loadConfig(workspace, '.github/studio-flow-ci.yml'), expected);
});

test('a JSON config parses to the exact typed config', async () => {
  assert.deepEqual(parseConfig('c.json', await readFile(path.join(fixtures, 'valid.json'), 'utf8')), {
    environments: { staging: { variables: { SUPPORT_NUMBER: '+15005550006', RETRIES: '3' } } },
    flows: [{ path: 'flows/main-ivr.json', environments: { staging: { sid: SID_A } } }],
  });
});

test('an empty (comments only) config is an empty config', () => {
  assert.deepEqual(parseConfig('c.yml', '# to do\n'), { environments: {}, flows: [] });
});

test('a misspelt key is reported at the key with the likely spelling', () => {
  assert.equal(
    errorOf('.github/studio-flow-ci.yml', 'flows:\n  - path: flows/a.json\n    frendly_name: A\n'),
    '.github/studio-flow-ci.yml:3:5: flows[0].frendly_name is not a known key. Did you mean "friendly_name"? Allowed here: path, friendly_name, environments.',
  );
  assert.equal(
    errorOf('c.yml', 'enviroments: {}\n'),
    'c.yml:1:1: enviroments is not a known key. Did you mean "environments"? Allowed here: environments, flows.',
  );
});

test('a bad sid is reported at its value', () => {
  const text =
    'environments:\n  staging: {}\nflows:\n  - path: flows/a.json\n    environments:\n      staging:\n        sid: FW123\n';
  assert.equal(
    errorOf('c.yml', text),
    'c.yml:7:14: flows[0].environments.staging.sid "FW123" is not a Studio flow SID. A flow SID is "FW" followed by 32 lowercase hex digits; copy it from the Studio console.',
  );
});

test('a flow entry for an environment that is not defined names the defined ones', () => {
  const text = `environments:\n  staging: {}\n  production: {}\nflows:\n  - path: flows/a.json\n    environments:\n      prod: { sid: ${SID_A} }\n`;
  assert.equal(
    errorOf('.github/studio-flow-ci.yml', text),
    '.github/studio-flow-ci.yml:7:7: flows[0].environments.prod names an environment that is not defined under "environments" (defined: staging, production). Did you mean "production"? Otherwise add "prod" under "environments".',
  );
  assert.equal(
    errorOf('c.yml', 'flows:\n  - path: flows/a.json\n    environments:\n      qa: {}\n'),
    'c.yml:4:7: flows[0].environments.qa names an environment that is not defined under "environments" (no environments are defined). Add "qa" under "environments".',
  );
});

test('a duplicate key is an error at the repeated key, in YAML and in JSON', () => {
  assert.equal(
    errorOf('c.yml', 'environments:\n  staging:\n    variables:\n      A: "1"\n      A: "2"\n'),
    'c.yml:5:7: "A" appears twice in environments.staging.variables (first at line 4:7). Keep one of them.',
  );
  assert.equal(
    errorOf('c.json', '{"flows": [],\n "flows": []}'),
    'c.json:2:2: "flows" appears twice in the top level (first at line 1:2). Keep one of them.',
  );
});

test('a syntax error is reported at its place, as YAML or as JSON by the file name', () => {
  assert.equal(
    errorOf('c.yml', 'flows:\n  - path: a: b\n'),
    'c.yml:2:11: YAML syntax error: Nested mappings are not allowed in compact mappings. Fix the YAML at this place.',
  );
  assert.match(
    errorOf('config.json', '{"flows": [}'),
    /^config\.json:1:12: JSON syntax error: .+\. Fix the JSON at this place\.$/,
  );
});

test('bad names, empty values and wrong shapes are all listed, in file order', () => {
  const text =
    'environments:\n  staging:\n    variables:\n      lower: x\n      EMPTY:\n  "bad name": {}\nflows:\n  path: x\n';
  assert.deepEqual(errorOf('c.yml', text).split('\n'), [
    'c.yml:4:7: environments.staging.variables: "lower" is not a valid variable name. Use capital letters, digits and "_", starting with a letter (e.g. LOWER).',
    'c.yml:5:7: environments.staging.variables.EMPTY must be a string, a number or a boolean (true/false), but it is empty. Give the variable a value (quote it to keep it as text).',
    'c.yml:6:3: environments: "bad name" is not a valid environment name. Use 1 to 64 letters, digits, "_" or "-".',
    'c.yml:8:3: flows must be a list, but it is a mapping. See the config file example in the README.',
  ]);
  assert.equal(
    errorOf('c.yml', '- a\n'),
    'c.yml:1:1: The config file must be a mapping, but it is a list. See the config file example in the README.',
  );
  assert.equal(
    errorOf('c.yml', 'environments: { s: {} }\nflows:\n  - environments: { s: }\n'),
    'c.yml:3:5: flows[0] has no "path". Add the workspace-relative path of the flow file (e.g. path: flows/main-ivr.json).\n' +
      'c.yml:3:21: flows[0].environments.s must be a mapping, but it is empty. Write {} to use the defaults, or give "sid" and/or "friendly_name".',
  );
});

test('flow paths must be plain and listed once; a Studio flow belongs to one file per environment', () => {
  const text = [
    'environments: { s: {} }',
    'flows:',
    '  - path: ./flows/a.json',
    '  - path: ../a.json',
    '  - path: flows/b.json',
    '  - path: flows/b.json',
    `  - { path: flows/c.json, environments: { s: { sid: ${SID_A} } } }`,
    `  - { path: flows/d.json, environments: { s: { sid: ${SID_A} } } }`,
    '',
  ].join('\n');
  assert.deepEqual(errorOf('c.yml', text).split('\n'), [
    'c.yml:3:11: flows[0].path "./flows/a.json" is not a plain workspace-relative path. Write it as "flows/a.json" ("/" separators, no "." or ".." parts).',
    'c.yml:4:11: flows[1].path "../a.json" is not a plain workspace-relative path. Name a flow file inside the repository, relative to its root ("/" separators, no "." or ".." parts).',
    'c.yml:6:11: flows[3].path "flows/b.json" is already listed as flows[2]. List each flow file once.',
    'c.yml:8:53: flows[5].environments.s.sid is the same Studio flow as flows[4].environments.s.sid. Each flow file needs its own flow in an environment; fix one of the SIDs.',
  ]);
});

test("a config friendly_name gets a file name's checks: one line, not blank, at most 200 characters, at its value", () => {
  const long = 'N'.repeat(100_000);
  const text = [
    'environments: { staging: {} }',
    'flows:',
    '  - path: flows/a.json',
    `    friendly_name: ${JSON.stringify('Evil\n::error::pwned <img src=x>')}`,
    `    environments: { staging: { friendly_name: "${long}" } }`,
    '  - path: flows/b.json',
    '    friendly_name: "   "',
    '',
  ].join('\n');
  const lines = errorOf('c.yml', text).split('\n');
  assert.deepEqual(lines, [
    'c.yml:4:20: flows[0].friendly_name (the entry for "flows/a.json") holds a line break or another control character. Write the flow\'s name as Studio shows it, on one line of at most 200 characters, or remove the key to use the file\'s own name.',
    'c.yml:5:47: flows[0].environments.staging.friendly_name (the entry for "flows/a.json") is 100000 characters long; at most 200 are accepted. Write the flow\'s name as Studio shows it, on one line of at most 200 characters, or remove the key to use the file\'s own name.',
    'c.yml:7:20: flows[1].friendly_name (the entry for "flows/b.json") must be a non-empty string. Write the flow\'s name as Studio shows it, on one line of at most 200 characters, or remove the key to use the file\'s own name.',
  ]);
  assert.ok(!lines.some((l) => l.startsWith('::')), 'no line of the message is a workflow command');
  assert.doesNotThrow(
    () => parseConfig('c.yml', `flows:\n  - path: flows/a.json\n    friendly_name: "${'n'.repeat(200)}"\n`),
    '200 characters are accepted',
  );
});

test('a missing config file (or a missing folder on its path) gives undefined', async () => {
  assert.equal(await loadConfig(workspace, '.github/nope.yml'), undefined);
  assert.equal(await loadConfig(workspace, 'not-a-dir/config.yml'), undefined);
});

test('a symlinked config file is refused, and so are paths that leave the workspace', async () => {
  await assert.rejects(loadConfig(workspace, '.github/linked.json'), {
    name: 'UserError',
    message:
      '.github/linked.json: the config file is a symbolic link; it must be a regular file. Replace the link with the file itself.',
  });
  await assert.rejects(loadConfig(workspace, 'linked-dir/real.json'), {
    name: 'UserError',
    message:
      'linked-dir/real.json: the config file resolves outside the workspace (through a linked folder). Keep it in the repository itself.',
  });
  await assert.rejects(loadConfig(workspace, '../x.yml'), {
    name: 'UserError',
    message:
      '../x.yml: the config file path is outside the workspace. Name a file inside the repository, e.g. .github/studio-flow-ci.yml.',
  });
  await assert.rejects(loadConfig(workspace, '.github'), {
    name: 'UserError',
    message: '.github: the config path is not a regular file. Point it at a YAML or JSON file.',
  });
});

test('bad input: a config that is not YAML at all, or a tab-indented one, is a syntax error at its place', () => {
  assert.match(
    errorOf('.github/studio-flow-ci.yml', 'flows:\n\t- path: flows/a.json\n'),
    /^\.github\/studio-flow-ci\.yml:2:1: YAML syntax error: .+\. Fix the YAML at this place\.$/,
  );
  assert.match(
    errorOf('c.yml', '{{{ not yaml'),
    /^c\.yml:1:\d+: YAML syntax error: .+\. Fix the YAML at this place\.$/,
  );
  assert.equal(
    errorOf('c.yml', '"just a string"\n'),
    'c.yml:1:1: The config file must be a mapping, but it is a string. See the config file example in the README.',
  );
});

test('bad input: a flow entry naming a file that is not in the workspace, with the likely name', async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'sfci-config-missing-'));
  await mkdir(path.join(ws, 'flows'));
  await mkdir(path.join(ws, '.github'));
  await writeFile(path.join(ws, 'flows/main-ivr.json'), '{}');
  await mkdir(path.join(ws, 'flows/folder.json'));
  const text =
    'flows:\n  - path: flows/main-ivr.json\n  - path: flows/mian-ivr.json\n  - path: flows/gone.json\n  - path: nowhere/x.json\n  - path: flows/folder.json\n';
  await writeFile(path.join(ws, '.github/studio-flow-ci.yml'), text);
  await assert.rejects(loadConfig(ws, '.github/studio-flow-ci.yml'), (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.deepEqual(error.message.split('\n'), [
      '.github/studio-flow-ci.yml:3:11: flows[1].path "flows/mian-ivr.json" names no file in the workspace, so this entry applies to nothing. Did you mean "flows/main-ivr.json"? Fix the path, or remove the entry if the flow file was deleted.',
      '.github/studio-flow-ci.yml:4:11: flows[2].path "flows/gone.json" names no file in the workspace, so this entry applies to nothing. Fix the path, or remove the entry if the flow file was deleted.',
      '.github/studio-flow-ci.yml:5:11: flows[3].path "nowhere/x.json" names no file in the workspace, so this entry applies to nothing. Fix the path, or remove the entry if the flow file was deleted.',
      '.github/studio-flow-ci.yml:6:11: flows[4].path "flows/folder.json" is a folder, not a flow file. Name the JSON file itself.',
    ]);
    return true;
  });
  // parseConfig alone (no workspace) does not look at files.
  assert.equal(parseConfig('c.yml', text).flows.length, 5);
});
