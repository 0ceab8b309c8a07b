/** Runs one execution of a flow offline (contract: ./types.ts). */
import type { SimulationInput, SimulationResult } from './types.ts';

export function simulate(_input: SimulationInput): SimulationResult {
  throw new Error('not implemented yet (issue 15, part A)');
}
