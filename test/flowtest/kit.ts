/** A small flow with both channels, an HTTP request, variables and loops, and temporary workspaces to test it in. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runFlowTests } from '../../src/flowtest/api.ts';
import type { FlowTestRun } from '../../src/flowtest/types.ts';

const t = (event: string, next?: string) => (next === undefined ? { event } : { event, next });
const match = (next: string, name: string, arg: string, value: string) => ({
  event: 'match',
  next,
  conditions: [{ friendly_name: name, arguments: [arg], type: 'equal_to', value }],
});

/** Trigger: message → greet, call → menu, request → lookup; no incomingParent transition at all. */
export const FLOW = {
  description: 'flow-test fixture',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        t('incomingMessage', 'greet'),
        t('incomingCall', 'menu'),
        t('incomingConversationMessage'),
        t('incomingRequest', 'lookup'),
      ],
      properties: {},
    },
    {
      name: 'greet',
      type: 'send-and-wait-for-reply',
      transitions: [t('incomingMessage', 'check_reply'), t('timeout', 'bye'), t('deliveryFailure')],
      properties: { body: 'Hi {{trigger.message.From}}! Reply YES to continue', timeout: '3600' },
    },
    {
      name: 'check_reply',
      type: 'split-based-on',
      transitions: [t('noMatch', 'greet'), match('lookup', 'yes', '{{widgets.greet.inbound.Body}}', 'YES')],
      properties: { input: '{{widgets.greet.inbound.Body}}' },
    },
    {
      name: 'lookup',
      type: 'make-http-request',
      transitions: [t('success', 'save'), t('failed', 'sorry')],
      properties: { method: 'GET', url: 'https://example.invalid/orders' },
    },
    {
      name: 'save',
      type: 'set-variables',
      transitions: [t('next', 'confirm')],
      properties: { variables: [{ key: 'status', value: '{{widgets.lookup.parsed.status}}' }] },
    },
    {
      name: 'confirm',
      type: 'send-message',
      transitions: [t('sent'), t('failed')],
      properties: { body: 'Your order is {{flow.variables.status}}' },
    },
    {
      name: 'sorry',
      type: 'send-message',
      transitions: [t('sent'), t('failed')],
      properties: { body: 'Sorry, try later' },
    },
    { name: 'bye', type: 'send-message', transitions: [t('sent'), t('failed')], properties: { body: 'Bye' } },
    {
      name: 'menu',
      type: 'gather-input-on-call',
      transitions: [t('keypress', 'route'), t('speech', 'route'), t('timeout', 'menu')],
      properties: { say: 'Welcome. Press 1 for an agent.', timeout: 5 },
    },
    {
      name: 'route',
      type: 'split-based-on',
      transitions: [t('noMatch', 'menu'), match('agent', 'agent', '{{widgets.menu.Digits}}', '1')],
      properties: { input: '{{widgets.menu.Digits}}' },
    },
    {
      name: 'agent',
      type: 'connect-call-to',
      transitions: [t('callCompleted'), t('hangup')],
      properties: { noun: 'number', to: '+15555550123' },
    },
  ],
};

/** A fresh workspace holding `flows/shop.json` and the given files (text or bytes), by workspace-relative path. */
export async function workspace(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'flowtest-'));
  await mkdir(path.join(root, 'flows'));
  await writeFile(path.join(root, 'flows', 'shop.json'), JSON.stringify({ definition: FLOW }, null, 2));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  return root;
}

/** Runs `flows/shop.test.yaml` holding `yaml` against FLOW (or `definition`); the run must exist. */
export async function runYaml(yaml: string, definition: unknown = FLOW): Promise<FlowTestRun> {
  const root = await workspace({ 'flows/shop.test.yaml': yaml });
  const run = await runFlowTests({ workspace: root, flowPath: 'flows/shop.json', definition });
  if (!run) throw new Error('expected a test run');
  return run;
}

/** The 1-based line of the first line of `yaml` containing `text` (to place expectations without counting). */
export function lineOf(yaml: string, text: string, from = 0): number {
  const lines = yaml.split('\n');
  const index = lines.findIndex((line, i) => i >= from && line.includes(text));
  if (index < 0) throw new Error(`no line holds ${text}`);
  return index + 1;
}
