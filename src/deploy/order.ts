import type { DeployItem } from './types.ts';

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
 * caller, whether the call names the subflow's SID or, through `${flow:PATH}`, a flow this deploy
 * creates; otherwise the input order is kept. A cycle through flows that are in Studio already is
 * allowed (Studio allows it) and broken where it closes; a cycle through a flow still to be created cannot be deployed,
 * and is returned as `cycle` (the paths, in call order).
 */
export function subflowsFirst(items: DeployItem[]): { ordered: DeployItem[]; cycle?: string[] } {
  const bySid = new Map(items.filter((i) => i.live).map((i) => [i.live!.sid, i]));
  const byPath = new Map(items.map((i) => [i.path, i]));
  const ordered: DeployItem[] = [];
  const state = new Map<DeployItem, 'visiting' | 'done'>();
  const stack: DeployItem[] = [];
  let cycle: string[] | undefined;
  const visit = (item: DeployItem): void => {
    if (state.has(item)) return;
    state.set(item, 'visiting');
    stack.push(item);
    for (const ref of item.pendingRefs ?? []) {
      const callee = byPath.get(ref.path);
      if (!callee || callee === item) continue;
      if (state.get(callee) === 'visiting') {
        cycle ??= [...stack.slice(stack.indexOf(callee)).map((i) => i.path), callee.path];
        continue;
      }
      visit(callee);
    }
    for (const sid of subflowSids(item.definition)) {
      const callee = bySid.get(sid);
      if (callee && callee !== item && state.get(callee) !== 'visiting') visit(callee);
    }
    stack.pop();
    state.set(item, 'done');
    ordered.push(item);
  };
  items.forEach(visit);
  return cycle ? { ordered, cycle } : { ordered };
}

/**
 * The levels of a deploy in subflowsFirst's order: level 0 calls no flow of this deploy; a caller sits one level
 * above the highest of its callees (by `${flow:PATH}` to a flow created first, or by the SID of a run-subflow
 * widget naming a flow of this deploy). A call to a flow later in the order closes a cycle through flows in Studio
 * already: subflowsFirst broke it there, and so does this. Each level keeps the input order.
 */
export function dependencyLevels(items: readonly DeployItem[]): DeployItem[][] {
  const byPath = new Map(items.map((i) => [i.path, i]));
  const bySid = new Map(items.filter((i) => i.live).map((i) => [i.live!.sid, i]));
  const levelOf = new Map<DeployItem, number>();
  const levels: DeployItem[][] = [];
  for (const item of items) {
    const callees = [
      ...(item.pendingRefs ?? []).map((ref) => byPath.get(ref.path)),
      ...subflowSids(item.definition).map((sid) => bySid.get(sid)),
    ];
    let level = 0;
    for (const callee of callees) {
      const below = callee && callee !== item ? levelOf.get(callee) : undefined;
      if (below !== undefined) level = Math.max(level, below + 1);
    }
    levelOf.set(item, level);
    (levels[level] ??= []).push(item);
  }
  return levels;
}
