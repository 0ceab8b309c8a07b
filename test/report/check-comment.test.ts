import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { CHECK_MARKER, renderCheckReport, type CheckReport } from '../../src/report/check-comment.ts';
import { resolvedDocument } from '../support/documents.ts';

const snapshot = { serializers: [(v: unknown) => String(v)] };
const snap = (name: string) => new URL(`./__snapshots__/${name}.md`, import.meta.url).pathname;

const valid: FlowCheck = {
  path: 'flows/main-ivr.json',
  change: 'modified',
  friendlyName: 'Main IVR',
  findings: [],
  validate: 'valid',
};
const invalid: FlowCheck = {
  path: 'flows/sms-survey.json',
  change: 'added',
  friendlyName: 'SMS survey',
  validate: 'skipped',
  findings: [
    {
      severity: 'error',
      source: 'lint',
      rule: 'transition-target',
      message: 'Transition "match" of widget "check_score" goes to "escalate_low_score", which does not exist.',
      fix: 'Point it at an existing widget or add "escalate_low_score".',
      widget: 'check_score',
      pointer: '/states/2/transitions/1/next',
      line: 39,
      column: 19,
    },
    {
      severity: 'warning',
      source: 'lint',
      rule: 'unreachable-widget',
      message: 'Widget "notify_manager" is never reached.',
      widget: 'notify_manager',
      line: 64,
      column: 7,
    },
  ],
};
const base: CheckReport = {
  flows: [valid, invalid],
  removed: ['flows/old.json'],
  online: true,
  studioHost: 'studio.twilio.com',
  sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
  runUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/4242',
};

test('renders one valid and one invalid flow', (t) => {
  t.assert.fileSnapshot(renderCheckReport(base), snap('valid-and-invalid'), snapshot);
});

test('renders the offline report for a fork PR', (t) => {
  const report: CheckReport = {
    ...base,
    flows: [{ ...valid, validate: 'offline' }],
    removed: [],
    online: false,
    offlineReason: 'no Twilio credentials were given',
  };
  t.assert.fileSnapshot(renderCheckReport(report), snap('offline'), snapshot);
});

test('hostile names and messages cannot break the comment', (t) => {
  const hostile: FlowCheck = {
    path: 'flows/`x`|y.json',
    change: 'modified',
    friendlyName: '</details><b>@everyone</b>',
    validate: 'invalid',
    findings: [
      {
        severity: 'error',
        source: 'validate',
        rule: 'studio-validate',
        message: '</summary></details>| @octocat [pwn](https://evil)',
        widget: 'w`|',
        line: 3,
      },
    ],
  };
  const md = renderCheckReport({ ...base, flows: [hostile], removed: [] });
  assert.equal(md.match(/<details/g)?.length, 1);
  assert.equal(md.match(/<\/details>/g)?.length, 1);
  assert.equal(md.match(/<\/summary>/g)?.length, 1);
  assert.ok(!md.includes('@'), 'no raw @ anywhere');
  t.assert.fileSnapshot(md, snap('hostile'), snapshot);
});

test('over the size limit it keeps the table and points at the job summary', () => {
  const many: FlowCheck[] = Array.from({ length: 300 }, (_, i) => ({
    ...invalid,
    path: `flows/f${i}.json`,
    findings: Array.from({ length: 20 }, () => invalid.findings[0]!),
  }));
  const full = renderCheckReport({ ...base, flows: many });
  assert.ok(full.length > 65_536);
  const capped = renderCheckReport({ ...base, flows: many }, { limit: 65_536 });
  assert.ok(capped.length <= 65_536, String(capped.length));
  assert.ok(capped.startsWith(CHECK_MARKER));
  assert.match(
    capped,
    /\d+ more flows not shown: this comment has a size limit\. See the \[job summary\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/actions\/runs\/4242\) for the full report\./,
  );
  // The job summary renders every flow in full.
  assert.equal(full.match(/<details/g)?.length, 300);
});

test('renders a changed flow with its revision line, drift, diff and picture, and a new flow', (t) => {
  const example = JSON.parse(readFileSync(new URL('../../examples/main-ivr.json', import.meta.url), 'utf8'));
  const base = example.definition;
  const live = structuredClone(base);
  live.states[5].properties.say = 'Goodbye from the Console.';
  const pr = structuredClone(base);
  pr.states[1].properties.timeout = 8;
  pr.states[1].transitions[2].next = 'connect_support';
  const liveFlow = {
    sid: `FW${'1'.repeat(32)}`,
    friendlyName: 'Main IVR',
    revision: 12,
    definition: live,
    commitMessage: 'quick fix in console',
    latestCommitMessage: 'quick fix in console',
    dateUpdated: '2026-11-20T10:00:00Z',
  };
  const changed: FlowCheck = {
    ...valid,
    document: resolvedDocument(pr),
    comparison: {
      live: liveFlow,
      diff: diffDefinitions(live, pr),
      drift: { revision: 12, commitMessage: 'quick fix in console', diff: diffDefinitions(base, live) },
    },
  };
  const fresh: FlowCheck = {
    ...valid,
    path: 'flows/new.json',
    change: 'added',
    friendlyName: 'New flow',
    document: resolvedDocument(pr),
    comparison: { live: null },
  };
  const md = renderCheckReport({ ...base_report(), flows: [changed, fresh] });
  t.assert.fileSnapshot(md, snap('changed-drifted-new'), snapshot);
});

function base_report(): CheckReport {
  return { ...base, removed: [] };
}
