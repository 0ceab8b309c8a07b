/** Fault injection in the emulator, seen from raw undici requests; and the emulator CLI's fault flags. */
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { Agent, request } from 'undici';
import { EMULATOR_USAGE, runEmulatorCli } from '../../src/cli/emulator.ts';
import { parseFaultFlags } from '../../src/cli/emulator-flags.ts';
import { seededRandom } from '../../src/emulator/faults.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { ACCOUNT_SID, AUTH_TOKEN, CREDENTIALS, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, any>;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  options: { form?: Record<string, string>; auth?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const res = await request(`${emulator.url}${path}`, {
    method,
    dispatcher: agent,
    headers: {
      authorization: `Basic ${Buffer.from(options.auth ?? `${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
      ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: options.form ? new URLSearchParams(options.form).toString() : undefined,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

const createForm = (name: string) => ({
  FriendlyName: name,
  Status: 'published',
  Definition: JSON.stringify(sampleDefinition()),
  CommitMessage: 'c1',
});
const names = () => emulator.store.list().map((f) => f.revisions.at(-1)?.friendlyName);

useTestEmulator(agent, (e) => (emulator = e));

describe('fault kinds', () => {
  it('rate-limit: 429 with Twilio code 20429 and the Retry-After header', async (t: TestContext) => {
    emulator.faults = { share: 1, kinds: ['rate-limit'], retryAfterSeconds: 3 };
    const answer = await call('GET', '/v2/Flows');
    t.assert.equal(answer.status, 429);
    t.assert.equal(answer.headers['retry-after'], '3');
    t.assert.deepEqual(answer.body, {
      code: 20429,
      message: 'Too Many Requests',
      more_info: 'https://www.twilio.com/docs/errors/20429',
      status: 429,
    });
    t.assert.deepEqual(emulator.faultLog, [{ kind: 'rate-limit', method: 'GET', path: '/v2/Flows' }]);
  });

  it('error: 500 or 503 with Twilio error bodies, and nothing is applied', async (t: TestContext) => {
    emulator.faults = { share: 1, kinds: ['error'], seed: 1 };
    const answers = [];
    for (let i = 0; i < 12; i += 1) answers.push(await call('POST', '/v2/Flows', { form: createForm(`F${i}`) }));
    const seen = new Set(answers.map((a) => `${a.status} ${a.body.code} ${a.body.message}`));
    t.assert.deepEqual([...seen].sort(), ['500 20500 Internal Server Error', '503 20503 Service Unavailable']);
    t.assert.deepEqual(names(), []);
    t.assert.equal(emulator.faultLog.length, 12);
  });

  it('drop: the connection closes unanswered and the request is not applied', async (t: TestContext) => {
    emulator.faults = { share: 1, kinds: ['drop'] };
    await t.assert.rejects(
      call('POST', '/v2/Flows', { form: createForm('Dropped') }),
      (e: any) => e.code === 'UND_ERR_SOCKET' || e.code === 'ECONNRESET',
    );
    t.assert.deepEqual(names(), []);
    t.assert.deepEqual(
      emulator.requests.map((r) => [r.method, r.path, r.status, r.fault]),
      [['POST', '/v2/Flows', 0, 'drop']],
    );
  });

  it('lost-response: the request is applied, then the connection closes unanswered', async (t: TestContext) => {
    emulator.faults = { share: 1, kinds: ['lost-response'] };
    await t.assert.rejects(
      call('POST', '/v2/Flows', { form: createForm('Lost') }),
      (e: any) => e.code === 'UND_ERR_SOCKET' || e.code === 'ECONNRESET',
    );
    t.assert.deepEqual(names(), ['Lost']);
    t.assert.deepEqual(
      emulator.requests.map((r) => [r.status, r.fault]),
      [[201, 'lost-response']],
    );
    emulator.faults = undefined;
    t.assert.equal((await call('GET', '/v2/Flows')).body.flows.length, 1, 'the next connection works');
  });

  it('latency holds every answer back, unauthenticated ones too', async (t: TestContext) => {
    emulator.faults = { latencyMs: 2_000 };
    for (const auth of [`${ACCOUNT_SID}:${AUTH_TOKEN}`, `${ACCOUNT_SID}:wrong`]) {
      await t.assert.rejects(call('GET', '/v2/Flows', { auth, signal: AbortSignal.timeout(50) }), {
        name: 'TimeoutError',
      });
    }
    emulator.faults = { latencyMs: 0 };
    t.assert.equal((await call('GET', '/v2/Flows')).status, 200);
  });

  it('faults hit authenticated requests only, and only those `match` accepts; share 0 injects none', async (t: TestContext) => {
    emulator.faults = { share: 1, kinds: ['rate-limit'] };
    t.assert.equal((await call('GET', '/v2/Flows', { auth: `${ACCOUNT_SID}:wrong` })).status, 401);
    emulator.faults = { share: 1, kinds: ['rate-limit'], match: (r) => r.method === 'POST' };
    t.assert.equal((await call('GET', '/v2/Flows')).status, 200);
    t.assert.equal((await call('POST', '/v2/Flows', { form: createForm('X') })).status, 429);
    emulator.faults = { share: 0 };
    for (let i = 0; i < 5; i += 1) t.assert.equal((await call('GET', '/v2/Flows')).status, 200);
    t.assert.deepEqual(emulator.faultLog, [{ kind: 'rate-limit', method: 'POST', path: '/v2/Flows' }]);
  });

  it('the legacy `fault` rule still works and comes first', async (t: TestContext) => {
    emulator.fault = () => ({ status: 500, code: 20500, message: 'rule' });
    emulator.faults = { share: 1, kinds: ['rate-limit'] };
    try {
      const answer = await call('GET', '/v2/Flows');
      t.assert.deepEqual([answer.status, answer.body.message], [500, 'rule']);
      t.assert.deepEqual(emulator.faultLog, []);
    } finally {
      emulator.fault = undefined;
    }
  });

  it('bad options are refused with the option named', (t: TestContext) => {
    t.assert.throws(() => (emulator.faults = { share: 1.5 }), /share must be a number from 0 to 1, got 1.5/);
    t.assert.throws(
      () => (emulator.faults = { kinds: ['boom' as 'drop'] }),
      /Unknown fault kind "boom": use rate-limit, error, drop, lost-response/,
    );
    t.assert.throws(() => (emulator.faults = { latencyMs: -1 }), /latencyMs must be/);
    t.assert.throws(() => (emulator.faults = { retryAfterSeconds: 1.5 }), /retryAfterSeconds must be a whole number/);
  });
});

describe('seeded faults', () => {
  async function run(seed: number): Promise<string[]> {
    emulator.faults = { share: 0.5, kinds: ['rate-limit', 'error'], seed };
    emulator.faultLog.length = 0;
    const statuses: string[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push(String((await call('GET', `/v2/Flows?Page=${i % 3}`)).status));
    return statuses;
  }

  it('the same seed gives the same faults in the same order; another seed does not', async (t: TestContext) => {
    const first = await run(42);
    const firstLog = [...emulator.faultLog];
    t.assert.deepEqual(await run(42), first);
    t.assert.deepEqual(emulator.faultLog, firstLog);
    t.assert.notDeepEqual(await run(43), first);
    const faults = first.filter((s) => s !== '200').length;
    t.assert.ok(faults > 8 && faults < 32, `about half of 40 requests get a fault, got ${faults}`);
    t.assert.ok(first.includes('429') && (first.includes('500') || first.includes('503')));
  });

  it('faults given to startEmulator apply from the first request', async (t: TestContext) => {
    const own = await startEmulator({
      credentials: CREDENTIALS,
      faults: { share: 1, kinds: ['rate-limit'], retryAfterSeconds: 2, seed: 5 },
    });
    try {
      const res = await request(`${own.url}/v2/Flows`, {
        dispatcher: agent,
        headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` },
      });
      await res.body.text();
      t.assert.deepEqual([res.statusCode, res.headers['retry-after']], [429, '2']);
      t.assert.deepEqual(own.faults?.seed, 5);
      t.assert.equal(own.faultLog.length, 1);
    } finally {
      await own.close();
    }
  });

  it('seededRandom is a deterministic stream in [0, 1)', (t: TestContext) => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    t.assert.deepEqual(
      Array.from({ length: 1000 }, () => b()),
      values,
    );
    t.assert.ok(values.every((v) => v >= 0 && v < 1));
  });
});

describe('emulator CLI fault flags', () => {
  it('--help lists every fault flag', (t: TestContext) => {
    for (const flag of [
      '--latency <ms>',
      '--fault-share <p>',
      '--fault-kinds <list>',
      '--retry-after <s>',
      '--fault-seed <n>',
      'lost-response',
    ]) {
      t.assert.ok(EMULATOR_USAGE.includes(flag), flag);
    }
  });

  it('parses good values and refuses bad ones clearly', async (t: TestContext) => {
    t.assert.deepEqual(
      parseFaultFlags({
        latency: '100',
        'fault-share': '0.3',
        'fault-kinds': 'rate-limit, error,lost-response',
        'retry-after': '1',
        'fault-seed': '42',
      }),
      { latencyMs: 100, share: 0.3, kinds: ['rate-limit', 'error', 'lost-response'], retryAfterSeconds: 1, seed: 42 },
    );
    t.assert.equal(parseFaultFlags({}), undefined);
    const bad: [string[], RegExp][] = [
      [['--latency=-5'], /--latency must be a whole number of milliseconds, 0 or more, got "-5"/],
      [['--latency', 'fast'], /--latency must be a whole number/],
      [['--fault-share', '1.2'], /--fault-share must be a number from 0 to 1 \(e\.g\. 0\.3\), got "1\.2"/],
      [['--fault-share', 'lots'], /--fault-share must be a number from 0 to 1/],
      [
        ['--fault-share', '0.3', '--fault-kinds', 'rate-limit,timeout'],
        /--fault-kinds must be a comma-separated list of rate-limit, error, drop, lost-response; got "rate-limit,timeout"/,
      ],
      [['--fault-share', '0.3', '--fault-kinds', ','], /--fault-kinds must be a comma-separated list/],
      [
        ['--fault-share', '0.3', '--retry-after', '1.5'],
        /--retry-after must be a whole number of seconds, 0 or more, got "1\.5"/,
      ],
      [['--fault-share', '0.3', '--fault-seed', 'x'], /--fault-seed must be an integer, got "x"/],
      [['--fault-kinds', 'drop'], /--fault-kinds, --retry-after and --fault-seed need --fault-share/],
    ];
    for (const [argv, message] of bad) {
      await t.assert.rejects(runEmulatorCli(['--port', '0', ...argv], { log: () => {} }), message, argv.join(' '));
    }
  });

  it('starts an emulator with the faults and says so', async (t: TestContext) => {
    const lines: string[] = [];
    const handle = await runEmulatorCli(
      [
        '--port',
        '0',
        '--latency',
        '0',
        '--fault-share',
        '1',
        '--fault-kinds',
        'rate-limit',
        '--retry-after',
        '4',
        '--fault-seed',
        '9',
      ],
      { log: (l) => lines.push(l) },
    );
    t.assert.ok(handle);
    try {
      t.assert.ok(
        lines.includes('  faults:      100% of requests fail (rate-limit), Retry-After 4 s, seed 9'),
        lines.join('\n'),
      );
      const token = Buffer.from('AC00000000000000000000000000000000:emulator-demo-auth-token').toString('base64');
      const res = await request(`${handle.url}/v2/Flows`, {
        dispatcher: agent,
        headers: { authorization: `Basic ${token}` },
      });
      await res.body.text();
      t.assert.deepEqual([res.statusCode, res.headers['retry-after']], [429, '4']);
    } finally {
      await handle.close();
    }
  });
});
