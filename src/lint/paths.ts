/**
 * Which widgets run on the way to a widget, from the flow's transition graph: dominators (a widget that runs on
 * EVERY path from the Trigger to here), one path that skips a given widget, and whether some path from a set of
 * widgets reaches here. Dominators by Cooper, Harvey and Kennedy's iterative algorithm ("A Simple, Fast
 * Dominance Algorithm", 2001) over a reverse post-order: near-linear on a 2,000-widget flow.
 */

export interface FlowGraph {
  names: readonly (string | undefined)[];
  byName: ReadonlyMap<string, number>;
  /** Targets of each widget's transitions (to existing widgets), in transition order. */
  next: readonly (readonly number[])[];
  start: number | undefined;
}

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

/** The transition graph; the start is the (first) Trigger, else the widget initial_state names. */
export function flowGraph(definition: Loose): FlowGraph {
  const states = Array.isArray(definition['states']) ? (definition['states'] as unknown[]) : [];
  const names = states.map((s) => {
    const name = loose(s)?.['name'];
    return typeof name === 'string' && name !== '' ? name : undefined;
  });
  const byName = new Map<string, number>();
  names.forEach((name, i) => {
    if (name !== undefined && !byName.has(name)) byName.set(name, i);
  });
  const next = states.map((s) => {
    const transitions = loose(s)?.['transitions'];
    if (!Array.isArray(transitions)) return [];
    const targets: number[] = [];
    for (const t of transitions) {
      const target = loose(t)?.['next'];
      const index = typeof target === 'string' ? byName.get(target) : undefined;
      if (index !== undefined) targets.push(index);
    }
    return targets;
  });
  const trigger = states.findIndex((s) => loose(s)?.['type'] === 'trigger');
  const initial = definition['initial_state'];
  const start = trigger >= 0 ? trigger : typeof initial === 'string' ? byName.get(initial) : undefined;
  return { names, byName, next, start };
}

export interface Dominance {
  /** Is `a` on every path from the start to `b`? False when `b` is unreachable. */
  dominates(a: number, b: number): boolean;
  reachable(b: number): boolean;
}

export function dominance(graph: FlowGraph): Dominance {
  const count = graph.next.length;
  const order: number[] = []; // post-order
  const rank = new Int32Array(count).fill(-1);
  const idom = new Int32Array(count).fill(-1);
  const preds: number[][] = Array.from({ length: count }, () => []);
  graph.next.forEach((targets, from) => targets.forEach((to) => preds[to]?.push(from)));
  if (graph.start !== undefined) {
    // Iterative depth-first search: a 2,000-widget chain must not overflow the stack.
    const visited = new Uint8Array(count);
    const stack: [number, number][] = [[graph.start, 0]];
    visited[graph.start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [node, i] = top;
      const target = graph.next[node]?.[i];
      if (target === undefined) {
        rank[node] = order.length;
        order.push(node);
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      if (!visited[target]) {
        visited[target] = 1;
        stack.push([target, 0]);
      }
    }
    idom[graph.start] = graph.start;
  }
  const intersect = (x: number, y: number): number => {
    let a = x;
    let b = y;
    while (a !== b) {
      while ((rank[a] ?? 0) < (rank[b] ?? 0)) a = idom[a] ?? a;
      while ((rank[b] ?? 0) < (rank[a] ?? 0)) b = idom[b] ?? b;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k] as number;
      if (node === graph.start) continue;
      let next = -1;
      for (const p of preds[node] ?? []) {
        if ((idom[p] ?? -1) < 0) continue;
        next = next < 0 ? p : intersect(p, next);
      }
      if (next >= 0 && idom[node] !== next) {
        idom[node] = next;
        changed = true;
      }
    }
  }
  const reachable = (b: number) => (rank[b] ?? -1) >= 0;
  return {
    reachable,
    dominates(a, b) {
      if (!reachable(a) || !reachable(b)) return false;
      for (let node = b; ; node = idom[node] ?? node) {
        if (node === a) return true;
        if (node === graph.start) return false;
      }
    },
  };
}

/** Names along one path from the start to `to` that never passes `avoid` (breadth-first: a shortest one). */
export function pathAvoiding(graph: FlowGraph, input: { to: number; avoid: number }): string[] | undefined {
  if (graph.start === undefined || graph.start === input.avoid) return undefined;
  const parent = new Map<number, number>([[graph.start, -1]]);
  const queue = [graph.start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    if (node === input.to) {
      const path: string[] = [];
      for (let at = node; at >= 0; at = parent.get(at) ?? -1) path.push(graph.names[at] ?? `#${at}`);
      return path.reverse();
    }
    for (const target of graph.next[node] ?? []) {
      if (target === input.avoid || parent.has(target)) continue;
      parent.set(target, node);
      queue.push(target);
    }
  }
  return undefined;
}

/** Widgets reachable from any of `sources` by one transition or more, plus the sources themselves. */
export function reachableFrom(graph: FlowGraph, sources: Iterable<number>): Set<number> {
  const seen = new Set<number>(sources);
  const queue = [...seen];
  while (queue.length > 0) {
    const node = queue.pop() as number;
    for (const target of graph.next[node] ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}
