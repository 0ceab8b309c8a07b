/** The Studio client's retry policy: unit tests with an injected clock, then real faults from the emulator. */
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { Agent } from 'undici';
import type { EmulatorHandle, RequestLogEntry } from '../../src/emulator/server.ts';
import { StudioClient } from '../../src/studio/client.ts';
import {
  StudioApiError,
  StudioDeadlineError,
  StudioNetworkError,
  StudioTimeoutError,
  StudioUnconfirmedWriteError,
} from '../../src/studio/errors.ts';
import {
  backoffDelay,
  classifyFailure,
  DEFAULT_RETRY,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  RetryPolicy,
} from '../../src/studio/retry.ts';
import type { RetryCall } from '../../src/studio/retry.ts';
import type { RetryEvent, RetryOptions } from '../../src/studio/types.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

function apiError(status: number, options: { code?: number | null; retryAfter?: string } = {}): StudioApiError {
  return new StudioApiError({
    status,
    code: options.code === undefined ? status * 100 : options.code,
    message: `Twilio Studio GET /v2/Flows failed with HTTP ${status}`,
    moreInfo: null,
    details: null,
    method: 'GET',
    path: '/v2/Flows',
    retryAfter: options.retryAfter ?? null,
  });
}

function networkError(code: string): StudioNetworkError {
  return new StudioNetworkError({
    method: 'POST',
    path: '/v2/Flows',
    cause: Object.assign(new Error(`socket trouble ${code}`), { code }),
  });
}

function timeoutError(): StudioTimeoutError {
  const cause = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
  return new StudioTimeoutError({ method: 'GET', path: '/v2/Flows', cause, timeoutMs: 30_000 });
}

/** A fake clock: sleeping moves it forward and records the delay. */
function clock() {
  let now = 0;
  const delays: number[] = [];
  return {
    delays,
    advance: (ms: number) => (now += ms),
    tuning: (extra: RetryOptions = {}): RetryOptions => ({
      sleep: async (ms) => {
        delays.push(ms);
        now += ms;
      },
      now: () => now,
      random: () => 0.5,
      ...extra,
    }),
  };
}

/** A call that fails with `errors` in turn, then returns 'ok'; counts its attempts. */
function scripted(errors: unknown[], extra: Partial<RetryCall<string>> = {}): RetryCall<string> & { attempts: number } {
  const call = {
    method: 'GET',
    path: '/v2/Flows',
    idempotent: true,
    attempts: 0,
    attempt: async () => {
      const error = errors[call.attempts];
      call.attempts += 1;
      if (error !== undefined) throw error;
      return 'ok';
    },
    ...extra,
  };
  return call;
}

describe('backoff and Retry-After', () => {
  it('full jitter stays in [0, min(cap, base * 2^(n-1))) and the cap holds', (t: TestContext) => {
    const options = { baseDelayMs: 250, maxDelayMs: 8_000 };
    const ceilings = [250, 500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000];
    ceilings.forEach((ceiling, i) => {
      t.assert.equal(
        backoffDelay(i + 1, options, () => 0),
        0,
      );
      t.assert.equal(
        backoffDelay(i + 1, options, () => 0.999_999),
        Math.floor(0.999_999 * ceiling),
      );
      for (let k = 0; k < 50; k += 1) {
        const delay = backoffDelay(i + 1, options, Math.random);
        t.assert.ok(delay >= 0 && delay < ceiling, `retry ${i + 1}: ${delay} not in [0, ${ceiling})`);
      }
    });
  });

  it('a 503 without Retry-After is tried 6 times with the jittered delays, then its error is thrown', async (t: TestContext) => {
    const c = clock();
    const error = apiError(503);
    const call = scripted(Array(10).fill(error));
    const policy = new RetryPolicy({ retry: c.tuning() });
    t.assert.equal(await policy.run(call).catch((e: unknown) => e), error);
    t.assert.equal(call.attempts, DEFAULT_RETRY.maxAttempts);
    t.assert.deepEqual(c.delays, [125, 250, 500, 1_000, 2_000], 'random 0.5 gives half of each ceiling');
    t.assert.deepEqual(policy.stats.retries, { 'rate-limit': 0, 'server-error': 5, network: 0, timeout: 0 });
  });

  it('Retry-After is honoured as seconds or as an HTTP date', async (t: TestContext) => {
    const c = clock();
    const call = scripted([apiError(429, { code: 20429, retryAfter: '2' }), apiError(503, { retryAfter: '1' })]);
    t.assert.equal(await new RetryPolicy({ retry: c.tuning() }).run(call), 'ok');
    t.assert.deepEqual(c.delays, [2_000, 1_000]);
    const now = Date.parse('2026-11-23T10:00:00Z');
    t.assert.equal(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now), 5_000);
    t.assert.equal(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now), 0);
    t.assert.equal(parseRetryAfter('soon', now), undefined);
    t.assert.equal(parseRetryAfter(null, now), undefined);
  });
});

describe('what is retried', () => {
  it('429, 500, 502, 503, 504, resets, refusals and timeouts are; 400, 401, 403, 404 and 20003 are not', (t: TestContext) => {
    const verdict = (error: unknown) => {
      const failure = classifyFailure(error);
      return failure ? `${failure.reason}${failure.ambiguous ? ' (ambiguous)' : ''}` : 'never';
    };
    t.assert.deepEqual(
      {
        400: verdict(apiError(400)),
        401: verdict(apiError(401, { code: 20003 })),
        403: verdict(apiError(403)),
        404: verdict(apiError(404)),
        '20003 on a 500': verdict(apiError(500, { code: 20003 })),
        429: verdict(apiError(429, { code: 20429 })),
        500: verdict(apiError(500)),
        502: verdict(apiError(502, { code: null })),
        503: verdict(apiError(503)),
        504: verdict(apiError(504)),
        ECONNRESET: verdict(networkError('ECONNRESET')),
        UND_ERR_SOCKET: verdict(networkError('UND_ERR_SOCKET')),
        ECONNREFUSED: verdict(networkError('ECONNREFUSED')),
        ENOTFOUND: verdict(networkError('ENOTFOUND')),
        timeout: verdict(timeoutError()),
        'plain Error': verdict(new Error('bug')),
      },
      {
        400: 'never',
        401: 'never',
        403: 'never',
        404: 'never',
        '20003 on a 500': 'never',
        429: 'rate-limit',
        500: 'server-error (ambiguous)',
        502: 'server-error (ambiguous)',
        503: 'server-error (ambiguous)',
        504: 'server-error (ambiguous)',
        ECONNRESET: 'network (ambiguous)',
        UND_ERR_SOCKET: 'network (ambiguous)',
        ECONNREFUSED: 'network',
        ENOTFOUND: 'never',
        timeout: 'timeout (ambiguous)',
        'plain Error': 'never',
      },
    );
  });

  it('a write without a landed check is retried after a 429 or a refusal, never after an ambiguous failure', async (t: TestContext) => {
    const c = clock();
    const write = { method: 'POST', idempotent: false };
    t.assert.equal(
      await new RetryPolicy({ retry: c.tuning() }).run(
        scripted([apiError(429, { code: 20429 }), networkError('ECONNREFUSED')], write),
      ),
      'ok',
    );
    for (const ambiguous of [apiError(500), networkError('ECONNRESET'), timeoutError()]) {
      const call = scripted([ambiguous], write);
      t.assert.equal(await new RetryPolicy({ retry: c.tuning() }).run(call).catch((e: unknown) => e), ambiguous);
      t.assert.equal(call.attempts, 1);
    }
  });

  it('after an ambiguous failure a write is looked up first: applied means no second attempt', async (t: TestContext) => {
    const c = clock();
    const events: RetryEvent[] = [];
    let looked = 0;
    const applied = scripted([networkError('UND_ERR_SOCKET')], {
      method: 'POST',
      idempotent: false,
      landed: async () => ((looked += 1), { value: 'found', note: 'it is there' }),
    });
    const policy = new RetryPolicy({ retry: c.tuning(), onRetry: (e) => events.push(e) });
    t.assert.equal(await policy.run(applied), 'found');
    t.assert.deepEqual([applied.attempts, looked], [1, 1]);
    t.assert.deepEqual(
      events.map((e) => [e.type, e.reason, e.attempt]),
      [
        ['retry', 'network', 1],
        ['landed', 'network', 1],
      ],
    );
    t.assert.match(
      events[1]?.message ?? '',
      /^Twilio Studio POST \/v2\/Flows was applied although attempt 1 failed \(no HTTP answer: socket trouble UND_ERR_SOCKET\): it is there\. Not sent again\.$/,
    );
    t.assert.deepEqual(
      [policy.stats.ambiguousWrites, policy.stats.ambiguousWritesLanded, policy.stats.retries.network],
      [1, 1, 0],
    );

    const notApplied = scripted([apiError(503)], { method: 'POST', idempotent: false, landed: async () => undefined });
    t.assert.equal(await policy.run(notApplied), 'ok');
    t.assert.equal(notApplied.attempts, 2);
    t.assert.deepEqual(
      [policy.stats.ambiguousWrites, policy.stats.ambiguousWritesLanded, policy.stats.retries['server-error']],
      [2, 1, 1],
    );
  });

  it('when the lookup fails too, the write is not sent again and the error says it may have been applied', async (t: TestContext) => {
    const c = clock();
    const call = scripted([apiError(500)], {
      method: 'POST',
      path: '/v2/Flows/FW1',
      what: 'update flow "Sales"',
      idempotent: false,
      landed: async () => Promise.reject(apiError(403)),
    });
    const error = await new RetryPolicy({ retry: c.tuning() }).run(call).catch((e: unknown) => e);
    t.assert.ok(error instanceof StudioUnconfirmedWriteError);
    t.assert.match(
      error.message,
      /^Twilio Studio POST \/v2\/Flows\/FW1 \(update flow "Sales"\) may or may not have been applied: .* It was not sent again;/,
    );
    t.assert.equal(call.attempts, 1);
  });

  it('retry: false makes one attempt', async (t: TestContext) => {
    const call = scripted([apiError(503)]);
    await t.assert.rejects(new RetryPolicy({ retry: false }).run(call), StudioApiError);
    t.assert.equal(call.attempts, 1);
  });
});

describe('the overall deadline', () => {
  it('stops instead of waiting past it, naming the input timeout and the call', async (t: TestContext) => {
    const c = clock();
    const policy = new RetryPolicy({ retry: c.tuning(), deadlineMs: 10_000 });
    const call = scripted([apiError(503), apiError(429, { code: 20429, retryAfter: '30' })], {
      method: 'POST',
      path: '/v2/Flows/Validate',
      what: 'validate "Sales"',
    });
    const error = await policy.run(call).catch((e: unknown) => e);
    t.assert.ok(error instanceof StudioDeadlineError);
    t.assert.equal(
      error.message,
      'Stopped retrying Twilio Studio POST /v2/Flows/Validate (validate "Sales"): Studio asked to wait 30 s (Retry-After), longer than the ' +
        "9.88 s left of the 10 s time limit of all Twilio Studio work in this run (input 'timeout'). The last attempt failed: " +
        'Twilio Studio GET /v2/Flows failed with HTTP 429',
    );
    t.assert.deepEqual(c.delays, [125], 'the 30 s Retry-After was not waited');
    t.assert.equal(call.attempts, 2);
  });

  it('Retry-After: 99999 is waited at most MAX_RETRY_AFTER_MS, then retried: it never declares the budget spent by itself', async (t: TestContext) => {
    const c = clock();
    const policy = new RetryPolicy({ retry: c.tuning(), deadlineMs: 600_000 });
    const call = scripted([apiError(429, { code: 20429, retryAfter: '99999' })]);
    c.advance(1_000);
    t.assert.equal(await policy.run(call), 'ok');
    t.assert.deepEqual(c.delays, [MAX_RETRY_AFTER_MS]);
    t.assert.equal(MAX_RETRY_AFTER_MS, 120_000);
  });

  it('a capped Retry-After longer than what is left: the message says what Studio asked, not that the budget is spent', async (t: TestContext) => {
    const c = clock();
    const policy = new RetryPolicy({ retry: c.tuning(), deadlineMs: 60_000 });
    c.advance(1_000);
    const error = await policy
      .run(scripted([apiError(429, { code: 20429, retryAfter: '99999' })]))
      .catch((e: unknown) => e);
    t.assert.ok(error instanceof StudioDeadlineError);
    t.assert.match(
      error.message,
      /Studio asked to wait 99999 s \(Retry-After\), longer than the 59 s left of the 60 s time limit/,
    );
    t.assert.doesNotMatch(error.message, /is spent/);
    t.assert.deepEqual(c.delays, []);
  });

  it('once spent, no new attempt starts', async (t: TestContext) => {
    const c = clock();
    const policy = new RetryPolicy({ retry: c.tuning(), deadlineMs: 1_000 });
    c.advance(1_000);
    const call = scripted([]);
    const error = await policy.run(call).catch((e: unknown) => e);
    t.assert.ok(error instanceof StudioDeadlineError);
    t.assert.match(
      error.message,
      /^Stopped before Twilio Studio GET \/v2\/Flows: the 1 s time limit .*\(input 'timeout'\) is spent\.$/,
    );
    t.assert.equal(call.attempts, 0);
  });

  it('extendDeadline gives a rollback its grace once the limit is spent, and never shortens it', async (t: TestContext) => {
    const c = clock();
    const policy = new RetryPolicy({ retry: c.tuning(), deadlineMs: 1_000 });
    policy.extendDeadline(10);
    t.assert.equal(policy.remainingMs(), 1_000, 'a shorter extension changes nothing');
    c.advance(1_500);
    policy.extendDeadline(120_000);
    t.assert.equal(policy.remainingMs(), 120_000);
    const call = scripted([]);
    await policy.run(call);
    t.assert.equal(call.attempts, 1);
  });
});

describe('retries against the emulator', () => {
  const agent = new Agent();
  let emulator: EmulatorHandle;
  const delays: number[] = [];
  const events: RetryEvent[] = [];
  const noWait: RetryOptions = { sleep: async (ms) => void delays.push(ms) };

  function client(overrides: Partial<ConstructorParameters<typeof StudioClient>[0]> = {}): StudioClient {
    return new StudioClient({
      baseUrl: emulator.url,
      username: ACCOUNT_SID,
      password: AUTH_TOKEN,
      dispatcher: agent,
      retry: noWait,
      onRetry: (e) => events.push(e),
      ...overrides,
    });
  }
  /** Fault only the first `count` requests that `pick` accepts. */
  function firstOf(count: number, pick: (r: Pick<RequestLogEntry, 'method' | 'path'>) => boolean) {
    let seen = 0;
    return (r: Pick<RequestLogEntry, 'method' | 'path'>) => pick(r) && (seen += 1) <= count;
  }
  const isUpdate = (sid: string) => (r: Pick<RequestLogEntry, 'method' | 'path'>) =>
    r.method === 'POST' && r.path === `/v2/Flows/${sid}`;
  const sent = (method: string, path: string) =>
    emulator.requests.filter((r) => r.method === method && r.path === path).length;

  function seedFlow(name: string, text: string, commitMessage: string | null = 'seed') {
    return emulator.store.create({
      friendlyName: name,
      definition: sampleDefinition(text),
      status: 'published',
      commitMessage,
      valid: true,
      errors: [],
      warnings: [],
    });
  }

  useTestEmulator(
    agent,
    (e) => (emulator = e),
    () => {
      delays.length = 0;
      events.length = 0;
    },
  );

  it('a lost-response update is found applied: exactly one new revision, returned as the result', async (t: TestContext) => {
    const flow = seedFlow('Sales', 'old');
    emulator.faults = { share: 1, kinds: ['lost-response'], match: firstOf(1, isUpdate(flow.sid)) };
    const api = client();
    const updated = await api.updateFlow(flow.sid, {
      friendlyName: 'Sales',
      status: 'published',
      definition: sampleDefinition('new'),
      commitMessage: 'abc',
    });
    t.assert.deepEqual(emulator.faultLog, [{ kind: 'lost-response', method: 'POST', path: `/v2/Flows/${flow.sid}` }]);
    t.assert.deepEqual(
      flow.revisions.map((r) => [r.revision, r.commitMessage]),
      [
        [1, 'seed'],
        [2, 'abc'],
      ],
    );
    t.assert.deepEqual(
      [updated.revision, updated.commitMessage, updated.definition],
      [2, 'abc', sampleDefinition('new')],
    );
    t.assert.equal(sent('POST', `/v2/Flows/${flow.sid}`), 1, 'the update was not sent again');
    t.assert.deepEqual(api.stats, {
      requests: 2,
      retries: { 'rate-limit': 0, 'server-error': 0, network: 0, timeout: 0 },
      ambiguousWrites: 1,
      ambiguousWritesLanded: 1,
    });
    t.assert.deepEqual(
      events.map((e) => e.type),
      ['retry', 'landed'],
    );
    for (const e of events)
      t.assert.ok(
        !e.message.includes(AUTH_TOKEN) &&
          !e.message.includes(Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')),
      );
  });

  it('a lost-response create makes exactly one flow, even next to a same-named flow with another definition', async (t: TestContext) => {
    const other = seedFlow('Support', 'someone else');
    emulator.faults = {
      share: 1,
      kinds: ['lost-response'],
      match: firstOf(1, (r) => r.method === 'POST' && r.path === '/v2/Flows'),
    };
    const api = client();
    const created = await api.createFlow({
      friendlyName: 'Support',
      status: 'published',
      definition: sampleDefinition('ours'),
      commitMessage: 'abc',
    });
    const named = emulator.store.list().filter((f) => f.revisions.at(-1)?.friendlyName === 'Support');
    t.assert.equal(named.length, 2, 'the other flow and ours: no duplicate');
    t.assert.notEqual(created.sid, other.sid);
    t.assert.deepEqual(
      [created.revision, created.commitMessage, created.definition],
      [1, 'abc', sampleDefinition('ours')],
    );
    t.assert.equal(sent('POST', '/v2/Flows'), 1);
    t.assert.deepEqual([api.stats.ambiguousWrites, api.stats.ambiguousWritesLanded], [1, 1]);
  });

  it('a dropped write was not applied: it is sent again and lands once', async (t: TestContext) => {
    const flow = seedFlow('Billing', 'old');
    emulator.faults = { share: 1, kinds: ['drop'], match: firstOf(1, isUpdate(flow.sid)) };
    const api = client();
    const updated = await api.updateFlow(flow.sid, {
      status: 'published',
      definition: sampleDefinition('new'),
      commitMessage: 'abc',
    });
    t.assert.deepEqual(
      emulator.faultLog.map((f) => f.kind),
      ['drop'],
    );
    t.assert.equal(sent('POST', `/v2/Flows/${flow.sid}`), 2);
    t.assert.deepEqual(
      flow.revisions.map((r) => r.commitMessage),
      ['seed', 'abc'],
    );
    t.assert.equal(updated.revision, 2);
    t.assert.deepEqual(
      [api.stats.ambiguousWrites, api.stats.ambiguousWritesLanded, api.stats.retries.network],
      [1, 0, 1],
    );
  });

  it('a dropped create is sent again and makes one flow; a lost DELETE ends on 404 as done', async (t: TestContext) => {
    emulator.faults = {
      share: 1,
      kinds: ['drop'],
      match: firstOf(1, (r) => r.method === 'POST' && r.path === '/v2/Flows'),
    };
    const api = client();
    const created = await api.createFlow({
      friendlyName: 'New',
      status: 'draft',
      definition: sampleDefinition(),
      commitMessage: 'abc',
    });
    t.assert.equal(emulator.store.list().length, 1);
    t.assert.equal(sent('POST', '/v2/Flows'), 2);

    emulator.faults = { share: 1, kinds: ['lost-response'], match: firstOf(1, (r) => r.method === 'DELETE') };
    await api.deleteFlow(created.sid);
    t.assert.equal(emulator.store.list().length, 0);
    t.assert.deepEqual(
      emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status),
      [204, 404],
    );
  });

  it('a 429 waits what Retry-After says, then succeeds; a 500/503 on Validate is retried', async (t: TestContext) => {
    seedFlow('A', 'a');
    emulator.faults = {
      share: 1,
      kinds: ['rate-limit'],
      retryAfterSeconds: 1,
      match: firstOf(1, (r) => r.method === 'GET'),
    };
    const api = client();
    t.assert.deepEqual(
      (await api.listFlows()).map((f) => f.friendlyName),
      ['A'],
    );
    t.assert.deepEqual(delays, [1_000]);
    t.assert.deepEqual(
      emulator.requests.map((r) => [r.status, r.fault]),
      [
        [429, 'rate-limit'],
        [200, undefined],
      ],
    );
    t.assert.match(
      events[0]?.message ?? '',
      /^Retrying Twilio Studio GET \/v2\/Flows\?PageSize=1000 in 1 s as Retry-After asks \(attempt 2 of 6\); attempt 1 failed: HTTP 429, error 20429: Too Many Requests$/,
    );

    emulator.faults = {
      share: 1,
      kinds: ['error'],
      seed: 7,
      match: firstOf(3, (r) => r.path === '/v2/Flows/Validate'),
    };
    t.assert.deepEqual(await api.validateFlow({ friendlyName: 'A', status: 'draft', definition: sampleDefinition() }), {
      valid: true,
    });
    t.assert.equal(emulator.faultLog.filter((f) => f.kind === 'error').length, 3);
    t.assert.equal(api.stats.retries['server-error'], 3);
  });

  it('an answer slower than timeoutMs gives the request-timeout message; the deadline caps an attempt', async (t: TestContext) => {
    seedFlow('Slow', 'x');
    emulator.faults = { latencyMs: 1_000 };
    const error = await client({ timeoutMs: 100 })
      .listFlows()
      .catch((e: unknown) => e);
    t.assert.ok(error instanceof StudioTimeoutError, String(error));
    t.assert.equal(
      error.message,
      "Twilio Studio did not answer GET /v2/Flows?PageSize=1000 within 0.1 s, the time limit of one request (input 'request-timeout')",
    );
    t.assert.equal(delays.length, DEFAULT_RETRY.maxAttempts - 1, 'timeouts are retried');

    const budget = await client({ timeoutMs: 10_000, deadlineMs: 150 })
      .listFlows()
      .catch((e: unknown) => e);
    t.assert.ok(budget instanceof StudioDeadlineError, String(budget));
    t.assert.match(
      budget.message,
      /^Stopped retrying Twilio Studio GET \/v2\/Flows\?PageSize=1000: the 0\.15 s time limit of all Twilio Studio work in this run \(input 'timeout'\) is spent\. The last attempt failed: Twilio Studio did not answer/,
    );
  });

  it('bad credentials are never retried', async (t: TestContext) => {
    const api = client({ password: 'wrong-secret-value' });
    await t.assert.rejects(api.listFlows(), (e: unknown) => e instanceof StudioApiError && e.code === 20003);
    t.assert.equal(emulator.requests.length, 1);
    t.assert.deepEqual(api.stats.requests, 1);
  });
});
