import type { DeployOutcome } from '../deploy/publish.ts';
import { messageOf } from '../errors.ts';
import { isPermissionDenied, type GitHub } from '../github/client.ts';
import type { RunContext } from '../github/event.ts';
import { appendToRelease, commentOnPullRequest, createTag, mergedPullRequestOf, tagName } from '../github/trace.ts';
import type { ModeIO } from '../io.ts';
import type { Settings } from '../settings.ts';

/**
 * Trace a deploy from git to Studio: the table on the merged PR, a tag per deployed revision (input
 * `tag`), the table in a release's notes. A missing permission is a warning naming it; the deploy
 * itself already happened and is not failed by its trace.
 */
export async function traceDeploy(input: {
  gh: GitHub | undefined;
  run: RunContext;
  settings: Settings;
  outcomes: DeployOutcome[];
  sha: string;
  table: string;
  io: ModeIO;
}): Promise<void> {
  const { gh, run, settings, outcomes, sha, table, io } = input;
  if (!gh) return;
  const repo = { owner: run.owner, repo: run.repo };
  const attempt = async (what: string, permission: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      io.warning(
        isPermissionDenied(error)
          ? `Could not ${what}: the token lacks '${permission}'. Add it to the job's permissions.`
          : `Could not ${what}: ${messageOf(error)}`,
      );
    }
  };
  const wrote = outcomes.some((o) => o.status !== 'unchanged');
  if (run.push && wrote) {
    await attempt('comment on the merged pull request', 'pull-requests: write', async () => {
      const pr = await mergedPullRequestOf(gh, repo, sha);
      if (pr === undefined) return;
      const posted = await commentOnPullRequest(gh, repo, pr, table, settings.environment || undefined);
      io.info(`Deploy reported on #${pr}: ${posted.url}`);
    });
  }
  if (settings.deploy.tag) {
    await attempt('create tags', 'contents: write', async () => {
      for (const o of outcomes) {
        if ((o.status !== 'created' && o.status !== 'updated') || o.revision === undefined) continue;
        const name = tagName(settings.deploy.tag, { environment: settings.environment, flow: o.friendlyName, revision: o.revision, sha });
        io.info(`${(await createTag(gh, repo, name, sha)) ? 'Tagged' : 'Tag exists'}: ${name}`);
      }
    });
  }
  const release = run.release;
  if (release) {
    await attempt('append the deployment to the release notes', 'contents: write', () => appendToRelease(gh, repo, release.id, release.body, table, settings.environment || undefined));
  }
}
