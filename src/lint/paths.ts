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
  /** `postOrder(graph)`, when whoever built the graph walked it already (the graph rules do). */
  order?: Int32Array;
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

/**
 * The widgets reachable from the start in post-order of a depth-first search that follows transitions in their
 * order (iterative: a 2,000-widget chain must not overflow the stack). Empty without a start.
 */
export function postOrder(graph: FlowGraph): Int32Array {
  const count = graph.next.length;
  const start = graph.start;
  if (start === undefined || start >= count) return new Int32Array(0);
  const order = new Int32Array(count);
  let done = 0;
  const visited = new Uint8Array(count);
  const nodes = new Int32Array(count);
  const edges = new Int32Array(count);
  let top = 0;
  nodes[0] = start;
  visited[start] = 1;
  while (top >= 0) {
    const node = nodes[top] as number;
    const targets = graph.next[node] as readonly number[];
    const i = edges[top] as number;
    if (i >= targets.length) {
      order[done++] = node;
      top--;
      continue;
    }
    edges[top] = i + 1;
    const target = targets[i] as number;
    if (!visited[target]) {
      visited[target] = 1;
      nodes[++top] = target;
      edges[top] = 0;
    }
  }
  return order.subarray(0, done);
}

/** Each widget's predecessors in one flat array: `from[at[i]] … from[at[i + 1] - 1]` lead to widget i. */
function predecessors(graph: FlowGraph): { at: Int32Array; from: Int32Array } {
  const count = graph.next.length;
  const at = new Int32Array(count + 1);
  for (const targets of graph.next) for (const to of targets) at[to + 1] = (at[to + 1] as number) + 1;
  for (let i = 0; i < count; i++) at[i + 1] = (at[i + 1] as number) + (at[i] as number);
  const fill = at.slice(0, count);
  const from = new Int32Array(at[count] as number);
  graph.next.forEach((targets, node) => {
    for (const to of targets) {
      const slot = fill[to] as number;
      from[slot] = node;
      fill[to] = slot + 1;
    }
  });
  return { at, from };
}

export function dominance(graph: FlowGraph): Dominance {
  const count = graph.next.length;
  const start = graph.start;
  const order = graph.order ?? postOrder(graph);
  const rank = new Int32Array(count).fill(-1); // post-order number; -1: unreachable
  order.forEach((node, k) => (rank[node] = k));
  const idom = new Int32Array(count).fill(-1);
  if (start !== undefined && order.length > 0) idom[start] = start;
  const preds = predecessors(graph);
  const intersect = (x: number, y: number): number => {
    let a = x;
    let b = y;
    while (a !== b) {
      while ((rank[a] as number) < (rank[b] as number)) a = idom[a] as number;
      while ((rank[b] as number) < (rank[a] as number)) b = idom[b] as number;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k] as number;
      if (node === start) continue;
      let next = -1;
      for (let e = preds.at[node] as number; e < (preds.at[node + 1] as number); e++) {
        const p = preds.from[e] as number;
        if ((idom[p] as number) < 0) continue;
        next = next < 0 ? p : intersect(p, next);
      }
      if (next >= 0 && idom[node] !== next) {
        idom[node] = next;
        changed = true;
      }
    }
  }
  const { enter, size } = treeNumbers({ order, idom, start });
  const reachable = (b: number) => (rank[b] ?? -1) >= 0;
  return {
    reachable,
    dominates(a, b) {
      if (!reachable(a) || !reachable(b)) return false;
      const from = enter[a] as number;
      return from <= (enter[b] as number) && (enter[b] as number) < from + (size[a] as number);
    },
  };
}

/**
 * The dominator tree numbered so that each widget's subtree is one run of numbers: `a` dominates `b` when b's
 * number lies in a's run (no walk up the tree per question; a hostile 20,000-widget chain asks 20,000 of them).
 * A dominator comes after what it dominates in the post-order, so sizes add up in that order and the runs are
 * handed out in the reverse one.
 */
function treeNumbers(input: { order: Int32Array; idom: Int32Array; start: number | undefined }): {
  enter: Int32Array;
  size: Int32Array;
} {
  const { order, idom, start } = input;
  const size = new Int32Array(idom.length);
  const enter = new Int32Array(idom.length);
  const free = new Int32Array(idom.length); // the next number a child of this widget gets
  for (const node of order) {
    size[node] = (size[node] as number) + 1;
    if (node !== start) size[idom[node] as number] = (size[idom[node] as number] as number) + size[node];
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k] as number;
    if (node !== start) {
      const parent = idom[node] as number;
      enter[node] = free[parent] as number;
      free[parent] = (free[parent] as number) + (size[node] as number);
    }
    free[node] = (enter[node] as number) + 1;
  }
  return { enter, size };
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
