/** The check report shows how a file was matched to its flow: a rename kept, a draft-only flow, a rename in Studio. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import { diffDefinitions } from '../../src/diff/diff.ts';
import type { LiveFlow } from '../../src/studio/live.ts';
import { renderFlowSection } from '../../src/report/flow-section.ts';
import { identityLine, revisionCell, revisionLine } from '../../src/report/revision-line.ts';
import type { FlowIdentity } from '../../src/targets/identity.ts';
import type { FlowIntent } from '../../src/targets/intent.ts';

const SID = `FW${'c3'.repeat(16)}`;
const live = (fields: Partial<LiveFlow> = {}): LiveFlow => ({
  sid: SID,
  friendlyName: 'greeting',
  revision: 4,
  definition: {},
  commitMessage: null,
  dateUpdated: '2026-11-01T00:00:00Z',
  latestCommitMessage: null,
  ...fields,
});
function check(identity: FlowIdentity): FlowCheck {
  const l = identity.state === 'found' ? identity.live : null;
  return {
    path: identity.intent.path,
    change: 'renamed',
    previousPath: 'flows/greeting.json',
    friendlyName: identity.intent.friendlyName,
    findings: [],
    validate: 'valid',
    identity,
    comparison: { live: l, diff: diffDefinitions(l?.definition ?? {}, { description: 'new' }) },
  };
}
const intent = (fields: Partial<FlowIntent> = {}): FlowIntent => ({
  path: 'flows/welcome.json',
  friendlyName: 'welcome',
  nameSource: 'file-name',
  ...fields,
});

describe('identity lines', () => {
  it('a renamed file keeps its flow, and says the merge renames it', () => {
    const flow = check({
      state: 'found',
      intent: intent({ previous: { path: 'flows/greeting.json', friendlyName: 'greeting' } }),
      live: live(),
      by: 'previous-name',
    });
    assert.equal(
      identityLine(flow),
      `Renamed from \`flows/greeting.json\`: keeps flow \`${SID}\` ("greeting"); a merge renames it to "welcome".`,
    );
    assert.match(renderFlowSection(flow, 'full'), /Renamed from `flows\/greeting\.json`: keeps flow/);
  });

  it('a flow never published: its draft revision is what the diff is against', () => {
    const flow = check({
      state: 'found',
      intent: intent({ friendlyName: 'greeting', nameSource: 'file' }),
      live: live({ draftOnly: true }),
      by: 'name',
    });
    assert.match(identityLine(flow) ?? '', /was never published: a merge updates it in place/);
    assert.match(
      revisionLine(flow, 'greeting') ?? '',
      /draft r4 \(never published, saved 2026-11-01\) → \*\*r5\*\* on merge/,
    );
    assert.equal(revisionCell(flow), 'r4 draft → r5');
  });

  it('a flow found by SID under another name: the rename is said, with hostile names escaped', () => {
    const flow = check({
      state: 'found',
      intent: intent({ friendlyName: '<img src=x> @all', sid: SID, sidSource: 'environment' }),
      live: live(),
      by: 'sid',
    });
    assert.equal(
      identityLine(flow),
      `Flow \`${SID}\` ("greeting") is found by its SID; a merge renames it to "&lt;img src=x&gt; &#64;&#8203;all".`,
    );
  });

  it('nothing to say for a flow found by its own name, or for the error states (they are findings)', () => {
    assert.equal(
      identityLine(check({ state: 'found', intent: intent({ friendlyName: 'greeting' }), live: live(), by: 'name' })),
      undefined,
    );
    assert.equal(identityLine(check({ state: 'sid-not-found', intent: intent(), sid: SID })), undefined);
  });
});
