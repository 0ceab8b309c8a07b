/**
 * The waits take the contact's inputs in order. Send & Wait For Reply
 * (https://www.twilio.com/docs/studio/widget-library/send-wait-reply): incomingMessage with
 * widgets.NAME.inbound.Body, timeout, deliveryFailure. Gather Input On Call
 * (https://www.twilio.com/docs/studio/widget-library/gather-input-call): keypress with widgets.NAME.Digits, speech
 * with widgets.NAME.SpeechResult, timeout.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL, flow, path, sim, type W } from './flows.ts';

const ask: W = {
  name: 'ask',
  type: 'send-and-wait-for-reply',
  transitions: [
    { event: 'incomingMessage', next: 'echo' },
    { event: 'timeout', next: 'late' },
    { event: 'deliveryFailure' },
  ],
  properties: { body: 'Your name?' },
};
const echo: W = {
  name: 'echo',
  type: 'send-message',
  transitions: [{ event: 'sent' }],
  properties: { body: 'Hi {{widgets.ask.inbound.Body}}' },
};
const late: W = {
  name: 'late',
  type: 'send-message',
  transitions: [{ event: 'sent' }],
  properties: { body: 'Too late' },
};
const menu: W = {
  name: 'menu',
  type: 'gather-input-on-call',
  transitions: [{ event: 'keypress', next: 'said' }, { event: 'speech', next: 'said' }, { event: 'timeout' }],
  properties: { say: 'Press or say something', number_of_digits: 1 },
};
const said: W = {
  name: 'said',
  type: 'say-play',
  transitions: [{ event: 'audioComplete' }],
  properties: { say: 'digits={{widgets.menu.Digits}} speech={{widgets.menu.SpeechResult}}' },
};

describe('simulate: send-and-wait-for-reply', () => {
  it('sends its body, then a reply is incomingMessage and widgets.ask.inbound.Body', () => {
    const r = sim(flow([ask, echo, late]), { inputs: [{ kind: 'reply', text: 'Ada' }] });
    assert.deepEqual(path(r), ['Trigger', 'ask', 'echo']);
    assert.deepEqual(
      r.outputs.map((o) => o.text),
      ['Your name?', 'Hi Ada'],
    );
    assert.equal(r.steps[1]?.input, 0);
    assert.equal(r.consumed, 1);
  });

  it('a timeout input takes the timeout transition; an event input takes its own (deliveryFailure)', () => {
    assert.deepEqual(path(sim(flow([ask, echo, late]), { inputs: [{ kind: 'timeout' }] })), ['Trigger', 'ask', 'late']);
    const failed = sim(flow([ask, echo, late]), { inputs: [{ kind: 'event', event: 'deliveryFailure' }] });
    assert.deepEqual(failed.end, { kind: 'ended', widget: 'ask', event: 'deliveryFailure' });
  });

  it('no input left: waiting at the widget, its message already sent', () => {
    const r = sim(flow([ask, echo, late]));
    assert.deepEqual(r.end, { kind: 'waiting', widget: 'ask' });
    assert.equal(r.steps[1]?.event, undefined);
    assert.deepEqual(r.outputs, [{ widget: 'ask', kind: 'message', text: 'Your name?' }]);
  });

  it('digits at a message wait is an error naming the input and the widget', () => {
    const r = sim(flow([ask, echo, late]), { inputs: [{ kind: 'digits', digits: '1' }] });
    assert.equal(r.end.kind, 'error');
    assert.equal(r.end.kind === 'error' ? r.end.input : -1, 0);
    assert.match(r.end.kind === 'error' ? r.end.message : '', /digits.*"ask" \(send-and-wait-for-reply\)/);
    assert.equal(r.consumed, 0);
    assert.equal(r.steps[1]?.input, undefined, 'the input was not consumed');
  });

  it('an input meant for another widget (at) is an error naming both', () => {
    const r = sim(flow([ask, echo, late]), { inputs: [{ kind: 'reply', text: 'x', at: 'other' }] });
    assert.match(r.end.kind === 'error' ? r.end.message : '', /"other".*waiting at "ask"/);
  });

  it('an event the wait does not emit is an error naming its events', () => {
    const r = sim(flow([ask, echo, late]), { inputs: [{ kind: 'event', event: 'hangup' }] });
    assert.match(r.end.kind === 'error' ? r.end.message : '', /incomingMessage, timeout, deliveryFailure/);
  });
});

describe('simulate: gather-input-on-call', () => {
  it('says its prompt, then digits are keypress and widgets.menu.Digits', () => {
    const r = sim(flow([menu, said]), { trigger: CALL, inputs: [{ kind: 'digits', digits: '2', at: 'menu' }] });
    assert.deepEqual(path(r), ['Trigger', 'menu', 'said']);
    assert.equal(r.steps[1]?.event, 'keypress');
    assert.deepEqual(
      r.outputs.map((o) => [o.kind, o.text]),
      [
        ['say', 'Press or say something'],
        ['say', 'digits=2 speech='],
      ],
    );
  });

  it('speech is the speech event and widgets.menu.SpeechResult', () => {
    const r = sim(flow([menu, said]), {
      trigger: CALL,
      inputs: [{ kind: 'speech', text: 'billing', confidence: 0.9 }],
    });
    assert.equal(r.steps[1]?.event, 'speech');
    assert.equal(r.outputs[1]?.text, 'digits= speech=billing');
  });

  it('a reply at a call wait is an error; no input left is waiting', () => {
    const wrong = sim(flow([menu, said]), { trigger: CALL, inputs: [{ kind: 'reply', text: '1' }] });
    assert.match(wrong.end.kind === 'error' ? wrong.end.message : '', /reply.*"menu" \(gather-input-on-call\)/);
    assert.deepEqual(sim(flow([menu, said]), { trigger: CALL }).end, { kind: 'waiting', widget: 'menu' });
  });

  it('timeout ends at a timeout transition without next', () => {
    const r = sim(flow([menu, said]), { trigger: CALL, inputs: [{ kind: 'timeout' }] });
    assert.deepEqual(r.end, { kind: 'ended', widget: 'menu', event: 'timeout' });
  });
});
