/**
 * The widget catalogue against Twilio's Studio widget library: every documented type is known with its
 * real transition events, an event it does not emit is reported with a did-you-mean, and the widget limit
 * is the Studio FAQ's 2,000. The tables below are written from the docs, not read from src/, so a change
 * to the catalogue that drifts from the docs fails here.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkFlowFile } from '../../src/check/flow-check.ts';
import { graphIssues } from '../../src/lint/graph.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { buildFlowDefinitionSchema } from '../../src/lint/schema.ts';
import { schemaIssues } from '../../src/lint/schema-issues.ts';
import type { LintIssue } from '../../src/document/types.ts';
import { WIDGETS } from '../../src/lint/widgets.ts';

/** Type → the events its widget-library page (or, where noted in src/, the widget schemas) documents. */
const DOCUMENTED: Record<string, readonly string[]> = {
  trigger: ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'],
  'split-based-on': ['noMatch', 'match'],
  'set-variables': ['next'],
  'say-play': ['audioComplete'],
  'gather-input-on-call': ['keypress', 'speech', 'timeout'],
  'connect-call-to': ['callCompleted', 'hangup'],
  'make-outgoing-call-v2': ['answered', 'busy', 'noAnswer', 'failed'],
  'record-voicemail': ['recordingComplete', 'noAudio', 'hangup'],
  'record-call': ['success', 'failed'],
  'enqueue-call': ['callComplete', 'failedToEnqueue', 'callFailure'],
  'capture-payments': ['success', 'maxFailedAttempts', 'providerError', 'payInterrupted', 'hangup', 'validationError'],
  'fork-stream': ['next'],
  'connect-virtual-agent': ['return', 'hangup'],
  'send-message': ['sent', 'failed'],
  'send-and-wait-for-reply': ['incomingMessage', 'timeout', 'deliveryFailure'],
  'start-conversation': ['created', 'failed'],
  'resume-conversation': ['failed'],
  'make-http-request': ['success', 'failed'],
  'run-function': ['success', 'fail'],
  'add-twiml-redirect': ['return', 'timeout', 'fail'],
  'run-subflow': ['completed', 'failed'],
  'send-to-flex': ['callComplete', 'failedToEnqueue', 'callFailure'],
  'send-to-auto-pilot': ['sessionEnded', 'failure', 'timeout'],
};
/** Types whose pages we could not read to the end: other events are accepted unless they look like a typo. */
const OPEN = new Set(['start-conversation', 'resume-conversation']);
/** The least a widget of the type needs to pass the schema (required properties). */
const MINIMAL: Record<string, Record<string, string>> = {
  'split-based-on': { input: '{{trigger.message.Body}}' },
  'connect-call-to': { noun: 'number', to: '+15555550100' },
  'send-message': { body: 'Hi' },
  'send-and-wait-for-reply': { body: 'Reply YES' },
  'make-http-request': { method: 'GET', url: 'https://example.com/x', content_type: 'application/json' },
  'run-function': { url: 'https://example.twil.io/f' },
  'add-twiml-redirect': { url: 'https://example.com/twiml' },
  'run-subflow': { flow_sid: 'FW00000000000000000000000000000000' },
  'send-to-flex': { workflow: 'WW00000000000000000000000000000000', channel: 'TC00000000000000000000000000000000' },
};

/** A flow Trigger → one widget of `type`, whose transitions carry `events` (none leading anywhere). */
function flowWith(
  type: string,
  events: readonly string[],
  name = `my_${type.replaceAll('-', '_')}`,
): Record<string, unknown> {
  const widget = {
    name,
    type,
    transitions: events.map((event) => ({ event })),
    properties: { ...MINIMAL[type], offset: { x: 0, y: 200 } },
  };
  const trigger = {
    name: 'Trigger',
    type: 'trigger',
    transitions: [{ event: 'incomingRequest', next: name }],
    properties: { offset: { x: 0, y: 0 } },
  };
  const states =
    type === 'trigger' ? [{ ...trigger, transitions: events.map((event) => ({ event })) }] : [trigger, widget];
  return { description: 'widget test', initial_state: 'Trigger', states, flags: { allow_concurrent_calls: true } };
}
const eventIssues = (issues: LintIssue[]) =>
  issues.filter((i) => i.rule === 'transition-event' || i.rule === 'unknown-widget-type');

describe('widget catalogue: every documented type with its real events', () => {
  for (const [type, events] of Object.entries(DOCUMENTED)) {
    it(`${type}: accepted with all its documented events, no issue at all`, () => {
      assert.deepEqual(lintDefinition(flowWith(type, events)), []);
    });
  }

  it('holds exactly the documented types, each citing its Twilio docs page', () => {
    assert.deepEqual(Object.keys(WIDGETS).sort(), Object.keys(DOCUMENTED).sort());
    for (const [type, spec] of Object.entries(WIDGETS))
      assert.match(spec.doc, /^https:\/\/www\.twilio\.com\/docs\/studio\//, type);
  });
});

describe('widget catalogue: an event the widget does not emit', () => {
  for (const [type, events] of Object.entries(DOCUMENTED)) {
    const real = events[0] as string;
    const cased = real.charAt(0).toUpperCase() + real.slice(1); // every documented event starts in lower case
    const typo = real.length > 4 ? real.slice(0, -2) + real.slice(-1) : cased.toUpperCase(); // one letter dropped
    for (const wrong of [cased, typo]) {
      it(`${type}: "${wrong}" is a warning naming widget and place, with did-you-mean "${real}"`, () => {
        const name = `w_${type}`;
        const issues = eventIssues(lintDefinition(flowWith(type, [...events, wrong], name)));
        const index = type === 'trigger' ? 0 : 1;
        assert.deepEqual(
          issues.map((i) => [i.severity, i.rule, i.widget, i.pointer]),
          [
            [
              'warning',
              'transition-event',
              type === 'trigger' ? 'Trigger' : name,
              `/states/${index}/transitions/${events.length}/event`,
            ],
          ],
        );
        assert.match(issues[0]?.message ?? '', new RegExp(`"${wrong}" is not an event this widget type emits`));
        assert.equal(
          issues[0]?.fix,
          `Did you mean "${real}"? Studio never follows a transition on an event the widget does not emit.`,
        );
      });
    }
    it(`${type}: an unrelated event is ${OPEN.has(type) ? 'accepted (events not fully documented)' : 'a warning listing the real events'}`, () => {
      const issues = eventIssues(lintDefinition(flowWith(type, [...events, 'zzzUnrelatedEvent'])));
      if (OPEN.has(type)) assert.deepEqual(issues, []);
      else {
        assert.deepEqual(
          issues.map((i) => i.rule),
          ['transition-event'],
        );
        assert.ok(issues[0]?.message.endsWith(`(expected one of ${events.join(', ')})`), issues[0]?.message);
        assert.equal(issues[0]?.fix, 'Use one of the listed events; Studio never follows the others.');
      }
    });
  }
});

describe('widget catalogue: hostile types and events', () => {
  it('a near-miss type is an unknown type with a did-you-mean, never an error', () => {
    for (const [wrong, right] of [
      ['start-conversaton', 'start-conversation'],
      ['Capture-Payments', 'capture-payments'],
      ['fork_stream', 'fork-stream'],
    ]) {
      const issues = lintDefinition(flowWith(wrong as string, ['next']));
      assert.deepEqual(
        issues.map((i) => [i.severity, i.rule]),
        [['warning', 'unknown-widget-type']],
        wrong,
      );
      assert.match(issues[0]?.fix ?? '', new RegExp(`^Did you mean "${right}"\\?`));
    }
  });

  it('types that are Object.prototype names, markup, newlines or 100,000 characters are unknown types, not crashes', () => {
    for (const type of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '<img src=x onerror=alert(1)>',
      'start-conversation\n::error::x',
      'x'.repeat(100_000),
    ]) {
      const issues = lintDefinition(flowWith(type, ['failed']));
      assert.deepEqual(
        issues.map((i) => [i.severity, i.rule]),
        [['warning', 'unknown-widget-type']],
        type.slice(0, 40),
      );
      assert.doesNotMatch(issues[0]?.fix ?? '', /Did you mean/);
    }
  });

  it('events of every JSON kind, Object.prototype names and 100,000 characters: warnings or nothing, never a throw', () => {
    const odd = [
      null,
      7,
      true,
      {},
      [],
      '__proto__',
      'constructor',
      'sent\n::error::x',
      '<b>created</b>',
      'c'.repeat(100_000),
    ];
    for (const type of ['send-message', 'start-conversation']) {
      const flow = flowWith(type, []);
      const widget = (flow['states'] as { transitions: unknown[] }[])[1];
      if (widget) widget.transitions = odd.map((event) => ({ event }));
      const issues = eventIssues(lintDefinition(flow));
      const strings = odd.filter((e) => typeof e === 'string');
      assert.equal(issues.length, type === 'send-message' ? strings.length : 0, type); // open list: none is a near miss
    }
  });

  it('1,000 distinct unknown types: each warned, the typo search runs for the first 50 only (bounded cost)', () => {
    const flow = flowWith('say-play', ['audioComplete']);
    const states = flow['states'] as Record<string, unknown>[];
    for (let i = 0; i < 1000; i++)
      states.push({ name: `u${i}`, type: `fork-strea${i % 10}${i}`, transitions: [], properties: {} });
    states.push({ name: 'again', type: 'fork-strea00', transitions: [], properties: {} }); // the first one, met again
    const unknown = graphIssues(flow).filter((i) => i.rule === 'unknown-widget-type');
    assert.equal(unknown.length, 1001);
    const suggested = unknown.filter((i) => i.fix?.startsWith('Did you mean "fork-stream"?')).map((i) => i.widget);
    assert.deepEqual(suggested, [...Array.from({ length: 50 }, (_, i) => `u${i}`), 'again']);
  });
});

describe('widget catalogue: real published flows', () => {
  const realDir = new URL('../fixtures/real-flows/', import.meta.url);
  for (const file of readdirSync(realDir).filter((f) => f.endsWith('.json'))) {
    it(`${file}: no unknown type and no unknown event`, () => {
      assert.deepEqual(eventIssues(lintDefinition(JSON.parse(readFileSync(new URL(file, realDir), 'utf8')))), []);
    });
  }
});

describe('widget catalogue: a start-conversation flow file, checked as the action does', () => {
  it('zero errors and warnings; a wrong-case event is reported at file, line and widget, with did-you-mean', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-widgets-'));
    const states = (failedEvent: string) => [
      '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingRequest", "next": "start_chat"}], "properties": {"offset": {"x": 0, "y": 0}}}',
      '{"name": "start_chat", "type": "start-conversation", "transitions": [{"event": "created", "next": "ask"}, ' +
        `{"event": "${failedEvent}"}], "properties": {"conversation_service_sid": "IS00000000000000000000000000000000", ` +
        '"participants": [{"address": "{{flow.data.to}}", "proxy_address": "+15555550100"}], "timers_inactive": "PT1H", "timers_closed": "P1D", "offset": {"x": 0, "y": 200}}}',
      '{"name": "ask", "type": "send-and-wait-for-reply", "transitions": [{"event": "incomingMessage"}, {"event": "timeout"}, {"event": "deliveryFailure"}], ' +
        '"properties": {"body": "Hi {{flow.data.name}}, reply YES", "timeout": "3600", "offset": {"x": 0, "y": 400}}}',
    ];
    const text = (event: string) =>
      `{\n  "initial_state": "Trigger",\n  "states": [\n    ${states(event).join(',\n    ')}\n  ],\n  "flags": {"allow_concurrent_calls": true}\n}\n`;
    const check = async (event: string) => {
      await writeFile(path.join(workspace, 'outbound.json'), text(event));
      const result = await checkFlowFile({
        workspace,
        change: { path: 'outbound.json', status: 'modified' },
        validator: undefined,
        onValidateFailure: () => assert.fail('no Validate'),
      });
      return result.findings;
    };
    assert.deepEqual(await check('failed'), []);
    const findings = await check('Failed');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.rule, f.widget, f.line]),
      [['warning', 'transition-event', 'start_chat', 5]],
    );
    assert.equal(
      findings[0]?.fix,
      'Did you mean "failed"? Studio never follows a transition on an event the widget does not emit.',
    );
  });
});

describe('the widget limit: 2,000 per flow (Studio FAQ)', () => {
  const chain = (count: number) => {
    const states: unknown[] = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w1' }], properties: {} },
    ];
    for (let i = 1; i < count; i++)
      states.push({
        name: `w${i}`,
        type: 'say-play',
        transitions: [{ event: 'audioComplete', ...(i + 1 < count ? { next: `w${i + 1}` } : {}) }],
        properties: { say: 'hi' },
      });
    return { initial_state: 'Trigger', states };
  };

  it('2,000 widgets: no issue at all', () => {
    assert.deepEqual(lintDefinition(chain(2000)), []);
  });

  it('2,001 widgets: one error on "states" naming the limit and the fix', () => {
    assert.deepEqual(lintDefinition(chain(2001)), [
      {
        severity: 'error',
        rule: 'schema',
        pointer: '/states',
        message: "Flow definition: the flow has 2,001 widgets; Twilio's limit is 2,000 widgets per flow (Studio FAQ)",
        fix: 'Move part of the flow into a subflow (Run Subflow widget).',
      },
    ]);
  });
});

describe('the schema check on huge hostile flows', () => {
  it('has no $ref, so ajv checks every widget inline (a $ref made 20,000 broken widgets cost seconds, quadratic)', () => {
    assert.doesNotMatch(JSON.stringify(buildFlowDefinitionSchema()), /"\$ref"/);
  });

  it('20,000 broken widgets: every error of every widget is still found (then summed up per rule)', () => {
    const states: unknown[] = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w1' }], properties: {} },
    ];
    for (let i = 1; i < 20_000; i++)
      states.push({
        name: `w${i}`,
        type: 'send-message',
        transitions: [{ event: 'sent', next: 7 }],
        properties: { offset: { x: 'a', y: i } },
      });
    const issues = schemaIssues({ initial_state: 'Trigger', states });
    const count = (rule: string) => issues.filter((i) => i.rule === rule).length;
    assert.deepEqual([count('schema'), count('required-property'), count('schema-type')], [1, 19_999, 2 * 19_999]);
    assert.equal(
      issues.find((i) => i.widget === 'w19999' && i.rule === 'required-property')?.pointer,
      '/states/19999/properties/body',
    );
  });
});
