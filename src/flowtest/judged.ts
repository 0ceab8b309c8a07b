/**
 * What the expectation checks share: the scenario, what the simulator was given and did, where nodes are, and
 * plain-text words for what the simulation did (how a step went on, how the execution ended).
 */
import type { Position } from '../document/types.ts';
import type { SimEnd, SimStep, SimulationInput, SimulationResult } from '../simulate/types.ts';
import type { RawScenario } from './model.ts';
import { clip, name } from './text.ts';
import type { ScenarioFailure } from './types.ts';

export type Segments = readonly (string | number)[];

export interface Judged {
  scenario: RawScenario;
  input: SimulationInput;
  result: SimulationResult;
  /** The place of a node of this scenario (segments below the scenario), or of its key. */
  locate: (segments: Segments, at?: 'key' | 'value') => Position;
}

/** A failure before it is placed in the file. */
export type Failure = Omit<ScenarioFailure, 'line' | 'column'>;

/** Characters of `expected`/`actual` kept (a sent text can be 60,000 characters). */
const MAX_VALUE = 1000;

/** The failure at the node of the scenario at `segments`, its expected and actual values cut. */
export function placed(j: Judged, failure: Failure, segments: Segments, at?: 'key'): ScenarioFailure {
  const values = {
    ...(failure.expected === undefined ? {} : { expected: clip(failure.expected, MAX_VALUE) }),
    ...(failure.actual === undefined ? {} : { actual: clip(failure.actual, MAX_VALUE) }),
  };
  return { ...failure, ...values, ...j.locate(segments, at) };
}

/** How a step led on: `split \`route\` matched condition "2"`, `\`lookup\` emitted failed`. */
export function howStepWent(step: SimStep): string {
  if (step.type === 'split-based-on') {
    const on = step.splitInput === undefined ? '' : ` on input ${JSON.stringify(clip(step.splitInput, 80))}`;
    return step.condition !== undefined
      ? `split ${name(step.widget)} matched condition ${name(step.condition)}${on}`
      : `split ${name(step.widget)} matched no condition${on}`;
  }
  const how = step.mock !== undefined ? ` (mock ${step.mock + 1})` : step.input !== undefined ? ' (contact input)' : '';
  return `${name(step.widget)} emitted ${step.event === undefined ? 'no event' : name(step.event)}${how}`;
}

/** The simulator's own words, cut, without a closing full stop (our sentence goes on). */
function sentence(message: string): string {
  return clip(message, 300).replace(/\.$/, '');
}

/** How the execution ended, as a clause: "ended at `x` (event `e` has no next widget)". */
export function endText(end: SimEnd): string {
  switch (end.kind) {
    case 'ended':
      return `ended at ${name(end.widget)} (its ${name(end.event)} transition has no next widget)`;
    case 'waiting':
      return `is waiting at ${name(end.widget)} with no contact input left`;
    case 'unsupported':
      return `stopped at ${name(end.widget)} (${end.type}), which is not simulated: ${sentence(end.message)}`;
    case 'limit':
      return end.limit === 'steps'
        ? `stopped at ${name(end.widget)}: Studio's limit of ${end.count} steps per execution`
        : `stopped at ${name(end.widget)}: it ran ${end.count} times in a row, Studio's limit`;
    case 'error':
      return `stopped at ${name(end.widget)}: ${sentence(end.message)}`;
  }
}

/** Whether the end is abnormal: a limit, a widget not simulated, or an error. */
export function stoppedAbnormally(end: SimEnd): end is Extract<SimEnd, { kind: 'unsupported' | 'limit' | 'error' }> {
  return end.kind === 'unsupported' || end.kind === 'limit' || end.kind === 'error';
}
