/**
 * A change to the config file changes flows without touching their files: a SID, a name or a
 * variable's value. This finds every flow file whose target, name or used variables differ between
 * the config at the base commit (read through GitHub's contents API) and the workspace's.
 */
import { messageOf } from '../errors.ts';
import { discoverFlowFiles } from '../document/discover.ts';
import { referencedPaths } from '../resolve/flow-refs.ts';
import { parseFlowText } from '../document/parse.ts';
import { readFlowFile } from '../document/read.ts';
import { resolveVariables } from '../resolve/variables.ts';
import { usedNameKinds } from '../resolve/names.ts';
import type { RepoRef } from '../github/changes.ts';
import type { GitHub } from '../github/client.ts';
import { readFileAt } from '../github/contents.ts';
import { loadConfig, parseConfig } from './load.ts';
import { flowTarget, type StudioConfig } from './model.ts';

export interface FlowUse {
  path: string;
  /** The `${var.NAME}` names the flow's definition uses. */
  variables: readonly string[];
  /** The flow files its definition names by `${flow:PATH}` (absent: none). */
  refs?: readonly string[];
  /** The kinds of name reference it uses (`function`, `workflow`, …; absent: none). */
  names?: ReadonlySet<string>;
}

export interface AffectedFlow {
  path: string;
  /** What the config change alters for it, for the report. */
  why: string;
}

const EMPTY: StudioConfig = { environments: {}, flows: [] };

/** Pure: the flows whose target (SID, name) or used variable values differ between two configs in `environment`. */
export function affectedByConfig(
  base: StudioConfig | undefined,
  head: StudioConfig | undefined,
  environment: string,
  flows: readonly FlowUse[],
): AffectedFlow[] {
  const before = base ?? EMPTY;
  const after = head ?? EMPTY;
  const affected: AffectedFlow[] = [];
  for (const flow of flows) {
    const a = flowTarget(before, flow.path, environment);
    const b = flowTarget(after, flow.path, environment);
    const changed: string[] = [];
    if (a.sid !== b.sid) changed.push('SID');
    if (a.friendlyName !== b.friendlyName) changed.push('name');
    if (environment) {
      const va = before.environments[environment]?.variables ?? {};
      const vb = after.environments[environment]?.variables ?? {};
      const names = flow.variables.filter((n) => va[n] !== vb[n]);
      if (names.length > 0) changed.push(`variable${names.length === 1 ? '' : 's'} ${names.join(', ')}`);
      const ea = before.environments[environment];
      const eb = after.environments[environment];
      if (flow.names?.has('function') && ea?.serverless?.environment !== eb?.serverless?.environment) {
        changed.push('serverless.environment');
      }
      const usesTaskRouter = flow.names?.has('workflow') || flow.names?.has('channel');
      if (usesTaskRouter && ea?.taskrouter?.workspace !== eb?.taskrouter?.workspace)
        changed.push('taskrouter.workspace');
    }
    if (changed.length > 0) affected.push({ path: flow.path, why: changed.join(', ') });
  }
  return withCallers(affected, flows);
}

/**
 * A flow that names an affected flow by `${flow:PATH}` is affected too: the SID it writes is that
 * flow's in the environment, so a config change that moves the subflow moves the call. Transitive.
 */
function withCallers(affected: AffectedFlow[], flows: readonly FlowUse[]): AffectedFlow[] {
  const all = new Map(affected.map((a) => [a.path, a]));
  for (let grew = true; grew;) {
    grew = false;
    for (const flow of flows) {
      if (all.has(flow.path)) continue;
      const callee = flow.refs?.find((path) => all.has(path));
      if (callee === undefined) continue;
      all.set(flow.path, { path: flow.path, why: `calls ${callee} by \${flow:…}, which the change moves` });
      grew = true;
    }
  }
  return [...all.values()];
}

async function flowUses(workspace: string, globs: string[]): Promise<FlowUse[]> {
  const uses: FlowUse[] = [];
  for (const path of await discoverFlowFiles(workspace, globs)) {
    const read = await readFlowFile(workspace, path);
    const parsed = read.ok ? parseFlowText(path, read.text) : undefined;
    // A file that cannot be read or parsed is listed with no variables: its target may still have changed.
    const refs = parsed?.ok ? referencedPaths(parsed.definition) : [];
    const names = parsed?.ok ? usedNameKinds(parsed.definition) : new Set<string>();
    uses.push({
      path,
      variables: parsed?.ok ? resolveVariables(parsed.definition, {}).used : [],
      ...(refs.length > 0 ? { refs } : {}),
      ...(names.size > 0 ? { names } : {}),
    });
  }
  return uses;
}

const plain = (p: string) => p.replace(/^(\.\/)+/, '');

export interface ConfigChangeInput {
  gh: GitHub;
  repo: RepoRef;
  workspace: string;
  /** The `config` input (workspace-relative path). */
  configPath: string;
  environment: string;
  globs: string[];
  /** The commit the change is compared with (PR base, merge group base, push `before`). */
  baseSha: string;
  /** The paths the change touches. */
  changedPaths: readonly string[];
}

/**
 * The flows a config change alters; [] when the change does not touch the config file. When the
 * base config cannot be read or parsed, every flow file counts as affected (said in `why`).
 */
export async function flowsAffectedByConfigChange(input: ConfigChangeInput): Promise<AffectedFlow[]> {
  const configPath = plain(input.configPath);
  if (!input.changedPaths.some((p) => plain(p) === configPath)) return [];
  const uses = await flowUses(input.workspace, input.globs);
  let base: StudioConfig | undefined;
  try {
    const text = await readFileAt(input.gh, input.repo, configPath, input.baseSha);
    base = text === undefined ? undefined : parseConfig(configPath, text);
  } catch (error) {
    const why = `the config file changed and its earlier version could not be read (${messageOf(error).split('\n')[0]})`;
    return uses.map((u) => ({ path: u.path, why }));
  }
  const head = await loadConfig(input.workspace, configPath);
  return affectedByConfig(base, head, input.environment, uses);
}
