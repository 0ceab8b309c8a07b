/** Whose is a live revision, and would the deploy go backwards: the rule in src/deploy/history.ts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeHistory } from '../../src/deploy/history.ts';
import { commitOfMessage } from '../../src/deploy/ownership.ts';

/** A revision this action wrote under the current template (a deploy or a rollback), not only a SHA in its text. */
const isOurCommitMessage = (message: string | null, template: string) => {
  const found = commitOfMessage(message, template);
  return found !== undefined && found.by !== 'sha';
};
import type { Ancestry } from '../../src/github/ancestry.ts';
import { item } from './support.ts';

const SHA = 'c'.repeat(40);
const OLD = 'a'.repeat(40);
const NEWER = 'b'.repeat(40);

function withMessage(path: string, message: string | null) {
  const i = item(path, { live: path.length });
  i.live!.latestCommitMessage = message;
  return i;
}

function lookup(answers: Record<string, Ancestry>) {
  const asked: string[] = [];
  return { asked, ancestry: async (x: string) => (asked.push(x), answers[x] ?? { kind: 'not-found' as const }) };
}

test('commit messages: the current template, our rollback, a SHA in other text, or none', (t) => {
  t.assert.deepEqual(commitOfMessage(`Deploy ${OLD} (ci)`, 'Deploy {sha} (ci)'), { sha: OLD, by: 'template' });
  t.assert.deepEqual(commitOfMessage(`Rollback by studio-flow-ci of ${OLD}: restore r3`, '{sha}'), {
    sha: OLD,
    by: 'rollback',
  });
  t.assert.deepEqual(commitOfMessage(`studio-flow-ci ${OLD}`, 'Deploy {sha}'), { sha: OLD, by: 'sha' });
  t.assert.equal(commitOfMessage('Edited in the Console', '{sha}'), undefined);
  t.assert.equal(commitOfMessage(null, '{sha}'), undefined);
  t.assert.equal(
    commitOfMessage(`${OLD}\n::error::x`, '{sha}')?.by,
    'sha',
    'a newline after the SHA is not the template',
  );
  t.assert.equal(commitOfMessage('A'.repeat(40), '{sha}'), undefined, 'upper-case hex is not a git SHA we write');
  assert.ok(isOurCommitMessage(OLD, '{sha}'));
  assert.ok(!isOurCommitMessage(`old template ${OLD}`, '{sha}'));
});

test('an older deploy (ahead) is ours; a newer one (behind, diverged) is refused, naming both commits and the fix', async (t) => {
  const { ancestry, asked } = lookup({
    [OLD]: { kind: 'ahead' },
    [NEWER]: { kind: 'behind' },
    [SHA]: { kind: 'identical' },
  });
  const items = [
    withMessage('a.json', OLD),
    withMessage('bb.json', NEWER),
    withMessage('ccc.json', NEWER),
    withMessage('d.json', SHA),
  ];
  const judged = await judgeHistory(items, { template: '{sha}', sha: SHA, ancestry });
  t.assert.deepEqual(judged.drifted, []);
  t.assert.deepEqual([...judged.backwards.keys()], ['bb.json', 'ccc.json']);
  t.assert.match(
    judged.backwards.get('bb.json')!,
    /bb\.json \("bb", FW\d+, r1\) is live from commit bbbbbbb, which is not an ancestor of ccccccc \(GitHub: behind\): deploying would go backwards\. Re-run the newest push instead, or dispatch 'deploy' on the newest commit\./,
  );
  t.assert.deepEqual(asked, [OLD, NEWER, NEWER, SHA], 'the lookup (which memoises per commit) is asked per flow');
});

test('a revision under an earlier template is ours when GitHub knows its commit; a Console edit is drift', async (t) => {
  const { ancestry } = lookup({ [OLD]: { kind: 'ahead' } });
  const items = [
    withMessage('a.json', `deployed ${OLD} by ci`),
    withMessage('b.json', 'Console save'),
    withMessage('c.json', null),
  ];
  const judged = await judgeHistory(items, { template: 'Deploy {sha}', sha: SHA, ancestry });
  t.assert.deepEqual(
    judged.drifted.map((i) => i.path),
    ['b.json', 'c.json'],
  );
  t.assert.deepEqual(judged.warnings, []);
});

test('unchanged flows and new flows are never judged', async (t) => {
  const { ancestry, asked } = lookup({});
  const same = withMessage('a.json', 'Console save');
  same.unchanged = true;
  const judged = await judgeHistory([same, item('new.json')], { template: '{sha}', sha: SHA, ancestry });
  t.assert.deepEqual([judged.drifted, judged.backwards.size, asked], [[], 0, []]);
});

test('GitHub not asked or not answering: a warning, and a safe decision', async (t) => {
  const noToken = lookup({ [OLD]: { kind: 'no-token' }, [NEWER]: { kind: 'no-token' } });
  const a = await judgeHistory([withMessage('a.json', OLD), withMessage('b.json', `old ${NEWER}`)], {
    template: '{sha}',
    sha: SHA,
    ancestry: noToken.ancestry,
  });
  t.assert.deepEqual(
    a.drifted.map((i) => i.path),
    ['b.json'],
    'without a token, only the current template proves a revision ours',
  );
  t.assert.match(
    a.warnings[0]!,
    /without 'github-token' it cannot be checked that its commit aaaaaaa is older than ccccccc; writing over it/,
  );
  t.assert.match(a.warnings[1]!, /treated as an edit outside git/);
  const down = lookup({ [OLD]: { kind: 'error', detail: 'GitHub answered 502' } });
  const b = await judgeHistory([withMessage('a.json', OLD), withMessage('b.json', NEWER)], {
    template: '{sha}',
    sha: SHA,
    ancestry: down.ancestry,
  });
  t.assert.deepEqual(
    b.drifted.map((i) => i.path),
    ['a.json', 'b.json'],
  );
  t.assert.match(
    b.warnings[0]!,
    /GitHub could not compare aaaaaaa with ccccccc: GitHub answered 502; .*'on-drift' decides/,
  );
  t.assert.match(b.warnings[1]!, /GitHub does not know commit bbbbbbb in this repository/);
});

/** A flow whose revisions are `messages` (r1 first); the lister counts its calls. */
function flowWith(path: string, messages: (string | null)[], opts: { published?: number } = {}) {
  const i = item(path, { live: path.length });
  const latest = messages.length;
  const published = opts.published ?? latest;
  Object.assign(i.live!, {
    revision: published,
    commitMessage: messages[published - 1] ?? null,
    latestCommitMessage: messages[latest - 1] ?? null,
  });
  if (published !== latest) i.live!.draftRevision = latest;
  return { item: i, revisions: messages.map((commitMessage, n) => ({ revision: n + 1, commitMessage })).reverse() };
}

function lister(flows: ReturnType<typeof flowWith>[]) {
  const calls: string[] = [];
  const revisions = async (sid: string) => {
    calls.push(sid);
    return flows.find((f) => f.item.live!.sid === sid)!.revisions;
  };
  return { calls, revisions };
}

const rollback = (of: string, n: number) => `Rollback by studio-flow-ci of ${of}: restore r${n}`;

test("a rollback that restored a Console edit is drift; one that restored our revision is ours, for that revision's commit", async (t) => {
  const consoleEdit = flowWith('a.json', [OLD, 'Console fix', NEWER, rollback(NEWER, 2)]);
  const ours = flowWith('bb.json', [OLD, NEWER, rollback(NEWER, 1)]);
  const { revisions, calls } = lister([consoleEdit, ours]);
  const { ancestry, asked } = lookup({ [OLD]: { kind: 'ahead' }, [NEWER]: { kind: 'ahead' } });
  const judged = await judgeHistory([consoleEdit.item, ours.item], {
    template: '{sha}',
    sha: SHA,
    ancestry,
    revisions,
  });
  t.assert.deepEqual(
    judged.drifted.map((i) => i.path),
    ['a.json'],
  );
  t.assert.match(judged.driftWhy.get('a.json')!, /a rollback that restored r2, which studio-flow-ci did not write/);
  t.assert.deepEqual(judged.backwards.size, 0);
  t.assert.deepEqual(calls.length, 2, 'each flow listed once');
  assert.ok(asked.includes(OLD), 'the rollback of bb.json stands for r1 (OLD), the definition it put back');
});

test('a rollback chain deeper than the bound, or naming a revision Studio does not have, is not shown ours: drift', async (t) => {
  const deep = flowWith('a.json', [
    OLD,
    rollback(OLD, 1),
    rollback(OLD, 2),
    rollback(OLD, 3),
    rollback(OLD, 4),
    rollback(OLD, 5),
    rollback(OLD, 6),
    rollback(OLD, 7),
  ]);
  const missing = flowWith('bb.json', [OLD, rollback(OLD, 999999999)]);
  const malformed = flowWith('ccc.json', [OLD, `Rollback by studio-flow-ci of ${OLD}: restore r1\n::error::x`]);
  const { revisions } = lister([deep, missing, malformed]);
  const judged = await judgeHistory([deep.item, missing.item, malformed.item], {
    template: '{sha}',
    sha: SHA,
    ancestry: lookup({ [OLD]: { kind: 'ahead' } }).ancestry,
    revisions,
  });
  t.assert.deepEqual(
    judged.drifted.map((i) => i.path),
    ['a.json', 'bb.json', 'ccc.json'],
  );
  t.assert.match(judged.driftWhy.get('bb.json')!, /r999999999, which Studio does not have/);
  t.assert.match(judged.driftWhy.get('ccc.json')!, /does not say which revision it restored/);
});

test('a Console draft on top of a NEWER published deploy: refused as going backwards, without listing revisions', async (t) => {
  const f = flowWith('a.json', [NEWER, null], { published: 1 });
  const { revisions, calls } = lister([f]);
  const judged = await judgeHistory([f.item], {
    template: '{sha}',
    sha: SHA,
    ancestry: lookup({ [NEWER]: { kind: 'behind' } }).ancestry,
    revisions,
  });
  t.assert.deepEqual(
    judged.drifted.map((i) => i.path),
    ['a.json'],
  );
  t.assert.match(
    judged.backwards.get('a.json')!,
    /the newest revision studio-flow-ci wrote, r1, .* is from commit bbbbbbb, which is not an ancestor of ccccccc \(GitHub: behind\)/,
  );
  t.assert.deepEqual(calls, [], 'the published revision is right under the draft: no list call');
});

test('published Console edits on top of a NEWER deploy: the list is read once and the older push is refused', async (t) => {
  const f = flowWith('a.json', [OLD, NEWER, 'hotfix in console', 'another console save']);
  const clean = flowWith('bb.json', [OLD, 'Console save']);
  const { revisions, calls } = lister([f, clean]);
  const judged = await judgeHistory([f.item, clean.item], {
    template: '{sha}',
    sha: SHA,
    ancestry: lookup({ [OLD]: { kind: 'ahead' }, [NEWER]: { kind: 'diverged' } }).ancestry,
    revisions,
  });
  t.assert.deepEqual([...judged.backwards.keys()], ['a.json']);
  t.assert.match(judged.backwards.get('a.json')!, /r2, .*bbbbbbb.*GitHub: diverged/);
  t.assert.deepEqual(
    judged.drifted.map((i) => i.path),
    ['a.json', 'bb.json'],
    'still drift: on-drift decides for bb.json',
  );
  t.assert.equal(calls.length, 2);
});

test('the revision list failing is a warning naming the flow, never a crash; flows that are ours are never listed', async (t) => {
  const f = flowWith('a.json', [OLD, 'Console save']);
  const ours = flowWith('bb.json', ['Console save', OLD]);
  const calls: string[] = [];
  const revisions = async (sid: string) => {
    calls.push(sid);
    throw new Error('HTTP 503');
  };
  const judged = await judgeHistory([f.item, ours.item], {
    template: '{sha}',
    sha: SHA,
    ancestry: lookup({ [OLD]: { kind: 'ahead' } }).ancestry,
    revisions,
  });
  t.assert.deepEqual(
    judged.drifted.map((i) => i.path),
    ['a.json'],
  );
  t.assert.match(
    judged.warnings.join('\n'),
    /a\.json \("a", FW\d+, r2\): its revisions could not be listed \(HTTP 503\)/,
  );
  t.assert.deepEqual(calls, [f.item.live!.sid]);
});

test('a draft-only flow whose latest revision already holds this definition and name only needs publishing: never drift', async (t) => {
  const f = flowWith('a.json', [null]);
  f.item.onlyPublish = true;
  const judged = await judgeHistory([f.item], {
    template: '{sha}',
    sha: SHA,
    ancestry: lookup({}).ancestry,
    revisions: lister([f]).revisions,
  });
  t.assert.deepEqual([judged.drifted, judged.backwards.size], [[], 0]);
});
