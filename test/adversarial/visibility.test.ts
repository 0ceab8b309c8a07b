/** Adversarial: a PR may only see live content of the flow the BASE maps its file to (threat model). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { definition, freshStudio, h, json, pullRequest, seed, startAll, stopAll, writes } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

const everything = (run: { stdout: string; summary: string; outputs: Record<string, string> }) =>
  [
    run.stdout,
    run.summary,
    JSON.stringify(run.outputs),
    JSON.stringify([...h.github.comments.values()]),
    JSON.stringify([...h.github.reviewComments.values()]),
  ].join('\n');

describe('live content of another flow', () => {
  test("a PR changing ONLY the config to point an unchanged file at another team's flow sees none of its content", async () => {
    seed('Notify (staging)', 'hello');
    const secret = seed('Payments', 'token sk_live_PaymentsTeamSecret');
    const cfg = (entry: string) =>
      `environments:\n  staging: {}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { ${entry} }\n`;
    const file = json(definition('hello'));
    const run = await pullRequest(
      { 'flows/notify.json': file, '.github/studio-flow-ci.yml': cfg(`sid: ${secret}`) },
      [{ filename: '.github/studio-flow-ci.yml', status: 'modified' }],
      { 'flows/notify.json': file, '.github/studio-flow-ci.yml': cfg('friendly_name: Notify (staging)') },
      { environment: 'staging' },
    );
    assert.ok(!/PaymentsTeamSecret|sk_live/.test(everything(run)), 'secret leaked');
    assert.deepEqual(writes(), []);
  });

  test("a PR renaming a file AND pointing it (by name) at another team's flow sees none of its content", async () => {
    seed('greeting', 'hello');
    seed('Payments', 'token sk_live_PaymentsTeamSecret');
    const run = await pullRequest(
      { 'flows/welcome.json': json({ friendly_name: 'Payments', definition: definition('hello') }) },
      [{ filename: 'flows/welcome.json', status: 'renamed', previous_filename: 'flows/greeting.json' }],
      { 'flows/greeting.json': json(definition('hello')) },
    );
    assert.ok(!/PaymentsTeamSecret|sk_live/.test(everything(run)), 'secret leaked');
  });

  test("a PR adding a flow that calls another team's flow by ${flow:…} name reference sees none of its content", async () => {
    seed('Payments', 'token sk_live_PaymentsTeamSecret');
    const call = {
      name: 'call',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'failed' }],
      properties: {
        flow_sid: '${flow:flows/payments.json}',
        flow_revision: 'LatestPublished',
        parameters: [],
        offset: { x: 0, y: 400 },
      },
    };
    const d = definition('hi');
    (d.states[1] as any).transitions[0].next = 'call';
    d.states.push(call as any);
    const run = await pullRequest(
      {
        'flows/caller.json': json({ friendly_name: 'Caller', definition: d }),
        'flows/payments.json': json({ friendly_name: 'Payments', definition: definition('x') }),
      },
      [
        { filename: 'flows/caller.json', status: 'added' },
        { filename: 'flows/payments.json', status: 'added' },
      ],
      {},
    );
    assert.ok(!/PaymentsTeamSecret|sk_live/.test(everything(run)), 'secret leaked');
  });
});

describe('PR drift of renamed files and deletions', () => {
  test('a renamed file whose live flow equals the OLD path on the base is not reported drifted', async () => {
    seed('greeting', 'hello');
    const run = await pullRequest(
      { 'flows/welcome.json': json(definition('hello again')) },
      [{ filename: 'flows/welcome.json', status: 'renamed', previous_filename: 'flows/greeting.json' }],
      { 'flows/greeting.json': json(definition('hello')) },
    );
    const r = JSON.parse(run.outputs.results ?? '[]')[0];
    assert.equal(r?.drift, false, run.outputs.results);
  });
});
