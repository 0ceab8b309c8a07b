/** Shapes shared by the flow-file pipeline: read → parse → lint → validate → report. */

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning';

/** Where a finding came from. */
export type FindingSource = 'read' | 'parse' | 'lint' | 'validate' | 'limit' | 'identity' | 'test';

/**
 * One problem found in one flow file. `pointer` is a JSON pointer into the flow *definition*
 * (not the file) when the problem has a place in it; `line`/`column` are in the file.
 */
export interface Finding {
  severity: Severity;
  source: FindingSource;
  /** Stable rule id, e.g. `transition-target`, `json-syntax`, `studio-validate`. */
  rule: string;
  message: string;
  /** How to fix it, when we can say. */
  fix?: string;
  pointer?: string;
  /** Name of the widget (state) the finding is about, when there is one. */
  widget?: string;
  /** The file `line`/`column` are in when it is not the flow file (a flow test's failure: its test file). */
  file?: string;
  line?: number;
  column?: number;
  /**
   * Twilio Validate's own message, when Validate reported this very place too: one finding names both
   * sources instead of two findings saying the same thing.
   */
  alsoValidate?: string;
}

/** A minimal, typed view of a Studio flow definition (the parts our code reads). */
export interface FlowTransition {
  event: string;
  next?: string | null;
  [key: string]: unknown;
}
export interface FlowState {
  name: string;
  type: string;
  transitions: FlowTransition[];
  properties: Record<string, unknown>;
  [key: string]: unknown;
}
export interface FlowDefinition {
  description?: string;
  states: FlowState[];
  initial_state: string;
  flags?: { allow_concurrent_calls?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

/** An issue the offline lint found; `pointer` is relative to the definition. */
export interface LintIssue {
  severity: Severity;
  rule: string;
  message: string;
  fix?: string;
  pointer: string;
  widget?: string;
  /**
   * For a finding inside a string (a Liquid expression): the offset in the string value (UTF-16 units) and the
   * value the lint read, so the check can place it at its column in the file when the file holds that very text.
   */
  at?: { offset: number; text: string };
}
