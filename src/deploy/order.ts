import type { DeployItem } from './publish.ts';

/** The flow SIDs a definition calls through run-subflow widgets. */
export function subflowSids(definition: unknown): string[] {
  const states = (definition as { states?: unknown } | null)?.states;
  if (!Array.isArray(states)) return [];
  return states.flatMap((s: { type?: unknown; properties?: { flow_sid?: unknown } } | null) =>
    s?.type === 'run-subflow' && typeof s.properties?.flow_sid === 'string' ? [s.properties.flow_sid] : [],
  );
}

/**
 * Order a deploy so that a flow called by another flow's run-subflow widget is deployed before its
 * caller; otherwise the input order is kept. Cycles (which Studio allows) keep their input order.
 */
export function subflowsFirst(items: DeployItem[]): DeployItem[] {
  const bySid = new Map(items.filter((i) => i.live).map((i) => [i.live!.sid, i]));
  const ordered: DeployItem[] = [];
  const state = new Map<DeployItem, 'visiting' | 'done'>();
  const visit = (item: DeployItem): void => {
    if (state.has(item)) return;
    state.set(item, 'visiting');
    for (const sid of subflowSids(item.definition)) {
      const callee = bySid.get(sid);
      if (callee && callee !== item && state.get(callee) !== 'visiting') visit(callee);
    }
    state.set(item, 'done');
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}
