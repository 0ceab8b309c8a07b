/**
 * Flow tests: a YAML file beside a flow (`support.json` → `support.test.yaml` or `support.test.yml`) holding
 * scenarios the offline simulator runs (src/simulate/). The format, documented by the JSON Schema
 * `schema/flow-test.schema.json` and the README:
 *
 *   flow: support.json            # optional; default: this file's name with `.test.yaml` → `.json`
 *   scenarios:
 *     - name: Caller presses 1 and reaches sales
 *       trigger:                  # exactly one of: call | message | conversation | request | parent
 *         call: { From: "+15555550100", To: "+15555550199" }
 *       now: "2026-11-30T09:00:00-05:00"   # optional: the clock of time/date conditions
 *       contact:                  # what the contact does at each wait, in order; `at:` optional, checked
 *         - { press: "1", at: main_menu }   # gather-input-on-call keypress (Digits)
 *         - { say: "sales" }                # gather speech (SpeechResult)
 *         - { reply: "YES" }                # send-and-wait-for-reply reply (inbound.Body)
 *         - { timeout: true }
 *         - { event: deliveryFailure }      # any other event of the wait widget
 *       mocks:                    # per widget: one outcome, or a list for its successive runs
 *         check_hours: { event: success, status: 200, body: { open: true } }
 *         lookup: [{ event: failed, status: 500 }, { body: "ok" }]
 *         call_subflow: { event: completed, outputs: { result: ok } }
 *       expect:                   # every key optional; each checked
 *         path: [Trigger, main_menu, route, sales]   # exact widgets run, in order
 *         visits: [main_menu, sales]                 # in this order, others between allowed
 *         not_visits: [voicemail]
 *         messages: ["Hi Ann", { contains: "order" }, { regex: "^Ref [0-9]+$" }]  # all sent messages, in order
 *         says: ["Welcome"]                          # all say texts, in order (same matchers)
 *         variables: { language: en }                # subset of flow.variables at the end
 *         end: sales                                 # ended after this widget; or { widget: sales, event: callCompleted }
 *         waiting: main_menu                         # or: still waiting here with no contact input left
 *
 * A scenario fails at the first expectation that does not hold, also when a contact input or a mock is left
 * unused, the execution stops on a limit, or meets a widget it cannot simulate.
 */
import type { Finding, Position } from '../document/types.ts';

/** A problem of the test file itself (YAML, schema, a widget or event not in the flow): it fails the check. */
export interface TestFileProblem {
  message: string;
  fix?: string;
  /** In the test file. */
  line?: number;
  column?: number;
}

/** The first expectation that did not hold, placed at its line in the test file. */
export interface ScenarioFailure {
  /** Which expectation (or `input`, `mock`, `limit`, `unsupported`, `error` for how the run stopped). */
  kind:
    | 'path'
    | 'visits'
    | 'not_visits'
    | 'messages'
    | 'says'
    | 'variables'
    | 'end'
    | 'waiting'
    | 'input'
    | 'mock'
    | 'limit'
    | 'unsupported'
    | 'error';
  /** One plain-text sentence: what was expected, what happened, at which step (1-based) and widget. */
  message: string;
  /** 1-based step of the simulation where the difference shows, when there is one. */
  step?: number;
  widget?: string;
  expected?: string;
  actual?: string;
  line: number;
  column: number;
}

export interface ScenarioResult {
  name: string;
  /** The scenario's `name:` line in the test file. */
  at: Position;
  status: 'passed' | 'failed';
  failure?: ScenarioFailure;
  /** Widgets run, in order (the simulation's path). */
  path: string[];
}

/** One transition of the flow that has a `next`: `widget` `event` (for a split match: the condition) → `next`. */
export interface TransitionRef {
  widget: string;
  /** Index in the widget's `transitions`. */
  index: number;
  event: string;
  /** A split condition's friendly_name, for a `match` transition. */
  condition?: string;
  next: string;
}

export interface Coverage {
  /** Every transition of the flow that has a `next`, in definition order. */
  transitions: TransitionRef[];
  /** Per transition (same order): did any scenario take it? */
  taken: boolean[];
}

/** The tests of one flow file: its test file's scenarios run against the flow's checked definition. */
export interface FlowTestRun {
  /** The flow file (relative to the workspace). */
  flowPath: string;
  /** The test file (relative to the workspace). */
  testPath: string;
  problems: TestFileProblem[];
  scenarios: ScenarioResult[];
  coverage: Coverage;
  /** Wall time of the whole run, ms (for JUnit's `time`). */
  durationMs: number;
}

/** A test file's problems and failed scenarios as findings of the flow (severity error, source `test`). */
export type FlowTestFindings = (run: FlowTestRun) => Finding[];
