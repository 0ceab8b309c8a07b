/**
 * A fake GitHub REST API on loopback: just the endpoints the action calls, with GitHub's paging
 * (Link headers), its error bodies, and a switch that makes the token read-only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleGitData, newGitState, type GitState } from './fake-git-data.ts';

export interface FakeFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previous_filename?: string;
  patch?: string;
}
export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}
export interface FakeReviewComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  path: string;
  /** null once outdated, as GitHub reports it. */
  line: number | null;
  side: string;
  commit_id: string;
  html_url: string;
}
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeGitHub extends GitState {
  url: string;
  /** Files per PR number. */
  pullFiles: Map<number, FakeFile[]>;
  /** Files per compare range `base...head`. */
  compareFiles: Map<string, FakeFile[]>;
  /** The `status` a compare range answers (default `ahead` for a range in compareFiles; 404 for any other). */
  compareStatus: Map<string, 'ahead' | 'behind' | 'diverged' | 'identical'>;
  /** Comments per issue/PR number. */
  comments: Map<number, FakeComment[]>;
  /** Review comments per PR number. */
  reviewComments: Map<number, FakeReviewComment[]>;
  /** Pull requests associated with a commit SHA. */
  commitPulls: Map<string, { number: number; merged_at: string | null }[]>;
  /** Git refs created through the API: ref → sha. */
  refs: Map<string, string>;
  /** Releases by id. */
  releases: Map<number, { id: number; tag_name: string; body: string }>;
  /** Repository files per commit SHA: path → text (the contents API). */
  contents: Map<string, Map<string, string>>;
  /** When true, every write answers 403 "Resource not accessible by integration". */
  readOnly: boolean;
  /**
   * The account the token acts as: GraphQL's `viewer.login`, and the author of the comments it writes.
   * Default the workflow token's `github-actions[bot]` (a Bot); set `{ login: 'octo-dev', type: 'User' }` for a PAT.
   */
  viewer: { login: string; type: string };
  /** Lines on which a new review comment is refused with 422, as GitHub does when the line left the head's diff. */
  rejectReviewLines: Set<number>;
  /** When set, every write (POST, PATCH, DELETE but GraphQL) answers this HTTP status with GitHub's error body. */
  writeStatus: number | undefined;
  requests: LoggedRequest[];
  /** The write requests received (every method but GET; GraphQL's read-only query excluded). */
  writes(): LoggedRequest[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function page<T>(base: string, url: URL, items: T[]): { items: T[]; link?: string } {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
  const pageNo = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number) => {
    const u = new URL(url.pathname, base);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return u.href;
  };
  const links: string[] = [];
  if (pageNo < last) links.push(`<${at(pageNo + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (pageNo > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(pageNo - 1)}>; rel="prev"`);
  const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  return links.length ? { items: slice, link: links.join(', ') } : { items: slice };
}

/** PATCH (edit the body) or DELETE one comment found by id in any list of `lists`. */
function editOrDelete<C extends { id: number; body: string }>(
  lists: Map<number, C[]>,
  id: number,
  method: string | undefined,
  body: unknown,
  res: ServerResponse,
): void {
  for (const [n, list] of lists) {
    const found = list.find((c) => c.id === id);
    if (!found) continue;
    if (method === 'PATCH') {
      found.body = String((body as { body?: unknown })?.body ?? '');
      return send(res, 200, found);
    }
    if (method === 'DELETE') {
      lists.set(
        n,
        list.filter((c) => c.id !== id),
      );
      return send(res, 204, undefined);
    }
  }
  send(res, 404, { message: 'Not Found', status: '404' });
}

const FORBIDDEN = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  status: '403',
};

export async function startFakeGitHub(options: { token?: string } = {}): Promise<FakeGitHub> {
  let nextId = 1000;
  const state = {
    pullFiles: new Map<number, FakeFile[]>(),
    compareFiles: new Map<string, FakeFile[]>(),
    compareStatus: new Map<string, 'ahead' | 'behind' | 'diverged' | 'identical'>(),
    reviewComments: new Map<number, FakeReviewComment[]>(),
    commitPulls: new Map<string, { number: number; merged_at: string | null }[]>(),
    refs: new Map<string, string>(),
    releases: new Map<number, { id: number; tag_name: string; body: string }>(),
    contents: new Map<string, Map<string, string>>(),
    comments: new Map<number, FakeComment[]>(),
    readOnly: false,
    viewer: { login: 'github-actions[bot]', type: 'Bot' },
    rejectReviewLines: new Set<number>(),
    writeStatus: undefined as number | undefined,
    requests: [] as LoggedRequest[],
    ...newGitState(),
  };
  const server = createServer(async (req, res) => {
    const base = `http://${req.headers.host}`;
    const url = new URL(req.url ?? '/', base);
    const body = await readJson(req);
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
    });
    if (options.token && req.headers.authorization !== `token ${options.token}`) {
      return send(res, 401, { message: 'Bad credentials', status: '401' });
    }
    if (url.pathname === '/graphql' && req.method === 'POST') {
      // Only the query the action sends: who the token acts as.
      const query = String((body as { query?: unknown } | undefined)?.query ?? '');
      if (!/viewer\s*\{\s*login\s*\}/.test(query))
        return send(res, 200, { errors: [{ message: 'test fake answers only viewer { login }' }] });
      return send(res, 200, { data: { viewer: { login: state.viewer.login } } });
    }
    const isWrite = req.method !== 'GET';
    if (isWrite && state.writeStatus !== undefined)
      return send(res, state.writeStatus, {
        message: `test fake answers ${state.writeStatus}`,
        status: String(state.writeStatus),
      });
    if (isWrite && state.readOnly) return send(res, 403, FORBIDDEN);
    // GitHub refuses a comment body or release notes over 65,536 characters.
    const text = (body as { body?: unknown } | undefined)?.body;
    if (isWrite && typeof text === 'string' && text.length > 65_536) {
      return send(res, 422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ],
        status: '422',
      });
    }

    const pageOf = <T>(items: T[]) => page(base, url, items);
    const request = { method: req.method ?? '', path: url.pathname, query: url.searchParams, body };
    if (handleGitData(state, request, { res, send, page: pageOf })) return;
    let m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const { items, link } = page(base, url, state.pullFiles.get(Number(m[1])) ?? []);
      return send(res, 200, items, link ? { link } : {});
    }
    m = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
    if (m && req.method === 'GET') return send(res, 200, state.commitPulls.get(m[1] as string) ?? []);
    if (/^\/repos\/[^/]+\/[^/]+\/git\/refs$/.test(url.pathname) && req.method === 'POST') {
      const { ref, sha } = body as { ref: string; sha: string };
      if (!/^refs\/tags\/[^\s]+$/.test(ref) || !/^[0-9a-f]{40}$/.test(sha))
        return send(res, 422, { message: 'Validation Failed', status: '422' });
      if (state.refs.has(ref)) return send(res, 422, { message: 'Reference already exists', status: '422' });
      state.refs.set(ref, sha);
      return send(res, 201, { ref, object: { sha, type: 'commit' } });
    }
    m = /^\/repos\/[^/]+\/[^/]+\/releases\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const release = state.releases.get(Number(m[1]));
      return release ? send(res, 200, release) : send(res, 404, { message: 'Not Found', status: '404' });
    }
    if (m && req.method === 'PATCH') {
      const release = state.releases.get(Number(m[1]));
      if (!release) return send(res, 404, { message: 'Not Found', status: '404' });
      release.body = String((body as { body?: unknown }).body ?? '');
      return send(res, 200, release);
    }
    m = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const text = state.contents.get(url.searchParams.get('ref') ?? '')?.get(decodeURIComponent(m[1] as string));
      if (text === undefined) return send(res, 404, { message: 'Not Found', status: '404' });
      if (!/application\/vnd\.github(\.v3)?\.raw/.test(String(req.headers.accept)))
        return send(res, 415, { message: 'test fake serves raw only' });
      res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
      return res.end(text);
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const n = Number(m[3]);
      const list = state.reviewComments.get(n) ?? [];
      if (req.method === 'GET') {
        const { items, link } = page(base, url, list);
        return send(res, 200, items, link ? { link } : {});
      }
      if (req.method === 'POST') {
        const b = body as { body: string; path: string; line: number; side: string; commit_id: string };
        if (
          !b.commit_id ||
          !b.path ||
          typeof b.line !== 'number' ||
          b.side !== 'RIGHT' ||
          state.rejectReviewLines.has(b.line)
        ) {
          return send(res, 422, { message: 'Validation Failed', status: '422' });
        }
        const id = nextId++;
        const comment: FakeReviewComment = {
          id,
          body: b.body,
          user: { ...state.viewer },
          path: b.path,
          line: b.line,
          side: b.side,
          commit_id: b.commit_id,
          html_url: `https://github.com/${m[1]}/${m[2]}/pull/${n}#discussion_r${id}`,
        };
        state.reviewComments.set(n, [...list, comment]);
        return send(res, 201, comment);
      }
    }
    m = /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)$/.exec(url.pathname);
    if (m) return editOrDelete(state.reviewComments, Number(m[1]), req.method, body, res);
    m = /^\/repos\/[^/]+\/[^/]+\/compare\/(.+)$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const range = decodeURIComponent(m[1] as string);
      const files = state.compareFiles.get(range);
      const status = state.compareStatus.get(range);
      if (!files && !status) return send(res, 404, { message: 'Not Found', status: '404' });
      return send(res, 200, {
        status: status ?? 'ahead',
        ahead_by: 1,
        behind_by: 0,
        total_commits: 1,
        commits: [],
        files: (files ?? []).slice(0, 300),
      });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const n = Number(m[3]);
      const list = state.comments.get(n) ?? [];
      if (req.method === 'GET') {
        const { items, link } = page(base, url, list);
        return send(res, 200, items, link ? { link } : {});
      }
      if (req.method === 'POST') {
        const id = nextId++;
        const comment: FakeComment = {
          id,
          body: String((body as { body?: unknown })?.body ?? ''),
          html_url: `https://github.com/${m[1]}/${m[2]}/pull/${n}#issuecomment-${id}`,
          user: { ...state.viewer },
        };
        state.comments.set(n, [...list, comment]);
        return send(res, 201, comment);
      }
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m) return editOrDelete(state.comments, Number(m[1]), req.method, body, res);
    return send(res, 404, { message: `Not Found: ${req.method} ${url.pathname}`, status: '404' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    writes: () => state.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  }) as FakeGitHub;
}
