import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { affectedByConfig } from '../../src/config/changes.ts';
import { parseConfig } from '../../src/config/load.ts';

const SID_A = `FW${'aa'.repeat(16)}`;
const SID_B = `FW${'bb'.repeat(16)}`;
const config = (body: string) => parseConfig('.github/studio-flow-ci.yml', body);
const base = config(`environments:
  staging: { variables: { SITE: old, NUMBER: 1 } }
  production: { variables: { SITE: prod } }
flows:
  - path: flows/a.json
    environments: { staging: { sid: ${SID_A} } }
  - path: flows/b.json
    friendly_name: B
`);
const flows = [
  { path: 'flows/a.json', variables: ['SITE'] },
  { path: 'flows/b.json', variables: [] },
  { path: 'flows/c.json', variables: ['NUMBER'] },
];

describe('affectedByConfig', () => {
  it('nothing changed: nothing affected', () => {
    assert.deepEqual(affectedByConfig(base, base, 'staging', flows), []);
  });

  it("a variable's value: only the flows that use it, in that environment", () => {
    const head = config(`environments:
  staging: { variables: { SITE: new, NUMBER: 1 } }
  production: { variables: { SITE: prod } }
flows:
  - path: flows/a.json
    environments: { staging: { sid: ${SID_A} } }
  - path: flows/b.json
    friendly_name: B
`);
    assert.deepEqual(affectedByConfig(base, head, 'staging', flows), [{ path: 'flows/a.json', why: 'variable SITE' }]);
    assert.deepEqual(affectedByConfig(base, head, 'production', flows), [], 'another environment is not affected');
    assert.deepEqual(
      affectedByConfig(base, head, '', flows),
      [],
      'without an environment variables are not substituted',
    );
  });

  it("a SID, a default name, a removed variable, and the whole file's creation or deletion", () => {
    const head = config(`environments:
  staging: { variables: { SITE: old } }
  production: {}
flows:
  - path: flows/a.json
    environments: { staging: { sid: ${SID_B} } }
  - path: flows/b.json
    friendly_name: B2
`);
    assert.deepEqual(affectedByConfig(base, head, 'staging', flows), [
      { path: 'flows/a.json', why: 'SID' },
      { path: 'flows/b.json', why: 'name' },
      { path: 'flows/c.json', why: 'variable NUMBER' },
    ]);
    assert.deepEqual(
      affectedByConfig(undefined, base, 'staging', flows).map((a) => a.path),
      ['flows/a.json', 'flows/b.json', 'flows/c.json'],
    );
    assert.deepEqual(
      affectedByConfig(base, undefined, '', flows).map((a) => a.path),
      ['flows/b.json'],
    );
  });

  it('a flow calling an affected flow by ${flow:…} is affected too, transitively, and only once', () => {
    const head = config(`environments:
  staging: { variables: { SITE: old, NUMBER: 1 } }
  production: { variables: { SITE: prod } }
flows:
  - path: flows/a.json
    environments: { staging: { sid: ${SID_B} } }
  - path: flows/b.json
    friendly_name: B
`);
    const calling = [
      { path: 'flows/top.json', variables: [], refs: ['flows/mid.json'] },
      { path: 'flows/mid.json', variables: [], refs: ['flows/a.json', 'flows/missing.json'] },
      { path: 'flows/a.json', variables: [], refs: ['flows/mid.json'] },
      { path: 'flows/other.json', variables: [], refs: ['flows/b.json'] },
    ];
    assert.deepEqual(affectedByConfig(base, head, 'staging', calling), [
      { path: 'flows/a.json', why: 'SID' },
      { path: 'flows/mid.json', why: 'calls flows/a.json by ${flow:…}, which the change moves' },
      { path: 'flows/top.json', why: 'calls flows/mid.json by ${flow:…}, which the change moves' },
    ]);
    assert.deepEqual(affectedByConfig(base, base, 'staging', calling), [], 'nothing moved: no caller is affected');
  });
});
