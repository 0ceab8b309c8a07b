/**
 * Hostile definitions and inputs: the simulator never throws and never hangs. Liquid loops are capped at 15
 * iterations (Studio FAQ, https://www.twilio.com/docs/studio/user-guide/studio-faq); a template error stops the
 * execution naming the widget and property (https://www.twilio.com/docs/studio/user-guide/liquid-template-language).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flow, path, sim } from './flows.ts';

const message = (body: unknown, name = 'm') =>
  flow([{ name, type: 'send-message', transitions: [{ event: 'sent' }], properties: { body } }]);
const errorOf = (r: ReturnType<typeof sim>) => (r.end.kind === 'error' ? r.end.message : `not an error: ${r.end.kind}`);

describe('simulate: hostile input', () => {
  it('widgets and variables named __proto__ and constructor are data like any other name', () => {
    const f = flow([
      {
        name: '__proto__',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'constructor' }],
        properties: {
          variables: [
            { key: '__proto__', value: 'p' },
            { key: 'constructor', value: 'c' },
          ],
        },
      },
      {
        name: 'constructor',
        type: 'send-message',
        transitions: [{ event: 'sent' }],
        properties: {
          body: '{{flow.variables.__proto__}}{{flow.variables.constructor}}|{{flow.constructor}}|{{widgets.toString}}',
        },
      },
    ]);
    const r = sim(f);
    assert.deepEqual(path(r), ['Trigger', '__proto__', 'constructor']);
    assert.equal(r.outputs[0]?.text, 'pc||');
    assert.deepEqual(Object.keys(r.variables), ['__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(r.variables), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['p'], undefined);
  });

  it('Studio FAQ: a Liquid for loop over 10^6 items renders its first 15 iterations, fast', () => {
    const started = performance.now();
    const r = sim(message('{% for i in (1..1000000) %}{{i}},{% endfor %}end'));
    assert.equal(r.outputs[0]?.text, '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,end');
    assert.ok(performance.now() - started < 2000);
  });

  it('a tablerow past 15 cells stops with an error naming the widget and property (it cannot be cut short)', () => {
    const r = sim(message('{% tablerow i in (1..1000000) %}{{i}}{% endtablerow %}'));
    assert.match(errorOf(r), /"m".*property "body".*tablerow ran more than 15 cells/);
    const small = sim(message('{% tablerow i in (1..2) %}{{i}}{% endtablerow %}'));
    assert.equal(small.end.kind, 'ended');
  });

  it('loops of up to 15 iterations render whole, nested loops each count their own, forloop.last still works', () => {
    const r = sim(message('{% for i in (1..15) %}{% for j in (1..2) %}x{% endfor %}{% endfor %}'));
    assert.equal(r.outputs[0]?.text, 'x'.repeat(30));
    const last = sim(message('{% for i in (1..3) %}{{i}}{% unless forloop.last %}-{% endunless %}{% endfor %}'));
    assert.equal(last.outputs[0]?.text, '1-2-3');
  });

  it('a Liquid syntax error is an error end naming the widget and the property', () => {
    assert.match(
      errorOf(sim(message('{% if %}'))),
      /Widget "m" \(send-message\): property "body": Liquid syntax error/,
    );
    assert.match(errorOf(sim(message('{{ unclosed'))), /property "body"/);
  });

  it('include/render of another template (no files offline) is an error, not a throw', () => {
    assert.match(errorOf(sim(message('{% include "x" %}'))), /property "body"/);
  });

  it('huge strings: a 2 MB body and a 1 MB reply are carried as they are', () => {
    const big = 'a'.repeat(2_000_000);
    const r = sim(message(`{{trigger.message.Body}}${big}`), {
      trigger: { event: 'incomingMessage', parameters: { Body: 'b'.repeat(1_000_000) } },
    });
    assert.equal(r.outputs[0]?.text.length, 3_000_000);
  });

  it('a widget name and type of a megabyte each are shortened in messages, kept whole in the record', () => {
    const name = 'w'.repeat(1_000_000);
    const r = sim(flow([{ name, type: 't'.repeat(1_000_000), transitions: [{ event: 'done' }] }]));
    assert.equal(r.end.kind, 'unsupported');
    assert.equal(r.end.widget, name);
    assert.ok((r.end.kind === 'unsupported' ? r.end.message : '').length < 1000);
    const gone = sim(
      flow([{ name, type: 'send-message', transitions: [{ event: 'sent', next: name + 'x' }], properties: {} }]),
    );
    assert.ok((gone.end.kind === 'error' ? gone.end.message : 'x'.repeat(2000)).length < 1000);
  });

  it('markup, newlines and odd encodings pass through the text untouched', () => {
    const body = '<script>alert(1)</script>\r\n\u0000\u202e{{trigger.message.Body}}';
    const r = sim(message(body), { trigger: { event: 'incomingMessage', parameters: { Body: '\ud83d\ude00 <b>' } } });
    assert.equal(r.outputs[0]?.text, '<script>alert(1)</script>\r\n\u0000\u202e\ud83d\ude00 <b>');
  });

  it('wrong shapes: states that are not objects, transitions that are not arrays, a body that is an object', () => {
    const f = flow([
      { name: 'm', type: 'send-message', transitions: [{ event: 'sent' }], properties: { body: { x: 1 } } },
    ]);
    (f.states as unknown[]).push(null, 7, 'x', { name: 'n', type: 'say-play', transitions: 'no' });
    const r = sim(f);
    assert.deepEqual(r.end, { kind: 'ended', widget: 'm', event: 'sent' });
    assert.deepEqual(r.outputs, []);
  });

  it('an input of a hostile shape (trigger parameters with a cycle, a non-ISO now) ends with an error, never a throw', () => {
    const cyclic: Record<string, unknown> = { Body: 'x' };
    cyclic['self'] = cyclic;
    const r = sim(message('{{trigger.message.self.self.Body}}'), {
      trigger: { event: 'incomingMessage', parameters: cyclic },
    });
    assert.equal(r.end.kind, 'ended');
    assert.match(errorOf(sim(message('x'), { now: 'yesterday' })), /"now" "yesterday" is not an ISO 8601/);
  });

  it('a cycle through a wait with inputs for ever stops at the step limit', () => {
    const f = flow([
      {
        name: 'ask',
        type: 'send-and-wait-for-reply',
        transitions: [{ event: 'incomingMessage', next: 'again' }],
        properties: { body: '?' },
      },
      {
        name: 'again',
        type: 'send-message',
        transitions: [{ event: 'sent', next: 'ask' }],
        properties: { body: '{{widgets.ask.inbound.Body}}' },
      },
    ]);
    const inputs = Array.from({ length: 2000 }, (_, i) => ({ kind: 'reply' as const, text: String(i) }));
    const r = sim(f, { inputs });
    assert.deepEqual(r.end, { kind: 'limit', widget: 'again', limit: 'steps', count: 1000 }); // the 1,001st would be 'again'
    assert.equal(r.consumed, 500);
  });
});
