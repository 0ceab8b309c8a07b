/** What the expectation checks share: the scenario, what the simulator was given and did, and where nodes are. */
import type { Position } from '../document/types.ts';
import type { SimulationInput, SimulationResult } from '../simulate/types.ts';
import type { RawScenario } from './model.ts';
import { clip } from './text.ts';
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
