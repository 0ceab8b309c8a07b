import { outcomesOf, verdictOf, type DeployRecord } from '../deploy/record.ts';
import { messageOf } from '../errors.ts';
import { isPermissionDenied, type GitHub } from '../github/client.ts';
import { runUrl, type RunContext } from '../github/event.ts';
import { appendToRelease, commentOnPullRequest, createTag, mergedPullRequestOf, tagName } from '../github/trace.ts';
import type { ModeIO } from '../io.ts';
import { fitDeployReport } from '../report/deploy-summary.ts';
import type { Settings } from '../settings.ts';

/**
 * Trace a deploy from git to Studio: the report on the merged PR, a tag per confirmed revision (input
 * `tag`), the report in a release's notes; all rendered from the deploy record, each within GitHub's
 * size cap with a pointer to the job summary. A missing permission is a warning naming it; the deploy
 * itself already happened and is not failed by its trace.
 */
export async function traceDeploy(input: {
  gh: GitHub | undefined;
  run: RunContext;
  settings: Settings;
  record: DeployRecord;
  io: ModeIO;
}): Promise<void> {
  const { gh, run, settings, record, io } = input;
  if (!gh) return;
  const repo = { owner: run.owner, repo: run.repo };
  const environment = settings.environment || undefined;
  const url = runUrl(run);
  const pointer = url ? `see the job summary of [the workflow run](${url})` : 'see the job summary of the workflow run';
  const render = (limit: number) => fitDeployReport(record, { limit, pointer });
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
  if (run.push && verdictOf(record) !== 'nothing-to-deploy') {
    await attempt('comment on the merged pull request', 'pull-requests: write', async () => {
      const pr = await mergedPullRequestOf(gh, repo, record.sha);
      if (pr === undefined) return;
      const posted = await commentOnPullRequest(gh, repo, { number: pr, environment }, render);
      io.info(`Deploy reported on #${pr}: ${posted.url}`);
    });
  }
  if (settings.deploy.tag) {
    await attempt('create tags', 'contents: write', async () => {
      for (const o of outcomesOf(record)) {
        const revision = o.draftRevision ?? o.revision; // the revision this deploy wrote
        if ((o.status !== 'created' && o.status !== 'updated') || revision === undefined) continue;
        const name = tagName(settings.deploy.tag, {
          environment: settings.environment,
          flow: o.friendlyName,
          revision,
          sha: record.sha,
        });
        io.info(`${(await createTag(gh, repo, name, record.sha)) ? 'Tagged' : 'Tag exists'}: ${name}`);
      }
    });
  }
  const release = run.release;
  if (release) {
    await attempt('put the deployment in the release notes', 'contents: write', async () => {
      const { warning } = await appendToRelease(gh, repo, { releaseId: release.id, environment }, render);
      if (warning) io.warning(warning);
    });
  }
}
