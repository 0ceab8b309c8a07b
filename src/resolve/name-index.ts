/**
 * The reverse index of one account for one environment: an account-specific SID or Function URL → the name
 * reference that resolves to it (and, for the sync, a reference → its value). Pure: built from lists already
 * loaded (src/resolve/name-lists.ts) and the environment's choices. A value gets a reference only when the name
 * is unique and can be written; otherwise the index says why not.
 */
import type { ListedFlow, TaskChannel, Workflow, Workspace } from '../studio/account-types.ts';
import {
  chooseEnvironment,
  chooseWorkspace,
  type LoadedService,
  type NameChoices,
  type Naming,
} from './name-choice.ts';
import type { ValuePlace } from './name-choice.ts';
import { functionIndex, type FunctionIndex } from './name-functions.ts';
import { formatNameRef, type FunctionPart, type NameRef } from './name-syntax.ts';

export type { LoadedService, NameChoices, Naming, ValuePlace } from './name-choice.ts';

/** What the index is built from; a list left out was not needed (its values are not named). */
export interface LoadedLists {
  choices: NameChoices;
  services?: readonly LoadedService[];
  workspaces?: readonly Workspace[];
  /** The chosen workspace's workflows and task channels. */
  workflows?: readonly Workflow[];
  taskChannels?: readonly TaskChannel[];
  flows?: readonly ListedFlow[];
}

export interface NameIndex {
  /** The reference for a value; undefined when the value is not an account-specific SID or Function URL. */
  nameOf(value: string, place?: ValuePlace): Naming | undefined;
  /** What a reference resolves to (`part`: the field a bare Function reference stands in), or why it does not. */
  valueOf(ref: NameRef, part?: FunctionPart): { value: string } | { reason: string };
}

/** A SID of 2 capital letters and 32 hex digits. */
export const SID = /^([A-Z]{2})[0-9a-f]{32}$/;

const quoted = (s: string) => JSON.stringify(s);

/** Unique names → SID and SID → reference; a name two items share, or one that cannot be written, → the reason. */
function byName<T extends { sid: string }>(
  items: readonly T[],
  nameOf: (item: T) => string,
  kind: 'workflow' | 'channel' | 'flow-name',
) {
  const what = kind === 'workflow' ? 'workflow' : kind === 'channel' ? 'task channel' : 'Studio flow';
  const bySid = new Map<string, Naming>();
  const byText = new Map<string, { value: string } | { reason: string }>();
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(nameOf(item), [...(groups.get(nameOf(item)) ?? []), item]);
  for (const [name, group] of groups) {
    if (group.length > 1) {
      const reason = `${group.length} ${what}s are named ${quoted(name)} (${group.map((g) => g.sid).join(', ')}): the name is ambiguous`;
      group.forEach((g) => bySid.set(g.sid, { reason }));
      byText.set(name, { reason });
      continue;
    }
    const item = group[0]!;
    byText.set(name, { value: item.sid });
    const ref = formatNameRef({ kind, name });
    bySid.set(
      item.sid,
      ref === undefined
        ? {
            reason: `its ${what} name ${quoted(name)} cannot be written in a reference (blank, "}", "\${" or a line break)`,
          }
        : { ref },
    );
  }
  return { bySid, byText, what };
}

/** The reverse index of the lists for their choices. */
export function buildNameIndex(lists: LoadedLists): NameIndex {
  const functions: FunctionIndex | undefined = lists.services
    ? functionIndex(lists.services, lists.choices)
    : undefined;
  const workspace = lists.workspaces ? chooseWorkspace(lists.workspaces, lists.choices) : undefined;
  const where = workspace && 'chosen' in workspace ? `workspace ${quoted(workspace.chosen.friendlyName)}` : '';
  const noWorkspace = workspace && 'reason' in workspace ? workspace.reason : 'TaskRouter was not read';
  const workflows = byName(lists.workflows ?? [], (w) => w.friendlyName, 'workflow');
  const channels = byName(lists.taskChannels ?? [], (c) => c.uniqueName, 'channel');
  const flows = byName(lists.flows ?? [], (f) => f.friendlyName, 'flow-name');
  const absent = (what: string) => (where ? `no ${what} of the ${where} has this SID` : noWorkspace);

  return {
    nameOf(value, place = {}) {
      const kind = SID.exec(value)?.[1];
      if (kind === 'WW') return workflows.bySid.get(value) ?? { reason: absent('workflow') };
      if (kind === 'TC') return channels.bySid.get(value) ?? { reason: absent('task channel') };
      if (kind === 'FW')
        return lists.flows
          ? (flows.bySid.get(value) ?? { reason: 'no Studio flow of the account has this SID' })
          : { reason: 'Studio flows were not read' };
      if (kind === 'ZS' || kind === 'ZE' || kind === 'ZH' || kind === 'ZN' || value.startsWith('https://')) {
        if (!functions) return kind ? { reason: 'Serverless was not read' } : undefined;
        return functions.nameOf(value, place);
      }
      if (kind === 'AC') return undefined; // the account itself: the same wherever the flow goes
      if (kind) return { reason: `no name reference stands for ${kind}… SIDs (use a \${var.NAME} per environment)` };
      return undefined;
    },
    valueOf(ref, part) {
      if (ref.kind === 'function') {
        if (!functions) return { reason: 'Serverless was not read' };
        return functions.valueOf(ref, part);
      }
      const table = ref.kind === 'workflow' ? workflows : ref.kind === 'channel' ? channels : flows;
      const found = table.byText.get(ref.name);
      if (found) return found;
      if (ref.kind !== 'flow-name' && !where) return { reason: noWorkspace };
      return {
        reason: `no ${table.what} is named ${quoted(ref.name)}${ref.kind === 'flow-name' ? '' : ` in the ${where}`}`,
      };
    },
  };
}

export { chooseEnvironment, chooseWorkspace };
