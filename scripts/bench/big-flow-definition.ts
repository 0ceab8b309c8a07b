/**
 * The big-flow benchmark's flows: a chain of 2,000 widgets (~1 MB pretty-printed) and the same chain after the
 * change a big pull request makes. Also the input of tests that pin the lint's findings on a big flow.
 */
const LOREM = 'Thank you for calling; your call matters to us';
export const WIDGETS = 2000;

type Edit = { say?: string; drop?: boolean; next?: number; x?: number };

/** A chain of `count` widgets (say, gather, split, set variables), about 500 bytes each pretty-printed. */
function bigDefinition(count: number, edit: (i: number) => Edit = () => ({})): Record<string, unknown> {
  const name = (i: number) => `step_${String(i).padStart(4, '0')}`;
  const states: unknown[] = [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingCall', next: name(0) },
        { event: 'incomingMessage' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
  ];
  for (let i = 0; i < count; i++) {
    const e = edit(i);
    if (e.drop) continue;
    const next = i + 1 < count ? name(e.next ?? i + 1) : undefined;
    const offset = { x: e.x ?? (i % 8) * 250, y: Math.floor(i / 8) * 200 };
    const end = next ? { next } : {};
    switch (i % 4) {
      case 0:
        states.push({
          name: name(i),
          type: 'say-play',
          transitions: [{ event: 'audioComplete', ...end }],
          properties: { offset, voice: 'Polly.Joanna', language: 'en-US', say: e.say ?? `${LOREM} (step ${i}).` },
        });
        break;
      case 1:
        states.push({
          name: name(i),
          type: 'gather-input-on-call',
          transitions: [
            { event: 'keypress', ...end },
            { event: 'speech', ...end },
            { event: 'timeout', ...end },
          ],
          properties: {
            offset,
            voice: 'Polly.Joanna',
            language: 'en-US',
            say: e.say ?? `Press 1 to continue at step ${i}.`,
            number_of_digits: 1,
            timeout: 5,
          },
        });
        break;
      case 2:
        states.push({
          name: name(i),
          type: 'split-based-on',
          transitions: [
            { event: 'noMatch', ...end },
            {
              event: 'match',
              ...end,
              conditions: [
                {
                  friendly_name: `choice ${i}`,
                  arguments: [`{{widgets.${name(i - 1)}.Digits}}`],
                  type: 'equal_to',
                  value: '1',
                },
              ],
            },
          ],
          properties: { offset, input: `{{widgets.${name(i - 1)}.Digits}}` },
        });
        break;
      default:
        states.push({
          name: name(i),
          type: 'set-variables',
          transitions: [{ event: 'next', ...end }],
          properties: {
            offset,
            variables: [{ key: `step_${i}`, value: e.say ?? `{{flow.data.step_${i} | default: 'none'}}` }],
          },
        });
    }
  }
  return {
    description: 'Benchmark: a long chain of widgets',
    states,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

/**
 * The benchmark's two flows: `before` a chain of 2,000 widgets, `after` the change a big pull request makes: texts
 * edited, widgets removed (and bypassed), widgets moved. `after` is the flow linted.
 */
export function benchFlows(): { before: Record<string, unknown>; after: Record<string, unknown> } {
  return {
    before: bigDefinition(WIDGETS),
    after: bigDefinition(WIDGETS, (i) => ({
      ...(i % 100 === 0 ? { say: `Edited text at step ${i}.` } : {}),
      ...(i % 400 === 5 ? { drop: true } : {}),
      ...(i % 400 === 4 ? { next: i + 2 } : {}),
      ...(i % 40 === 7 ? { x: 9999 } : {}),
    })),
  };
}

/** The same chain with 8 widgets: the baseline the 1 MB flow's memory is measured against. */
export function smallFlow(): Record<string, unknown> {
  return bigDefinition(8);
}
