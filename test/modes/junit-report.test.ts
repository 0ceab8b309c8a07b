/** The `junit-report` input: a path inside the workspace, refused otherwise; the file written never through a link. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors.ts';
import { readSettings } from '../../src/settings.ts';
import { junitOrWarn, writeJUnitReport } from '../../src/modes/check-junit.ts';
import { testedFlow } from '../support/flow-test-runs.ts';

function junitInput(value: string): string {
  return readSettings(
    (name) => (name === 'junit-report' ? value : ''),
    () => {},
  ).junitReport;
}

function refusal(value: string): string {
  try {
    junitInput(value);
  } catch (error) {
    assert.ok(error instanceof UserError);
    return error.message;
  }
  return assert.fail(`${JSON.stringify(value)} was accepted`);
}

test('junit-report: empty is none; a relative path inside the workspace is kept', () => {
  assert.equal(junitInput(''), '');
  assert.equal(junitInput('  reports/flow-tests.xml '), 'reports/flow-tests.xml');
});

test('junit-report: paths outside the workspace, folders and control characters are refused, naming the input', () => {
  for (const bad of ['/tmp/x.xml', '../x.xml', 'a/../../x.xml', '~/x.xml', 'C:\\x.xml', 'reports/', 'a\nb.xml']) {
    const message = refusal(bad);
    assert.match(message, /^Input 'junit-report' is '/, bad);
    assert.match(message, /e\.g\. reports\/flow-tests\.xml/);
    assert.ok(!message.includes('\n'), 'one line');
  }
});

test('the report is written inside the workspace, folders created', async () => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-junit-'));
  const written = await writeJUnitReport({ workspace, relPath: 'out/deep/tests.xml', flows: [testedFlow()] });
  assert.equal(written, 'out/deep/tests.xml');
  const xml = await readFile(path.join(workspace, written), 'utf8');
  assert.match(xml, /<testsuite name="flows\/main-ivr\.test\.yaml" tests="5" failures="1"/);
});

test('a link committed at the path, or a linked folder, is refused: nothing written outside', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'sfci-junit-'));
  const workspace = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  await mkdir(workspace);
  await mkdir(outside);
  await writeFile(path.join(outside, 'victim.txt'), 'keep me');
  await symlink(path.join(outside, 'victim.txt'), path.join(workspace, 'report.xml'));
  await symlink(outside, path.join(workspace, 'linked'));
  for (const relPath of ['report.xml', 'linked/new.xml']) {
    const warnings: string[] = [];
    const outputs: string[] = [];
    await junitOrWarn({
      workspace,
      relPath,
      flows: [testedFlow()],
      io: {
        info: () => {},
        warning: (m) => warnings.push(m),
        annotate: () => {},
        setOutput: (n) => outputs.push(n),
        summary: async () => {},
        group: (_n, fn) => fn(),
      },
    });
    assert.equal(warnings.length, 1, relPath);
    assert.match(warnings[0] ?? '', new RegExp(`^Input 'junit-report': cannot write ${relPath.replace('.', '\\.')}`));
    assert.deepEqual(outputs, [], 'no junit-report output for a file not written');
  }
  assert.equal(await readFile(path.join(outside, 'victim.txt'), 'utf8'), 'keep me');
  await assert.rejects(readFile(path.join(outside, 'new.xml')));
});
