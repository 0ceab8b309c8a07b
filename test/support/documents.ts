/** A flow document for report tests: a definition already resolved (no variables, no pending references). */
import { documentOf, type ResolvedDocument } from '../../src/document/document.ts';

export function resolvedDocument(definition: unknown, path = 'flow.json'): ResolvedDocument {
  const { document, findings } = documentOf(path, JSON.stringify(definition));
  if (!document) throw new Error(`not a flow definition: ${findings.map((f) => f.message).join('; ')}`);
  return {
    ...document,
    resolved: definition,
    checked: definition,
    pending: [],
    findings: [],
    toSend: () => definition,
  };
}
