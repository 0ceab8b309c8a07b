/** What the expectation checks share: the scenario, what the simulator was given and did, and where nodes are. */
import type { Position } from '../document/types.ts';
import type { SimulationInput, SimulationResult } from '../simulate/types.ts';
import type { RawScenario } from './model.ts';
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

export function placed(j: Judged, failure: Failure, segments: Segments, at?: 'key'): ScenarioFailure {
  return { ...failure, ...j.locate(segments, at) };
}
