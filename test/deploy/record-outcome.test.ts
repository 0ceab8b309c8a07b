/**
 * What the deploy record says about each flow: the entry a check makes, a refusal without per-flow reasons, and
 * the `deployed` output (outcomeOf / outcomesOf) field by field. The reports, the step output and the final
 * message are all rendered from these outcomes, so a field that appears, vanishes or moves is a wrong report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkedEntry,
  outcomeOf,
  outcomesOf,
  refusedRecord,
  transition,
  verdictOf,
  type DeployOutcome,
  type FlowEntry,
} from '../../src/deploy/record.ts';

const LIVE = { sid: 'FW' + 'a'.repeat(32), revision: 7 };
const created = (): FlowEntry => checkedEntry({ path: 'flows/new.json', friendlyName: 'New', live: null });
const updated = (): FlowEntry => checkedEntry({ path: 'flows/ivr.json', friendlyName: 'IVR', live: LIVE });
const written = (e: FlowEntry): FlowEntry => transition(e, 'written');

test('a checked entry keeps what the write does besides the definition (why); an empty why is none', () => {
  const renamed = checkedEntry({ path: 'a.json', friendlyName: 'A', live: LIVE, why: 'renamed from "Old A"' });
  assert.equal(renamed.why, 'renamed from "Old A"');
  const first = checkedEntry({ path: 'b.json', friendlyName: 'B', why: 'published for the first time' });
  assert.deepEqual(first, {
    path: 'b.json',
    friendlyName: 'B',
    action: 'create',
    state: 'checked',
    why: 'published for the first time',
  });
  assert.equal('why' in checkedEntry({ path: 'c.json', friendlyName: 'C', why: '' }), false);
  // the why is kept through the states, into the output
  assert.equal(outcomeOf(transition(written(renamed), 'confirmed')).why, 'renamed from "Old A"');
});

test('a refusal without per-flow reasons gives every flow the refusal as its reason', () => {
  const record = refusedRecord({
    sha: 'b'.repeat(40),
    scope: 'push: 2 flows changed',
    entries: [created(), updated()],
    refusal: 'live IVR was edited in the Console',
  });
  assert.deepEqual(
    record.flows.map((f) => [f.path, f.state, f.reason]),
    [
      ['flows/new.json', 'not-attempted', 'the deploy was refused: live IVR was edited in the Console'],
      ['flows/ivr.json', 'not-attempted', 'the deploy was refused: live IVR was edited in the Console'],
    ],
  );
  assert.deepEqual(
    [record.sha, record.scope, record.refusal],
    ['b'.repeat(40), 'push: 2 flows changed', 'live IVR was edited in the Console'],
  );
  assert.equal(verdictOf(record), 'refused');
  assert.deepEqual(
    outcomesOf(record).map((o) => [o.status, o.reason, o.error]),
    [
      ['not-attempted', 'the deploy was refused: live IVR was edited in the Console', undefined],
      ['not-attempted', 'the deploy was refused: live IVR was edited in the Console', undefined],
    ],
  );
});

test('an entry never written (left checked) is said as unknown, never as done or as its inner state', () => {
  assert.deepEqual(outcomeOf(updated()), {
    path: 'flows/ivr.json',
    friendlyName: 'IVR',
    sid: LIVE.sid,
    revision: 7,
    previousRevision: 7,
    status: 'unknown',
  });
  assert.equal(outcomeOf(created()).status, 'unknown');
});

test('the outcome of each end state holds exactly what is known, no key without a value', () => {
  const cases: [string, FlowEntry, DeployOutcome][] = [
    [
      'a created flow: its new SID and revision, no previous one',
      transition(written(created()), 'confirmed', { sid: LIVE.sid, revision: 1, writtenRevision: 1 }),
      { path: 'flows/new.json', friendlyName: 'New', sid: LIVE.sid, revision: 1, status: 'created' },
    ],
    [
      'a published update: live before and now, and no draft revision although the written one is kept',
      transition(written(updated()), 'confirmed', { revision: 8, writtenRevision: 8, why: 'renamed' }),
      {
        path: 'flows/ivr.json',
        friendlyName: 'IVR',
        sid: LIVE.sid,
        revision: 8,
        previousRevision: 7,
        status: 'updated',
        why: 'renamed',
      },
    ],
    [
      'a draft update: the live revision stays, the draft written is said apart',
      transition(written(updated()), 'confirmed', { writtenRevision: 9, draft: true }),
      {
        path: 'flows/ivr.json',
        friendlyName: 'IVR',
        sid: LIVE.sid,
        revision: 7,
        previousRevision: 7,
        status: 'updated',
        draftRevision: 9,
      },
    ],
    [
      'a draft write that failed before any revision: no draft revision to name',
      transition(written(updated()), 'failed', { draft: true, reason: 'HTTP 400: 81022' }),
      {
        path: 'flows/ivr.json',
        friendlyName: 'IVR',
        sid: LIVE.sid,
        revision: 7,
        previousRevision: 7,
        status: 'failed',
        error: 'HTTP 400: 81022',
      },
    ],
    [
      'a created flow deleted again by the rollback',
      transition(
        transition(written(created()), 'confirmed', { sid: LIVE.sid, revision: 1, writtenRevision: 1 }),
        'rolled-back',
        { deleted: true },
      ),
      { path: 'flows/new.json', friendlyName: 'New', sid: LIVE.sid, revision: 1, status: 'rolled-back', deleted: true },
    ],
    [
      'an update rolled back (nothing deleted) says no deleted',
      transition(transition(written(updated()), 'confirmed', { revision: 8, writtenRevision: 8 }), 'rolled-back', {
        revision: 7,
        deleted: false,
      }),
      {
        path: 'flows/ivr.json',
        friendlyName: 'IVR',
        sid: LIVE.sid,
        revision: 7,
        previousRevision: 7,
        status: 'rolled-back',
      },
    ],
    [
      'an unchanged flow with a reason: a reason, not an error',
      transition(updated(), 'unchanged', { reason: 'live r7 already holds this definition' }),
      {
        path: 'flows/ivr.json',
        friendlyName: 'IVR',
        sid: LIVE.sid,
        revision: 7,
        previousRevision: 7,
        status: 'unchanged',
        reason: 'live r7 already holds this definition',
      },
    ],
    [
      'a failure without a reason: neither an error nor a reason key',
      transition(created(), 'failed'),
      { path: 'flows/new.json', friendlyName: 'New', status: 'failed' },
    ],
    [
      'an answer lost: the error, not a reason',
      transition(written(created()), 'unknown', { reason: 'socket hang up; read-back failed' }),
      { path: 'flows/new.json', friendlyName: 'New', status: 'unknown', error: 'socket hang up; read-back failed' },
    ],
  ];
  for (const [what, entry, expected] of cases) assert.deepEqual(outcomeOf(entry), expected, what);
});

test('the deployed output is one outcome per flow, in the order of the record', () => {
  const flows = [
    transition(written(updated()), 'confirmed', { revision: 8, writtenRevision: 8 }),
    transition(created(), 'not-attempted', { reason: 'an earlier flow failed' }),
  ];
  const record = { sha: 'c'.repeat(40), scope: 's', flows };
  assert.deepEqual(outcomesOf(record), flows.map(outcomeOf));
  assert.deepEqual(
    outcomesOf(record).map((o) => [o.path, o.status]),
    [
      ['flows/ivr.json', 'updated'],
      ['flows/new.json', 'not-attempted'],
    ],
  );
  assert.deepEqual(outcomesOf({ sha: 's', scope: 's', flows: [] }), []);
});

test('hostile names are carried verbatim (escaping is the egress gate’s job) and reasons match the exact path', () => {
  const hostile = [
    'flows/a\n::error::pwned.json',
    'flows/<img src=x onerror=alert(1)>.json',
    'flows/@team <!-- studio-flow-ci -->.json',
    'flows/cafe\u0301.json', // NFD: not the same path as the NFC one below
    'flows/' + 'x'.repeat(100_000) + '.json',
  ];
  const entries = hostile.map((path) => checkedEntry({ path, friendlyName: `${path}\r\n| name |`, live: null }));
  const record = refusedRecord({
    sha: 'd'.repeat(40),
    scope: 's',
    entries,
    refusal: 'drift\n::warning::x',
    reasons: new Map([['flows/caf\u00e9.json', 'the NFC path’s own reason']]),
  });
  const outcomes = outcomesOf(record);
  assert.deepEqual(
    outcomes.map((o) => [o.path, o.friendlyName, o.reason]),
    hostile.map((path) => [path, `${path}\r\n| name |`, 'the deploy was refused: drift\n::warning::x']),
  );
  // a transition refused names the flow it was asked of, whatever its path holds
  assert.throws(
    () => transition(entries[0] as FlowEntry, 'confirmed'),
    (e: Error) => e.message === `Deploy record: ${hostile[0]} cannot go from not-attempted to confirmed`,
  );
});

test('a state that is no state (a wrong shape at run time) is refused from every state', () => {
  for (const bogus of ['', 'deployed', 'Confirmed', '__proto__', 'constructor', 'confirmed ', 'x'.repeat(10_000)]) {
    for (const from of [updated(), written(updated()), transition(written(updated()), 'confirmed')]) {
      const before = from.state;
      assert.throws(() => transition(from, bogus as FlowEntry['state']), /cannot go from/, JSON.stringify(bogus));
      assert.equal(from.state, before);
    }
  }
});
