/**
 * The run context from @actions/github's context fields: real payloads read as before, and hostile ones
 * (wrong shape, missing fields, huge, markup, odd encodings) stop with a message naming the field.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { readRunContext, runUrl } from '../../src/github/event.ts';
import { PR_PAYLOAD } from '../support/run-action.ts';

const PR = JSON.parse(readFileSync(PR_PAYLOAD, 'utf8')) as Record<string, any>;
const pr = (edit: (p: Record<string, any>) => void = () => {}) => {
  const payload = structuredClone(PR);
  edit(payload);
  return payload;
};
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PUSH = {
  ref: 'refs/heads/main',
  before: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
  after: SHA,
  created: false,
  deleted: false,
  forced: false,
  repository: { default_branch: 'main' },
};

/** Assert a UserError whose message names `field` and never echoes `secretish` (hostile content stays out of the log). */
function rejects(source: Parameters<typeof readRunContext>[0], field: RegExp, hostile?: string): void {
  assert.throws(
    () => readRunContext(source),
    (e: unknown) => {
      assert.ok(e instanceof UserError, `a UserError, got ${String(e)}`);
      assert.match(e.message, field);
      assert.match(e.message, /GITHUB_EVENT_PATH/);
      if (hostile) assert.ok(!e.message.includes(hostile), 'the message does not echo the payload');
      assert.ok(e.message.length < 400, 'a short message');
      return true;
    },
  );
}

describe('well-formed payloads', () => {
  test('a pull_request: number, SHAs, same-repo, the head SHA as the run SHA, URLs without trailing slashes', () => {
    const run = readRunContext({
      eventName: 'pull_request',
      payload: pr(),
      sha: 'ffff',
      repo: { owner: 'Codertocat', repo: 'Hello-World' },
      runId: 42,
      apiUrl: 'http://127.0.0.1:9/api//',
      serverUrl: 'https://ghe.example/',
      graphqlUrl: 'https://ghe.example/api/graphql',
      workspace: '/ws',
    });
    assert.deepEqual(run.pullRequest, {
      number: PR.pull_request.number,
      baseSha: PR.pull_request.base.sha,
      headSha: PR.pull_request.head.sha,
      fromFork: false,
    });
    assert.equal(run.sha, PR.pull_request.head.sha);
    assert.equal(run.apiUrl, 'http://127.0.0.1:9/api');
    assert.equal(run.graphqlUrl, 'https://ghe.example/api/graphql');
    assert.equal(runUrl(run), 'https://ghe.example/Codertocat/Hello-World/actions/runs/42');
    assert.equal(run.workspace, '/ws');
  });

  test('a fork PR, and a PR whose fork was deleted (head.repo null), count as from a fork', () => {
    const fork = readRunContext({
      eventName: 'pull_request_target',
      payload: pr((p) => (p.pull_request.head.repo.full_name = 'evil/Hello-World')),
    });
    assert.equal(fork.pullRequest?.fromFork, true);
    const gone = readRunContext({ eventName: 'pull_request', payload: pr((p) => (p.pull_request.head.repo = null)) });
    assert.equal(gone.pullRequest?.fromFork, true);
  });

  test('push, release, merge_group and workflow_dispatch read their parts', () => {
    const push = readRunContext({ eventName: 'push', payload: PUSH, ref: 'refs/heads/other' });
    assert.deepEqual(push.push, { before: PUSH.before, after: SHA, rewritten: false, deleted: false });
    assert.equal(push.ref, 'refs/heads/main', "the payload's ref wins, as before");
    assert.equal(push.defaultBranch, 'main');
    assert.equal(
      readRunContext({ eventName: 'push', payload: { ...PUSH, before: '0'.repeat(40) } }).push?.rewritten,
      true,
    );
    assert.equal(
      readRunContext({ eventName: 'push', payload: { ...PUSH, after: '0'.repeat(40), deleted: true } }).push?.deleted,
      true,
    );
    const release = readRunContext({
      eventName: 'release',
      payload: { action: 'published', release: { id: 7, tag_name: 'v1', body: null } },
    });
    assert.deepEqual(release.release, { id: 7, tagName: 'v1', body: '' });
    const group = readRunContext({
      eventName: 'merge_group',
      payload: { merge_group: { base_sha: 'f95f852', head_sha: 'a1b2c3d' } },
    });
    assert.deepEqual(group.mergeGroup, { baseSha: 'f95f852', headSha: 'a1b2c3d' });
    assert.deepEqual(
      readRunContext({ eventName: 'workflow_dispatch', payload: { inputs: { flow: 'a.json' } } }).dispatchInputs,
      { flow: 'a.json' },
    );
    assert.deepEqual(readRunContext({ eventName: 'workflow_dispatch', payload: { inputs: null } }).dispatchInputs, {});
  });

  test('{} is a run outside GitHub: everything empty, the public URLs, the working directory', () => {
    const run = readRunContext({});
    assert.equal(run.eventName, '');
    assert.equal(run.pullRequest, undefined);
    assert.equal(run.push, undefined);
    assert.equal(run.apiUrl, 'https://api.github.com');
    assert.equal(run.runId, '');
    assert.equal(run.workspace, process.cwd());
    assert.equal(runUrl(run), undefined);
    assert.equal(
      readRunContext({ runId: Number.NaN }).runId,
      '',
      "@actions/github's NaN run id (GITHUB_RUN_ID unset) is no run id",
    );
  });

  test('a huge payload (a 20 MB PR body, 100,000 commits) is read, and quickly', () => {
    const payload = pr((p) => {
      p.pull_request.body = 'x'.repeat(20_000_000);
      p.commits = Array.from({ length: 100_000 }, (_, i) => ({ id: String(i) }));
    });
    const start = performance.now();
    assert.equal(readRunContext({ eventName: 'pull_request', payload }).pullRequest?.number, PR.pull_request.number);
    assert.ok(performance.now() - start < 500);
  });
});

describe('hostile or broken payloads', () => {
  test('a payload that is not an object (null, an array, a number, a string) names its top level', () => {
    for (const payload of [null, [], 42, '{"pull_request":{}}'])
      rejects({ eventName: 'pull_request', payload }, /its top level, where GitHub sends an object/);
  });

  test('a pull_request event without its pull_request, or with one of the wrong shape', () => {
    rejects(
      { eventName: 'pull_request', payload: {} },
      /'pull_request' event payload .* has no pull_request, where GitHub sends an object/,
    );
    rejects({ eventName: 'pull_request', payload: { pull_request: 'x' } }, /a string as pull_request,/);
    rejects(
      { eventName: 'pull_request', payload: pr((p) => delete p.pull_request.number) },
      /no pull_request\.number, where GitHub sends a positive whole number/,
    );
    for (const n of ['2', 0, -1, 1.5, 2 ** 60, Number.NaN, null]) {
      rejects(
        { eventName: 'pull_request', payload: pr((p) => (p.pull_request.number = n)) },
        /pull_request\.number, where GitHub sends a positive whole number/,
      );
    }
    rejects(
      { eventName: 'pull_request', payload: pr((p) => (p.pull_request.base = [])) },
      /an array as pull_request\.base,/,
    );
    rejects(
      { eventName: 'pull_request', payload: pr((p) => (p.pull_request.head.sha = 42)) },
      /a number as pull_request\.head\.sha, where GitHub sends a commit SHA/,
    );
    rejects(
      { eventName: 'pull_request', payload: pr((p) => delete p.pull_request.base.repo) },
      /no pull_request\.base\.repo\.full_name/,
    );
  });

  test('markup, newlines, workflow commands and huge strings in a SHA are refused without being echoed', () => {
    for (const hostile of [
      '<img src=x onerror=alert(1)>',
      `${SHA}\n::error::pwned`,
      '../../etc/passwd',
      'a'.repeat(100_000),
      `${SHA}\u202e`,
      '',
    ]) {
      rejects(
        { eventName: 'pull_request', payload: pr((p) => (p.pull_request.base.sha = hostile)) },
        /a string as pull_request\.base\.sha, where GitHub sends a commit SHA/,
        hostile || undefined,
      );
      rejects(
        { eventName: 'push', payload: { ...PUSH, after: hostile } },
        /a string as after, where GitHub sends a commit SHA/,
        hostile || undefined,
      );
    }
  });

  test('a push, release or merge_group event without its part, or with parts of the wrong type', () => {
    rejects({ eventName: 'push', payload: {} }, /'push' event payload .* has no after/);
    rejects(
      { eventName: 'push', payload: { ...PUSH, forced: 'yes' } },
      /a string as forced, where GitHub sends true or false/,
    );
    rejects({ eventName: 'release', payload: {} }, /no release, where GitHub sends an object/);
    rejects(
      { eventName: 'release', payload: { release: { id: 1, tag_name: ['v1'] } } },
      /an array as release\.tag_name/,
    );
    rejects({ eventName: 'release', payload: { release: { id: '1', tag_name: 'v1' } } }, /a string as release\.id/);
    rejects(
      { eventName: 'merge_group', payload: { merge_group: { base_sha: 'f95f852' } } },
      /no merge_group\.head_sha/,
    );
    rejects(
      { eventName: 'workflow_dispatch', payload: { inputs: 'flow=a.json' } },
      /a string as inputs, where GitHub sends an object/,
    );
    rejects(
      { eventName: 'push', payload: { ...PUSH, repository: 'Codertocat/Hello-World' } },
      /a string as repository, where GitHub sends an object/,
    );
    rejects(
      { eventName: 'push', payload: { ...PUSH, ref: { name: 'main' } } },
      /an object as ref, where GitHub sends a string/,
    );
  });

  test('other events are read for what they carry, checked the same way', () => {
    assert.equal(readRunContext({ eventName: 'schedule', payload: { schedule: '0 * * * *' } }).pullRequest, undefined);
    assert.equal(
      readRunContext({ eventName: 'pull_request_review', payload: pr() }).pullRequest?.number,
      PR.pull_request.number,
    );
    rejects(
      { eventName: 'pull_request_review', payload: pr((p) => (p.pull_request.number = '1')) },
      /'pull_request_review' event payload .* pull_request\.number/,
    );
  });
});
