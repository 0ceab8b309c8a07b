/**
 * Flows for the pinned lint findings (lint-pinned.test.ts): one that hits each Liquid and split rule, and random
 * flows from a seed (a small PRNG, so the same seed builds the same flow on every machine and Node version).
 */

import { prng } from '../support/prng.ts';

const NAMES = ['menu', 'Menu', 'ask_zip', 'ask_zipp', 'set_vars', 'check', 'send_1', 'send_2', 'hours', 'x', 'é_w'];
const KEYS = ['zip', 'zipp', 'count', 'lang', 'a/b', 'c~d'];
const PIECES = [
  (w: string) => `{{widgets.${w}.Digits}}`,
  (w: string) => `{{ widgets.${w}.inbound.Body | upcase }}`,
  (w: string) => `{{widgets["${w}"].parsed.items[0]}}`,
  (w: string) => `{% if widgets.${w}.Digits %}yes{% endif %}`,
  (w: string) => `{{ widgets.${w}.x | default: 'n' }}`,
  (_: string, k: string) => `{{flow.variables.${k}}}`,
  (_: string, k: string) => `{{ flow.variables["${k}"] | append: flow.data.y }}`,
  (_: string, k: string) => `{% unless flow.variables.${k} %}none{% endunless %}`,
  (w: string) => `{% for i in widgets.${w}.parsed.list %}{{ i }}{% endfor %}`,
  () => '{{ trigger.message.Body }} {{contact.channel.address}}',
  () => 'Hi {{ flow.data.n | plus 1 }}',
  () => 'Hi {% if flow.data.vip %}dear',
  () => '{{ unterminated',
  () => 'plain text { } }}',
  () => '<b>{{widgets["<i>\n::error::x"].y}}</b>',
];
const TYPES = ['send-message', 'set-variables', 'split-based-on', 'gather-input-on-call', 'say-play'];
const EVENTS: Record<string, string[]> = {
  'send-message': ['sent', 'failed'],
  'set-variables': ['next'],
  'split-based-on': ['noMatch', 'match', 'match'],
  'gather-input-on-call': ['keypress', 'speech', 'timeout'],
  'say-play': ['audioComplete'],
};
const CONDITIONS = [
  { type: 'equal_to', value: '1' },
  { type: 'equal_to', value: 'yes' },
  { type: 'greater_than', value: 'ten' },
  { type: 'less_than', value: '5' },
  { type: 'regex', value: '.*' },
  { type: 'matches_any_of', value: '1,2,#' },
];

/** A random flow: 3–24 widgets with templates and transitions among names that exist or nearly do. */
export function randomFlow(seed: number): Record<string, unknown> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const count = 2 + Math.floor(random() * 22);
  const names = Array.from({ length: count }, (_, i) => (random() < 0.6 ? `${pick(NAMES)}` : `w${i}`));
  const text = () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(PIECES)(pick(NAMES), pick(KEYS))).join(' ');
  const target = () => (random() < 0.85 ? pick(names) : `${pick(names)}_gone`);
  const states: Record<string, unknown>[] = [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage', next: names[0] },
        { event: 'incomingCall', next: target() },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
  ];
  for (const name of names) {
    const type = pick(TYPES);
    const events = EVENTS[type] as string[];
    const transitions = events.map((event) => ({
      event,
      ...(random() < 0.8 ? { next: target() } : {}),
      ...(event === 'match' ? { conditions: [{ friendly_name: 'c', arguments: [text()], ...pick(CONDITIONS) }] } : {}),
    }));
    const properties: Record<string, unknown> = { offset: { x: 0, y: 0 } };
    if (type === 'set-variables')
      properties['variables'] = Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
        key: pick(KEYS),
        value: text(),
      }));
    else if (type === 'split-based-on') properties['input'] = `{{widgets.${pick(names)}.Digits}}`;
    else properties[type === 'send-message' ? 'body' : 'say'] = text();
    if (random() < 0.2) properties['attributes'] = JSON.stringify({ a: text(), nested: [text()] });
    states.push({ name, type, transitions, properties });
  }
  return { description: `random ${seed}`, states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true } };
}

/** One flow with a finding of each Liquid and split rule, and texts each rule must leave alone. */
export function liquidZoo(): Record<string, unknown> {
  const send = (name: string, body: string, next?: string) => ({
    name,
    type: 'send-message',
    transitions: [{ event: 'sent', ...(next ? { next } : {}) }, { event: 'failed' }],
    properties: { body, offset: { x: 0, y: 0 } },
  });
  return {
    description: 'zoo',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [
          { event: 'incomingMessage', next: 'ask' },
          { event: 'incomingCall', next: 'menu' },
        ],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'ask',
        type: 'send-and-wait-for-reply',
        transitions: [
          { event: 'incomingMessage', next: 'vars' },
          { event: 'timeout', next: 'split' },
        ],
        properties: { body: 'Zip?', timeout: '3600', offset: { x: 0, y: 0 } },
      },
      {
        name: 'vars',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'split' }],
        properties: { variables: [{ key: 'zip', value: '{{widgets.ask.inbound.Body}}' }], offset: { x: 0, y: 0 } },
      },
      {
        name: 'menu',
        type: 'gather-input-on-call',
        transitions: [
          { event: 'keypress', next: 'split' },
          { event: 'timeout', next: 'split' },
        ],
        properties: { say: 'Press {{ flow.data.key | default: 1 }}', offset: { x: 0, y: 0 } },
      },
      {
        name: 'split',
        type: 'split-based-on',
        properties: { input: '{{widgets.menu.Digits}}', offset: { x: 0, y: 0 } },
        transitions: [
          { event: 'noMatch', next: 'end' },
          ...[
            ['equal_to', 'yes'],
            ['equal_to', '1'],
            ['equal_to', '1'],
            ['greater_than', 'ten'],
            ['regex', '.*'],
            ['less_than', '5'],
          ].map(([type, value]) => ({
            event: 'match',
            next: 'end',
            conditions: [{ friendly_name: 'c', arguments: ['{{widgets.menu.Digits}}'], type, value }],
          })),
        ],
      },
      send(
        'end',
        [
          '{{widgets.ask.inbound.Body}} {{widgets.Ask.x}} {{widgets.deleted_long_ago.x}} {{widgets.menu.Digits}}',
          '{{flow.variables.zipp}} {{flow.variables.other}} {% if widgets.ask.x %}{{widgets.ask.x}}{% endif %}',
          "{{ widgets.menu.x | default: 'none' }} {{ widgets['a/b~c'].x }} {% raw %}{{widgets.nope}}{% endraw %}",
        ].join('\n'),
        'broken',
      ),
      {
        ...send('broken', 'Hi {% if flow.data.vip %}dear', 'big'),
        properties: {
          body: 'Hi {% if flow.data.vip %}dear',
          attributes: JSON.stringify({ name: '{{widgets.ennd.x}}', list: ['{{ flow.variables.zip }}', '{{ x'] }),
          'a/b~c': '{{widgets.end.y}}',
          offset: { x: 0, y: 0 },
        },
      },
      send('big', '{{widgets.big.x}} '.repeat(1_001)),
      send('unreached', '{{widgets.ask.x}} {{flow.variables.zip}}'),
    ],
  };
}
