import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLiveLookup, type LiveFlow, type LiveLookup, type StudioReader } from '../../src/studio/live.ts';
import type { FlowResource, FlowRevision } from '../../src/studio/types.ts';
import { findConflicts } from '../../src/targets/conflicts.ts';
import { identityFinding, previousUnreadableFinding } from '../../src/targets/findings.ts';
import { resolveIdentity, type FlowIdentity } from '../../src/targets/identity.ts';
import { intentOf, type FlowIntent } from '../../src/targets/intent.ts';

const sid = (n: number) => `FW${String(n).padStart(2, '0').repeat(16)}`;

function resource(n: number, name: string, status: 'published' | 'draft', revision = 1): FlowResource {
  return {
    sid: sid(n),
    friendlyName: name,
    definition: { states: [], n },
    status,
    revision,
    commitMessage: null,
    valid: true,
    errors: [],
    warnings: [],
    dateCreated: null,
    dateUpdated: null,
    url: '',
    webhookUrl: null,
  };
}
const notFound = () => Object.assign(new Error('not found'), { status: 404 });

/** A Studio with the given flows; `published` maps a draft-topped flow to its published revision. */
function studio(
  flows: FlowResource[],
  published: Record<string, FlowRevision> = {},
): StudioReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    listFlows: async () => (calls.push('list'), flows),
    getFlow: async (s) => {
      calls.push(`get ${s}`);
      const f = flows.find((x) => x.sid === s);
      if (!f) throw notFound();
      return f;
    },
    getRevision: async (s, ref) => {
      calls.push(`rev ${s} ${ref}`);
      const r = published[s];
      if (!r) throw notFound();
      return r;
    },
  };
}
const intent = (fields: Partial<FlowIntent> & { path?: string } = {}): FlowIntent => ({
  path: 'flows/a.json',
  friendlyName: 'A',
  nameSource: 'file',
  ...fields,
});
const state = (i: FlowIdentity) => i.state;

describe('resolveIdentity: one explicit state per file', () => {
  it('found by SID (published), by name; absent; one list call for all names', async () => {
    const s = studio([resource(1, 'A', 'published'), resource(2, 'B', 'published')]);
    const lookup = createLiveLookup(s);
    const bySid = await resolveIdentity(intent({ sid: sid(2), sidSource: 'file' }), lookup);
    assert.deepEqual(
      [bySid.state, bySid.state === 'found' && bySid.live.sid, bySid.state === 'found' && bySid.by],
      ['found', sid(2), 'sid'],
    );
    const byName = await resolveIdentity(intent(), lookup);
    assert.deepEqual([byName.state, byName.state === 'found' && byName.live.sid], ['found', sid(1)]);
    assert.equal(state(await resolveIdentity(intent({ friendlyName: 'C' }), lookup)), 'absent');
    assert.equal(state(await resolveIdentity(intent({ friendlyName: 'a' }), lookup)), 'absent', 'names match exactly');
    assert.equal(s.calls.filter((c) => c === 'list').length, 1);
  });

  it('a flow with drafts only is found (draftOnly), compared with its latest draft', async () => {
    const s = studio([resource(3, 'Survey', 'draft', 4)]);
    const found = await resolveIdentity(intent({ friendlyName: 'Survey' }), createLiveLookup(s));
    assert.equal(found.state, 'found');
    const live = (found as { live: LiveFlow }).live;
    assert.deepEqual(
      [live.draftOnly, live.revision, live.draftRevision, (live.definition as { n: number }).n],
      [true, 4, undefined, 3],
    );
  });

  it('a draft on top of a published revision: the published one is live, the draft is noted', async () => {
    const published: FlowRevision = { ...resource(5, 'X', 'published', 2), definition: { published: true } };
    const found = await resolveIdentity(
      intent({ friendlyName: 'X' }),
      createLiveLookup(studio([resource(5, 'X', 'draft', 3)], { [sid(5)]: published })),
    );
    const live = (found as { live: LiveFlow }).live;
    assert.deepEqual(
      [live.draftOnly, live.revision, live.draftRevision, live.definition],
      [undefined, 2, 3, { published: true }],
    );
  });

  it('a SID not in the account is sid-not-found, never absent (never a create)', async () => {
    const ghost = sid(9);
    const found = await resolveIdentity(
      intent({ sid: ghost, sidSource: 'file' }),
      createLiveLookup(studio([resource(1, 'A', 'published')])),
    );
    assert.deepEqual(found, { state: 'sid-not-found', intent: intent({ sid: ghost, sidSource: 'file' }), sid: ghost });
    const finding = identityFinding(found);
    assert.match(
      finding?.message ?? '',
      new RegExp(
        `No Studio flow has the SID ${ghost}, which the file's own "sid" gives for the flow "A"\\. A missing SID is never created`,
      ),
    );
    assert.equal(finding?.severity, 'error');
  });

  it('two flows with the name are ambiguous: the error names both SIDs', async () => {
    const found = await resolveIdentity(
      intent(),
      createLiveLookup(studio([resource(1, 'A', 'published'), resource(2, 'A', 'published')])),
    );
    assert.deepEqual(found.state === 'ambiguous' && found.sids, [sid(1), sid(2)]);
    const finding = identityFinding(found, 'staging');
    assert.match(finding?.message ?? '', new RegExp(`2 Studio flows could be the flow "A": ${sid(1)}, ${sid(2)}`));
    assert.match(finding?.fix ?? '', /environments\.staging\.sid/);
  });

  it('a renamed file keeps the flow of its old name; a new name that is another flow is ambiguous', async () => {
    const renamed = intentOf({
      path: 'flows/welcome.json',
      own: { friendlyName: 'welcome', nameSource: 'file-name' },
      previousPath: 'flows/greeting.json',
    });
    const kept = await resolveIdentity(renamed, createLiveLookup(studio([resource(1, 'greeting', 'published')])));
    assert.deepEqual(
      [kept.state, kept.state === 'found' && kept.by, kept.state === 'found' && kept.live.sid],
      ['found', 'previous-name', sid(1)],
    );
    const clash = await resolveIdentity(
      renamed,
      createLiveLookup(studio([resource(1, 'greeting', 'published'), resource(2, 'welcome', 'published')])),
    );
    assert.deepEqual(clash.state === 'ambiguous' && clash.sids, [sid(1), sid(2)]);
    const fresh = await resolveIdentity(renamed, createLiveLookup(studio([])));
    assert.equal(fresh.state, 'absent');
  });

  it("a renamed file keeps the flow of its old file's identity (name or SID), even when the new file names itself", async () => {
    const own = { friendlyName: 'Welcome', nameSource: 'file' as const };
    const byName = intentOf({
      path: 'flows/welcome.json',
      own,
      previousPath: 'flows/greeting.json',
      previous: { path: 'flows/greeting.json', friendlyName: 'Greeting' },
    });
    const kept = await resolveIdentity(byName, createLiveLookup(studio([resource(1, 'Greeting', 'published')])));
    assert.deepEqual(
      [kept.state, kept.state === 'found' && kept.by, kept.state === 'found' && kept.live.sid],
      ['found', 'previous-name', sid(1)],
    );
    const bySid = intentOf({
      path: 'flows/welcome.json',
      own,
      previousPath: 'flows/greeting.json',
      previous: { path: 'flows/greeting.json', friendlyName: 'Old', sid: sid(2) },
    });
    const keptBySid = await resolveIdentity(
      bySid,
      createLiveLookup(studio([resource(2, 'Renamed in Console', 'published')])),
    );
    assert.equal(keptBySid.state === 'found' && keptBySid.live.sid, sid(2));
    const gone = await resolveIdentity(bySid, createLiveLookup(studio([])));
    assert.equal(gone.state, 'absent', 'an old SID no longer in Studio keeps nothing');
    const same = await resolveIdentity(
      byName,
      createLiveLookup(studio([resource(1, 'Greeting', 'published'), resource(2, 'Welcome', 'published')])),
    );
    assert.equal(same.state, 'ambiguous');
    const finding = identityFinding(same);
    assert.equal(
      finding?.message,
      `flows/welcome.json was renamed from flows/greeting.json, which is the Studio flow ${sid(1)}, but as "Welcome" it is another flow, ${sid(2)}. Writing either would orphan one flow or leave two of one name, so nothing is written.`,
    );
    const both = await resolveIdentity(byName, createLiveLookup(studio([resource(3, 'Welcome', 'published')])));
    assert.equal(both.state === 'found' && both.by, 'name', 'the old identity finds nothing: the new one stands');
  });

  it('a renamed file whose old file could not be read is an error naming both paths and the fix', () => {
    const unread = intentOf({
      path: 'flows/b.json',
      own: { friendlyName: 'B', nameSource: 'file' },
      previousPath: 'flows/a.json',
      previous: { path: 'flows/a.json', unreadable: 'HTTP 502' },
    });
    const finding = previousUnreadableFinding(unread);
    assert.equal(finding?.severity, 'error');
    assert.match(
      finding?.message ?? '',
      /^flows\/b\.json was renamed from flows\/a\.json, but flows\/a\.json could not be read at the base commit from GitHub \(HTTP 502\)/,
    );
    assert.equal(
      previousUnreadableFinding(intentOf({ path: 'flows/b.json', own: { friendlyName: 'B', nameSource: 'file' } })),
      undefined,
    );
  });

  it('Studio failures are thrown, not turned into a state', async () => {
    const broken: LiveLookup = {
      flow: async () => {
        throw new Error('ECONNRESET');
      },
      named: async () => {
        throw new Error('ECONNRESET');
      },
    };
    await assert.rejects(resolveIdentity(intent(), broken), /ECONNRESET/);
    await assert.rejects(resolveIdentity(intent({ sid: sid(1) }), broken), /ECONNRESET/);
  });
});

describe('findConflicts: two files, one flow', () => {
  const files = (...list: Array<Partial<FlowIntent> & { path: string }>) => list.map((f) => intent(f));

  it('offline: the same name or the same SID; each file names the other', async () => {
    const conflicts = await findConflicts(
      files(
        { path: 'flows/b/survey.json', friendlyName: 'survey' },
        { path: 'flows/a/survey.json', friendlyName: 'survey' },
        { path: 'flows/c.json', friendlyName: 'C' },
      ),
    );
    assert.deepEqual(Object.fromEntries(conflicts), {
      'flows/a/survey.json': { otherPath: 'flows/b/survey.json', friendlyName: 'survey' },
      'flows/b/survey.json': { otherPath: 'flows/a/survey.json', friendlyName: 'survey' },
    });
    const bySid = await findConflicts(
      files({ path: 'x.json', sid: sid(1), friendlyName: 'X' }, { path: 'y.json', sid: sid(1), friendlyName: 'Y' }),
    );
    assert.equal(bySid.get('x.json')?.sid, sid(1));
  });

  it('online: a name that finds the flow another file names by SID collides with it', async () => {
    const lookup = createLiveLookup(studio([resource(1, 'Survey', 'published')]));
    const conflicts = await findConflicts(
      files(
        { path: 'copy.json', friendlyName: 'Survey' },
        { path: 'survey.json', sid: sid(1), friendlyName: 'Something else' },
      ),
      lookup,
    );
    assert.deepEqual(conflicts.get('copy.json'), { otherPath: 'survey.json', friendlyName: 'Survey', sid: sid(1) });
    const message = identityFinding({
      state: 'conflict',
      intent: intent({ path: 'copy.json', friendlyName: 'Survey' }),
      conflict: conflicts.get('copy.json')!,
    })?.message;
    assert.equal(
      message,
      `copy.json and survey.json both resolve to the Studio flow ${sid(1)} ("Survey"): each deploy would overwrite one with the other.`,
    );
  });

  it('different names and SIDs do not collide; one file is never its own conflict', async () => {
    assert.equal(
      (
        await findConflicts(
          files(
            { path: 'a.json', friendlyName: 'A' },
            { path: 'b.json', friendlyName: 'B' },
            { path: 'c.json', sid: sid(3) },
          ),
        )
      ).size,
      0,
    );
    assert.equal((await findConflicts(files({ path: 'a.json' }))).size, 0);
  });

  it('names that differ only by Unicode normalisation (NFC vs NFD) collide, and the message says so', async () => {
    const conflicts = await findConflicts(
      files({ path: 'a.json', friendlyName: 'Caf\u00e9' }, { path: 'b.json', friendlyName: 'Cafe\u0301' }),
    );
    assert.deepEqual(conflicts.get('a.json'), {
      otherPath: 'b.json',
      friendlyName: 'Caf\u00e9',
      otherName: 'Cafe\u0301',
    });
    const message =
      identityFinding({
        state: 'conflict',
        intent: intent({ path: 'b.json', friendlyName: 'Cafe\u0301' }),
        conflict: conflicts.get('b.json')!,
      })?.message ?? '';
    assert.match(
      message,
      /^b\.json and a\.json both resolve to the flow name "Cafe\u0301" \(the two files' names differ only in Unicode normalisation, NFC vs NFD/,
    );
    assert.equal(
      (
        await findConflicts(
          files({ path: 'a.json', friendlyName: 'Cafe' }, { path: 'b.json', friendlyName: 'Caf\u00e9' }),
        )
      ).size,
      0,
      'a different letter is a different name',
    );
  });

  it('hostile names stay one masked, quoted line of at most 60 characters in the message', async () => {
    const hostile = `<img src=x onerror=alert(1)>\n::error::pwned ${'x'.repeat(5000)}`;
    const conflicts = await findConflicts(
      files({ path: 'a.json', friendlyName: hostile }, { path: 'b.json', friendlyName: hostile }),
    );
    const message =
      identityFinding({
        state: 'conflict',
        intent: intent({ path: 'a.json', friendlyName: hostile }),
        conflict: conflicts.get('a.json')!,
      })?.message ?? '';
    assert.ok(!message.includes('\n'), 'one line');
    assert.ok(message.length < 300, `short: ${message.length}`);
  });
});
