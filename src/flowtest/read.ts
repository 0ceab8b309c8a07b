/**
 * A test file's text → its data, with the place of every node: YAML parsed with positions (the `yaml` package),
 * refusing what would make it ambiguous or costly (duplicate keys, an alias bomb, NUL bytes), then the schema.
 */
import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { offsetOf, positionAt, repeatedKeys } from '../config/locate.ts';
import type { Position } from '../document/types.ts';
import type { TestFileProblem } from './types.ts';
import type { RawTestFile } from './model.ts';
import { keyLabel, schemaProblems } from './schema-problems.ts';
import type { PlacedProblem } from './schema-problems.ts';
import { scenarioName } from './text.ts';

/** Aliases (`*name`) resolved per file at most: a few are handy, a "billion laughs" file is refused. */
export const MAX_ALIASES = 100;

export interface ParsedTestFile {
  problems: TestFileProblem[];
  /** The data, when the file parsed; scenarios with a schema problem are in `badScenarios`. */
  data?: RawTestFile;
  /** Indexes of the scenarios a schema problem was found in (they are not run). */
  badScenarios: Set<number>;
  /** The place of the node at `segments` (`at: 'key'`: of its key), in the file. */
  locate: (segments: readonly (string | number)[], at?: 'key' | 'value') => Position;
  /** A scalar as written in the file (`+1555…`, `007`), when the node at `segments` is one. */
  source: (segments: readonly (string | number)[]) => string | undefined;
}

function problemAt(position: Position, message: string, fix: string): TestFileProblem {
  return { message, fix, line: position.line, column: position.column };
}

function parsed(
  doc: Document | undefined,
  lineCounter: LineCounter,
): Omit<ParsedTestFile, 'problems' | 'badScenarios'> {
  const path = (segments: readonly (string | number)[]): string[] => segments.map(String);
  return {
    locate: (segments, at = 'value') =>
      doc ? positionAt(lineCounter, offsetOf(doc, { segments: path(segments), at })) : { line: 1, column: 1 },
    source: (segments) => {
      const node = doc?.getIn(path(segments), true);
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

function failed(problems: TestFileProblem[], doc?: Document, lineCounter = new LineCounter()): ParsedTestFile {
  return { problems, badScenarios: new Set(), ...parsed(doc, lineCounter) };
}

/** A schema problem inside a scenario names it (by its `name`, when it has a text one). */
function scenarioNamed(data: unknown, p: PlacedProblem): string {
  if (p.segments[0] !== 'scenarios' || p.segments.length < 2) return p.message;
  const scenarios = (data as { scenarios?: unknown }).scenarios;
  const scenario: unknown = Array.isArray(scenarios) ? scenarios[Number(p.segments[1])] : undefined;
  const label = scenario !== null && typeof scenario === 'object' ? (scenario as { name?: unknown }).name : undefined;
  return typeof label === 'string' ? `Scenario ${scenarioName(label)}: ${p.message}` : p.message;
}

/** Parses a test file's text (already decoded). Never throws: every problem is placed in the file. */
export function parseTestFile(text: string): ParsedTestFile {
  const start = { line: 1, column: 1 };
  if (text.includes('\u0000'))
    return failed([
      problemAt(start, 'The file holds NUL bytes: it is not UTF-8 text (UTF-16, or binary).', 'Save it as UTF-8.'),
    ]);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    doc = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch {
    return failed([problemAt(start, 'The file could not be parsed as YAML (it nests too deeply).', 'Simplify it.')]);
  }
  const syntax = doc.errors[0];
  if (syntax) {
    const message = `YAML syntax error: ${syntax.message.split('\n')[0]?.replace(/\.$/, '') ?? ''}.`;
    return failed([problemAt(positionAt(lineCounter, syntax.pos[0]), message, 'Fix the YAML at this place.')]);
  }
  const repeated = repeatedKeys(doc).map((r) => {
    const where = r.segments.length === 0 ? 'the top level' : keyLabel(r.segments);
    const first = positionAt(lineCounter, r.first);
    return problemAt(
      positionAt(lineCounter, r.repeat),
      `"${r.key.length > 80 ? `${r.key.slice(0, 80)}…` : r.key}" appears twice in ${where} (first at line ${first.line}); YAML keeps only one of them.`,
      'Keep one of them.',
    );
  });
  if (repeated.length > 0) return failed(repeated, doc, lineCounter);
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const bomb = error instanceof Error && /alias/i.test(error.message);
    return failed(
      [
        problemAt(
          start,
          bomb
            ? `The file's aliases (*name) expand to too much data (over ${MAX_ALIASES} resolved aliases).`
            : 'The file could not be read as data (it nests too deeply).',
          'Write the values out, or use fewer anchors (&name) and aliases (*name).',
        ),
      ],
      doc,
      lineCounter,
    );
  }
  if (data === null || data === undefined)
    return failed([problemAt(start, 'The file is empty.', 'Add `scenarios:` (see the README).')], doc, lineCounter);
  const base = parsed(doc, lineCounter);
  let schema: PlacedProblem[];
  try {
    schema = schemaProblems(data);
  } catch {
    return failed([problemAt(start, 'The file nests too deeply to be checked.', 'Simplify it.')], doc, lineCounter);
  }
  const badScenarios = new Set<number>();
  let wholeFile = false;
  for (const p of schema) {
    if (p.segments[0] === 'scenarios' && p.segments.length >= 2) badScenarios.add(Number(p.segments[1]));
    else wholeFile = true;
  }
  const problems = schema.map((p) => problemAt(base.locate(p.segments, p.at), scenarioNamed(data, p), p.fix));
  if (wholeFile) return { problems, badScenarios, ...base };
  return { problems, data: data as RawTestFile, badScenarios, ...base };
}
