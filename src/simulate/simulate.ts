/**
 * Runs one execution of a flow offline (contract: ./types.ts; the loop: ./run.ts). Never throws: whatever the
 * definition or the test holds, the result's end says how the execution stopped.
 */
import { run } from './run.ts';
import type { SimulationInput, SimulationResult } from './types.ts';

export function simulate(input: SimulationInput): SimulationResult {
  try {
    return run(input);
  } catch (error) {
    // A defect of the simulator itself, or an input of a shape the types rule out (e.g. from untyped JSON).
    const first = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').slice(0, 200);
    return {
      steps: [],
      end: { kind: 'error', widget: '', message: `the simulator could not run this flow: ${first}` },
      outputs: [],
      variables: {},
      consumed: 0,
      mocksUsed: {},
    };
  }
}
