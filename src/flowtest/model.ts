/** The shapes of a test file once it conforms to the schema (schema.ts), as YAML gives them. */
import type { TriggerKey } from './schema.ts';

export type Matcher = string | { contains: string } | { regex: string };

export type RawInput = { at?: string } & {
  press?: string | number;
  say?: string | number | boolean;
  confidence?: number;
  reply?: string | number | boolean;
  timeout?: true;
  event?: string;
  outputs?: Record<string, unknown>;
};

export interface RawMock {
  event?: string;
  status?: number;
  body?: unknown;
  content_type?: string;
  outputs?: Record<string, unknown>;
}

export interface RawExpect {
  path?: string[];
  visits?: string[];
  not_visits?: string[];
  messages?: Matcher[];
  says?: Matcher[];
  variables?: Record<string, Matcher | number | boolean | null>;
  end?: string | { widget: string; event?: string };
  waiting?: string;
}

export interface RawScenario {
  name: string;
  trigger: TriggerKey | Partial<Record<TriggerKey, Record<string, unknown> | null>>;
  now?: string;
  contact?: RawInput[];
  mocks?: Record<string, RawMock | RawMock[]>;
  expect?: RawExpect;
}

export interface RawTestFile {
  flow?: string;
  scenarios: RawScenario[];
}
