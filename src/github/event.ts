import { existsSync, readFileSync } from 'node:fs';
import { messageOf, UserError } from '../errors.ts';
import { payloadReader, type PayloadReader, type PullRequestPayload } from './payload.ts';

/** What the workflow run is about, read once from @actions/github's context (GitHub's environment and event payload). */
export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  /** Commit the run is for (the PR's head for pull requests). */
  sha: string;
  apiUrl: string;
  serverUrl: string;
  graphqlUrl: string;
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
  /** True when the PR comes from a fork (secrets are then usually unavailable), or from a fork since deleted. */
  fromFork: boolean;
}

/**
 * The fields of @actions/github's `Context` the run context is built from. All optional: `{}` is a run
 * outside GitHub (the CLI), and tests pass hostile payloads here without touching the environment.
 */
export interface ContextSource {
  eventName?: string;
  payload?: unknown;
  sha?: string;
  ref?: string;
  runId?: number;
  apiUrl?: string;
  serverUrl?: string;
  graphqlUrl?: string;
  repo?: { owner: string; repo: string };
  workspace?: string;
}

function pullRequestOf(r: PayloadReader): PullRequestPayload['pull_request'] | undefined {
  if (!r.object('pull_request', r.isFor('pull_request', 'pull_request_target'))) return undefined;
  const headRepo = r.at('pull_request.head.repo');
  return {
    number: r.integer('pull_request.number'),
    base: { sha: r.sha('pull_request.base.sha'), repo: { full_name: r.string('pull_request.base.repo.full_name') } },
    // A PR whose fork was deleted has no head repository.
    head: {
      sha: r.sha('pull_request.head.sha'),
      repo: headRepo === null ? null : { full_name: r.string('pull_request.head.repo.full_name') },
    },
  };
}

const ZERO_SHA = /^0+$/;

function pushOf(r: PayloadReader): PushRef | undefined {
  if (!r.isFor('push')) return undefined;
  const before = r.at('before') === undefined ? '' : r.sha('before');
  const after = r.sha('after');
  return {
    before,
    after,
    rewritten: r.flag('created') || r.flag('forced') || !before || ZERO_SHA.test(before),
    deleted: r.flag('deleted') || ZERO_SHA.test(after),
  };
}

function releaseOf(r: PayloadReader): RunContext['release'] {
  if (!r.object('release', r.isFor('release'))) return undefined;
  return {
    id: r.integer('release.id'),
    tagName: r.string('release.tag_name'),
    body: r.string('release.body', { nullable: true }),
  };
}

function mergeGroupOf(r: PayloadReader): RunContext['mergeGroup'] {
  if (!r.object('merge_group', r.isFor('merge_group'))) return undefined;
  return { baseSha: r.sha('merge_group.base_sha'), headSha: r.sha('merge_group.head_sha') };
}

const trimSlashes = (url: string) => url.replace(/\/+$/, '');

/** The run context from the fields of @actions/github's context; a payload of the wrong shape is a UserError naming the field. */
export function readRunContext(source: ContextSource): RunContext {
  const eventName = source.eventName ?? '';
  const r = payloadReader(eventName, source.payload);
  const pr = pullRequestOf(r);
  return {
    eventName,
    owner: source.repo?.owner ?? '',
    repo: source.repo?.repo ?? '',
    sha: pr?.head.sha || source.sha || '',
    apiUrl: trimSlashes(source.apiUrl ?? 'https://api.github.com'),
    serverUrl: trimSlashes(source.serverUrl ?? 'https://github.com'),
    graphqlUrl: trimSlashes(source.graphqlUrl ?? 'https://api.github.com/graphql'),
    runId:
      source.runId !== undefined && Number.isSafeInteger(source.runId) && source.runId > 0 ? String(source.runId) : '',
    workspace: source.workspace ?? process.cwd(),
    pullRequest: pr && {
      number: pr.number,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
      fromFork: pr.head.repo?.full_name !== pr.base.repo.full_name,
    },
    mergeGroup: mergeGroupOf(r),
    dispatchInputs: (r.at('inputs') === null ? undefined : r.object('inputs', false)) ?? {},
    ref: r.optionalString('ref') ?? source.ref ?? '',
    defaultBranch: r.optionalString('repository.default_branch') ?? '',
    push: pushOf(r),
    release: releaseOf(r),
  };
}

/** Link to this workflow run, or undefined outside GitHub. */
export function runUrl(ctx: RunContext): string | undefined {
  if (!ctx.runId || !ctx.owner) return undefined;
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
}

/** Why @actions/github could not be loaded, in words the user can act on when the payload file is the cause. */
function loadError(eventPath: string | undefined, error: unknown): unknown {
  if (!eventPath) return error;
  try {
    JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (own) {
    const why = own instanceof SyntaxError ? 'it is not valid JSON' : messageOf(own);
    return new UserError(
      `Cannot read the GitHub event payload at GITHUB_EVENT_PATH (${eventPath}): ${why}. The runner writes this file; re-run the workflow.`,
    );
  }
  return error;
}

/**
 * The run context of this action run, from @actions/github's `context`. The package is imported here, on
 * first use, not at the top of a module: its `context` reads the environment and parses the event payload
 * the moment it is imported, so a broken payload fails inside run()'s catch with a clear message, and the
 * CLI, which never calls this, never loads it.
 */
export async function loadRunContext(): Promise<RunContext> {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  // @actions/github only prints a line for a missing file and goes on with an empty payload: a PR would pass unchecked.
  if (eventPath && !existsSync(eventPath)) {
    throw new UserError(
      `The GitHub event payload GITHUB_EVENT_PATH names (${eventPath}) does not exist. The runner writes this file; re-run the workflow.`,
    );
  }
  let github: typeof import('./actions-context.ts');
  try {
    github = await import('./actions-context.ts');
  } catch (error) {
    throw loadError(eventPath, error);
  }
  const { context } = github;
  let repo: ContextSource['repo'];
  try {
    repo = context.repo; // GITHUB_REPOSITORY, else the payload's repository; throws when neither says
  } catch {
    repo = undefined;
  }
  return readRunContext({
    eventName: context.eventName,
    payload: context.payload,
    sha: context.sha,
    ref: context.ref,
    runId: context.runId,
    apiUrl: context.apiUrl,
    serverUrl: context.serverUrl,
    graphqlUrl: context.graphqlUrl,
    repo: typeof repo?.owner === 'string' && typeof repo.repo === 'string' ? repo : undefined,
    workspace: process.env.GITHUB_WORKSPACE,
  });
}
