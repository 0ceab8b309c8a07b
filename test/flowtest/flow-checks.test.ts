/** A scenario is checked against the flow before it runs: every widget, event and trigger it names must exist. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineOf, runYaml } from './kit.ts';

const problemsOf = async (yaml: string) =>
  (await runYaml(yaml)).problems.map((p) => ({ line: p.line, column: p.column, message: p.message, fix: p.fix }));

describe('checks against the flow', () => {
  it('a widget the flow does not have, in each place that names one: a problem there, with a did-you-mean', async () => {
    const yaml = `scenarios:
  - name: names
    trigger: message
    contact:
      - { reply: "YES", at: gret }
    mocks:
      lookpu: { event: success }
    expect:
      path: [Trigger, greet, chek_reply]
      visits: [lookup, nowhere]
      not_visits: [sory]
      end: { widget: confrm }
  - name: waiting
    trigger: message
    expect: { waiting: Greet }
`;
    const problems = await problemsOf(yaml);
    const at = (text: string, from = 0) => lineOf(yaml, text, from);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [at('gret'), 'Scenario "names": the flow has no widget `gret`. Did you mean `greet`?'],
        [at('lookpu'), 'Scenario "names": the flow has no widget `lookpu`. Did you mean `lookup`?'],
        [at('chek_reply'), 'Scenario "names": the flow has no widget `chek_reply`. Did you mean `check_reply`?'],
        [at('nowhere'), 'Scenario "names": the flow has no widget `nowhere`.'],
        [at('sory'), 'Scenario "names": the flow has no widget `sory`. Did you mean `sorry`?'],
        [at('confrm'), 'Scenario "names": the flow has no widget `confrm`. Did you mean `confirm`?'],
        [at('Greet'), 'Scenario "waiting": the flow has no widget `Greet`. Did you mean `greet`?'],
      ],
    );
    // Placed at the item itself: the 3rd item of expect.path, the 2nd of visits.
    const col = (text: string) => (yaml.split('\n')[at(text) - 1] ?? '').indexOf(text) + 1;
    assert.equal(problems[2]?.column, col('chek_reply'));
    assert.equal(problems[3]?.column, col('nowhere'));
  });

  it('an event the widget cannot emit (mock, contact event, end.event): a problem naming its events', async () => {
    const yaml = `scenarios:
  - name: events
    trigger: message
    contact:
      - { event: delivered, at: greet }
      - { timeout: true, at: check_reply }
      - { event: sent }
    mocks:
      lookup: [{ event: succes }, { event: failed }]
    expect:
      end: { widget: confirm, event: done }
`;
    const problems = await problemsOf(yaml);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [5, 'Scenario "events": `greet` (send-and-wait-for-reply) cannot emit the event `delivered`.'],
        [
          6,
          'Scenario "events": `check_reply` (split-based-on) does not wait for the contact; contact inputs are used at send-and-wait-for-reply and gather-input-on-call widgets.',
        ],
        [7, 'Scenario "events": no wait widget of the flow emits `sent`.'],
        [9, 'Scenario "events": `lookup` (make-http-request) cannot emit the event `succes`. Did you mean `success`?'],
        [11, 'Scenario "events": `confirm` (send-message) cannot emit the event `done`.'],
      ],
    );
    assert.equal(problems[0]?.fix, 'Use one of its events: incomingMessage, timeout, deliveryFailure.');
  });

  it('a trigger kind the flow has no transition for, an input for the wrong kind of wait, a mock with no event or a split match', async () => {
    const yaml = `scenarios:
  - name: subflow
    trigger: { parent: { x: 1 } }
  - name: press on sms
    trigger: message
    contact: [{ press: 1, at: greet }, { reply: hi, at: menu }]
  - name: no event
    trigger: call
    mocks: { agent: { outputs: { x: 1 } } }
  - name: split mock
    trigger: call
    mocks: { route: { event: match } }
`;
    const problems = await problemsOf(yaml);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [
          3,
          'Scenario "subflow": the flow\'s trigger `Trigger` has no transition for incomingParent (trigger: parent).',
        ],
        [
          6,
          'Scenario "press on sms": press is an input for a gather-input-on-call widget, and `greet` is send-and-wait-for-reply.',
        ],
        [
          6,
          'Scenario "press on sms": reply is an input for a send-and-wait-for-reply widget, and `menu` is gather-input-on-call.',
        ],
        [9, 'Scenario "no event": the mock for `agent` (connect-call-to) has no event, and that type has no default.'],
        [12, 'Scenario "split mock": a mock of the split `route` cannot choose among its match transitions.'],
      ],
    );
    assert.equal(problems[3]?.fix, 'Give the event it emits: callCompleted, hangup.');
  });

  it('a regex that is not valid, or nests quantifiers (ReDoS), or is over 1,000 characters: a problem at it', async () => {
    const yaml = `scenarios:
  - name: regexes
    trigger: message
    expect:
      messages: [{ regex: "([a-z" }, { regex: "^(a+)+$" }, { regex: "^Hi (\\\\+[0-9]+)!" }]
      variables: { status: { regex: "(x*)*" } }
  - name: long
    trigger: message
    expect:
      messages: [{ regex: "${'a'.repeat(1001)}" }]
`;
    const problems = await problemsOf(yaml);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message.replace(/ \(.*\)\.$/, '.')]),
      [
        [5, 'Scenario "regexes": the regex "([a-z" is not a valid regular expression.'],
        [
          5,
          'Scenario "regexes": the regex "^(a+)+$" repeats a group that itself repeats (like (a+)+): such patterns can take exponential time.',
        ],
        [
          6,
          'Scenario "regexes": the regex "(x*)*" repeats a group that itself repeats (like (a+)+): such patterns can take exponential time.',
        ],
        [10, 'Scenario "long": scenarios[1].expect.messages[0].regex is longer than 1000 characters.'],
      ],
    );
    assert.equal(problems[1]?.column, (yaml.split('\n')[4] ?? '').indexOf('"^(a+)') + 1, 'at the regex itself');
  });

  it('schema problems name the scenario; other scenarios still run', async () => {
    const yaml = `scenarios:
  - name: bad
    trigger: { call: {}, message: {} }
    contact: [{ press: "1", reply: "x" }, { confidence: 0.5, say: hi }, { press: "12a" }]
    now: "tomorrow"
  - name: good
    trigger: message
    contact: [{ reply: "YES" }]
    mocks: { lookup: { body: { status: shipped } } }
    expect: { end: confirm, waiting: greet }
  - name: fine
    trigger: message
    contact: [{ reply: "YES" }]
    mocks: { lookup: { body: { status: shipped } } }
    expect: { end: confirm }
`;
    const run = await runYaml(yaml);
    assert.deepEqual(
      run.problems.map((p) => [p.line, p.message]),
      [
        [3, 'Scenario "bad": scenarios[0].trigger must name exactly one trigger.'],
        [4, 'Scenario "bad": scenarios[0].contact[0] must hold exactly one of press, say, reply, timeout or event.'],
        [4, 'Scenario "bad": scenarios[0].contact[2].press "12a" is not a key sequence.'],
        [5, 'Scenario "bad": scenarios[0].now "tomorrow" is not an ISO 8601 time with an offset.'],
        [10, 'Scenario "good": scenarios[1].expect has both "end" and "waiting".'],
      ],
    );
    assert.deepEqual(
      run.scenarios.map((s) => [s.name, s.status]),
      [['fine', 'passed']],
    );
  });
});
