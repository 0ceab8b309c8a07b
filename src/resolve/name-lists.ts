/**
 * The lists a reverse index needs, read through the run's AccountLists (each list once per run, shared): only the
 * APIs some flow needs: Serverless for Functions, TaskRouter for workflows and channels, Studio for flow names.
 * What a definition needs is found from its name references (sync) or from the SIDs it holds (portable).
 */
import type { AccountLists } from '../studio/account-types.ts';
import { chooseEnvironment, chooseWorkspace, type LoadedService, type NameChoices } from './name-choice.ts';
import { buildNameIndex, SID, type LoadedLists, type NameIndex } from './name-index.ts';
import { findNameRefs } from './name-syntax.ts';

/** Which APIs a reverse index must read. */
export interface NameNeeds {
  functions: boolean;
  taskrouter: boolean;
  flows: boolean;
}

export const NO_NEEDS: NameNeeds = { functions: false, taskrouter: false, flows: false };

export function anyNeed(needs: NameNeeds): boolean {
  return needs.functions || needs.taskrouter || needs.flows;
}

export function mergeNeeds(a: NameNeeds, b: NameNeeds): NameNeeds {
  return { functions: a.functions || b.functions, taskrouter: a.taskrouter || b.taskrouter, flows: a.flows || b.flows };
}

function eachString(value: unknown, visit: (text: string, parent: Record<string, unknown> | undefined) => void): void {
  const stack: { value: unknown; parent: Record<string, unknown> | undefined }[] = [{ value, parent: undefined }];
  while (stack.length > 0) {
    const { value: item, parent } = stack.pop()!;
    if (typeof item === 'string') visit(item, parent);
    else if (Array.isArray(item)) for (const v of item) stack.push({ value: v, parent: undefined });
    else if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      for (const v of Object.values(record)) stack.push({ value: v, parent: record });
    }
  }
}

/** The APIs the name references written in a definition need. */
export function needsOfReferences(definition: unknown): NameNeeds {
  const needs = { ...NO_NEEDS };
  eachString(definition, (text) => {
    for (const m of findNameRefs(text)) {
      if (m.escaped || !m.ref) continue;
      if (m.kind === 'function') needs.functions = true;
      else if (m.kind === 'flow-name') needs.flows = true;
      else needs.taskrouter = true;
    }
  });
  return needs;
}

/** The APIs naming the SIDs and Function URLs a definition holds needs. */
export function needsOfSids(definition: unknown): NameNeeds {
  const needs = { ...NO_NEEDS };
  eachString(definition, (text, parent) => {
    const kind = SID.exec(text)?.[1];
    if (kind === 'ZS' || kind === 'ZE' || kind === 'ZH' || kind === 'ZN') needs.functions = true;
    else if (kind === 'WW' || kind === 'TC') needs.taskrouter = true;
    else if (kind === 'FW') needs.flows = true;
    else if (text.startsWith('https://') && (parent?.['function_sid'] !== undefined || /\.twil\.io\//.test(text)))
      needs.functions = true;
  });
  return needs;
}

async function loadServices(lists: AccountLists, choices: NameChoices): Promise<LoadedService[]> {
  const services = await lists.services();
  return Promise.all(
    services.map(async (service): Promise<LoadedService> => {
      const environments = await lists.environments(service.sid);
      const choice = chooseEnvironment(service, environments, choices);
      const buildSid = 'chosen' in choice ? choice.chosen.buildSid : null;
      const build = buildSid === null ? undefined : await lists.build(service.sid, buildSid);
      return { service, environments, build };
    }),
  );
}

/**
 * The reverse index of the account for the environment's choices, reading only what `needs` says. A list that
 * cannot be read rejects (the AccountLists error: one scrubbed line naming the API).
 */
export async function loadNameIndex(lists: AccountLists, choices: NameChoices, needs: NameNeeds): Promise<NameIndex> {
  const loaded: LoadedLists = { choices };
  const work: Promise<void>[] = [];
  if (needs.functions)
    work.push(
      loadServices(lists, choices).then((s) => {
        loaded.services = s;
      }),
    );
  if (needs.taskrouter)
    work.push(
      (async () => {
        const workspaces = await lists.workspaces();
        loaded.workspaces = workspaces;
        const choice = chooseWorkspace(workspaces, choices);
        if ('reason' in choice) return;
        [loaded.workflows, loaded.taskChannels] = await Promise.all([
          lists.workflows(choice.chosen.sid),
          lists.taskChannels(choice.chosen.sid),
        ]);
      })(),
    );
  if (needs.flows)
    work.push(
      lists.flows().then((f) => {
        loaded.flows = f;
      }),
    );
  await Promise.all(work);
  return buildNameIndex(loaded);
}
