/** The emulator's wrong answers on purpose: what each kind answers on the wire, and what it leaves in the store. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { runEmulatorCli } from '../../src/cli/emulator.ts';
import { parseAnswerFlags } from '../../src/cli/emulator-flags.ts';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { VALIDATE_ANSWER_KINDS, WRITE_ANSWER_KINDS } from '../../src/emulator/wrong-answers.ts';
import type { WriteAnswerKind } from '../../src/emulator/wrong-answers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

const agent = new Agent();
let emulator: EmulatorHandle;
useTestEmulator(agent, (e) => (emulator = e));
const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

async function post(path: string, form: Record<string, string>) {
  const answer = await request(`${emulator.url}${path}`, {
    method: 'POST',
    dispatcher: agent,
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
}

const writeForm = (text: string) => ({
  FriendlyName: 'Sales IVR',
  Status: 'published',
  Definition: JSON.stringify(sampleDefinition(text)),
  CommitMessage: 'c2',
});

function seed(): string {
  return emulator.store.create({
    friendlyName: 'Sales IVR',
    definition: sampleDefinition('old'),
    status: 'published',
    commitMessage: 'c1',
    valid: true,
    errors: [],
    warnings: [],
  }).sid;
}

/** What each kind puts on the wire for an update of flow `sid` from r1. */
function expectAnswer(
  kind: WriteAnswerKind,
  answer: { status: number; headers: Record<string, unknown>; text: string },
  sid: string,
): void {
  const json = () => JSON.parse(answer.text) as Record<string, unknown>;
  switch (kind) {
    case 'empty':
      return assert.deepEqual([answer.status, answer.text], [200, '']);
    case 'empty-object':
      return assert.deepEqual([answer.status, json()], [200, {}]);
    case 'no-content':
      return assert.deepEqual([answer.status, answer.text], [204, '']);
    case 'other-sid':
      assert.equal(answer.status, 200);
      assert.match(String(json().sid), /^FW[0-9a-f]{32}$/);
      assert.notEqual(json().sid, sid);
      return assert.equal(json().revision, 2);
    case 'same-revision':
      return assert.deepEqual([answer.status, json().sid, json().revision], [200, sid, 1]);
    case 'redirect':
      assert.equal(answer.status, 302);
      return assert.equal(answer.headers.location, `https://studio-redirect.invalid/v2/Flows/${sid}`);
    case 'not-json':
      assert.equal(answer.status, 200);
      assert.throws(() => JSON.parse(answer.text));
  }
}

describe('write answers', () => {
  for (const kind of WRITE_ANSWER_KINDS) {
    for (const applied of [true, false]) {
      it(`"${kind}", ${applied ? 'applied' : 'not applied'}: the wrong answer, and the store ${applied ? 'holds the write' : 'unchanged'}`, async () => {
        const sid = seed();
        emulator.writeAnswer = { kind, applied };
        const answer = await post(`/v2/Flows/${sid}`, writeForm('new'));
        expectAnswer(kind, answer, sid);
        assert.equal(emulator.store.get(sid)?.revisions.length, applied ? 2 : 1);
        assert.equal(emulator.requests.at(-1)?.answer, kind);
        const created = await post('/v2/Flows', writeForm('created'));
        assert.ok(created.status === 200 || created.status === 204 || created.status === 302, String(created.status));
        assert.equal(emulator.store.list().length, applied ? 2 : 1);
      });
    }
  }

  it('a refused write is answered as usual; reads and Validate are untouched; match limits it; cleared per test', async () => {
    const sid = seed();
    emulator.writeAnswer = { kind: 'empty-object', applied: false, match: (w) => w.params.CommitMessage === 'pick me' };
    const refused = await post(`/v2/Flows/${sid}`, { Status: 'bogus' });
    assert.equal(refused.status, 400);
    assert.equal((await post('/v2/Flows/Validate', writeForm('v'))).text, '{"valid":true}');
    assert.equal((await post(`/v2/Flows/${sid}`, writeForm('not picked'))).status, 200);
    assert.equal(emulator.store.get(sid)?.revisions.length, 2);
    assert.equal((await post(`/v2/Flows/${sid}`, { ...writeForm('picked'), CommitMessage: 'pick me' })).text, '{}');
    assert.equal(emulator.store.get(sid)?.revisions.length, 2);
    assert.throws(
      () => (emulator.writeAnswer = { kind: 'bogus' as WriteAnswerKind, applied: true }),
      /Unknown write answer "bogus": use empty, empty-object/,
    );
    assert.throws(() => (emulator.writeAnswer = { kind: 'empty' } as never), /needs applied: true or false/);
  });
});

describe('validate answers', () => {
  it('each kind answers every Validate, valid or not', async () => {
    const expected: Record<string, [number, string]> = {
      'valid-false': [200, '{"valid":false}'],
      'empty-object': [200, '{}'],
      empty: [200, ''],
    };
    for (const kind of VALIDATE_ANSWER_KINDS) {
      emulator.validateAnswer = kind;
      const answer = await post('/v2/Flows/Validate', writeForm('v'));
      if (expected[kind]) assert.deepEqual([answer.status, answer.text], expected[kind]);
      else if (kind === 'redirect') assert.equal(answer.status, 302);
      else assert.throws(() => JSON.parse(answer.text));
      assert.equal(emulator.requests.at(-1)?.answer, kind);
    }
    assert.throws(() => (emulator.validateAnswer = 'nope' as never), /Unknown Validate answer "nope"/);
  });
});

describe('emulator CLI flags', () => {
  it('parses --write-answer, --write-applied and --validate-answer; bad values are clear errors', async () => {
    assert.deepEqual(parseAnswerFlags({ 'write-answer': 'other-sid' }), {
      writeAnswer: { kind: 'other-sid', applied: false },
    });
    assert.deepEqual(
      parseAnswerFlags({ 'write-answer': 'redirect', 'write-applied': true, 'validate-answer': 'valid-false' }),
      {
        writeAnswer: { kind: 'redirect', applied: true },
        validateAnswer: 'valid-false',
      },
    );
    assert.throws(
      () => parseAnswerFlags({ 'write-answer': 'empty\n::error::x' }),
      /--write-answer must be one of empty, empty-object, no-content, other-sid, same-revision, redirect, not-json; got "empty/,
    );
    assert.throws(() => parseAnswerFlags({ 'write-applied': true }), /--write-applied needs --write-answer/);
    assert.throws(
      () => parseAnswerFlags({ 'validate-answer': 'maybe' }),
      /--validate-answer must be one of valid-false, empty-object, empty, not-json, redirect/,
    );
    const lines: string[] = [];
    const handle = await runEmulatorCli(
      ['--write-answer', 'no-content', '--write-applied', '--validate-answer', 'empty'],
      { log: (l) => lines.push(l) },
    );
    try {
      assert.ok(handle);
      assert.deepEqual(handle.writeAnswer, { kind: 'no-content', applied: true });
      assert.equal(handle.validateAnswer, 'empty');
      assert.ok(lines.includes('  writes:      answered "no-content", applied'));
    } finally {
      await handle?.close();
    }
  });
});
