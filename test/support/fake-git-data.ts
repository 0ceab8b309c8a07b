/**
 * The fake GitHub's Git Data and pull-request endpoints, as sync uses them: blobs, trees (flat, path →
 * blob), commits, branch refs (created, read, force-updated; protected ones refused with 422), compare of
 * two known commits, pulls (list by head with paging, create, update) and labels. Blob ids are git's own,
 * so the client's local hash must agree with the server's.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface FakePull {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  head: { ref: string; label: string; sha: string };
  base: { ref: string };
  user: { login: string; type: string };
  labels: { name: string }[];
  html_url: string;
  merged_at: string | null;
}

export interface GitState {
  blobs: Map<string, Buffer>;
  /** Tree id → path → blob id. */
  trees: Map<string, Map<string, string>>;
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  /** Full ref name → SHA (refs/heads/…, refs/tags/…). */
  refs: Map<string, string>;
  /** Branch names whose ref the token may not move (422 as GitHub's branch protection answers). */
  protectedBranches: Set<string>;
  /** Permissions the token lacks: writes needing them answer 403. */
  missingPermissions: Set<'contents' | 'pull-requests'>;
  pulls: FakePull[];
  viewer: { login: string; type: string };
}

export function newGitState(): Omit<GitState, 'refs' | 'viewer'> {
  return {
    blobs: new Map(),
    trees: new Map(),
    commits: new Map(),
    protectedBranches: new Set(),
    missingPermissions: new Set(),
    pulls: [],
  };
}

export function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function objectSha(kind: string, content: string): string {
  return createHash('sha1').update(`${kind}\0${content}`).digest('hex');
}

function treeSha(entries: Map<string, string>): string {
  return objectSha('tree', JSON.stringify([...entries].sort()));
}

/** Store a commit holding `files` (path → text) under a given SHA (e.g. the run's GITHUB_SHA). */
export function addCommit(state: GitState, sha: string, files: Record<string, string>, parents: string[] = []): void {
  const entries = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    const bytes = Buffer.from(text, 'utf8');
    const id = gitBlobSha(bytes);
    state.blobs.set(id, bytes);
    entries.set(path, id);
  }
  const tree = treeSha(entries);
  state.trees.set(tree, entries);
  state.commits.set(sha, { tree, parents, message: 'seeded' });
}

/** The files of a commit: path → text. */
export function filesAt(state: GitState, sha: string): Map<string, string> {
  const commit = state.commits.get(sha);
  const tree = commit ? state.trees.get(commit.tree) : undefined;
  return new Map([...(tree ?? [])].map(([p, id]) => [p, state.blobs.get(id)?.toString('utf8') ?? '']));
}

type Send = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
type Page = <T>(items: T[]) => { items: T[]; link?: string };

const NOT_FOUND = { message: 'Not Found', status: '404' };
const forbidden = (permission: string) => ({
  message: 'Resource not accessible by integration',
  documentation_url: `https://docs.github.com/rest (needs ${permission}: write)`,
  status: '403',
});

/** Handles the request when it is one of these endpoints; returns false for any other. */
export function handleGitData(
  state: GitState,
  request: { method: string; path: string; query: URLSearchParams; body: unknown },
  reply: { res: ServerResponse; send: Send; page: Page },
): boolean {
  const { method, path, query } = request;
  const body = (request.body ?? {}) as Record<string, any>;
  const { res, send } = reply;
  const m = /^\/repos\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
  if (!m) return false;
  const [, owner, repo, rest] = m as unknown as [string, string, string, string];
  const isWrite = method !== 'GET';
  const needs = /^(git\/|compare)/.test(rest)
    ? 'contents'
    : /^(pulls|issues\/\d+\/labels)/.test(rest)
      ? 'pull-requests'
      : undefined;
  if (!needs) return false;
  if (isWrite && state.missingPermissions.has(needs)) return (send(res, 403, forbidden(needs)), true);

  if (rest === 'git/blobs' && method === 'POST') {
    const bytes = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
    const sha = gitBlobSha(bytes);
    state.blobs.set(sha, bytes);
    return (send(res, 201, { sha, url: `${path}/${sha}` }), true);
  }
  if (rest === 'git/trees' && method === 'POST') {
    const base = body.base_tree ? state.trees.get(String(body.base_tree)) : new Map<string, string>();
    if (!base) return (send(res, 422, { message: 'base_tree is not a tree', status: '422' }), true);
    const entries = new Map(base);
    for (const e of body.tree as { path: string; sha: string | null }[]) {
      if (e.sha === null) entries.delete(e.path);
      else if (!state.blobs.has(e.sha))
        return (send(res, 422, { message: `tree.sha ${e.sha} is not a blob`, status: '422' }), true);
      else entries.set(e.path, e.sha);
    }
    const sha = treeSha(entries);
    state.trees.set(sha, entries);
    return (send(res, 201, { sha, tree: [] }), true);
  }
  if (rest === 'git/commits' && method === 'POST') {
    const parents = (body.parents as string[]) ?? [];
    if (!state.trees.has(String(body.tree)) || parents.some((p) => !state.commits.has(p)))
      return (send(res, 422, { message: 'tree or parent unknown', status: '422' }), true);
    const sha = objectSha('commit', JSON.stringify([body.tree, parents, body.message]));
    state.commits.set(sha, { tree: String(body.tree), parents, message: String(body.message) });
    return (
      send(res, 201, {
        sha,
        tree: { sha: body.tree },
        parents: parents.map((p) => ({ sha: p })),
        message: body.message,
      }),
      true
    );
  }
  let g = /^git\/commits\/([0-9a-f]{40})$/.exec(rest);
  if (g && method === 'GET') {
    const commit = state.commits.get(g[1] as string);
    if (!commit) return (send(res, 404, NOT_FOUND), true);
    return (
      send(res, 200, {
        sha: g[1],
        tree: { sha: commit.tree },
        parents: commit.parents.map((p) => ({ sha: p })),
        message: commit.message,
      }),
      true
    );
  }
  g = /^git\/ref\/(.+)$/.exec(rest);
  if (g && method === 'GET') {
    const ref = `refs/${decodeURIComponent(g[1] as string)}`;
    const sha = state.refs.get(ref);
    if (!sha) return (send(res, 404, NOT_FOUND), true);
    return (send(res, 200, { ref, object: { sha, type: 'commit' } }), true);
  }
  const branchOf = (ref: string) => ref.replace(/^refs\/heads\//, '');
  if (rest === 'git/refs' && method === 'POST' && String(body.ref).startsWith('refs/heads/')) {
    const ref = String(body.ref);
    if (state.protectedBranches.has(branchOf(ref)))
      return (send(res, 422, { message: `Protected branch update failed for ${ref}.`, status: '422' }), true);
    if (state.refs.has(ref)) return (send(res, 422, { message: 'Reference already exists', status: '422' }), true);
    if (!state.commits.has(String(body.sha)))
      return (send(res, 422, { message: 'Object does not exist', status: '422' }), true);
    state.refs.set(ref, String(body.sha));
    return (send(res, 201, { ref, object: { sha: body.sha, type: 'commit' } }), true);
  }
  g = /^git\/refs\/(.+)$/.exec(rest);
  if (g && method === 'PATCH') {
    const ref = `refs/${decodeURIComponent(g[1] as string)}`;
    if (!state.refs.has(ref)) return (send(res, 422, { message: 'Reference does not exist', status: '422' }), true);
    if (state.protectedBranches.has(branchOf(ref)))
      return (send(res, 422, { message: `Protected branch update failed for ${ref}.`, status: '422' }), true);
    if (!state.commits.has(String(body.sha)))
      return (send(res, 422, { message: 'Object does not exist', status: '422' }), true);
    state.refs.set(ref, String(body.sha));
    return (send(res, 200, { ref, object: { sha: body.sha, type: 'commit' } }), true);
  }
  g = /^compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/.exec(decodeURIComponent(rest));
  if (g && method === 'GET' && state.commits.has(g[1] as string) && state.commits.has(g[2] as string)) {
    const [a, b] = [g[1] as string, g[2] as string].map((s) => state.trees.get(state.commits.get(s)!.tree)!);
    const files = [];
    for (const [p, id] of b!)
      if (a!.get(p) !== id) files.push({ filename: p, status: a!.has(p) ? 'modified' : 'added', sha: id });
    for (const [p, id] of a!) if (!b!.has(p)) files.push({ filename: p, status: 'removed', sha: id });
    return (send(res, 200, { status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files }), true);
  }
  if (rest === 'pulls' && method === 'GET') {
    const head = query.get('head');
    const stateWanted = query.get('state') ?? 'open';
    const list = state.pulls.filter(
      (p) => (stateWanted === 'all' || p.state === stateWanted) && (!head || p.head.label === head),
    );
    const { items, link } = reply.page(list);
    return (send(res, 200, items, link ? { link } : {}), true);
  }
  if (rest === 'pulls' && method === 'POST') {
    const head = String(body.head);
    if (!state.refs.has(`refs/heads/${head}`))
      return (send(res, 422, { message: 'Validation Failed: head', status: '422' }), true);
    if (state.pulls.some((p) => p.state === 'open' && p.head.ref === head))
      return (send(res, 422, { message: `A pull request already exists for ${owner}:${head}.`, status: '422' }), true);
    const number = 100 + state.pulls.length;
    const pull: FakePull = {
      number,
      title: String(body.title),
      body: String(body.body ?? ''),
      state: 'open',
      head: { ref: head, label: `${owner}:${head}`, sha: state.refs.get(`refs/heads/${head}`)! },
      base: { ref: String(body.base) },
      user: { ...state.viewer },
      labels: [],
      html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
      merged_at: null,
    };
    state.pulls.push(pull);
    return (send(res, 201, pull), true);
  }
  g = /^pulls\/(\d+)$/.exec(rest);
  if (g && method === 'PATCH') {
    const pull = state.pulls.find((p) => p.number === Number(g![1]));
    if (!pull) return (send(res, 404, NOT_FOUND), true);
    if (typeof body.title === 'string') pull.title = body.title;
    if (typeof body.body === 'string') pull.body = body.body;
    if (body.state === 'open' || body.state === 'closed') pull.state = body.state;
    return (send(res, 200, pull), true);
  }
  g = /^issues\/(\d+)\/labels$/.exec(rest);
  if (g && method === 'POST') {
    const pull = state.pulls.find((p) => p.number === Number(g![1]));
    if (!pull) return (send(res, 404, NOT_FOUND), true);
    for (const name of body.labels as string[])
      if (!pull.labels.some((l) => l.name === name)) pull.labels.push({ name });
    return (send(res, 200, pull.labels), true);
  }
  return false;
}
