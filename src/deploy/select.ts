import { flowsAffectedByConfigChange } from '../config/changes.ts';
import { baseEnvironmentView, environmentView } from '../config/environment.ts';
import { UserError } from '../errors.ts';
import { discoverFlowFiles, flowMatcher } from '../document/discover.ts';
import { listComparedFiles } from '../github/changes.ts';
import type { GitHub } from '../github/client.ts';
import { readFileAt } from '../github/contents.ts';
import type { RunContext } from '../github/event.ts';
import type { Settings } from '../settings.ts';
import { withPreviousIdentities, type FlowChange } from '../targets/previous.ts';

export interface DeploySelection {
  /** A renamed file carries the identity its old path had at the push's `before` (src/targets/previous.ts). */
  changes: FlowChange[];
  /** Flow files the push deleted: their Studio flows are left alone (never deleted). */
  removed: string[];
  /** Why these flows, for the report. */
  reason: string;
}

function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** Deploys come from the allowed branches (default: the repository's default branch), a release or a tag. */
export function assertDeployRef(settings: Settings, run: RunContext): void {
  if (run.release || run.ref.startsWith('refs/tags/')) return;
  const branch = branchOf(run.ref);
  const allowed = settings.deploy.branches.length > 0 ? settings.deploy.branches : [run.defaultBranch].filter(Boolean);
  const matches = branch !== undefined && allowed.some((pattern) => flowMatcher([pattern])(branch));
  if (!matches) {
    throw new UserError(
      `Deploy mode runs only from ${allowed.length ? allowed.map((b) => `'${b}'`).join(', ') : 'the default branch'}, a release or a tag, ` +
        `not from '${run.ref || 'an unknown ref'}'. Set the 'branches' input to deploy from other branches.`,
    );
  }
}

async function everyFlow(settings: Settings, run: RunContext, reason: string): Promise<DeploySelection> {
  const all = await discoverFlowFiles(run.workspace, settings.flows);
  return { changes: all.map((path) => ({ path, status: 'modified' })), removed: [], reason };
}

/** The flow files a deploy covers: what the push changed, or every flow when that cannot be known. */
export async function selectDeployFiles(
  settings: Settings,
  run: RunContext,
  gh: GitHub | undefined,
): Promise<DeploySelection> {
  if (run.release) return everyFlow(settings, run, `release ${run.release.tagName}: every flow`);
  if (run.ref.startsWith('refs/tags/')) return everyFlow(settings, run, `tag ${run.ref.slice(10)}: every flow`);
  if (settings.deploy.scope === 'all') return everyFlow(settings, run, "input 'deploy: all': every flow");
  if (!run.push || !gh) return everyFlow(settings, run, 'no pushed range to compare: every flow');
  if (run.push.rewritten) return everyFlow(settings, run, 'first or forced push: every flow');
  const compared = await listComparedFiles(gh, { owner: run.owner, repo: run.repo }, run.push.before, run.push.after);
  if (!compared.complete) return everyFlow(settings, run, 'over 300 changed files: every flow');
  const isFlow = flowMatcher(settings.flows);
  const changes: FlowChange[] = compared.files.filter((f) => f.status !== 'removed' && isFlow(f.path));
  const removed = compared.files.filter((f) => f.status === 'removed' && isFlow(f.path)).map((f) => f.path);
  const range = `${run.push.before.slice(0, 7)}..${run.push.after.slice(0, 7)}`;
  // A config change (a SID, a name, a variable's value) changes flows whose files did not change.
  const affected = await flowsAffectedByConfigChange({
    gh,
    repo: { owner: run.owner, repo: run.repo },
    workspace: run.workspace,
    configPath: settings.configPath,
    environment: settings.environment,
    globs: settings.flows,
    baseSha: run.push.before,
    changedPaths: compared.files.map((f) => f.path),
  });
  const listed = new Set(changes.map((c) => c.path));
  const added = affected.filter((a) => !listed.has(a.path));
  for (const a of added) changes.push({ path: a.path, status: 'modified' });
  const renamed = await withRenames(changes, { gh, settings, run: { ...run, push: run.push } });
  const byConfig =
    added.length > 0
      ? ` and ${added.length === 1 ? 'the flow' : `the ${added.length} flows`} whose config entry or variables it changed (${added.map((a) => `${a.path}: ${a.why}`).join('; ')})`
      : '';
  return { changes: renamed, removed, reason: `the flows changed by ${range}${byConfig}` };
}

/**
 * A renamed flow file keeps the flow its old path was at the push's `before`: that file's own name
 * and SID, and its entry in the config file of that commit (read through GitHub only when a flow
 * file was renamed).
 */
async function withRenames(
  changes: FlowChange[],
  input: { gh: GitHub; settings: Settings; run: RunContext & { push: NonNullable<RunContext['push']> } },
): Promise<FlowChange[]> {
  if (!changes.some((c) => c.status === 'renamed' && c.previousPath)) return changes;
  const { gh, settings, run } = input;
  const readBase = (path: string) => readFileAt(gh, { owner: run.owner, repo: run.repo }, path, run.push.before);
  const environment = await baseEnvironmentView({
    readBase,
    configPath: settings.configPath,
    environment: settings.environment,
    stepEnv: settings.stepEnv,
    fallback: await environmentView(run.workspace, settings),
  });
  return withPreviousIdentities(changes, { readBase, environment });
}
