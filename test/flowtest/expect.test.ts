/** Each expectation against a real run of the simulator: the first that does not hold is the failure, at its node. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineOf, runYaml } from './kit.ts';

const SMS = `    trigger: { message: { From: +15555550100, Body: hi } }
    contact: [{ reply: "YES" }]
    mocks: { lookup: { body: { status: shipped } } }`;

/** The one scenario's failure, with its place as [line, column of the text it should point at]. */
async function failure(yaml: string) {
  const run = await runYaml(yaml);
  assert.deepEqual(run.problems, [], 'no problems');
  const [scenario] = run.scenarios;
  assert.ok(scenario, 'the scenario ran');
  return scenario;
}

/** [line, column] of `text` in `yaml` (its first occurrence on or after line `from`). */
function place(yaml: string, text: string, from = 0): [number, number] {
  const line = lineOf(yaml, text, from);
  return [line, (yaml.split('\n')[line - 1] ?? '').indexOf(text) + 1];
}

describe('expectations', () => {
  it('all hold: passed, with the path run (a number-looking From stays text as written)', async () => {
    const yaml = `scenarios:
  - name: happy
${SMS}
    expect:
      path: [Trigger, greet, check_reply, lookup, save, confirm]
      visits: [greet, save]
      not_visits: [sorry, bye]
      messages: ["Hi +15555550100! Reply YES to continue", { contains: shipped }]
      says: []
      variables: { status: { regex: "^ship" }, other: null }
      end: { widget: confirm, event: sent }
`;
    const s = await failure(yaml);
    assert.equal(s.failure, undefined, JSON.stringify(s.failure));
    assert.equal(s.status, 'passed');
    assert.deepEqual(s.path, ['Trigger', 'greet', 'check_reply', 'lookup', 'save', 'confirm']);
  });

  it('keys and replies written as numbers are taken as written: press 01 is not press 1', async () => {
    const yaml = `scenarios:
  - name: zero
    trigger: call
    contact: [{ press: 01 }, { say: agent please, confidence: 0.4 }]
    expect:
      path: [Trigger, menu, route, menu, route, menu]
      waiting: menu
`;
    const s = await failure(yaml);
    assert.equal(s.failure, undefined, JSON.stringify(s.failure));
  });

  it('path: the first differing step, at that item, saying how the step before went on', async () => {
    const yaml = `scenarios:\n  - name: p\n${SMS}\n    expect:\n      path: [Trigger, greet, check_reply, sorry]\n`;
    const f = (await failure(yaml)).failure;
    assert.deepEqual(
      { kind: f?.kind, step: f?.step, at: [f?.line, f?.column], message: f?.message },
      {
        kind: 'path',
        step: 4,
        at: place(yaml, 'sorry'),
        message:
          'step 4: expected `sorry`, ran `lookup` (after split `check_reply` matched condition `yes` on input "YES").',
      },
    );
    const short = `scenarios:\n  - name: p\n${SMS}\n    expect:\n      path: [Trigger, greet, check_reply, lookup, save]\n`;
    const g = (await failure(short)).failure;
    assert.equal(
      g?.message,
      'the path ends after step 5, but the execution went on to `confirm` (step 6) (after `save` emitted `next`).',
    );
    assert.deepEqual([g?.line, g?.column], place(short, 'save]'));
    const long = `scenarios:\n  - name: p\n${SMS.replace('body: { status: shipped }', 'status: 500')}\n    expect:\n      path: [Trigger, greet, check_reply, lookup, sorry, bye]\n`;
    const h = (await failure(long)).failure;
    assert.equal(
      h?.message,
      'step 6: expected `bye`, but after step 5 the execution ended at `sorry` (its `sent` transition has no next widget).',
    );
    assert.deepEqual([h?.line, h?.column], place(long, 'bye'));
  });

  it('visits (in order, gaps allowed) and not_visits', async () => {
    const order = `scenarios:\n  - name: v\n${SMS}\n    expect:\n      visits: [lookup, greet]\n`;
    const f = (await failure(order)).failure;
    assert.equal(f?.message, '`greet` ran at step 2, but not after `lookup` (step 4).');
    assert.deepEqual([f?.kind, f?.line, f?.column], ['visits', ...place(order, 'greet]')]);
    const never = `scenarios:\n  - name: v\n${SMS}\n    expect:\n      visits: [greet, bye]\n`;
    assert.match(
      (await failure(never)).failure?.message ?? '',
      /^`bye` never ran: after step \d+, the execution ended at `confirm`/,
    );
    const not = `scenarios:\n  - name: v\n${SMS}\n    expect:\n      not_visits: [bye, lookup]\n`;
    const g = (await failure(not)).failure;
    assert.equal(
      g?.message,
      '`lookup` ran at step 4 (after split `check_reply` matched condition `yes` on input "YES"), and the test expects it not to.',
    );
    assert.deepEqual([g?.kind, g?.line, g?.column], ['not_visits', ...place(not, 'lookup]')]);
  });

  it('messages: exact, contains and regex, in order and all of them; says likewise', async () => {
    const wrong = `scenarios:\n  - name: m\n${SMS}\n    expect:\n      messages: [{ regex: "^Hi \\\\+1" }, "Your order is delivered"]\n`;
    const f = (await failure(wrong)).failure;
    assert.equal(
      f?.message,
      'message 2: expected "Your order is delivered", `confirm` sent "Your order is shipped" (step 6).',
    );
    assert.deepEqual(
      [f?.kind, f?.step, f?.line, f?.column],
      ['messages', 6, ...place(wrong, '"Your order is delivered"')],
    );
    const fewer = `scenarios:\n  - name: m\n${SMS}\n    expect:\n      messages: [{ contains: Hi }]\n`;
    const g = (await failure(fewer)).failure;
    assert.equal(
      g?.message,
      '`confirm` sent a 2nd message "Your order is shipped" (step 6), but 1 message is expected.',
    );
    assert.deepEqual([g?.line, g?.column], place(fewer, 'messages'));
    const more = `scenarios:\n  - name: m\n${SMS}\n    expect:\n      messages: [{ contains: Hi }, { contains: order }, Bye]\n`;
    assert.match(
      (await failure(more)).failure?.message ?? '',
      /^message 3: expected "Bye", but only 2 messages were sent/,
    );
    const says = `scenarios:\n  - name: s\n    trigger: call\n    contact: [{ press: 1 }]\n    mocks: { agent: { event: callCompleted } }\n    expect:\n      says: ["Welcome. Press 1 for the agent."]\n`;
    const h = (await failure(says)).failure;
    assert.equal(
      h?.message,
      'said text 1: expected "Welcome. Press 1 for the agent.", `menu` said "Welcome. Press 1 for an agent." (step 2).',
    );
    assert.equal(h?.kind, 'says');
  });

  it('variables: a subset of flow.variables at the end; null means not set', async () => {
    const cases: [string, string][] = [
      ['{ status: delivered }', 'flow.variables.status is "shipped", expected "delivered".'],
      ['{ status: shipped, language: en }', 'flow.variables.language is not set, expected "en".'],
      ['{ status: null }', 'flow.variables.status is "shipped", expected it not to be set.'],
    ];
    for (const [vars, message] of cases) {
      const yaml = `scenarios:\n  - name: v\n${SMS}\n    expect:\n      variables: ${vars}\n`;
      const f = (await failure(yaml)).failure;
      assert.deepEqual([f?.kind, f?.message], ['variables', message], vars);
    }
  });

  it('end and waiting: where the execution ended; an unexpected wait fails too', async () => {
    const end = `scenarios:\n  - name: e\n${SMS}\n    expect:\n      end: { widget: confirm, event: failed }\n`;
    const f = (await failure(end)).failure;
    assert.equal(
      f?.message,
      'expected the execution to have ended at `confirm` on `failed`, but it ended at `confirm` (its `sent` transition has no next widget) (step 6).',
    );
    assert.deepEqual([f?.kind, f?.line], ['end', lineOf(end, 'end:')]);
    const waiting = `scenarios:\n  - name: w\n${SMS}\n    expect:\n      waiting: greet\n`;
    assert.match(
      (await failure(waiting)).failure?.message ?? '',
      /^expected the execution to be waiting at `greet`, but it ended at `confirm`/,
    );
    const unexpected = `scenarios:\n  - name: w\n    trigger: message\n`;
    const g = (await failure(unexpected)).failure;
    assert.deepEqual([g?.kind, g?.line], ['waiting', 2]);
    assert.equal(
      g?.message,
      "the execution is waiting at `greet` with no contact input left (step 2), and the test does not expect a wait. Add the contact's next input, or expect it with waiting: greet.",
    );
    const expected = `scenarios:\n  - name: w\n    trigger: message\n    expect: { waiting: greet, messages: [{ contains: Reply YES }] }\n`;
    assert.equal((await failure(expected)).status, 'passed');
  });

  it('a contact input or a mock left unused fails, at that input or mock', async () => {
    const input = `scenarios:\n  - name: u\n${SMS.replace('[{ reply: "YES" }]', '[{ reply: "YES" }, { reply: "again" }]')}\n`;
    const f = (await failure(input)).failure;
    assert.equal(
      f?.message,
      'the 2nd contact input (reply "again") was never used: after step 6, the execution ended at `confirm` (its `sent` transition has no next widget).',
    );
    assert.deepEqual([f?.kind, f?.line, f?.column], ['input', ...place(input, '{ reply: "again" }')]);
    const mock = `scenarios:\n  - name: u\n${SMS}\n      bye: { event: sent }\n`.replace(
      'mocks: { lookup: { body: { status: shipped } } }',
      'mocks:\n      lookup: { body: { status: shipped } }',
    );
    const g = (await failure(mock)).failure;
    assert.match(g?.message ?? '', /^the mock for `bye` was never used: the execution did not reach it/);
    assert.deepEqual([g?.kind, g?.line, g?.column], ['mock', ...place(mock, 'bye:')]);
    const second = `scenarios:\n  - name: u\n${SMS.replace('{ lookup: { body: { status: shipped } } }', '{ lookup: [{ body: { status: shipped } }, { status: 500 }] }')}\n`;
    const h = (await failure(second)).failure;
    assert.equal(h?.message, 'the 2nd mock for `lookup` was never used: `lookup` ran 1 time.');
    assert.deepEqual([h?.line, h?.column], place(second, '{ status: 500 }'));
  });

  it('a limit, a widget not simulated, an error: failures at the scenario (or the input that caused it)', async () => {
    const limit = `scenarios:\n  - name: loop\n    trigger: call\n    contact: [${Array(12).fill('{ timeout: true }').join(', ')}]\n`;
    const f = (await failure(limit)).failure;
    assert.deepEqual([f?.kind, f?.line, f?.widget], ['limit', 2, 'menu']);
    assert.match(f?.message ?? '', /stopped at `menu`: it ran 10 times in a row, Studio's limit/);
    const unsupported = `scenarios:\n  - name: agent\n    trigger: call\n    contact: [{ press: 1 }]\n`;
    const g = (await failure(unsupported)).failure;
    assert.deepEqual([g?.kind, g?.line, g?.widget], ['unsupported', 2, 'agent']);
    assert.match(g?.message ?? '', /^the execution stopped at `agent` \(connect-call-to\), which is not simulated: /);
    const error = `scenarios:\n  - name: wrong input\n    trigger: call\n    contact: [{ reply: "1" }]\n`;
    const h = (await failure(error)).failure;
    assert.deepEqual([h?.kind, h?.line, h?.column], ['error', ...place(error, '{ reply: "1" }')]);
  });
});
