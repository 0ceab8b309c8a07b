/**
 * Fault injection for the emulator: latency on every request, and for a share of authenticated requests a
 * rate limit, a server error, a dropped connection, or a lost response (the request is applied, then the
 * connection is closed without an answer). Decisions come from a seeded PRNG, so a run is reproducible:
 * the n-th request that may get a fault always gets the same decision for the same seed.
 */
import { EmulatorHttpError, ErrorCodes } from './twilio-error.ts';

export type FaultKind = 'rate-limit' | 'error' | 'drop' | 'lost-response';

export const FAULT_KINDS: readonly FaultKind[] = ['rate-limit', 'error', 'drop', 'lost-response'];

/** A request as fault injection sees it (the server's log entry of it extends this, so faults.ts needs no server.ts). */
export interface FaultRequest {
  /** studio, serverless or taskrouter (set on every request the server sees; `match` can pick one API). */
  api?: 'studio' | 'serverless' | 'taskrouter';
  method: string;
  /** Path without query, e.g. /v2/Flows/FW.../Revisions. */
  path: string;
  query: Record<string, string>;
  /** Form body params. */
  params: Record<string, string>;
}

export interface FaultOptions {
  /** Milliseconds added before answering every request (authenticated or not). Default 0. */
  latencyMs?: number;
  /** Probability (0..1) that an authenticated request gets a fault. Default 0. */
  share?: number;
  /** Faults to pick from, equally likely. Default all four. */
  kinds?: readonly FaultKind[];
  /** The Retry-After header (seconds) of a rate-limit answer. Default 1. */
  retryAfterSeconds?: number;
  /** PRNG seed; the same seed gives the same sequence of decisions. Default: random. */
  seed?: number;
  /** Only requests it accepts may get a fault (latency still applies to all). */
  match?: (request: FaultRequest) => boolean;
}

/** One fault the emulator injected. */
export interface FaultLogEntry {
  kind: FaultKind;
  method: string;
  path: string;
}

/** What the server does with a request that got a fault. */
export type FaultDecision =
  | { kind: 'rate-limit'; error: EmulatorHttpError; retryAfterSeconds: number }
  | { kind: 'error'; error: EmulatorHttpError }
  | { kind: 'drop' }
  | { kind: 'lost-response' };

/** mulberry32: a small, fast, seedable PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Check options (clear errors for bad values) and return them with defaults filled in. */
export function checkFaultOptions(
  options: FaultOptions,
): Required<Omit<FaultOptions, 'match' | 'seed'>> & Pick<FaultOptions, 'match' | 'seed'> {
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`Fault option latencyMs must be a number of milliseconds of at least 0, got ${latencyMs}`);
  const share = options.share ?? 0;
  if (!(share >= 0 && share <= 1)) throw new Error(`Fault option share must be a number from 0 to 1, got ${share}`);
  const kinds = options.kinds ?? FAULT_KINDS;
  if (kinds.length === 0) throw new Error(`Fault option kinds must name at least one of ${FAULT_KINDS.join(', ')}`);
  for (const kind of kinds) {
    if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind "${kind}": use ${FAULT_KINDS.join(', ')}`);
  }
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
    throw new Error(
      `Fault option retryAfterSeconds must be a whole number of seconds of at least 0, got ${retryAfterSeconds}`,
    );
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed))
    throw new Error(`Fault option seed must be an integer, got ${options.seed}`);
  return { ...options, latencyMs, share, kinds, retryAfterSeconds };
}

/** Decides per request; holds the PRNG of one `FaultOptions` value. */
export class FaultInjector {
  readonly options: ReturnType<typeof checkFaultOptions>;
  readonly #random: () => number;

  constructor(options: FaultOptions) {
    this.options = checkFaultOptions(options);
    this.#random = seededRandom(this.options.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** The fault for an authenticated request, if it gets one. Draws the PRNG the same way for every request. */
  decide(request: FaultRequest): FaultDecision | undefined {
    const { share, kinds, match, retryAfterSeconds } = this.options;
    if (share <= 0 || (match && !match(request))) return undefined;
    const roll = this.#random();
    const pick = this.#random();
    const variant = this.#random();
    if (roll >= share) return undefined;
    const kind = kinds[Math.min(kinds.length - 1, Math.floor(pick * kinds.length))] as FaultKind;
    switch (kind) {
      case 'rate-limit':
        return {
          kind,
          retryAfterSeconds,
          error: new EmulatorHttpError({ status: 429, code: ErrorCodes.tooManyRequests, message: 'Too Many Requests' }),
        };
      case 'error':
        return {
          kind,
          error:
            variant < 0.5
              ? new EmulatorHttpError({ status: 500, code: ErrorCodes.internal, message: 'Internal Server Error' })
              : new EmulatorHttpError({ status: 503, code: ErrorCodes.unavailable, message: 'Service Unavailable' }),
        };
      default:
        return { kind };
    }
  }
}
