/** Which flow files a check run looks at: the PR's or merge group's changed flow files, else every flow file. */
import { discoverFlowFiles, flowMatcher } from '../document/discover.ts';
import { listComparedFiles, listPullRequestFiles, type ChangedFile } from '../github/changes.ts';
import type { GitHub } from '../github/client.ts';
import type { RunContext } from '../github/event.ts';
import { flowsAffectedByConfigChange } from '../config/changes.ts';
import type { Settings } from '../settings.ts';
import { flowsOfChangedTests, type OrphanTest } from './test-select.ts';

export interface Selection {
  changes: ChangedFile[];
  removed: string[];
  /** Changed flow test files (not removed): their patches place review comments on their lines. */
  tests?: ChangedFile[];
  /** Changed test files whose flow file does not exist: each an error naming both paths. */
  orphanTests?: OrphanTest[];
}

async function selectAll(settings: Settings, run: RunContext): Promise<Selection> {
  const all = await discoverFlowFiles(run.workspace, settings.flows);
  return { changes: all.map((path) => ({ path, status: 'modified' })), removed: [] };
}

/** The flow files a run should check: the PR's (or merge group's) changed files, else all of them. */
export async function selectFlowFiles(settings: Settings, run: RunContext, gh: GitHub | undefined): Promise<Selection> {
  const isFlow = flowMatcher(settings.flows);
  const repo = { owner: run.owner, repo: run.repo };
  const listed =
    run.pullRequest && gh
      ? await listPullRequestFiles(gh, repo, run.pullRequest.number)
      : run.mergeGroup && gh
        ? await listComparedFiles(gh, repo, run.mergeGroup.baseSha, run.mergeGroup.headSha)
        : undefined;
  // Outside a PR or merge group, or when GitHub's list was capped, every flow file is checked.
  if (!listed?.complete) return selectAll(settings, run);
  const changes: ChangedFile[] = [];
  const removed: string[] = [];
  for (const c of listed.files) {
    if (c.status === 'removed') {
      if (isFlow(c.path)) removed.push(c.path);
    } else if (isFlow(c.path)) changes.push(c);
    else if (c.status === 'renamed' && c.previousPath && isFlow(c.previousPath)) removed.push(c.previousPath);
  }
  // A changed test file checks its flow (read from the workspace); a removed one has nothing left to run.
  const tested = await flowsOfChangedTests({ workspace: run.workspace, files: listed.files, isFlow });
  const listedFlows = new Set(changes.map((c) => c.path));
  for (const path of tested.flows) if (!listedFlows.has(path)) changes.push({ path, status: 'modified' });
  // A config change (a SID, a name, a variable's value) changes flows whose files did not change.
  const baseSha = run.pullRequest?.baseSha ?? run.mergeGroup?.baseSha;
  if (gh && baseSha) {
    const affected = await flowsAffectedByConfigChange({
      gh,
      repo,
      workspace: run.workspace,
      configPath: settings.configPath,
      environment: settings.environment,
      globs: settings.flows,
      baseSha,
      changedPaths: listed.files.map((f) => f.path),
    });
    const listedPaths = new Set(changes.map((c) => c.path));
    for (const a of affected) if (!listedPaths.has(a.path)) changes.push({ path: a.path, status: 'modified' });
  }
  return { changes, removed, tests: tested.tests, orphanTests: tested.orphans };
}
