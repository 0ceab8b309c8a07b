/**
 * A Mermaid `flowchart TD` of the changed part of a flow: the added, changed and removed widgets of a
 * FlowDiff plus the widgets one transition away from them (in either definition). Returned without the
 * ```mermaid fence. Node ids are generated (n0, n1…); every label is escaped, so widget names and events
 * written by anyone cannot break out of the diagram, the fence or the comment. Any input is safe here.
 */
import { maskText } from '../secrets/mask.ts';
import type { FlowDiff } from '../diff/diff-types.ts';

export interface PictureOptions {
  /** Largest number of widgets to draw (default 40); past it there is no picture. */
  maxNodes?: number;
  /** Largest number of transitions to draw (default 80); past it there is no picture. */
  maxEdges?: number;
}

type NodeKind = 'added' | 'changed' | 'removed' | 'neighbour';
type EdgeKind = 'kept' | 'added' | 'removed';

interface Graph {
  types: Map<string, string>;
  edges: Map<string, { from: string; event: string; to: string }>;
}
interface Edge {
  from: string;
  event: string;
  to: string;
  kind: EdgeKind;
}

const LABEL_LIMIT = 60;
const NAMED: Record<string, string> = { '"': 'quot', '<': 'lt', '>': 'gt' };
const CLASS_DEFS = [
  'classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#0d2818',
  'classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#3b2300',
  'classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#4c0d0b',
  'classDef neighbour fill:#f6f8fa,stroke:#8c959f,color:#57606a',
];
const ARROWS: Record<EdgeKind, string> = { kept: '-->', added: '==>', removed: '-.->' };
const EDGE_COLOURS: Partial<Record<EdgeKind, string>> = { added: 'stroke:#1a7f37', removed: 'stroke:#cf222e' };

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Text for inside a `"…"` Mermaid label: credentials masked, entity codes for everything Mermaid, Markdown or GitHub reads. */
export function escapeMermaidLabel(raw: string): string {
  const chars = Array.from(
    maskText(raw)
      .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
      .replace(/[\u202a-\u202e\u2066-\u2069]/gu, ''),
  );
  const short = chars.length > LABEL_LIMIT ? `${chars.slice(0, LABEL_LIMIT - 1).join('')}…` : chars.join('');
  return short.replace(/[#&"<>`|@\\{}[\]]/gu, (c) => `#${NAMED[c] ?? c.codePointAt(0)};`);
}

/** Widget types and transitions of a definition, keyed by name; the first widget with a name wins its type. */
function readGraph(definition: unknown): Graph {
  const graph: Graph = { types: new Map(), edges: new Map() };
  const states = record(definition)?.['states'];
  if (!Array.isArray(states)) return graph;
  for (const raw of states) {
    const state = record(raw);
    const name = text(state?.['name']);
    if (!state || name === undefined) continue;
    if (!graph.types.has(name)) graph.types.set(name, text(state['type']) ?? '');
    const transitions = state['transitions'];
    if (!Array.isArray(transitions)) continue;
    for (const rawTransition of transitions) {
      const transition = record(rawTransition);
      const to = text(transition?.['next']);
      if (to === undefined) continue;
      const event = typeof transition?.['event'] === 'string' ? transition['event'] : '';
      graph.edges.set(JSON.stringify([name, event, to]), { from: name, event, to });
    }
  }
  return graph;
}

/** Widget name → kind, from the diff's widget list (garbage entries skipped). */
function changedWidgets(diff: unknown): Map<string, { kind: NodeKind; type?: string; typeBefore?: string }> {
  const result = new Map<string, { kind: NodeKind; type?: string; typeBefore?: string }>();
  const widgets = record(diff)?.['widgets'];
  if (!Array.isArray(widgets)) return result;
  for (const raw of widgets) {
    const widget = record(raw);
    const name = text(widget?.['name']);
    const kind = widget?.['kind'];
    if (name === undefined || (kind !== 'added' && kind !== 'removed' && kind !== 'changed')) continue;
    const entry: { kind: NodeKind; type?: string; typeBefore?: string } = { kind };
    const type = text(widget?.['type']);
    const typeBefore = text(widget?.['typeBefore']);
    if (type !== undefined) entry.type = type;
    if (typeBefore !== undefined) entry.typeBefore = typeBefore;
    if (!result.has(name)) result.set(name, entry);
  }
  return result;
}

function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 0 && !Number.isNaN(value) ? Math.floor(value) : fallback;
}

function nodeLabel(
  name: string,
  kind: NodeKind,
  before: Graph,
  after: Graph,
  typeHint?: string,
  typeBefore?: string,
): string {
  const beforeType = before.types.get(name);
  const afterType = after.types.get(name);
  let type = (kind === 'removed' ? (beforeType ?? afterType) : (afterType ?? beforeType)) || typeHint || '';
  if (!before.types.has(name) && !after.types.has(name) && kind === 'neighbour') type = 'missing widget';
  const oldType =
    typeBefore ?? (kind === 'changed' && beforeType && afterType && beforeType !== afterType ? beforeType : undefined);
  const typeText = oldType !== undefined && oldType !== type ? `${oldType} → ${type}` : type;
  const escapedName = escapeMermaidLabel(name);
  return typeText === '' ? escapedName : `${escapedName}<br/>${escapeMermaidLabel(typeText)}`;
}

/** The Mermaid source (no fence), or undefined when no widget changed or the picture would be too big. */
export function renderChangePicture(
  before: unknown,
  after: unknown,
  diff: FlowDiff,
  options?: PictureOptions,
): string | undefined {
  const picture = changePicture(before, after, diff, options);
  return picture && 'mermaid' in picture ? picture.mermaid : undefined;
}

/** A picture too big to draw: how many widgets and transitions it would have, and the caps. */
export interface PictureOmitted {
  nodes: number;
  edges: number;
  maxNodes: number;
  maxEdges: number;
}

/** The picture, or why there is none when one was due (too big); undefined when no widget changed. */
export function changePicture(
  before: unknown,
  after: unknown,
  diff: FlowDiff,
  options?: PictureOptions,
): { mermaid: string } | { omitted: PictureOmitted } | undefined {
  try {
    return render(before, after, diff, record(options));
  } catch {
    return undefined;
  }
}

function render(
  before: unknown,
  after: unknown,
  diff: unknown,
  options: Record<string, unknown> | undefined,
): { mermaid: string } | { omitted: PictureOmitted } | undefined {
  const changed = changedWidgets(diff);
  if (changed.size === 0) return undefined;
  const maxNodes = limit(options?.['maxNodes'], 40);
  const maxEdges = limit(options?.['maxEdges'], 80);
  const was = readGraph(before);
  const now = readGraph(after);

  const edges: Edge[] = [];
  for (const [key, edge] of was.edges) {
    if (changed.has(edge.from) || changed.has(edge.to))
      edges.push({ ...edge, kind: now.edges.has(key) ? 'kept' : 'removed' });
  }
  for (const [key, edge] of now.edges) {
    if (!was.edges.has(key) && (changed.has(edge.from) || changed.has(edge.to))) edges.push({ ...edge, kind: 'added' });
  }
  const kinds = new Map<string, NodeKind>();
  for (const [name, entry] of changed) kinds.set(name, entry.kind);
  for (const edge of edges) {
    for (const name of [edge.from, edge.to]) if (!kinds.has(name)) kinds.set(name, 'neighbour');
  }
  if (kinds.size > maxNodes || edges.length > maxEdges)
    return { omitted: { nodes: kinds.size, edges: edges.length, maxNodes, maxEdges } };

  const names = [...kinds.keys()].sort(compare);
  const ids = new Map(names.map((name, index) => [name, `n${index}`]));
  const order: Record<EdgeKind, number> = { kept: 0, removed: 1, added: 2 };
  edges.sort(
    (a, b) =>
      compare(a.from, b.from) || compare(a.to, b.to) || compare(a.event, b.event) || order[a.kind] - order[b.kind],
  );

  const lines = ['flowchart TD'];
  for (const name of names) {
    const kind = kinds.get(name) as NodeKind;
    const hint = changed.get(name);
    lines.push(`  ${ids.get(name)}["${nodeLabel(name, kind, was, now, hint?.type, hint?.typeBefore)}"]`);
  }
  edges.forEach((edge) => {
    const label = edge.event === '' ? '' : `|"${escapeMermaidLabel(edge.event)}"|`;
    lines.push(`  ${ids.get(edge.from)} ${ARROWS[edge.kind]}${label} ${ids.get(edge.to)}`);
  });
  lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
  for (const kind of ['added', 'changed', 'removed', 'neighbour'] as const) {
    const members = names.filter((name) => kinds.get(name) === kind).map((name) => ids.get(name));
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${kind}`);
  }
  for (const kind of ['added', 'removed'] as const) {
    const indexes = edges.flatMap((edge, index) => (edge.kind === kind ? [index] : []));
    if (indexes.length > 0) lines.push(`  linkStyle ${indexes.join(',')} ${EDGE_COLOURS[kind]}`);
  }
  return { mermaid: lines.join('\n') };
}
