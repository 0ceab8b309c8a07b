/** The committed JSON Schema users point their editor at is the very schema the runner validates with. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parseTestFile } from '../../src/flowtest/read.ts';
import { buildFlowTestSchema, SCHEMA_FILE } from '../../src/flowtest/schema.ts';
import { ROOT } from '../support/run-action.ts';
import { lineOf, runYaml } from './kit.ts';

describe('flow test JSON Schema', () => {
  it(`${SCHEMA_FILE} equals the schema the code uses (regenerate: node scripts/flow-test-schema.ts)`, async () => {
    const committed: unknown = JSON.parse(await readFile(path.join(ROOT, SCHEMA_FILE), 'utf8'));
    assert.deepEqual(committed, buildFlowTestSchema());
    new Ajv({ strict: false }).compile(committed as object); // a schema editors and ajv accept
  });

  it('README points editors at it, and its example conforms (YAML and schema, no problem)', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Flow tests'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    assert.match(example, /^# yaml-language-server: \$schema=.*schema\/flow-test\.schema\.json\n/);
    const parsed = parseTestFile(example);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.data?.scenarios.length, 2);
  });

  it('every object is closed: a misspelt key is a problem at that key, with a did-you-mean', async () => {
    const yaml = `scenarios:
  - name: typo
    trigger: call
    expect:
      pth: [Trigger]
    mock: {}
`;
    const run = await runYaml(yaml);
    assert.deepEqual(
      run.problems.map((p) => [p.line, p.column, p.message]),
      [
        [lineOf(yaml, 'pth'), 7, 'Scenario "typo": scenarios[0].expect.pth is not a known key. Did you mean "path"?'],
        [lineOf(yaml, 'mock:'), 5, 'Scenario "typo": scenarios[0].mock is not a known key. Did you mean "mocks"?'],
      ],
    );
    assert.match(run.problems[0]?.fix ?? '', /Allowed here: path, visits, not_visits/);
    assert.deepEqual(run.scenarios, [], 'a scenario with a problem is not run');
  });
});
