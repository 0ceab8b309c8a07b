/** Whose is a live revision, and would the deploy go backwards: the rule in src/deploy/history.ts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commitOfMessage, isOurCommitMessage, judgeHistory } from '../../src/deploy/history.ts';
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
  t.assert.deepEqual(commitOfMessage(`Rollback by studio-flow-ci of ${OLD}: restore r3`, '{sha}'), { sha: OLD, by: 'rollback' });
  t.assert.deepEqual(commitOfMessage(`studio-flow-ci ${OLD}`, 'Deploy {sha}'), { sha: OLD, by: 'sha' });
  t.assert.equal(commitOfMessage('Edited in the Console', '{sha}'), undefined);
  t.assert.equal(commitOfMessage(null, '{sha}'), undefined);
  t.assert.equal(commitOfMessage(`${OLD}\n::error::x`, '{sha}')?.by, 'sha', 'a newline after the SHA is not the template');
  t.assert.equal(commitOfMessage('A'.repeat(40), '{sha}'), undefined, 'upper-case hex is not a git SHA we write');
  assert.ok(isOurCommitMessage(OLD, '{sha}'));
  assert.ok(!isOurCommitMessage(`old template ${OLD}`, '{sha}'));
});

test('an older deploy (ahead) is ours; a newer one (behind, diverged) is refused, naming both commits and the fix', async (t) => {
  const { ancestry, asked } = lookup({ [OLD]: { kind: 'ahead' }, [NEWER]: { kind: 'behind' }, [SHA]: { kind: 'identical' } });
  const items = [withMessage('a.json', OLD), withMessage('bb.json', NEWER), withMessage('ccc.json', NEWER), withMessage('d.json', SHA)];
  const judged = await judgeHistory(items, { template: '{sha}', sha: SHA, ancestry });
  t.assert.deepEqual(judged.drifted, []);
  t.assert.deepEqual([...judged.backwards.keys()], ['bb.json', 'ccc.json']);
  t.assert.match(judged.backwards.get('bb.json')!, /bb\.json \("bb", FW\d+, r1\) is live from commit bbbbbbb, which is not an ancestor of ccccccc \(GitHub: behind\): deploying would go backwards\. Re-run the newest push instead, or dispatch 'deploy' on the newest commit\./);
  t.assert.deepEqual(asked, [OLD, NEWER, NEWER, SHA], 'the lookup (which memoises per commit) is asked per flow');
});

test('a revision under an earlier template is ours when GitHub knows its commit; a Console edit is drift', async (t) => {
  const { ancestry } = lookup({ [OLD]: { kind: 'ahead' } });
  const items = [withMessage('a.json', `deployed ${OLD} by ci`), withMessage('b.json', 'Console save'), withMessage('c.json', null)];
  const judged = await judgeHistory(items, { template: 'Deploy {sha}', sha: SHA, ancestry });
  t.assert.deepEqual(judged.drifted.map((i) => i.path), ['b.json', 'c.json']);
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
  const a = await judgeHistory([withMessage('a.json', OLD), withMessage('b.json', `old ${NEWER}`)], { template: '{sha}', sha: SHA, ancestry: noToken.ancestry });
  t.assert.deepEqual(a.drifted.map((i) => i.path), ['b.json'], 'without a token, only the current template proves a revision ours');
  t.assert.match(a.warnings[0]!, /without 'github-token' it cannot be checked that its commit aaaaaaa is older than ccccccc; writing over it/);
  t.assert.match(a.warnings[1]!, /treated as an edit outside git/);
  const down = lookup({ [OLD]: { kind: 'error', detail: 'GitHub answered 502' } });
  const b = await judgeHistory([withMessage('a.json', OLD), withMessage('b.json', NEWER)], { template: '{sha}', sha: SHA, ancestry: down.ancestry });
  t.assert.deepEqual(b.drifted.map((i) => i.path), ['a.json', 'b.json']);
  t.assert.match(b.warnings[0]!, /GitHub could not compare aaaaaaa with ccccccc: GitHub answered 502; .*'on-drift' decides/);
  t.assert.match(b.warnings[1]!, /GitHub does not know commit bbbbbbb in this repository/);
});
