/**
 * @actions/github's `context`, alone in a module that event.ts imports on first use: the bundle keeps only
 * `context` (not getOctokit's Octokit, proxy agent and second undici), in a chunk loaded when the run needs it.
 * Importing this parses the event payload (GITHUB_EVENT_PATH) at once: a broken file throws here.
 */
export { context } from '@actions/github';
