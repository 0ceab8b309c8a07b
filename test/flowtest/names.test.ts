/** Test-file names: which file holds a flow's tests and which flow a test file is for. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowPathForTest, isTestPath, testPathsFor } from '../../src/flowtest/api.ts';

describe('flow test file names', () => {
  it('a flow file → its two test-file names, and back', () => {
    assert.deepEqual(testPathsFor('flows/support.json'), ['flows/support.test.yaml', 'flows/support.test.yml']);
    assert.deepEqual(testPathsFor('main.json'), ['main.test.yaml', 'main.test.yml']);
    assert.deepEqual(testPathsFor('a.b/flow.v2.json'), ['a.b/flow.v2.test.yaml', 'a.b/flow.v2.test.yml']);
    assert.equal(flowPathForTest('flows/support.test.yaml'), 'flows/support.json');
    assert.equal(flowPathForTest('flows/support.test.yml'), 'flows/support.json');
    for (const flow of ['x/y.json', 'deep/a.b.c.json'])
      for (const test of testPathsFor(flow)) assert.equal(flowPathForTest(test), flow, test);
  });

  it('only *.test.yaml / *.test.yml with a name before the suffix are test files', () => {
    for (const yes of ['a.test.yaml', 'f/b.test.yml', 'f.g/c.d.test.yaml']) assert.equal(isTestPath(yes), true, yes);
    for (const no of [
      'a.json',
      'a.yaml',
      'a.test.json',
      'test.yaml',
      'f/.test.yaml',
      'a.test.yaml.bak',
      'a.test.yaml/x.json',
    ])
      assert.equal(isTestPath(no), false, no);
  });
});
