import { readFileSync } from 'node:fs';
import { UserError } from '../errors.ts';

/** What the workflow run is about, read once from GitHub's environment and event payload. */
export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  /** Commit the run is for (the PR's head for pull requests). */
  sha: string;
  apiUrl: string;
  serverUrl: string;
  runId: string;
  workspace: string;
  pullRequest: PullRequestRef | undefined;
  /** For merge_group: the range to compare. */
  mergeGroup: { baseSha: string; headSha: string } | undefined;
  /** The raw `inputs` of a workflow_dispatch. */
  dispatchInputs: Record<string, unknown>;
  /** The full ref the run is for, e.g. refs/heads/main or refs/tags/v1.2.0 (GITHUB_REF). */
  ref: string;
  defaultBranch: string;
  /** For push: the range pushed. */
  push: PushRef | undefined;
  /** For release: the release that was published. */
  release: { id: number; tagName: string; body: string } | undefined;
}

export interface PushRef {
  before: string;
  after: string;
  /** True for a new branch or tag, or a force push: the range does not say what changed. */
  rewritten: boolean;
  /** True when the push deleted the branch or tag: there is nothing to check or deploy. */
  deleted: boolean;
}

export interface PullRequestRef {
  number: number;
  baseSha: string;
  headSha: string;
  /** True when the PR comes from a fork (secrets are then usually unavailable). */
  fromFork: boolean;
}

type Env = Record<string, string | undefined>;

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`Cannot read the GitHub event payload at GITHUB_EVENT_PATH (${path}): ${String(error)}`);
  }
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function pullRequestOf(payload: Record<string, unknown>): PullRequestRef | undefined {
  const pr = record(payload.pull_request);
  if (typeof pr.number !== 'number') return undefined;
  const base = record(pr.base);
  const head = record(pr.head);
  const baseRepo = record(base.repo).full_name;
  const headRepo = record(head.repo).full_name;
  return {
    number: pr.number,
    baseSha: String(base.sha ?? ''),
    headSha: String(head.sha ?? ''),
    fromFork: typeof headRepo === 'string' && headRepo !== baseRepo,
  };
}

/** Build the run context from the environment GitHub sets for an action. */
export function readRunContext(env: Env = process.env): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const group = record(payload.merge_group);
  const pullRequest = pullRequestOf(payload);
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    owner,
    repo,
    sha: pullRequest?.headSha || env.GITHUB_SHA || '',
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID ?? '',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    pullRequest,
    mergeGroup:
      typeof group.base_sha === 'string' && typeof group.head_sha === 'string'
        ? { baseSha: group.base_sha, headSha: group.head_sha }
        : undefined,
    dispatchInputs: record(payload.inputs),
    ref: String(payload.ref ?? env.GITHUB_REF ?? ''),
    defaultBranch: String(record(payload.repository).default_branch ?? ''),
    push: pushOf(env.GITHUB_EVENT_NAME, payload),
    release: releaseOf(payload),
  };
}

const ZERO_SHA = /^0+$/;

function pushOf(eventName: string | undefined, payload: Record<string, unknown>): PushRef | undefined {
  if (eventName !== 'push' || typeof payload.after !== 'string') return undefined;
  const before = String(payload.before ?? '');
  return {
    before,
    after: payload.after,
    rewritten: payload.created === true || payload.forced === true || !before || ZERO_SHA.test(before),
    deleted: payload.deleted === true || ZERO_SHA.test(payload.after),
  };
}

function releaseOf(payload: Record<string, unknown>): RunContext['release'] {
  const release = record(payload.release);
  if (typeof release.tag_name !== 'string') return undefined;
  return { id: Number(release.id), tagName: release.tag_name, body: typeof release.body === 'string' ? release.body : '' };
}

/** Link to this workflow run, or undefined outside GitHub. */
export function runUrl(ctx: RunContext): string | undefined {
  if (!ctx.runId || !ctx.owner) return undefined;
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
}
