/** Transition coverage: every transition of the flow that has a `next`, and whether any scenario took it. */
import type { FlowDefinition } from '../document/types.ts';
import type { SimulationResult } from '../simulate/types.ts';
import type { Coverage, TransitionRef } from './types.ts';

function conditionName(transition: Record<string, unknown>): string | undefined {
  const conditions = transition['conditions'];
  const first: unknown = Array.isArray(conditions) ? conditions[0] : undefined;
  const label =
    first !== null && typeof first === 'object' ? (first as Record<string, unknown>)['friendly_name'] : undefined;
  return typeof label === 'string' ? label : undefined;
}

/** The transitions with a `next`, in definition order. */
export function transitionsOf(definition: FlowDefinition): TransitionRef[] {
  const refs: TransitionRef[] = [];
  for (const state of Array.isArray(definition.states) ? definition.states : []) {
    if (state === null || typeof state !== 'object' || !Array.isArray(state.transitions)) continue;
    state.transitions.forEach((t, index) => {
      if (t === null || typeof t !== 'object' || typeof t.next !== 'string' || t.next === '') return;
      const condition = t.event === 'match' ? conditionName(t) : undefined;
      refs.push({
        widget: String(state.name),
        index,
        event: String(t.event),
        ...(condition === undefined ? {} : { condition }),
        next: t.next,
      });
    });
  }
  return refs;
}

/** Which of the flow's transitions the runs took. */
export function coverageOf(definition: FlowDefinition, runs: readonly SimulationResult[]): Coverage {
  const transitions = transitionsOf(definition);
  const taken = new Set<string>();
  for (const run of runs)
    for (const step of run.steps)
      if (step.transition !== undefined) taken.add(`${step.widget}\u0000${step.transition}`);
  return { transitions, taken: transitions.map((t) => taken.has(`${t.widget}\u0000${t.index}`)) };
}
