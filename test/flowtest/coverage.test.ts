/** Transition coverage, and failed scenarios as findings at the test file's line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowTestFindings } from '../../src/flowtest/api.ts';
import { lineOf, runYaml } from './kit.ts';

const key = (t: { widget: string; event: string; condition?: string; next: string }) =>
  `${t.widget} ${t.event}${t.condition === undefined ? '' : `:${t.condition}`} → ${t.next}`;

describe('coverage and findings', () => {
  it('every transition with a next, in definition order; taken when any scenario took it', async () => {
    const yaml = `scenarios:
  - name: sms yes
    trigger: message
    contact: [{ reply: "YES" }]
    mocks: { lookup: { body: { status: shipped } } }
    expect: { end: confirm }
  - name: call times out once, then presses 1
    trigger: call
    contact: [{ timeout: true }, { press: "1" }]
    mocks: { agent: { event: callCompleted } }
    expect: { end: agent }
`;
    const run = await runYaml(yaml);
    assert.deepEqual(
      run.scenarios.map((s) => s.status),
      ['passed', 'passed'],
    );
    const all = run.coverage.transitions.map(key);
    assert.deepEqual(all, [
      'Trigger incomingMessage → greet',
      'Trigger incomingCall → menu',
      'Trigger incomingRequest → lookup',
      'greet incomingMessage → check_reply',
      'greet timeout → bye',
      'check_reply noMatch → greet',
      'check_reply match:yes → lookup',
      'lookup success → save',
      'lookup failed → sorry',
      'save next → confirm',
      'menu keypress → route',
      'menu speech → route',
      'menu timeout → menu',
      'route noMatch → menu',
      'route match:agent → agent',
    ]);
    assert.deepEqual(
      all.filter((_, i) => run.coverage.taken[i]),
      [
        'Trigger incomingMessage → greet',
        'Trigger incomingCall → menu',
        'greet incomingMessage → check_reply',
        'check_reply match:yes → lookup',
        'lookup success → save',
        'save next → confirm',
        'menu keypress → route',
        'menu timeout → menu',
        'route match:agent → agent',
      ],
    );
    assert.deepEqual(run.coverage.transitions[6], {
      widget: 'check_reply',
      index: 1,
      event: 'match',
      condition: 'yes',
      next: 'lookup',
    });
  });

  it('a failed scenario is an error finding of rule flow-test at the expectation, naming the scenario and the fix', async () => {
    const yaml = `scenarios:
  - name: passes
    trigger: message
    expect: { waiting: greet }
  - name: route changed
    trigger: message
    contact: [{ reply: "no" }]
    expect:
      path: [Trigger, greet, check_reply, bye]
`;
    const run = await runYaml(yaml);
    assert.deepEqual(flowTestFindings(run), [
      {
        severity: 'error',
        source: 'test',
        rule: 'flow-test',
        message:
          'Flow test "route changed" failed: step 4: expected `bye`, ran `greet` (after split `check_reply` matched no condition on input "no").',
        fix: 'Fix the flow so this scenario takes the expected path, or update expect.path if the change is intended.',
        widget: 'greet',
        file: 'flows/shop.test.yaml',
        line: lineOf(yaml, 'bye]'),
        column: (yaml.split('\n')[lineOf(yaml, 'bye]') - 1] ?? '').indexOf('bye') + 1,
      },
    ]);
    assert.deepEqual(
      run.scenarios.map((s) => [s.name, s.status, s.at.line]),
      [
        ['passes', 'passed', 2],
        ['route changed', 'failed', 5],
      ],
    );
  });

  it('a scenario name used twice is a problem; the first still runs', async () => {
    const yaml = `scenarios:\n  - name: same\n    trigger: message\n    expect: { waiting: greet }\n  - name: same\n    trigger: call\n`;
    const run = await runYaml(yaml);
    assert.deepEqual(
      run.problems.map((p) => [p.line, p.message]),
      [[5, 'Scenario "same": the name is used twice (first at line 2); results would be ambiguous.']],
    );
    assert.equal(run.scenarios.length, 1);
  });
});
