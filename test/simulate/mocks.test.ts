/**
 * Widgets that reach outside Studio need a mock; any widget may be mocked. HTTP Request
 * (https://www.twilio.com/docs/studio/widget-library/http-request): success/failed, widgets.NAME.status_code,
 * .body, and .parsed for a JSON body. Run Function (https://www.twilio.com/docs/studio/widget-library/run-function):
 * success/fail. Connect Call To (https://www.twilio.com/docs/studio/widget-library/connect-call): callCompleted/hangup.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL, flow, path, sim, type W } from './flows.ts';

const http: W = {
  name: 'lookup',
  type: 'make-http-request',
  transitions: [
    { event: 'success', next: 'say' },
    { event: 'failed', next: 'sorry' },
  ],
  properties: { method: 'GET', url: 'https://api.example.test/x' },
};
const say: W = {
  name: 'say',
  type: 'send-message',
  transitions: [{ event: 'sent', next: 'lookup' }],
  properties: { body: '{{widgets.lookup.status_code}} {{widgets.lookup.parsed.name}} {{widgets.lookup.body}}' },
};
const sorry: W = {
  name: 'sorry',
  type: 'send-message',
  transitions: [{ event: 'sent' }],
  properties: { body: 'sorry' },
};

describe('simulate: widgets without a mock', () => {
  it('make-http-request without a mock is unsupported, naming the widget, its type, its events and how to mock it', () => {
    const r = sim(flow([http, say, sorry]));
    assert.equal(r.end.kind, 'unsupported');
    if (r.end.kind !== 'unsupported') return;
    assert.equal(r.end.widget, 'lookup');
    assert.equal(r.end.type, 'make-http-request');
    assert.match(r.end.message, /"lookup" \(make-http-request\).*mock it.*success, failed/);
    assert.equal(r.steps.at(-1)?.event, undefined);
  });

  for (const [type, events] of [
    ['run-function', /success, fail/],
    ['run-subflow', /completed, failed/],
    ['connect-call-to', /callCompleted, hangup/],
    ['send-to-flex', /callComplete, failedToEnqueue, callFailure/],
    ['enqueue-call', /callComplete/],
    ['record-voicemail', /recordingComplete, noAudio, hangup/],
    ['make-outgoing-call-v2', /answered, busy, noAnswer, failed/],
    ['capture-payments', /success, maxFailedAttempts/],
    ['add-twiml-redirect', /return, timeout, fail/],
    ['connect-virtual-agent', /return, hangup/],
  ] as const) {
    it(`${type} reaches outside Studio: unsupported without a mock, naming its events`, () => {
      const r = sim(flow([{ name: 'w', type, transitions: [] }]), { trigger: CALL });
      assert.equal(r.end.kind, 'unsupported');
      assert.match(r.end.kind === 'unsupported' ? r.end.message : '', events);
    });
  }

  it('an unknown widget type is unsupported', () => {
    const r = sim(flow([{ name: 'w', type: 'teleport', transitions: [{ event: 'arrived' }] }]));
    assert.equal(r.end.kind, 'unsupported');
    assert.match(r.end.kind === 'unsupported' ? r.end.message : '', /type the simulator does not know.*arrived/);
  });
});

describe('simulate: mocks', () => {
  it('http-request: the mock event is taken, a JSON body is parsed into widgets.NAME.parsed; mocks are used in order, the last repeats', () => {
    const r = sim(flow([http, say, sorry]), {
      mocks: {
        lookup: [
          { event: 'success', outputs: { status_code: 200, body: '{"name":"Ada"}' } },
          { event: 'success', outputs: { status_code: 200, body: { name: 'Bob' } } },
          { event: 'failed', outputs: { status_code: 500 } },
        ],
      },
    });
    assert.deepEqual(path(r), ['Trigger', 'lookup', 'say', 'lookup', 'say', 'lookup', 'sorry']);
    assert.deepEqual(
      r.outputs.map((o) => o.text),
      ['200 Ada {"name":"Ada"}', '200 Bob {"name":"Bob"}', 'sorry'],
    );
    assert.deepEqual(
      r.steps.filter((s) => s.widget === 'lookup').map((s) => s.mock),
      [0, 1, 2],
    );
    assert.deepEqual(r.mocksUsed, { lookup: 3 });
  });

  it('a body that is not JSON has no parsed; a given parsed wins', () => {
    const r = sim(flow([http, say, sorry]), {
      mocks: { lookup: [{ event: 'success', outputs: { status_code: 200, body: 'plain' } }, { event: 'failed' }] },
    });
    assert.equal(r.outputs[0]?.text, '200  plain');
    const given = sim(flow([http, say, sorry]), {
      mocks: {
        lookup: [{ event: 'success', outputs: { body: '{"name":"A"}', parsed: { name: 'Z' } } }, { event: 'failed' }],
      },
    });
    assert.equal(given.outputs[0]?.text, ' Z {"name":"A"}');
  });

  it('a mock whose event the widget does not emit is an error naming it and the events', () => {
    const r = sim(flow([http, say, sorry]), { mocks: { lookup: [{ event: 'sucess' }] } });
    assert.equal(r.end.kind, 'error');
    assert.match(r.end.kind === 'error' ? r.end.message : '', /"sucess".*success, failed/);
  });

  it('any widget may be mocked, and the mock wins: a send-message mocked as failed', () => {
    const f = flow([
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }, { event: 'failed', next: 'sorry' }],
        properties: { body: 'x' },
      },
      sorry,
    ]);
    const r = sim(f, { mocks: { m: [{ event: 'failed' }, { event: 'sent' }], never: [{ event: 'x' }] } });
    assert.deepEqual(path(r), ['Trigger', 'm', 'sorry']);
    assert.deepEqual(r.mocksUsed, { m: 1, never: 0 }, 'one of two mocks of m used; the unknown widget never ran');
  });

  it('a subflow mock sets its outputs as widgets.NAME.*', () => {
    const f = flow([
      {
        name: 'sub',
        type: 'run-subflow',
        transitions: [{ event: 'completed', next: 'm' }, { event: 'failed' }],
        properties: { flow_sid: 'FW1' },
      },
      {
        name: 'm',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: { body: 'tier={{widgets.sub.tier}}' },
      },
    ]);
    const r = sim(f, { mocks: { sub: [{ event: 'completed', outputs: { tier: 'gold' } }] } });
    assert.equal(r.outputs[0]?.text, 'tier=gold');
  });
});
