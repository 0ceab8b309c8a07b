import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof GitHubOctokit>;

export interface GitHubOptions {
  token: string;
  /** REST API base, e.g. GITHUB_API_URL. */
  baseUrl: string;
  userAgent?: string;
  /** Where Octokit's own warnings go (rate limits, deprecations). */
  warn?: (message: string) => void;
}

/**
 * An Octokit with retries and GitHub's recommended throttling (primary and secondary limits).
 * @octokit/rest rather than @actions/github's getOctokit with the same plugins: getOctokit brings
 * @actions/http-client and a second undici for its proxy agent (+580 KB in dist/, about +90 ms of CPU
 * to load, measured with esbuild as scripts/build.ts bundles), for a client that is otherwise the same
 * (@octokit/core with the REST methods and pagination). The base URL comes from the run context (GHES).
 */
export function createGitHub(options: GitHubOptions): GitHub {
  const warn = options.warn ?? (() => {});
  return new GitHubOctokit({
    auth: options.token || undefined,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'studio-flow-ci',
    // Failed requests reject and are handled by the caller; Octokit's own error log would repeat them.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
    // Retry server errors and rate limits only: no other 4xx answer changes on a second try.
    retry: { doNotRetry: [400, 401, 403, 404, 405, 406, 409, 410, 411, 413, 415, 422, 451] },
    throttle: {
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        warn(`GitHub rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
        return retryCount < 2;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        warn(`GitHub secondary rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
        return retryCount < 2;
      },
    },
  });
}

/** Status of an Octokit RequestError (or undefined for anything else). */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * True when GitHub refused a write for lack of permission: the workflow token without
 * `pull-requests: write`, or a fork PR's read-only token.
 */
export function isPermissionDenied(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 403 || status === 401;
}
