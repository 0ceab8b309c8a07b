/** What a test starts the emulator with (EmulatorOptions) and drives it through (EmulatorHandle). */
import type { EmulatedApi } from './account-routes.ts';
import type { AccountSeed } from './account-seed.ts';
import type { EmulatedAccount } from './account-store.ts';
import type { EmulatorCredentials } from './auth.ts';
import type { Linter } from './definition-check.ts';
import type { FaultKind, FaultLogEntry, FaultOptions, FaultRequest } from './faults.ts';
import type { SeedFlow } from './seed.ts';
import type { FlowStore } from './store.ts';
import type { ValidateAnswerKind, WriteAnswerFault, WriteAnswerKind } from './wrong-answers.ts';

export interface EmulatorOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  credentials: EmulatorCredentials;
  seed?: readonly SeedFlow[];
  /**
   * The account's Serverless services and TaskRouter workspaces (loadAccountSeed reads one from a file); the
   * emulator serves them under /v1/Services and /v1/Workspaces. Default: none (empty lists).
   */
  account?: AccountSeed;
  /** Names where `account` came from in its errors (the seed file); default "EmulatorOptions.account". */
  accountSource?: string;
  /** The definition check Validate/create/update run; default the project's lintDefinition. */
  lint?: Linter;
  /** Clock for date fields; default `new Date()`. */
  now?: () => Date;
  /** Fault injection from the start (latency, rate limits, errors, drops, lost responses); see `handle.faults`. */
  faults?: FaultOptions;
  /** Wrong answers to writes from the start; see `handle.writeAnswer`. */
  writeAnswer?: WriteAnswerFault;
  /** Wrong answers to Validate from the start; see `handle.validateAnswer`. */
  validateAnswer?: ValidateAnswerKind;
}

/** One request the emulator answered. */
export interface RequestLogEntry extends FaultRequest {
  /** Which API the request was for: Studio (/v2/Flows…), Serverless (/v1/Services…) or TaskRouter (/v1/Workspaces…). */
  api: EmulatedApi;
  /** The status answered; for `lost-response` the one that was not delivered; 0 for `drop`. */
  status: number;
  /** The fault injected into this request by `faults`, if any. */
  fault?: FaultKind;
  /** The wrong answer given on purpose (`writeAnswer`, `validateAnswer`), if any. */
  answer?: WriteAnswerKind | ValidateAnswerKind;
}

/** A failure to inject: return one for a request to answer it with that Twilio error instead. */
export type FaultRule = (request: RequestLogEntry) => { status: number; code: number; message: string } | undefined;

export interface EmulatorHandle {
  /** Switchable per test: when set, consulted for every authenticated request before it is served. */
  fault: FaultRule | undefined;
  /**
   * Random faults and latency, switchable at any time; setting it (re)starts its seeded PRNG. Applies after
   * `fault`. Undefined: none.
   */
  faults: FaultOptions | undefined;
  /**
   * Switchable per test: answer successful creates and updates wrongly (empty, `{}`, 204, another flow's SID,
   * the same revision, a redirect, not JSON), with the write applied in the store or not. See wrong-answers.ts.
   */
  writeAnswer: WriteAnswerFault | undefined;
  /** Switchable per test: answer every Validate wrongly (`{"valid": false}`, `{}`, empty, not JSON, a redirect). */
  validateAnswer: ValidateAnswerKind | undefined;
  /** Every fault `faults` injected, in order. Clear with `faultLog.length = 0`. */
  faultLog: FaultLogEntry[];
  /** Base URL to give the client, e.g. http://127.0.0.1:54321. */
  url: string;
  port: number;
  store: FlowStore;
  /** The account built from `options.account`, with every SID (given or derived). */
  account: EmulatedAccount;
  /** Every request, in arrival order. Clear with `requests.length = 0`. */
  requests: RequestLogEntry[];
  close(): Promise<void>;
}
