/** `lint` on flows using the newer Studio widgets: no false warning, and a near-miss event reported with its fix. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeWorkspace } from '../support/run-action.ts';
import { runCli } from './run-cli.ts';

/** An outbound flow: REST trigger → Start Conversation → Send & Wait; `failedEvent` is the second event's name. */
function outboundFlow(failedEvent: string): string {
  const states = [
    '{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingRequest", "next": "start_chat"}], "properties": {"offset": {"x": 0, "y": 0}}}',
    '{"name": "start_chat", "type": "start-conversation", "transitions": [{"event": "created", "next": "ask"}, ' +
      `{"event": ${JSON.stringify(failedEvent)}}], "properties": {"conversation_service_sid": "IS00000000000000000000000000000000", ` +
      '"participants": [{"address": "{{flow.data.to}}", "proxy_address": "+15555550100"}], "timers_inactive": "PT1H", "offset": {"x": 0, "y": 200}}}',
    '{"name": "ask", "type": "send-and-wait-for-reply", "transitions": [{"event": "incomingMessage", "next": "pay"}, {"event": "timeout"}, {"event": "deliveryFailure"}], ' +
      '"properties": {"body": "Reply YES", "timeout": "3600", "offset": {"x": 0, "y": 400}}}',
    '{"name": "pay", "type": "capture-payments", "transitions": [{"event": "success"}, {"event": "maxFailedAttempts"}, {"event": "providerError"}, ' +
      '{"event": "payInterrupted"}, {"event": "hangup"}, {"event": "validationError"}], "properties": {"payment_amount": "10.00", "offset": {"x": 0, "y": 600}}}',
  ];
  return `{\n  "friendly_name": "Outbound",\n  "definition": {\n    "initial_state": "Trigger",\n    "flags": {"allow_concurrent_calls": true},\n    "states": [\n      ${states.join(',\n      ')}\n    ]\n  }\n}\n`;
}

describe('studio-flow-ci lint: newer widget types', () => {
  test('start-conversation and capture-payments with their real events: no warning, exit 0 even with --fail-on warning', async () => {
    const workspace = await makeWorkspace({ 'flows/outbound.json': outboundFlow('failed') });
    const run = await runCli(['lint', '--workspace', workspace, '--fail-on', 'warning']);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /unknown widget type|: warning: /);
    assert.match(run.stderr, /^flows\/outbound\.json: 0 error\(s\), 0 warning\(s\), Validate: offline$/m);
  });

  test('a wrong-case event on start-conversation: a warning at file:line:column naming the widget, with did-you-mean', async () => {
    const workspace = await makeWorkspace({ 'flows/outbound.json': outboundFlow('Failed') });
    const run = await runCli(['lint', '--workspace', workspace, '--fail-on', 'warning']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /^flows\/outbound\.json:8:\d+: warning: Widget "start_chat" \(start-conversation\): "Failed" is not an event this widget type emits/m,
    );
    assert.match(run.stderr, /Did you mean "failed"\?/);
  });

  test('a hostile event (a workflow command after a newline) on capture-payments: one warning, the command never starts a line', async () => {
    const hostile = outboundFlow('failed').replace(
      '{"event": "hangup"}',
      JSON.stringify({ event: 'hangup\n::error::pwned' }),
    );
    const run = await runCli([
      'lint',
      '--workspace',
      await makeWorkspace({ 'flows/outbound.json': hostile }),
      '--fail-on',
      'warning',
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr.match(/: warning: /g)?.length, 1, run.stderr);
    assert.match(run.stderr, /^flows\/outbound\.json:10:\d+: warning: Widget "pay" \(capture-payments\): "hangup/m);
    assert.doesNotMatch(`${run.stdout}\n${run.stderr}`, /^::error::pwned/m);
  });
});
