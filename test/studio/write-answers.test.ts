/**
 * A write counts only when Studio holds it: every wrong answer shape × applied or not × read-back ok or
 * failing, for create and update, against the emulator's write-answer faults.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { WRITE_ANSWER_KINDS } from '../../src/emulator/wrong-answers.ts';
import type { WriteAnswerKind } from '../../src/emulator/wrong-answers.ts';
import { StudioClient } from '../../src/studio/client.ts';
import { StudioUnconfirmedWriteError, StudioWriteNotAppliedError } from '../../src/studio/errors.ts';
import { describeStudioFailure } from '../../src/studio/explain.ts';
import type { RetryEvent } from '../../src/studio/types.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { sendJson, startRawServer } from '../support/raw-server.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;
useTestEmulator(agent, (e) => (emulator = e));

const TOKEN = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');

function client(events: RetryEvent[] = []): StudioClient {
  return new StudioClient({
    baseUrl: emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: agent,
    retry: { maxAttempts: 2, baseDelayMs: 0 },
    onRetry: (event) => events.push(event),
  });
}

function seed(name = 'Sales IVR'): string {
  return emulator.store.create({
    friendlyName: name,
    definition: sampleDefinition('old'),
    status: 'published',
    commitMessage: 'c1',
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
}

/** What the not-applied error says the answer was, per kind (update). */
const UPDATE_ANSWER: Record<WriteAnswerKind, RegExp> = {
  empty: /answered HTTP 200 with an empty body/,
  'empty-object': /answered HTTP 200 with an empty JSON object \(\{\}\)/,
  'no-content': /answered HTTP 204 No Content/,
  'other-sid': /answered with flow FW[0-9a-f]{32} instead of FW[0-9a-f]{32}/,
  'same-revision': /answered revision r1, not above the previous r1/,
  redirect: /answered a redirect \(HTTP 302\) to studio-redirect\.invalid/,
  'not-json': /answered HTTP 200 with a body that is not JSON/,
};

function noSecrets(error: unknown): void {
  const text = `${(error as Error).message} ${JSON.stringify(error)}`;
  assert.ok(!text.includes(AUTH_TOKEN) && !text.includes(TOKEN), 'no credentials in the error');
}

const update = {
  friendlyName: 'Sales IVR',
  status: 'published' as const,
  definition: sampleDefinition('new'),
  commitMessage: 'c2',
  previousRevision: 1,
};
const create = {
  friendlyName: 'New IVR',
  status: 'published' as const,
  definition: sampleDefinition('new'),
  commitMessage: 'c1',
};

for (const kind of WRITE_ANSWER_KINDS) {
  describe(`a write answered "${kind}"`, () => {
    it('update, applied: success with the revision Studio holds, said in the log', async () => {
      const sid = seed();
      emulator.writeAnswer = { kind, applied: true };
      const events: RetryEvent[] = [];
      const flow = await client(events).updateFlow(sid, update);
      assert.equal(flow.sid, sid);
      assert.equal(flow.revision, 2);
      assert.deepEqual(flow.definition, sampleDefinition('new'));
      assert.equal(emulator.store.get(sid)?.revisions.length, 2);
      const confirmed = events.filter((e) => e.type === 'confirmed');
      assert.equal(confirmed.length, 1);
      assert.match(confirmed[0]?.message ?? '', /reading it back shows Studio holds the write: flow FW[0-9a-f]{32} r2/);
      assert.equal(emulator.requests.filter((r) => r.method === 'POST').length, 1, 'never sent twice');
    });

    it('update, not applied: StudioWriteNotAppliedError naming the flow, the request and the answer; store unchanged', async () => {
      const sid = seed();
      emulator.writeAnswer = { kind, applied: false };
      const error = await client()
        .updateFlow(sid, update)
        .catch((e: unknown) => e);
      assert.ok(error instanceof StudioWriteNotAppliedError, String(error));
      assert.equal(error.sid, sid);
      assert.match(
        error.message,
        new RegExp(`^Twilio Studio did not apply the write to flow "Sales IVR" \\(${sid}\\): POST /v2/Flows/${sid} `),
      );
      assert.match(error.message, UPDATE_ANSWER[kind]);
      assert.match(
        error.message,
        /reading the flow back shows its latest revision is still r1\. Nothing was changed in Studio\./,
      );
      assert.equal(emulator.store.get(sid)?.revisions.length, 1);
      assert.deepEqual(describeStudioFailure(error), {
        fatal: false,
        message: error.message,
        fix: "Check the 'studio-url' input and any proxy between the runner and Twilio, then re-run: nothing was changed in Studio.",
      });
      noSecrets(error);
    });

    it('update, read-back fails: StudioUnconfirmedWriteError with the SID and what to check', async () => {
      const sid = seed();
      emulator.writeAnswer = { kind, applied: kind.length % 2 === 0 };
      emulator.fault = (r) => (r.method === 'GET' ? { status: 403, code: 20403, message: 'Forbidden' } : undefined);
      const error = await client()
        .updateFlow(sid, update)
        .catch((e: unknown) => e);
      assert.ok(error instanceof StudioUnconfirmedWriteError, String(error));
      assert.equal(error.sid, sid);
      assert.match(
        error.message,
        /may or may not have been applied: Studio answered .* which does not confirm the write, and reading the flow back failed too \(.*HTTP 403/,
      );
      assert.match(error.message, new RegExp(`Studio → Flows → flow ${sid} → Revisions`));
      noSecrets(error);
    });

    it('create, applied: success with the flow Studio holds', async () => {
      seed('Other flow');
      emulator.writeAnswer = { kind, applied: true };
      const events: RetryEvent[] = [];
      const flow = await client(events).createFlow(create);
      const held = emulator.store.list().find((f) => f.revisions[0]?.friendlyName === 'New IVR');
      assert.ok(held);
      assert.equal(flow.sid, held.sid);
      assert.equal(flow.revision, 1);
      assert.equal(events.filter((e) => e.type === 'confirmed').length, 1);
      assert.equal(emulator.store.list().length, 2, 'exactly one flow created');
    });

    it('create, not applied: StudioWriteNotAppliedError; no flow created', async () => {
      seed('Other flow');
      emulator.writeAnswer = { kind, applied: false };
      const error = await client()
        .createFlow(create)
        .catch((e: unknown) => e);
      assert.ok(error instanceof StudioWriteNotAppliedError, String(error));
      assert.equal(error.sid, undefined);
      assert.match(
        error.message,
        /^Twilio Studio did not apply the write to flow "New IVR": POST \/v2\/Flows answered/,
      );
      assert.match(error.message, /reading the flow back shows no flow with that name\./);
      assert.equal(emulator.store.list().length, 1);
      noSecrets(error);
    });

    it('create, read-back fails: StudioUnconfirmedWriteError', async () => {
      emulator.writeAnswer = { kind, applied: true };
      emulator.fault = (r) => (r.method === 'GET' ? { status: 403, code: 20403, message: 'Forbidden' } : undefined);
      const error = await client()
        .createFlow(create)
        .catch((e: unknown) => e);
      assert.ok(error instanceof StudioUnconfirmedWriteError, String(error));
      assert.match(
        error.message,
        /^Twilio Studio POST \/v2\/Flows \(create flow "New IVR"\) may or may not have been applied/,
      );
      noSecrets(error);
    });
  });
}

describe('answers that look right but are not', () => {
  it("a create answered with an existing flow's SID is not taken", async () => {
    const sid = seed();
    const other = seed('Other flow');
    emulator.writeAnswer = { kind: 'other-sid', applied: false, match: (w) => w.path === '/v2/Flows' };
    const error = await client()
      .createFlow(create)
      .catch((e: unknown) => e);
    assert.ok(error instanceof StudioWriteNotAppliedError);
    assert.match(error.message, new RegExp(`answered with flow (${sid}|${other}), but it has another friendly name`));
    assert.equal(emulator.store.list().length, 2);
  });

  it('an update answered with the right SID and revision but another definition is read back', async () => {
    const sid = `FW${'ab'.repeat(16)}`;
    const resource = (revision: number, text: string) => ({
      sid,
      friendly_name: 'Sales IVR',
      definition: sampleDefinition(text),
      status: 'published',
      revision,
      commit_message: revision === 1 ? 'c1' : 'c2',
    });
    const raw = await startRawServer((e, res) =>
      sendJson(res, 200, e.method === 'POST' ? resource(2, "a proxy's cached page") : resource(1, 'old')),
    );
    try {
      const api = new StudioClient({
        baseUrl: raw.url,
        username: ACCOUNT_SID,
        password: AUTH_TOKEN,
        dispatcher: agent,
        retry: false,
      });
      const error = await api.updateFlow(sid, update).catch((e: unknown) => e);
      assert.ok(error instanceof StudioWriteNotAppliedError);
      assert.match(
        error.message,
        new RegExp(
          `POST /v2/Flows/${sid} answered flow ${sid} but its latest revision has another definition, and reading the flow back shows its latest revision is still r1`,
        ),
      );
      assert.deepEqual(
        raw.exchanges.map((x) => x.method),
        ['POST', 'GET'],
      );
    } finally {
      await raw.close();
    }
  });

  it('without previousRevision a same-revision answer that matches what was sent is taken at its word (the caller must pass it)', async () => {
    const sid = seed();
    emulator.writeAnswer = { kind: 'same-revision', applied: true };
    const { previousRevision: _p, ...noPrevious } = update;
    const flow = await client().updateFlow(sid, noPrevious);
    assert.equal(flow.revision, 1, 'only previousRevision lets the client see this answer is stale');
  });

  it('an ambiguous failure whose check fails carries the SID', async () => {
    const sid = seed();
    emulator.fault = (r) =>
      r.method === 'POST'
        ? { status: 503, code: 20503, message: 'Unavailable' }
        : r.method === 'GET'
          ? { status: 403, code: 20403, message: 'Forbidden' }
          : undefined;
    const error = await client()
      .updateFlow(sid, update)
      .catch((e: unknown) => e);
    assert.ok(error instanceof StudioUnconfirmedWriteError);
    assert.equal(error.sid, sid);
    assert.match(error.message, /the answer was lost \(.*\), and reading the flow back failed too/);
  });
});
