/** Reading a test file: where it is, what is refused (links, size, encoding, YAML that is ambiguous or a bomb). */
import assert from 'node:assert/strict';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { flowTestFindings, runFlowTests } from '../../src/flowtest/api.ts';
import { FLOW, lineOf, runYaml, workspace } from './kit.ts';

const OK = `scenarios:
  - name: sms
    trigger: message
    contact: [{ reply: "YES" }]
    mocks: { lookup: { body: { status: shipped } } }
    expect: { end: confirm }
`;
const run = (root: string, flowPath = 'flows/shop.json') =>
  runFlowTests({ workspace: root, flowPath, definition: FLOW });
const only = async (root: string) => {
  const result = await run(root);
  assert.ok(result, 'a run');
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
  return { ...result.problems[0], testPath: result.testPath, scenarios: result.scenarios };
};

describe('the test file beside a flow', () => {
  it('no test file: no run; .test.yaml or .test.yml: run and passed', async () => {
    assert.equal(await run(await workspace({})), undefined);
    for (const name of ['flows/shop.test.yaml', 'flows/shop.test.yml']) {
      const result = await run(await workspace({ [name]: OK }));
      assert.equal(result?.testPath, name);
      assert.deepEqual(result?.problems, []);
      assert.deepEqual(
        result?.scenarios.map((s) => [s.name, s.status, s.at.line]),
        [['sms', 'passed', 2]],
      );
      assert.ok((result?.durationMs ?? -1) >= 0);
    }
  });

  it('both .test.yaml and .test.yml: a problem, nothing run', async () => {
    const p = await only(await workspace({ 'flows/shop.test.yaml': OK, 'flows/shop.test.yml': OK }));
    assert.match(p.message ?? '', /two test files, flows\/shop\.test\.yaml and flows\/shop\.test\.yml/);
    assert.deepEqual(p.scenarios, []);
  });

  it('a symbolic link, a linked folder out of the workspace, a flow path leaving it: refused, never read', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'outside-'));
    await writeFile(path.join(outside, 'shop.test.yaml'), OK);
    const linked = await workspace({});
    await symlink(path.join(outside, 'shop.test.yaml'), path.join(linked, 'flows', 'shop.test.yaml'));
    assert.match((await only(linked)).message ?? '', /symbolic link/);
    const folder = await workspace({});
    await symlink(outside, path.join(folder, 'linked'));
    const viaFolder = await run(folder, 'linked/shop.json');
    assert.match(viaFolder?.problems[0]?.message ?? '', /outside the workspace/);
    const escaping = await run(await workspace({}), '../x/shop.json');
    assert.match(escaping?.problems[0]?.message ?? '', /outside the workspace/);
  });

  it('over 1 MB: refused unread; not UTF-8: refused at the bad byte; UTF-16 (NUL bytes): refused', async () => {
    const huge = `${OK}#${'x'.repeat(1024 * 1024)}\n`;
    assert.match(
      (await only(await workspace({ 'flows/shop.test.yaml': huge }))).message ?? '',
      /over the 1048576-byte limit/,
    );
    const latin1 = Buffer.concat([Buffer.from(OK), Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const bad = await only(await workspace({ 'flows/shop.test.yaml': latin1 }));
    assert.match(bad.message ?? '', /not UTF-8/);
    assert.deepEqual([bad.line, bad.column], [7, 6]);
    const utf16 = Buffer.from(`\uFEFF${OK}`, 'utf16le');
    assert.match((await only(await workspace({ 'flows/shop.test.yaml': utf16 }))).message ?? '', /NUL bytes|not UTF-8/);
    const bom = await run(await workspace({ 'flows/shop.test.yaml': `\uFEFF${OK}` }));
    assert.deepEqual(bom?.problems, [], 'a UTF-8 BOM is fine');
  });

  it('YAML syntax error, a duplicate key, an empty file: each a problem at its place', async () => {
    const syntax = `scenarios:\n  - name: a\n    trigger: [call\n`;
    const s = (await runYaml(syntax)).problems;
    assert.equal(s.length, 1);
    assert.match(s[0]?.message ?? '', /^YAML syntax error: /);
    const dup = `scenarios:\n  - name: a\n    trigger: call\n    name: b\n`;
    const d = (await runYaml(dup)).problems;
    assert.deepEqual(
      d.map((p) => [p.line, p.column, p.message]),
      [[4, 5, '"name" appears twice in scenarios[0] (first at line 2); YAML keeps only one of them.']],
    );
    for (const empty of ['', '# nothing\n', '~\n'])
      assert.match((await runYaml(empty)).problems[0]?.message ?? '', /The file is empty/, JSON.stringify(empty));
  });

  it('an alias bomb (billion laughs) is refused, while a few anchors and aliases work', async () => {
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb += `${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
    }
    const started = Date.now();
    const problems = (await runYaml(bomb)).problems;
    assert.ok(Date.now() - started < 5000, 'refused quickly');
    assert.match(problems[0]?.message ?? '', /aliases \(\*name\) expand to too much data/);
    const shared = `x-mocks: &ok { lookup: { body: { status: shipped } } }\nscenarios:\n  - name: a\n    trigger: message\n    contact: [{ reply: "YES" }]\n    mocks: *ok\n    expect: { end: confirm }\n`;
    const withAlias = await runYaml(shared);
    assert.match(withAlias.problems[0]?.message ?? '', /^x-mocks is not a known key/, 'top-level keys are closed too');
    const inline = `scenarios:\n  - name: a\n    trigger: message\n    contact: [{ reply: "YES" }]\n    mocks: &ok { lookup: { body: { status: shipped } } }\n    expect: { end: confirm }\n  - name: b\n    trigger: message\n    contact: [{ reply: "YES" }]\n    mocks: *ok\n    expect: { end: confirm }\n`;
    const ok = await runYaml(inline);
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(
      ok.scenarios.map((s) => s.status),
      ['passed', 'passed'],
    );
  });

  it('flow: naming this flow (relative to the test file) is fine; naming another file is a problem', async () => {
    assert.deepEqual((await runYaml(`flow: shop.json\n${OK}`)).problems, []);
    assert.deepEqual((await runYaml(`flow: ./../flows/shop.json\n${OK}`)).problems, []);
    const other = `flow: flows/shop.json\n${OK}`;
    const p = (await runYaml(other)).problems;
    assert.deepEqual([p[0]?.line, p[0]?.column], [1, 7]);
    assert.match(p[0]?.message ?? '', /names another file than `flows\/shop\.json`/);
  });

  it('findings: each problem is an error of rule flow-test-file in the test file, at its line', async () => {
    const yaml = `scenarios:\n  - name: a\n    trigger: call\n    name: b\n`;
    const result = await runYaml(yaml);
    assert.deepEqual(flowTestFindings(result), [
      {
        severity: 'error',
        source: 'test',
        rule: 'flow-test-file',
        message: '"name" appears twice in scenarios[0] (first at line 2); YAML keeps only one of them.',
        fix: 'Keep one of them.',
        file: 'flows/shop.test.yaml',
        line: lineOf(yaml, 'name: b'),
        column: 5,
      },
    ]);
  });
});
