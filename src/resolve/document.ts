/**
 * The ONE way a flow document gets the views of an environment (see src/document/document.ts): variables
 * substituted first, then `${flow:PATH}` references as SIDs, then name references (`${function:…}`,
 * `${workflow:…}`, `${channel:…}`, `${flow-name:…}`) as the account's SIDs. The PR's file and the base branch's
 * file both go through it, so what is compared with the live flow is always like with like.
 */
import type { FlowDocument, ResolvedDocument } from '../document/document.ts';
import type { Severity } from '../document/types.ts';
import { resolveFlowRefs, type FlowRefResolver } from './flow-refs.ts';
import { resolveNameRefs, type NameChoices } from './names.ts';
import type { AccountLists } from '../studio/account-types.ts';
import { resolveVariables } from './variables.ts';

/** How a document is made comparable with Studio for one environment. */
export interface ViewContext {
  /** The workspace-relative path of the flow file (a reference to itself is an error). */
  path: string;
  variables: Record<string, string> | undefined;
  refs?: FlowRefResolver | undefined;
  /** The account's lists name references are looked up in; absent offline (stand-ins, with a finding). */
  lists?: AccountLists | undefined;
  /** What the environment chooses for name references (Serverless environment, TaskRouter workspace). */
  choices?: NameChoices | undefined;
  /** Severity of a `${var.…}` (or name reference) left as is because no environment (or account) was selected. */
  unresolved?: Severity;
}

export async function resolveDocument(document: FlowDocument, context: ViewContext): Promise<ResolvedDocument> {
  const unresolved = context.unresolved ?? 'warning';
  const variables = resolveVariables(document.parsed.definition, context.variables, { unresolved });
  const refs = await resolveFlowRefs(variables.definition, context.refs, context.path);
  const names = await resolveNameRefs(refs.definition, {
    lists: context.lists,
    choices: context.choices,
    unresolved,
  });
  return {
    ...document,
    resolved: names.definition,
    checked: names.apply(refs.checked, 'checked'),
    pending: refs.pending,
    standIns: names.standIns,
    findings: [...variables.findings, ...refs.findings, ...names.findings],
    toSend: (created) => names.apply(refs.complete(created)),
  };
}
