/**
 * The Liquid rules of the lint (src/lint/liquid-rules.ts) on small flows: syntax errors, `widgets.NAME` that is no
 * widget or has not run on every path to here, `flow.variables.X` no Set Variables on a path to here sets.
 * Studio's Liquid context (trigger, widgets, flow, contact): https://www.twilio.com/docs/studio/user-guide/liquid-template-language
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDefinition } from '../../src/lint/lint.ts';
import type { LintIssue } from '../../src/document/types.ts';

type State = { name: string; type: string; transitions: { event: string; next?: string }[]; properties: object };
const trigger = (next: string): State => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [{ event: 'incomingMessage', next }, { event: 'incomingCall' }, { event: 'incomingRequest' }],
  properties: { offset: { x: 0, y: 0 } },
});
const send = (name: string, body: string, next?: string): State => ({
  name,
  type: 'send-message',
  transitions: [{ event: 'sent', ...(next ? { next } : {}) }, { event: 'failed' }],
  properties: { body, offset: { x: 0, y: 0 } },
});
const ask = (name: string, next: { reply?: string; timeout?: string }): State => ({
  name,
  type: 'send-and-wait-for-reply',
  transitions: [
    { event: 'incomingMessage', ...(next.reply ? { next: next.reply } : {}) },
    { event: 'timeout', ...(next.timeout ? { next: next.timeout } : {}) },
    { event: 'deliveryFailure' },
  ],
  properties: { body: 'What is your zip?', timeout: '3600', offset: { x: 0, y: 0 } },
});
const setVars = (name: string, vars: Record<string, string>, next?: string): State => ({
  name,
  type: 'set-variables',
  transitions: [{ event: 'next', ...(next ? { next } : {}) }],
  properties: { variables: Object.entries(vars).map(([key, value]) => ({ key, value })), offset: { x: 0, y: 0 } },
});
const flow = (...states: State[]) => ({
  description: 'liquid',
  states,
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
});
const liquid = (issues: LintIssue[]) => issues.filter((i) => i.rule.startsWith('liquid'));
const brief = (issues: LintIssue[]) => liquid(issues).map((i) => [i.severity, i.rule, i.pointer, i.at?.offset]);

describe('Liquid syntax (error)', () => {
  const cases: [string, string, number][] = [
    ['an unclosed {% if %}', 'Hi {% if flow.data.vip %}dear ', 3],
    ['an unterminated {{', 'Hi {{flow.data.name', 3],
    ['a filter without its colon', 'Hi {{ flow.data.n | plus 1 }}', 25],
    ['a double pipe', 'Hi {{ flow.data.n || "x" }}', 19],
    ['an unknown tag', 'Hi {% iff flow.data.n %}x{% endif %}', 3],
  ];
  for (const [what, body, offset] of cases)
    it(`reports ${what} at the offset where liquidjs stops`, () => {
      const issues = lintDefinition(flow(trigger('hello'), send('hello', body)));
      assert.deepEqual(brief(issues), [['error', 'liquid-syntax', '/states/1/properties/body', offset]]);
      assert.match(liquid(issues)[0]?.message ?? '', /^Widget "hello" \(send-message\): Liquid syntax error: "/);
    });

  it('accepts what Studio flows write: filters, tags, raw, whitespace control, ${var.} already resolved', () => {
    const bodies = [
      '{{widgets.zip.inbound.Body | upcase}} {{ trigger.message.From | slice: 2, 4 }}',
      '{%- if trigger.call -%}call{%- else -%}text{%- endif -%} {{contact.channel.address}}',
      '{% raw %}{{ not liquid {% endraw %} {{flow.channel.address}} {{flow.flow_sid}} {{flow.sid}}',
      '{% for item in widgets.zip.parsed.items %}{{ item.name }}{{ forloop.index }}{% endfor %}',
      '{% assign n = flow.data.count | plus: 1 %}{{ n }} {{ widgets.zip.Digits }} héllo ✓ 𝄞',
      '{"a": "{{trigger.request.x}}"} }} {} {',
    ];
    for (const body of bodies) {
      const issues = lintDefinition(flow(trigger('zip'), ask('zip', { reply: 'hello' }), send('hello', body)));
      assert.deepEqual(liquid(issues), [], body);
    }
  });
});

describe('widgets.NAME', () => {
  it('is a warning when NAME is like no widget: a reference left by a deleted widget, which Studio renders empty', () => {
    const issues = lintDefinition(
      flow(
        trigger('get_zip'),
        ask('get_zip', { reply: 'hello' }),
        send('hello', 'Zip: {{widgets.send_service_options.inbound.Body}}'),
      ),
    );
    assert.deepEqual(brief(issues), [['warning', 'liquid-widget', '/states/2/properties/body', 7]]);
    assert.match(liquid(issues)[0]?.fix ?? '', /^Name an existing widget/);
  });

  it('is an error when NAME is no widget, with the closest name', () => {
    const issues = lintDefinition(
      flow(
        trigger('get_zip'),
        ask('get_zip', { reply: 'hello' }),
        send('hello', 'Zip: {{widgets.get_zp.inbound.Body}}'),
      ),
    );
    assert.deepEqual(brief(issues), [['error', 'liquid-widget', '/states/2/properties/body', 7]]);
    assert.match(liquid(issues)[0]?.fix ?? '', /^Did you mean "get_zip"\?/);
    assert.equal(liquid(issues)[0]?.widget, 'hello');
  });

  it('reads bracketed and nested names too', () => {
    const body = '{{widgets["nope"].x}} {{widgets.get_zip[widgets.gone.key]}}';
    const issues = lintDefinition(flow(trigger('get_zip'), ask('get_zip', { reply: 'hello' }), send('hello', body)));
    assert.deepEqual(
      liquid(issues).map((i) => [i.rule, i.at?.offset, /widgets\.(\w+)…/.exec(i.message)?.[1]]),
      [
        ['liquid-widget', 2, 'nope'],
        ['liquid-widget', 40, 'gone'],
      ],
    );
  });

  it('warns when a path to here skips NAME, and names that path', () => {
    // get_zip's timeout goes straight to hello: on that path widgets.get_zip.inbound is empty.
    const issues = lintDefinition(
      flow(
        trigger('get_zip'),
        ask('get_zip', { reply: 'hello', timeout: 'hello' }),
        send('hello', 'Zip: {{widgets.get_zip.inbound.Body}}'),
      ),
    );
    assert.deepEqual(brief(issues), []);
    const skipping = lintDefinition(
      flow(
        trigger('menu'),
        ask('menu', { reply: 'get_zip', timeout: 'hello' }),
        ask('get_zip', { reply: 'hello', timeout: 'hello' }),
        send('hello', 'Zip: {{widgets.get_zip.inbound.Body}}'),
      ),
    );
    assert.deepEqual(brief(skipping), [['warning', 'liquid-widget-path', '/states/3/properties/body', 7]]);
    assert.match(liquid(skipping)[0]?.message ?? '', /skip "get_zip", e\.g\. "Trigger" → "menu" → "hello"$/);
  });

  it('does not warn for a widget on every path, for the widget itself, or where the widget is unreachable', () => {
    const issues = lintDefinition(
      flow(
        trigger('menu'),
        ask('menu', { reply: 'a', timeout: 'b' }),
        send('a', '{{widgets.menu.inbound.Body}}', 'end'),
        send('b', '{{widgets.menu.inbound.Body}} {{widgets.b.sid}}', 'end'),
        send('end', '{{widgets.menu.inbound.Body}} {{widgets.orphan.sid}}'),
        send('orphan', '{{widgets.a.sid}}'),
      ),
    );
    assert.deepEqual(brief(issues), [['warning', 'liquid-widget-path', '/states/4/properties/body', 32]]);
  });
});

describe('flow.variables.X', () => {
  it('warns when no Set Variables on a path to here sets X, with the closest set name', () => {
    const issues = lintDefinition(
      flow(
        trigger('set'),
        setVars('set', { language: 'en' }, 'hello'),
        send('hello', '{{flow.variables.langauge}} {{flow.variables.language}}', 'later'),
        setVars('later', { late: 'x' }),
      ),
    );
    assert.deepEqual(brief(issues), [['warning', 'liquid-variable', '/states/2/properties/body', 2]]);
    assert.match(liquid(issues)[0]?.fix ?? '', /^Did you mean "language"\?/);
  });

  it('counts a setter on any path (not every one), loops, and a counter the widget sets itself', () => {
    const issues = lintDefinition(
      flow(
        trigger('menu'),
        ask('menu', { reply: 'set', timeout: 'hello' }),
        setVars('set', { lang: 'en', count: '{{flow.variables.count | plus: 1}}' }, 'hello'),
        send('hello', '{{flow.variables.lang}}', 'menu'),
      ),
    );
    assert.deepEqual(brief(issues), []);
    const late = lintDefinition(
      flow(trigger('hello'), send('hello', '{{flow.variables.lang}}', 'set'), setVars('set', { lang: 'en' })),
    );
    assert.deepEqual(brief(late), [['warning', 'liquid-variable', '/states/1/properties/body', 2]]);
  });
});

describe('a text that checks for an empty value', () => {
  it('is not warned: {% if %}, {% unless %}, {% case %} on it, or | default:', () => {
    const bodies = [
      '{% if widgets.get_zip.inbound.Body %}Zip {{widgets.get_zip.inbound.Body}}{% endif %}',
      '{% unless flow.variables.lang == empty %}{{flow.variables.lang}}{% endunless %}',
      '{% case widgets.get_zip.inbound.Body %}{% when "1" %}one{% endcase %}',
      'Zip {{ widgets.get_zip.inbound.Body | default: "none" }} {{ flow.variables.lang | default: "en" }}',
      '{% if x %}{% else %}{{ widgets.get_zip.inbound.Body | upcase | default: "none" }}{% endif %}',
    ];
    for (const body of bodies) {
      const issues = lintDefinition(
        flow(
          trigger('menu'),
          ask('menu', { reply: 'get_zip', timeout: 'hello' }),
          ask('get_zip', { reply: 'hello' }),
          send('hello', body),
        ),
      );
      assert.deepEqual(brief(issues), [], body);
    }
  });

  it('is still an error when the name is no widget, and other reads in the text still count', () => {
    const issues = lintDefinition(
      flow(
        trigger('menu'),
        ask('menu', { reply: 'get_zip', timeout: 'hello' }),
        ask('get_zip', { reply: 'hello' }),
        send('hello', '{% if widgets.get_zp.x %}{% endif %}{{ widgets.get_zip.inbound.Body | upcase }}'),
      ),
    );
    assert.deepEqual(
      liquid(issues).map((i) => i.rule),
      ['liquid-widget', 'liquid-widget-path'],
    );
  });
});

describe('where templates are read', () => {
  it('reads every string property: nested objects, arrays, JSON attributes, split conditions', () => {
    const split = {
      name: 'split',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch' },
        {
          event: 'match',
          next: 'http',
          conditions: [
            { friendly_name: 'x', arguments: ['{{widgets.nope1.x}}'], type: 'equal_to', value: '{{widgets.nope2.x}}' },
          ],
        },
      ],
      properties: { input: '{{widgets.nope3.x}}', offset: { x: 0, y: 0 } },
    };
    const http = {
      name: 'http',
      type: 'make-http-request',
      transitions: [{ event: 'success' }, { event: 'failed' }],
      properties: {
        method: 'POST',
        url: 'https://example.com/{{widgets.nope4.x}}',
        parameters: [{ key: 'a', value: '{{widgets.nope5.x}}' }],
        body: '{"k": "{{widgets.nope6.x}}"}',
        offset: { x: 0, y: 0 },
      },
    };
    const issues = lintDefinition({ ...flow(trigger('split')), states: [trigger('split'), split, http] });
    assert.deepEqual(
      liquid(issues).map((i) => i.pointer),
      [
        '/states/1/properties/input',
        '/states/1/transitions/1/conditions/0/arguments/0',
        '/states/1/transitions/1/conditions/0/value',
        '/states/2/properties/url',
        '/states/2/properties/parameters/0/value',
        '/states/2/properties/body',
      ],
    );
  });
});
