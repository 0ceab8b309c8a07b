/** Adversarial: what a run covers (issue 10, point 2) when a config change moves a ${flow:…} target. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { BEFORE, freshStudio, h, json, push, startAll, stopAll } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

const trigger = {
  name: 'Trigger',
  type: 'trigger',
  transitions: [
    { event: 'incomingMessage' },
    { event: 'incomingCall', next: 'call' },
    { event: 'incomingRequest' },
    { event: 'incomingParent', next: 'call' },
  ],
  properties: { offset: { x: 0, y: 0 } },
};
const main = (flowSid: string) => ({
  description: 'main',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    trigger,
    {
      name: 'call',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'failed' }],
      properties: { flow_sid: flowSid, flow_revision: 'LatestPublished', parameters: [], offset: { x: 0, y: 200 } },
    },
  ],
});
const sub = (say: string) => ({
  description: 'sub',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    {
      ...trigger,
      transitions: [
        { event: 'incomingMessage' },
        { event: 'incomingCall', next: 'say' },
        { event: 'incomingRequest' },
        { event: 'incomingParent', next: 'say' },
      ],
    },
    {
      name: 'say',
      type: 'say-play',
      transitions: [{ event: 'audioComplete' }],
      properties: { say, offset: { x: 0, y: 200 } },
    },
  ],
});
const mk = (friendlyName: string, definition: unknown) =>
  h.studio.store.create({
    friendlyName,
    definition,
    status: 'published',
    commitMessage: BEFORE,
    valid: true,
    errors: [],
    warnings: [],
  } as any).sid;

describe('config change moving a subflow', () => {
  test("a push that re-points only the subflow's staging SID also redeploys the flow that calls it by ${flow:…}", async () => {
    const oldSub = mk('Survey (old)', sub('old survey'));
    const newSub = mk('Survey (new)', sub('old survey'));
    const caller = mk('Main (staging)', main(oldSub));
    const cfg = (sid: string) =>
      `environments:\n  staging: {}\nflows:\n  - path: flows/main.json\n    environments:\n      staging: { friendly_name: Main (staging) }\n  - path: flows/survey.json\n    environments:\n      staging: { sid: ${sid} }\n`;
    h.github.contents.set(BEFORE, new Map([['.github/studio-flow-ci.yml', cfg(oldSub)]]));
    const files = {
      'flows/main.json': json(main('${flow:flows/survey.json}')),
      'flows/survey.json': json(sub('old survey')),
      '.github/studio-flow-ci.yml': cfg(newSub),
    };
    const run = await push(files, { environment: 'staging', 'on-drift': 'overwrite' }, [
      { filename: '.github/studio-flow-ci.yml', status: 'modified' },
    ]);
    const live = h.studio.store.get(caller)!.revisions.at(-1)!;
    const called = (live.definition as any).states[1].properties.flow_sid;
    assert.equal(
      called,
      newSub,
      `Main (staging) still calls ${called === oldSub ? 'the OLD subflow' : called}; code ${run.code}; deployed ${run.outputs.deployed}`,
    );
  });
});

describe('name written for a SID-bound bare definition', () => {
  test("a bare definition bound by the environment's SID does not rename the live flow after the file name", async () => {
    const sid = mk('Survey (staging)', sub('old'));
    const cfg = `environments:\n  staging: {}\nflows:\n  - path: flows/survey.json\n    environments:\n      staging: { sid: ${sid} }\n`;
    const run = await push(
      { 'flows/survey.json': json(sub('new')), '.github/studio-flow-ci.yml': cfg },
      { environment: 'staging' },
      [{ filename: 'flows/survey.json', status: 'modified' }],
    );
    assert.equal(run.code, 0, run.stdout);
    const names = h.studio.store.get(sid)!.revisions.map((r) => r.friendlyName);
    assert.deepEqual(names, ['Survey (staging)', 'Survey (staging)'], `live flow renamed: ${JSON.stringify(names)}`);
  });
});

describe('config change of a name only', () => {
  test('a push changing only the staging friendly_name of a SID-bound flow renames it in Studio (not "unchanged")', async () => {
    const sid = mk('Survey old name', sub('same'));
    const cfg = (name: string) =>
      `environments:\n  staging: {}\nflows:\n  - path: flows/survey.json\n    environments:\n      staging: { sid: ${sid}, friendly_name: ${name} }\n`;
    h.github.contents.set(BEFORE, new Map([['.github/studio-flow-ci.yml', cfg('Survey old name')]]));
    const run = await push(
      { 'flows/survey.json': json(sub('same')), '.github/studio-flow-ci.yml': cfg('Survey new name') },
      { environment: 'staging' },
      [{ filename: '.github/studio-flow-ci.yml', status: 'modified' }],
    );
    const names = h.studio.store.get(sid)!.revisions.map((r) => r.friendlyName);
    assert.equal(
      names.at(-1),
      'Survey new name',
      `store names ${JSON.stringify(names)}; code ${run.code}; deployed ${run.outputs.deployed}`,
    );
  });
});
