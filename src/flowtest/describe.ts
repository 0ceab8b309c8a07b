/** Plain-text words for what the simulation did: how a step went on, how the execution ended. */
import type { SimEnd, SimStep } from '../simulate/types.ts';
import { clip, name } from './text.ts';

/** How a step led on: `split \`route\` matched condition "2"`, `\`lookup\` emitted failed`. */
export function howStepWent(step: SimStep): string {
  if (step.type === 'split-based-on')
    return step.condition !== undefined
      ? `split ${name(step.widget)} matched condition ${name(step.condition)}`
      : `split ${name(step.widget)} matched no condition`;
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
