/**
 * Benchmark: the offline simulator (src/simulate/) on a scenario of 1,000 steps, Studio's step limit: a call
 * loops through a gather (one contact input per turn), a split on the digits, a set-variables counting the turns
 * and a say-play reading them back, every widget with Liquid. The median of N runs, target < 50 ms; each run gets
 * its own copy of the definition, so it parses its templates again (the parse cache is per definition object, and
 * filling it is part of what is timed). The first run
 * (which also loads liquidjs) is reported apart.
 */
import { performance } from 'node:perf_hooks';
import type { FlowDefinition } from '../../src/document/types.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import type { ContactInput, SimulationInput } from '../../src/simulate/types.ts';
import { median, ms, under, type Bench, type BenchResult } from './timing.ts';

const STEPS = 1000;

function loopFlow(): FlowDefinition {
  return {
    description: 'simulator benchmark',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'menu' }], properties: {} },
      {
        name: 'menu',
        type: 'gather-input-on-call',
        transitions: [{ event: 'keypress', next: 'route' }, { event: 'speech' }, { event: 'timeout' }],
        properties: { say: 'Turn {{flow.variables.turn | default: 0}}: press 1 or 2, {{trigger.call.From}}' },
      },
      {
        name: 'route',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: 'count' },
          {
            event: 'match',
            next: 'count',
            conditions: [
              { friendly_name: 'one', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '1' },
            ],
          },
        ],
        properties: { input: '{{widgets.menu.Digits}}' },
      },
      {
        name: 'count',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'tell' }],
        properties: {
          variables: [{ key: 'turn', value: '{{flow.variables.turn | default: 0 | plus: 1}}' }],
        },
      },
      {
        name: 'tell',
        type: 'say-play',
        transitions: [{ event: 'audioComplete', next: 'menu' }],
        properties: {
          say: '{% if widgets.menu.Digits == "1" %}One{% else %}Two{% endif %}, turn {{flow.variables.turn}}',
        },
      },
    ],
  };
}

function scenario(): SimulationInput {
  const inputs: ContactInput[] = Array.from({ length: STEPS / 4 + 1 }, (_, i) => ({
    kind: 'digits',
    digits: i % 2 ? '1' : '2',
  }));
  return {
    definition: loopFlow(),
    trigger: { event: 'incomingCall', parameters: { From: '+15550001111', To: '+15559990000', CallSid: 'CA1' } },
    inputs,
    mocks: {},
    now: '2026-11-30T12:00:00Z',
  };
}

export const benchSimulate: Bench = (options): BenchResult => {
  const input = scenario();
  const notes: string[] = [];
  const timed = () => {
    const fresh = { ...input, definition: structuredClone(input.definition) };
    const start = performance.now();
    const result = simulate(fresh);
    return { wall: performance.now() - start, result };
  };
  const first = timed();
  const end = first.result.end;
  if (end.kind !== 'limit' || end.limit !== 'steps' || first.result.steps.length !== STEPS)
    notes.push(
      `simulate: the scenario did not run ${STEPS} steps (${first.result.steps.length}, end ${JSON.stringify(end)})`,
    );
  const walls = Array.from({ length: options.runs }, () => timed().wall);
  const value = median(walls);
  notes.push(
    `simulate: ${first.result.steps.length} steps, ${first.result.outputs.length} outputs; first run ${ms(first.wall)} ` +
      `(loads liquidjs), then the median of ${options.runs} runs`,
  );
  return {
    rows: [
      under({
        name: `simulate ${STEPS} steps (median)`,
        measured: `${value.toFixed(1)} ms`,
        value,
        limit: 50,
        target: '< 50 ms',
      }),
    ],
    notes,
  };
};
