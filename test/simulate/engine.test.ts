/**
 * The simulator's loop and the widgets that run by themselves. Each expectation cites the page it follows:
 * widget pages under https://www.twilio.com/docs/studio/widget-library/, the limits of the Studio FAQ
 * (https://www.twilio.com/docs/studio/user-guide/studio-faq), the execution variables of the REST API page
 * (https://www.twilio.com/docs/studio/rest-api/v2/execution).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL, flow, path, sim } from './flows.ts';

describe('simulate: trigger and context', () => {
  it('trigger-start: an incoming message emits incomingMessage; trigger.message.Body and contact.channel.address render', () => {
    const f = flow([
      {
        name: 'hello',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: '{{trigger.message.Body}} from {{contact.channel.address}} to {{flow.channel.address}}' },
      },
    ]);
    const r = sim(f);
    assert.deepEqual(path(r), ['Trigger', 'hello']);
    assert.equal(r.steps[0]?.event, 'incomingMessage');
    assert.deepEqual(r.outputs, [{ widget: 'hello', kind: 'message', text: 'hi from +15550001111 to +15559990000' }]);
    assert.deepEqual(r.end, { kind: 'ended', widget: 'hello', event: 'sent' });
  });

  it('trigger-start: an incoming call emits incomingCall; trigger.call.From renders', () => {
    const f = flow([
      {
        name: 'greet',
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { say: 'Caller {{trigger.call.From}}' },
      },
    ]);
    const r = sim(f, { trigger: CALL });
    assert.equal(r.steps[0]?.event, 'incomingCall');
    assert.deepEqual(r.outputs, [{ widget: 'greet', kind: 'say', text: 'Caller +15550001111' }]);
  });

  it('rest-api/v2/execution: a REST execution reads Parameters as flow.data, To as contact.channel.address, From as flow.channel.address', () => {
    const f = flow([
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: '{{flow.data.name}}|{{contact.channel.address}}|{{flow.channel.address}}|{{flow.sid}}' },
      },
    ]);
    const r = sim(f, {
      trigger: { event: 'incomingRequest', parameters: { name: 'Zeke', To: '+1222', From: '+1333' } },
    });
    assert.equal(r.outputs[0]?.text, 'Zeke|+1222|+1333|FW00000000000000000000000000000000');
  });

  it('run-subflow: a subflow reads its parent parameters as trigger.parent.parameters', () => {
    const f = flow([
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: 'id={{trigger.parent.parameters.id}}' },
      },
    ]);
    const r = sim(f, { trigger: { event: 'incomingParent', parameters: { id: '42' } } });
    assert.equal(r.outputs[0]?.text, 'id=42');
  });

  it('trigger-start: a Conversations message emits incomingConversationMessage; trigger.conversation.Body renders', () => {
    const f = flow([
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: 'got {{trigger.conversation.Body}}' },
      },
    ]);
    const r = sim(f, {
      trigger: { event: 'incomingConversationMessage', parameters: { Body: 'hey', ConversationSid: 'CH1' } },
    });
    assert.equal(r.steps[0]?.event, 'incomingConversationMessage');
    assert.equal(r.outputs[0]?.text, 'got hey');
  });

  it('a trigger event the Trigger widget does not emit is an error end naming it', () => {
    const r = sim(flow([]), { trigger: { event: 'incomingFax' as never, parameters: {} } });
    assert.equal(r.end.kind, 'error');
    assert.match(r.end.kind === 'error' ? r.end.message : '', /incomingFax/);
  });
});

describe('simulate: widgets that run by themselves', () => {
  it('set-variables: values render into flow.variables (set-variables page) and later widgets read them', () => {
    const f = flow([
      {
        name: 'set',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'm' }],
        properties: {
          variables: [
            { key: 'greeting', value: 'Hello {{trigger.message.From}}' },
            { key: 'n', value: 3 },
          ],
        },
      },
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: '{{flow.variables.greeting}} x{{flow.variables.n}}' },
      },
    ]);
    const r = sim(f);
    assert.deepEqual(r.variables, { greeting: 'Hello +15550001111', n: '3' });
    assert.equal(r.outputs[0]?.text, 'Hello +15550001111 x3');
  });

  it('set-variables: entries of type "string" (as exports write them) are text; another type stops with an error', () => {
    const typed = (type: string) =>
      sim(
        flow([
          {
            name: 'set',
            type: 'set-variables',
            transitions: [{ event: 'next' }],
            properties: { variables: [{ key: 'k', type, value: '{"a":1}' }] },
          },
        ]),
      );
    assert.deepEqual(typed('string').variables, { k: '{"a":1}' });
    const json = typed('json');
    assert.equal(json.end.kind, 'error');
    assert.match(json.end.kind === 'error' ? json.end.message : '', /variables\[0\] \("k"\) has type "json"/);
  });

  it('set-variables: a value reading a variable set earlier in the same widget stops (docs silent on the order)', () => {
    const f = flow([
      {
        name: 'set',
        type: 'set-variables',
        transitions: [{ event: 'next' }],
        properties: {
          variables: [
            { key: 'a', value: '1' },
            { key: 'b', value: '{{flow.variables.a}}' },
          ],
        },
      },
    ]);
    const r = sim(f);
    assert.equal(r.end.kind, 'error');
    assert.match(r.end.kind === 'error' ? r.end.message : '', /flow\.variables\.a/);
  });

  it('say-play emits audioComplete with its say text and play URL (sayplay page); fork-stream emits next (fork-stream page)', () => {
    const f = flow([
      {
        name: 'fork',
        type: 'fork-stream',
        transitions: [{ event: 'next', next: 'play' }],
        properties: { stream_action: 'start' },
      },
      {
        name: 'play',
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { play: 'https://example.test/{{flow.sid}}.mp3' },
      },
    ]);
    const r = sim(f, { trigger: CALL });
    assert.deepEqual(path(r), ['Trigger', 'fork', 'play']);
    assert.deepEqual(r.outputs, [
      { widget: 'play', kind: 'play', text: 'https://example.test/FW00000000000000000000000000000000.mp3' },
    ]);
  });

  it('send-message emits sent; a transition without next ends the execution', () => {
    const r = sim(
      flow([
        {
          name: 'm',
          type: 'send-message',
          transitions: [{ event: 'sent' }, { event: 'failed' }],
          properties: { body: 'x' },
        },
      ]),
    );
    assert.deepEqual(r.end, { kind: 'ended', widget: 'm', event: 'sent' });
    assert.equal(r.steps[1]?.transition, 0);
  });
});

describe('simulate: runs of one definition', () => {
  it('two runs of the same definition object share parsed templates, never rendered text or variables', () => {
    const f = flow([
      {
        name: 'set',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'm' }],
        properties: { variables: [{ key: 'b', value: '{{trigger.message.Body}}' }] },
      },
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: '{{flow.variables.b}}!' },
      },
    ]);
    const one = sim(f, { trigger: { event: 'incomingMessage', parameters: { Body: 'one' } } });
    const two = sim(f, { trigger: { event: 'incomingMessage', parameters: { Body: 'two' } } });
    assert.deepEqual([one.outputs[0]?.text, two.outputs[0]?.text], ['one!', 'two!']);
    assert.deepEqual([one.variables, two.variables], [{ b: 'one' }, { b: 'two' }]);
  });
});

describe('simulate: ends and limits', () => {
  it('a transition to a widget that does not exist is an error end naming both', () => {
    const r = sim(
      flow([
        { name: 'm', type: 'send-message', transitions: [{ event: 'sent', next: 'gone' }], properties: { body: 'x' } },
      ]),
    );
    assert.equal(r.end.kind, 'error');
    assert.equal(r.end.widget, 'm');
    assert.match(r.end.kind === 'error' ? r.end.message : '', /"gone".*no widget/);
  });

  it('no initial_state, or one naming no widget, is an error end (never a throw)', () => {
    const f = flow([]);
    const none = sim({ ...f, initial_state: undefined as unknown as string });
    assert.equal(none.end.kind, 'error');
    assert.match(none.end.kind === 'error' ? none.end.message : '', /initial_state/);
    const wrong = sim({ ...f, initial_state: 'Nope' });
    assert.match(wrong.end.kind === 'error' ? wrong.end.message : '', /"Nope"/);
    const broken = sim({ states: 'x', initial_state: 7 } as never);
    assert.equal(broken.end.kind, 'error');
  });

  it('Studio FAQ: an execution ends after 1,000 steps (a loop through two widgets)', () => {
    const f = flow([
      { name: 'a', type: 'set-variables', transitions: [{ event: 'next', next: 'b' }], properties: { variables: [] } },
      { name: 'b', type: 'set-variables', transitions: [{ event: 'next', next: 'a' }], properties: { variables: [] } },
    ]);
    const r = sim(f);
    assert.equal(r.steps.length, 1000);
    assert.deepEqual(r.end, { kind: 'limit', widget: 'b', limit: 'steps', count: 1000 });
    const small = sim(f, { limits: { steps: 7 } });
    assert.equal(small.steps.length, 7);
  });

  it('Studio FAQ: the same widget running 10 times in a row stops the execution at its 10th run', () => {
    const f = flow([
      { name: 'again', type: 'set-variables', transitions: [{ event: 'next', next: 'again' }], properties: {} },
    ]);
    const r = sim(f);
    assert.equal(r.steps.filter((s) => s.widget === 'again').length, 10);
    assert.deepEqual(r.end, { kind: 'limit', widget: 'again', limit: 'same-widget', count: 10 });
    const three = sim(f, { limits: { sameWidgetInARow: 3 } });
    assert.equal(three.steps.length, 4);
  });
});
