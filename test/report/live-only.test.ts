/** Values only Studio holds are masked in drift and diffs; values git holds are shown. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDefinitions } from '../../src/diff/diff.ts';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import { hideLiveOnly, LIVE_ONLY, liveOnlyOf } from '../../src/report/live-only.ts';
import { resolvedDocument } from '../support/documents.ts';

const def = (props: Record<string, unknown>) => ({
  initial_state: 'T',
  states: [
    { name: 'T', type: 'trigger', transitions: [], properties: {} },
    { name: 'w', type: 'make-http-request', transitions: [], properties: props },
  ],
});

function flowOf(base: Record<string, unknown>, live: Record<string, unknown>, pr: Record<string, unknown>): FlowCheck {
  const liveDef = def(live);
  return {
    path: 'f.json',
    change: 'modified',
    findings: [],
    validate: 'valid',
    document: resolvedDocument(def(pr)),
    comparison: {
      live: {
        sid: `FW${'0'.repeat(32)}`,
        friendlyName: 'f',
        revision: 2,
        definition: liveDef,
        commitMessage: null,
        dateUpdated: null,
        latestCommitMessage: null,
      },
      diff: diffDefinitions(liveDef, def(pr)),
      drift: { revision: 2, commitMessage: null, diff: diffDefinitions(def(base), liveDef) },
    },
  };
}

describe('live-only values', () => {
  it('a value only Studio holds is hidden on both the drift and the changes; one git holds anywhere is shown', () => {
    const flow = flowOf(
      { url: 'https://example.com', body: { token: 'REPLACE_ME', note: 'same' } },
      { url: 'https://internal.example/secret-path', body: { token: 'live-token-value', note: 'in the PR too' } },
      { url: 'https://example.com', body: { token: 'REPLACE_ME', note: 'in the PR too' } },
    );
    const hidden = liveOnlyOf(flow);
    assert.deepEqual([...hidden.strings].sort(), ['https://internal.example/secret-path', 'live-token-value']);
    const drift = JSON.stringify(hideLiveOnly(flow.comparison!.drift!.diff, hidden).widgets);
    const changes = JSON.stringify(hideLiveOnly(flow.comparison!.diff!, hidden).widgets);
    for (const shown of [drift, changes]) {
      assert.ok(!shown.includes('internal.example') && !shown.includes('live-token-value'), shown);
      assert.ok(shown.includes(LIVE_ONLY));
    }
    assert.ok(drift.includes('in the PR too'), 'a live value the PR holds too is shown');
  });

  it("no drift: the live flow is the base branch's, nothing is hidden", () => {
    const same = { url: 'https://internal.example/x' };
    const flow = flowOf(same, same, { url: 'https://example.com' });
    assert.equal(liveOnlyOf(flow).strings.size, 0);
  });
});
