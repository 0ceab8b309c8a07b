/**
 * src/studio/retry.ts beyond the flows of retry.ts's tests: options refused with a message that names them,
 * the exact log line of each retry (the operator reads it to know whether a write may have landed), what
 * each failure says in it, the counts in `stats`, and that neither a throwing log callback nor a failing
 * landed-check makes a write be sent again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  StudioApiError,
  StudioDeadlineError,
  StudioNetworkError,
  StudioTimeoutError,
  StudioUnconfirmedWriteError,
} from '../../src/studio/errors.ts';
import { RetryPolicy, shortReason, type RetryCall } from '../../src/studio/retry.ts';
import type { RetryEvent, RetryOptions } from '../../src/studio/types.ts';

const api = (status: number, extra: { code?: number | null; retryAfter?: string; twilio?: string } = {}) =>
  new StudioApiError({
    status,
    code: extra.code === undefined ? status * 100 : extra.code,
    message: `Twilio Studio POST /v2/Flows failed with HTTP ${status}`,
    ...(extra.twilio === undefined ? {} : { twilioMessage: extra.twilio }),
    moreInfo: null,
    details: null,
    method: 'POST',
    path: '/v2/Flows',
    retryAfter: extra.retryAfter ?? null,
  });
const reset = () =>
  new StudioNetworkError({
    method: 'POST',
    path: '/v2/Flows',
    cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  });

/** A fake clock; sleeping moves it. */
function tuning(extra: RetryOptions = {}): RetryOptions & { clock: { now: number } } {
  const clock = { now: 1000 };
  return { clock, sleep: async (ms) => void (clock.now += ms), now: () => clock.now, random: () => 0.5, ...extra };
}
function call<T>(errors: unknown[], value: T, extra: Partial<RetryCall<T>> = {}): RetryCall<T> & { attempts: number } {
  const c = {
    method: 'POST',
    path: '/v2/Flows',
    idempotent: false,
    attempts: 0,
    attempt: async () => {
      const e = errors[c.attempts++];
      if (e !== undefined) throw e;
      return value;
    },
    ...extra,
  };
  return c;
}

describe('options', () => {
  it('a bad option is refused, naming it and what it got', () => {
    const refused = (options: ConstructorParameters<typeof RetryPolicy>[0], message: string) =>
      assert.throws(() => new RetryPolicy(options), { message });
    refused({ retry: { maxAttempts: 0 } }, 'Retry option maxAttempts must be a whole number of at least 1, got 0');
    refused({ retry: { maxAttempts: 1.5 } }, 'Retry option maxAttempts must be a whole number of at least 1, got 1.5');
    refused({ retry: { baseDelayMs: -1 } }, 'Retry option baseDelayMs must be a number of at least 0, got -1');
    refused({ retry: { maxDelayMs: Number.NaN } }, 'Retry option maxDelayMs must be a number of at least 0, got NaN');
    refused({ deadlineMs: -5 }, 'Retry option deadlineMs must be a number of at least 0, got -5');
    assert.throws(() => new RetryPolicy().extendDeadline(-1), {
      message: 'Retry option ms must be a number of at least 0, got -1',
    });
  });

  it('defaults: 6 attempts, no deadline; retry: false is one attempt; 0 delays are allowed', () => {
    assert.equal(new RetryPolicy().maxAttempts, 6);
    assert.equal(new RetryPolicy().remainingMs(), Infinity);
    assert.equal(new RetryPolicy({ retry: false }).maxAttempts, 1);
    assert.equal(new RetryPolicy({ retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }).maxAttempts, 1);
    const t = tuning();
    const policy = new RetryPolicy({ retry: t, deadlineMs: 0 });
    assert.equal(policy.remainingMs(), 0);
  });

  it('extendDeadline gives at least that much from now, never less than what is left', () => {
    const t = tuning();
    const policy = new RetryPolicy({ retry: t, deadlineMs: 10_000 });
    policy.extendDeadline(5_000);
    assert.equal(policy.remainingMs(), 10_000);
    t.clock.now += 8_000;
    policy.extendDeadline(5_000);
    assert.equal(policy.remainingMs(), 5_000);
  });
});

describe('what a retry says', () => {
  it('shortReason: each kind of failure without the method and path', () => {
    assert.equal(shortReason(api(503, { code: null })), 'HTTP 503');
    assert.equal(shortReason(api(503, { code: 20503, twilio: 'Service down' })), 'HTTP 503, error 20503: Service down');
    assert.equal(shortReason(api(429)), 'HTTP 429, error 42900');
    assert.equal(shortReason(reset()), 'no HTTP answer: socket hang up');
    assert.equal(
      shortReason(new StudioNetworkError({ method: 'GET', path: '/', cause: 'EOF' })),
      'no HTTP answer: EOF',
    );
    const timeout = new StudioTimeoutError({ method: 'GET', path: '/', cause: new Error('t'), timeoutMs: 2500 });
    assert.equal(shortReason(timeout), "no answer within 2.5 s (input 'request-timeout')");
    assert.equal(shortReason(new Error('bug')), 'bug');
    assert.equal(shortReason('text'), 'text');
  });

  it('the log line names the API, the call, the wait, Retry-After, the landed check and the attempts', async () => {
    const events: RetryEvent[] = [];
    const policy = new RetryPolicy({
      retry: tuning({ maxAttempts: 3 }),
      onRetry: (e) => events.push(e),
      label: 'Twilio Serverless',
    });
    const landedChecks: string[] = [];
    const c = call([api(429, { code: 20429, retryAfter: '2' }), reset()], 'ok', {
      what: 'update of flow "Sales"',
      landed: async () => (landedChecks.push('checked'), undefined),
    });
    assert.equal(await policy.run(c), 'ok');
    assert.deepEqual(
      events.map((e) => [e.type, e.reason, e.attempt, e.maxAttempts, e.delayMs, e.method, e.path, e.message]),
      [
        [
          'retry',
          'rate-limit',
          1,
          3,
          2000,
          'POST',
          '/v2/Flows',
          'Retrying Twilio Serverless POST /v2/Flows (update of flow "Sales") in 2 s as Retry-After asks (attempt 2 of 3); attempt 1 failed: HTTP 429, error 20429',
        ],
        [
          'retry',
          'network',
          2,
          3,
          250,
          'POST',
          '/v2/Flows',
          'Retrying Twilio Serverless POST /v2/Flows (update of flow "Sales") in 0.25 s, unless the failed attempt was applied after all (attempt 3 of 3); attempt 2 failed: no HTTP answer: socket hang up',
        ],
      ],
    );
    assert.deepEqual(landedChecks, ['checked'], 'checked after the reset only');
    assert.deepEqual(policy.stats, {
      requests: 0,
      retries: { 'rate-limit': 1, 'server-error': 0, network: 1, timeout: 0 },
      ambiguousWrites: 1,
      ambiguousWritesLanded: 0,
    });
  });

  it('a write found applied is not sent again: the landed line, the counts, the found value', async () => {
    const events: RetryEvent[] = [];
    const policy = new RetryPolicy({ retry: tuning(), onRetry: (e) => events.push(e) });
    const c = call([api(502, { code: null })], 'sent again', {
      landed: async () => ({ value: 'found', note: 'revision 7 holds it' }),
    });
    assert.equal(await policy.run(c), 'found');
    assert.equal(c.attempts, 1);
    assert.deepEqual(events.at(-1), {
      type: 'landed',
      reason: 'server-error',
      method: 'POST',
      path: '/v2/Flows',
      attempt: 1,
      maxAttempts: 6,
      delayMs: 0,
      message:
        'Twilio Studio POST /v2/Flows was applied although attempt 1 failed (HTTP 502): revision 7 holds it. Not sent again.',
    });
    assert.equal(policy.stats.ambiguousWrites, 1);
    assert.equal(policy.stats.ambiguousWritesLanded, 1);
    assert.equal(policy.stats.retries['server-error'], 0);
  });

  it('a throwing log callback changes nothing', async () => {
    const policy = new RetryPolicy({
      retry: tuning(),
      onRetry: () => {
        throw new Error('log down');
      },
    });
    assert.equal(await policy.run(call([api(503)], 'ok', { idempotent: true })), 'ok');
  });
});

describe('when the landed check fails', () => {
  it('the write is not sent again: an unconfirmed-write error carrying the flow, or the deadline as it is', async () => {
    const failing = new RetryPolicy({ retry: tuning() });
    const c = call([reset()], 'ok', {
      sid: 'FW1',
      what: 'update',
      landed: async () => {
        throw new Error('lookup 500');
      },
    });
    await assert.rejects(failing.run(c), (e: unknown) => e instanceof StudioUnconfirmedWriteError && e.sid === 'FW1');
    assert.equal(c.attempts, 1);
    const noSid = call([reset()], 'ok', {
      landed: async () => {
        throw new Error('lookup 500');
      },
    });
    await assert.rejects(
      new RetryPolicy({ retry: tuning() }).run(noSid),
      (e: unknown) => e instanceof StudioUnconfirmedWriteError && e.sid === undefined,
    );
    const deadline = new StudioDeadlineError({ method: 'GET', path: '/x', budgetMs: 1 });
    const late = call([reset()], 'ok', {
      landed: async () => {
        throw deadline;
      },
    });
    await assert.rejects(new RetryPolicy({ retry: tuning() }).run(late), (e: unknown) => e === deadline);
  });
});

describe('the deadline', () => {
  it('one ms left still makes an attempt; none left makes none and says which call', async () => {
    const t = tuning();
    const policy = new RetryPolicy({ retry: t, deadlineMs: 1 });
    assert.equal(await policy.run(call([], 'ok')), 'ok');
    t.clock.now += 1;
    const c = call([], 'ok', { what: 'create of flow "A"' });
    await assert.rejects(
      policy.run(c),
      (e: unknown) => e instanceof StudioDeadlineError && /create of flow "A"/.test(e.message),
    );
    assert.equal(c.attempts, 0);
  });

  it('a wait as long as what is left is not started: the deadline error, with the last failure', async () => {
    const policy = new RetryPolicy({ retry: tuning(), deadlineMs: 2_000 });
    const c = call([api(429, { code: 20429, retryAfter: '2' })], 'ok', { idempotent: true });
    await assert.rejects(
      policy.run(c),
      (e: unknown) =>
        e instanceof StudioDeadlineError &&
        /HTTP 429/.test(e.message) &&
        /Studio asked to wait 2 s \(Retry-After\), longer than the 2 s left/.test(e.message),
    );
    assert.equal(c.attempts, 1);
  });

  it('a failure that used up the deadline stops it, and says the limit is spent, not that Studio asked to wait', async () => {
    const t = tuning();
    const policy = new RetryPolicy({ retry: t, deadlineMs: 500 });
    const slow: RetryCall<string> = {
      method: 'POST',
      path: '/v2/Flows',
      idempotent: true,
      attempt: async () => {
        t.clock.now += 500;
        throw api(429, { code: 20429, retryAfter: '1' });
      },
    };
    await assert.rejects(policy.run(slow), {
      message:
        "Stopped retrying Twilio Studio POST /v2/Flows: the 0.5 s time limit of all Twilio Studio work in this run (input 'timeout') is spent. The last attempt failed: Twilio Studio POST /v2/Flows failed with HTTP 429",
    });
    const backoff = new RetryPolicy({ retry: tuning({ baseDelayMs: 1_000, random: () => 0.999 }), deadlineMs: 900 });
    await assert.rejects(backoff.run(call([api(503)], 'ok', { idempotent: true })), (e: unknown) => {
      assert.ok(e instanceof StudioDeadlineError);
      assert.match(e.message, /time limit .* is spent/);
      assert.doesNotMatch(e.message, /asked to wait/);
      return true;
    });
  });

  it('with one ms left after a failure, a retry that needs no wait is still made', async () => {
    const t = tuning();
    const policy = new RetryPolicy({ retry: t, deadlineMs: 10 });
    let attempts = 0;
    const c: RetryCall<string> = {
      method: 'GET',
      path: '/v2/Flows',
      idempotent: true,
      attempt: async () => {
        attempts += 1;
        if (attempts > 1) return 'ok';
        t.clock.now += 9;
        throw api(429, { code: 20429, retryAfter: '0' });
      },
    };
    assert.equal(await policy.run(c), 'ok');
  });

  it('an extended deadline counts in the limit the error names', async () => {
    const t = tuning();
    const policy = new RetryPolicy({ retry: t, deadlineMs: 1_000 });
    t.clock.now += 1_000;
    policy.extendDeadline(4_000);
    t.clock.now += 4_000;
    await assert.rejects(
      policy.run(call([], 'ok')),
      (e: unknown) => e instanceof StudioDeadlineError && e.budgetMs === 5_000,
    );
  });
});

describe('attempts', () => {
  it('each attempt is told whether an earlier one failed ambiguously; a rate limit is not ambiguous', async () => {
    const seen: unknown[] = [];
    const errors = [api(429, { code: 20429 }), reset(), api(429, { code: 20429 })];
    const policy = new RetryPolicy({ retry: tuning() });
    const c: RetryCall<string> = {
      method: 'GET',
      path: '/v2/Flows',
      idempotent: true,
      attempt: async (context) => {
        seen.push([context.attempt, context.afterAmbiguous]);
        const e = errors[seen.length - 1];
        if (e) throw e;
        return 'ok';
      },
    };
    assert.equal(await policy.run(c), 'ok');
    assert.deepEqual(seen, [
      [1, false],
      [2, false],
      [3, true],
      [4, true],
    ]);
  });

  it('an idempotent call is simply sent again after an ambiguous failure: its landed check is not asked', async () => {
    let asked = 0;
    const c = call([reset()], 'ok', { idempotent: true, landed: async () => (asked++, undefined) });
    assert.equal(await new RetryPolicy({ retry: tuning() }).run(c), 'ok');
    assert.equal(asked, 0);
    assert.equal(c.attempts, 2);
  });

  it('without an injected sleep, the wait is real', async () => {
    const policy = new RetryPolicy({ retry: { random: () => 0 } });
    const started = performance.now();
    assert.equal(
      await policy.run(call([api(429, { code: 20429, retryAfter: '0.06' })], 'ok', { idempotent: true })),
      'ok',
    );
    assert.ok(performance.now() - started >= 50, 'waited Retry-After');
  });
});
