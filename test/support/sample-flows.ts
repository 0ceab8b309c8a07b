/** Flow definitions and a deterministic test linter shared by the studio and emulator tests. */
import type { LintIssue } from '../../src/document/types.ts';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'test-auth-token-s3cr3t';
export const API_KEY = { sid: 'SK0123456789abcdef0123456789abcdef', secret: 'test-api-key-secret-v4lue' };
export const CREDENTIALS = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeys: [API_KEY] };

/** A small valid flow: trigger → send-message. `text` lets tests make distinct definitions. */
export function sampleDefinition(text = 'Hello {{flow.data.name}}'): Record<string, unknown> {
  return {
    description: 'Sample flow',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingMessage', next: 'greet' }],
        properties: { offset: { x: 0, y: 0 } },
      },
      { name: 'greet', type: 'send-message', transitions: [{ event: 'sent' }], properties: { body: text } },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

/** The sample flow with a transition to a widget that does not exist (at /states/0/transitions/0/next). */
export function brokenDefinition(): Record<string, unknown> {
  const definition = sampleDefinition();
  const states = definition.states as Array<{ transitions: Array<{ next?: string }> }>;
  states[0]!.transitions[0]!.next = 'nowhere';
  return definition;
}

/**
 * Stand-in for the real lint (the shared one is being written concurrently): an error for each transition
 * to a missing widget, a warning for a missing description. Deterministic, so tests can assert exact output.
 */
export function testLint(definition: unknown): LintIssue[] {
  const issues: LintIssue[] = [];
  const def = definition as { states?: unknown; description?: unknown } | null;
  if (def === null || typeof def !== 'object' || !Array.isArray(def.states)) {
    return [
      { severity: 'error', rule: 'schema', message: 'A flow definition needs a states array', pointer: '/states' },
    ];
  }
  const states = def.states as Array<{ name?: string; transitions?: Array<{ next?: string | null }> }>;
  const names = new Set(states.map((state) => state.name));
  states.forEach((state, i) => {
    (state.transitions ?? []).forEach((transition, j) => {
      if (transition.next && !names.has(transition.next)) {
        issues.push({
          severity: 'error',
          rule: 'transition-target',
          message: `Widget ${state.name} transitions to ${transition.next}, which does not exist`,
          pointer: `/states/${i}/transitions/${j}/next`,
          widget: state.name,
        });
      }
    });
  });
  if (typeof def.description !== 'string') {
    issues.push({
      severity: 'warning',
      rule: 'description',
      message: 'The flow has no description',
      pointer: '/description',
    });
  }
  return issues;
}
