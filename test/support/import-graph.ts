/**
 * The import graph of `src/` and the two rules it must keep: no import cycle between files, and no import
 * from a lower layer to a higher one (LAYERS, lowest first). Imports are read with TypeScript's own
 * pre-processor (static, `export … from`, type-only and dynamic `import()`; never text in comments).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The layers of src/, lowest first; each names its modules (a folder of src/, or a file of src/ without `.ts`). */
export const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'concurrency', 'secrets', 'node-guard'], // leaf utilities; secrets: masking and scrubbing, below every user
  ['settings', 'sync-settings'], // typed inputs (the sync-* inputs apart)
  ['studio', 'github'], // the clients of the two outside APIs (and their slim types)
  ['document'], // a flow file: text with positions, parsed, its own fields
  ['lint', 'diff', 'resolve', 'simulate'], // offline rules, the semantic diff, `${var.…}` / `${flow:…}` resolution, the simulator
  ['config'], // the optional config file
  ['targets'], // which Studio flow a file is
  ['flowtest'], // flow tests: the test files beside flows, run on the simulator
  ['check'], // the check of one flow file
  ['deploy', 'sync'], // publishing, its record and history; sync: Studio back into the flow files
  ['report'], // pure renderers
  ['egress', 'io'], // the gate every outgoing text passes, and the mode's IO
  ['modes'], // check, deploy, rollback, sync: orchestration
  ['main', 'index'], // the action's entry
  ['emulator'], // the Twilio emulator: imported only by the CLI
  ['cli'], // the CLI, one file per command
];

/** One import: `from` imports `to`; both are paths relative to the source root, with `/`. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** Every relative import of every `.ts` file under `root`, as edges between files relative to `root`. */
export function readImportGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of listTs(root)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
      edges.push({ from: file, to });
    }
  }
  return edges;
}

function listTs(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listTs(root, rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** The module of a file: its top folder under src/, or its own name without `.ts`. */
export function moduleOf(file: string): string {
  const [first, ...rest] = file.split('/');
  return rest.length > 0 ? (first as string) : (first as string).replace(/\.ts$/, '');
}

/** Each import that goes up a layer (or into a module no layer names), as a sentence naming both files. */
export function layerViolations(
  edges: readonly ImportEdge[],
  layers: readonly (readonly string[])[] = LAYERS,
): string[] {
  const rank = new Map(layers.flatMap((modules, i) => modules.map((m) => [m, i] as const)));
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const { from, to } of edges) {
    for (const file of [from, to]) {
      if (!rank.has(moduleOf(file)) && !unknown.has(file)) {
        unknown.add(file);
        problems.push(
          `src/${file}: its module "${moduleOf(file)}" is in no layer; add it to LAYERS in test/support/import-graph.ts`,
        );
      }
    }
    const [a, b] = [rank.get(moduleOf(from)), rank.get(moduleOf(to))];
    if (a !== undefined && b !== undefined && b > a) {
      problems.push(
        `src/${from} (layer ${a}: ${moduleOf(from)}) imports src/${to} (layer ${b}: ${moduleOf(to)}), a higher layer`,
      );
    }
  }
  return problems;
}

/** Import cycles between files, as the files around each (`a → b → a`); every set of files in a cycle shows at least one. */
export function importCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open')
        cycles.push([...stack.slice(stack.indexOf(to)), to].map((f) => `src/${f}`).join(' → '));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...next.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
