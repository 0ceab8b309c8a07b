/**
 * The rig of the parallel deploy end-to-end tests: ten flow files in three roles (independent flows, a subflow in
 * Studio and a new one, callers of both), the emulator seeded with the live ones, a meter of the writes in flight
 * at the emulator, and the check that every flow's reported outcome is what the emulator's store holds.
 */
import assert from 'node:assert/strict';
import type { EmulatorHandle, RequestLogEntry } from '../../src/emulator/server.ts';
import { BEFORE, json, SHA } from '../deploy/e2e-kit.ts';

export const sidFor = (n: number) => `FW${n.toString(16).padStart(32, '0')}`;
const SUB = sidFor(0xa1);

/** path → [friendly name, SID when in Studio, what it calls (a SID or `${flow:PATH}`)] in record order. */
export const FLOWS: [string, string, string | undefined, string | undefined][] = [
  ['flows/a0.json', 'Flow A0', sidFor(0xa0), undefined],
  ['flows/a1-sub.json', 'Queue Sub', SUB, undefined],
  ['flows/a2.json', 'Flow A2', sidFor(0xa2), undefined],
  ['flows/a3-new.json', 'New Survey', undefined, undefined],
  ['flows/a4.json', 'Flow A4', sidFor(0xa4), undefined],
  ['flows/a5.json', 'Flow A5', sidFor(0xa5), undefined],
  ['flows/a6.json', 'Flow A6', sidFor(0xa6), undefined],
  ['flows/b0-caller.json', 'Caller B0', sidFor(0xb0), '${flow:flows/a1-sub.json}'],
  ['flows/b1-caller.json', 'Caller B1', sidFor(0xb1), '${flow:flows/a1-sub.json}'],
  ['flows/b2-caller.json', 'Caller B2', sidFor(0xb2), '${flow:flows/a3-new.json}'],
];

/** A small voice flow saying `say`, then (with `calls`) running that subflow. */
export function ivr(name: string, say: string, calls?: string) {
  const states: Record<string, unknown>[] = [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage' },
        { event: 'incomingCall', next: 'say' },
        { event: 'incomingRequest' },
        { event: 'incomingParent', next: 'say' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'say',
      type: 'say-play',
      transitions: [{ event: 'audioComplete', ...(calls ? { next: 'sub' } : {}) }],
      properties: { say, offset: { x: 0, y: 200 } },
    },
  ];
  if (calls)
    states.push({
      name: 'sub',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'failed' }],
      properties: { flow_sid: calls, flow_revision: 'LatestPublished', parameters: [], offset: { x: 0, y: 400 } },
    });
  return {
    friendly_name: name,
    definition: { description: name, initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, states },
  };
}

/** The live flows: each saying "old", callers calling the subflow in Studio, commit BEFORE. */
export function seed() {
  return FLOWS.filter(([, , sid]) => sid).map(([, name, sid, calls]) => ({
    friendlyName: name,
    sid: sid as string,
    definition: ivr(name, 'old', calls ? SUB : undefined).definition,
    commitMessage: BEFORE,
  }));
}

/** The flow files of the deploy: each saying "new". */
export function workspace(): Record<string, string> {
  return Object.fromEntries(FLOWS.map(([path, name, , calls]) => [path, json(ivr(name, 'new', calls))]));
}

export const isWrite = (r: Pick<RequestLogEntry, 'method' | 'path'>) =>
  (r.method === 'POST' && (r.path === '/v2/Flows' || /^\/v2\/Flows\/FW[0-9a-f]{32}$/.test(r.path))) ||
  r.method === 'DELETE';

/**
 * Writes in flight at the emulator: a write is in flight from its arrival (the request log) until the emulator
 * answers it (after its latency, when the emulator consults `fault`). `rule` still decides the answer.
 */
export function meterWrites(studio: EmulatorHandle, rule: EmulatorHandle['fault'] = () => undefined) {
  const meter = { max: 0, answered: 0 };
  studio.fault = (r) => {
    if (isWrite(r)) {
      meter.max = Math.max(meter.max, studio.requests.filter(isWrite).length - meter.answered);
      meter.answered += 1;
    }
    return rule?.(r);
  };
  return meter;
}

const say = (definition: any) => definition.states.find((s: { name: string }) => s.name === 'say').properties.say;

/** Each reported outcome against the store: a flow is exactly where the outcome says Studio left it. */
export function assertOutcomesHeld(studio: EmulatorHandle, outputs: Record<string, string>, summary: string): void {
  const outcomes = JSON.parse(outputs.deployed ?? '[]');
  assert.equal(outcomes.length, FLOWS.length);
  for (const o of outcomes) {
    const stored = studio.store.list().find((f) => f.revisions.at(-1)?.friendlyName === o.friendlyName);
    const latest = stored?.revisions.at(-1);
    const where = `${o.path} (${o.status}): store ${JSON.stringify(latest && [latest.revision, latest.commitMessage])}`;
    const row = `| ${o.friendlyName} | \`${o.path}\` | `;
    assert.ok(
      summary.split('\n').some((l) => l.startsWith(row) && l.includes(` ${o.status} |`)),
      `summary: ${where}`,
    );
    if (o.status === 'created' || o.status === 'updated') {
      assert.deepEqual(
        [stored?.sid, latest?.revision, latest?.commitMessage, say(latest?.definition)],
        [o.sid, o.revision, SHA, 'new'],
        where,
      );
    } else if (o.status === 'rolled-back' && o.deleted) {
      assert.equal(stored, undefined, where);
      assert.equal(studio.store.get(o.sid), undefined, where);
    } else if (o.status === 'rolled-back') {
      assert.deepEqual(
        [latest?.revision, latest?.commitMessage, say(latest?.definition)],
        [o.revision, `Rollback by studio-flow-ci of ${SHA}: restore r${o.previousRevision}`, 'old'],
        where,
      );
      assert.equal(stored?.revisions.at(-2)?.commitMessage, SHA, `${where}: the write it undid`);
    } else if (o.status === 'failed' || o.status === 'not-attempted') {
      if (o.previousRevision === undefined) assert.equal(stored, undefined, where);
      else
        assert.deepEqual(
          [latest?.revision, latest?.commitMessage, say(latest?.definition)],
          [o.previousRevision, BEFORE, 'old'],
          where,
        );
    } else {
      assert.fail(`no store check for ${where}`);
    }
  }
}
