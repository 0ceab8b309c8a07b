/** The deploy record's state machine: every allowed transition, every refused one, and the verdict. */
import { test } from 'node:test';
import {
  checkedEntry,
  outcomeOf,
  refusedRecord,
  transition,
  verdictOf,
  type FlowEntry,
  type FlowState,
} from '../../src/deploy/record.ts';

const ALL: FlowState[] = [
  'checked',
  'written',
  'confirmed',
  'unchanged',
  'failed',
  'unknown',
  'rolled-back',
  'rollback-failed',
  'not-attempted',
];
const ALLOWED: Record<FlowState, FlowState[]> = {
  checked: ['written', 'unchanged', 'not-attempted', 'failed'],
  written: ['confirmed', 'failed', 'unknown'],
  confirmed: ['rolled-back', 'rollback-failed'],
  unchanged: [],
  failed: [],
  unknown: [],
  'rolled-back': [],
  'rollback-failed': [],
  'not-attempted': [],
};
const entry = (state: FlowState): FlowEntry => ({ path: 'a.json', friendlyName: 'A', action: 'update', state });

test('every allowed transition moves the entry; every other one throws', (t) => {
  for (const from of ALL) {
    for (const to of ALL) {
      const e = entry(from);
      if (ALLOWED[from].includes(to)) {
        transition(e, to);
        t.assert.equal(e.state, to, `${from} → ${to}`);
      } else {
        t.assert.throws(() => transition(e, to), new RegExp(`a\\.json cannot go from ${from} to ${to}`));
        t.assert.equal(e.state, from, 'a refused transition changes nothing');
      }
    }
  }
});

test('a checked entry knows whether it creates or updates, and the live revision', (t) => {
  t.assert.deepEqual(checkedEntry({ path: 'n.json', friendlyName: 'N', live: null }), {
    path: 'n.json',
    friendlyName: 'N',
    action: 'create',
    state: 'checked',
  });
  const e = checkedEntry({ path: 'u.json', friendlyName: 'U', live: { sid: 'FW1', revision: 7 } });
  t.assert.deepEqual([e.action, e.sid, e.previousRevision, e.revision], ['update', 'FW1', 7, 7]);
});

test('outcome status: confirmed is said as created/updated; errors and reasons are kept apart', (t) => {
  const created = transition(transition(entry('checked'), 'written'), 'confirmed', { revision: 1 });
  created.action = 'create';
  t.assert.equal(outcomeOf(created).status, 'created');
  t.assert.equal(outcomeOf(transition(transition(entry('checked'), 'written'), 'confirmed')).status, 'updated');
  const failed = outcomeOf(transition(transition(entry('checked'), 'written'), 'failed', { reason: 'HTTP 400' }));
  t.assert.deepEqual([failed.status, failed.error, failed.reason], ['failed', 'HTTP 400', undefined]);
  const skipped = outcomeOf(transition(entry('checked'), 'not-attempted', { reason: 'drift' }));
  t.assert.deepEqual([skipped.status, skipped.error, skipped.reason], ['not-attempted', undefined, 'drift']);
  t.assert.equal(outcomeOf(entry('written')).status, 'unknown', 'an entry left mid-write is never said to be done');
});

test('verdict: refused, nothing to deploy, deployed, failed', (t) => {
  const refused = refusedRecord({
    sha: 'a'.repeat(40),
    scope: 's',
    entries: [entry('checked'), { ...entry('checked'), path: 'b.json' }],
    refusal: 'drift',
    reasons: new Map([['b.json', 'its own reason']]),
  });
  t.assert.equal(verdictOf(refused), 'refused');
  t.assert.deepEqual(
    refused.flows.map((f) => [f.state, f.reason]),
    [
      ['not-attempted', 'the deploy was refused: drift'],
      ['not-attempted', 'its own reason'],
    ],
  );
  const record = (states: FlowState[]) => ({ sha: 's', scope: 's', flows: states.map(entry) });
  t.assert.equal(verdictOf(record(['unchanged', 'unchanged'])), 'nothing-to-deploy');
  t.assert.equal(verdictOf(record([])), 'nothing-to-deploy');
  t.assert.equal(verdictOf(record(['confirmed', 'unchanged'])), 'deployed');
  for (const bad of [
    'failed',
    'unknown',
    'rolled-back',
    'rollback-failed',
    'not-attempted',
    'written',
    'checked',
  ] as FlowState[]) {
    t.assert.equal(verdictOf(record(['confirmed', bad])), 'failed', bad);
  }
});
