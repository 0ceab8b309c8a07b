/**
 * The ONE way a flow document gets the views of an environment (see src/document/document.ts): variables
 * substituted first, then `${flow:PATH}` references as SIDs. The PR's file and the base branch's file both
 * go through it, so what is compared with the live flow is always like with like.
 */
import type { FlowDocument, ResolvedDocument } from '../document/document.ts';
import type { Severity } from '../document/types.ts';
import { resolveFlowRefs, type FlowRefResolver } from './flow-refs.ts';
import { resolveVariables } from './variables.ts';

/** How a document is made comparable with Studio for one environment. */
export interface ViewContext {
  /** The workspace-relative path of the flow file (a reference to itself is an error). */
  path: string;
  variables: Record<string, string> | undefined;
  refs?: FlowRefResolver | undefined;
  /** Severity of a `${var.…}` left as is because no environment was selected. */
  unresolved?: Severity;
}

export async function resolveDocument(document: FlowDocument, context: ViewContext): Promise<ResolvedDocument> {
  const variables = resolveVariables(document.parsed.definition, context.variables, {
    unresolved: context.unresolved ?? 'warning',
  });
  const refs = await resolveFlowRefs(variables.definition, context.refs, context.path);
  return {
    ...document,
    resolved: refs.definition,
    checked: refs.checked,
    pending: refs.pending,
    findings: [...variables.findings, ...refs.findings],
    toSend: refs.complete,
  };
}
