/**
 * The optional config file (`.github/studio-flow-ci.yml`, YAML or JSON): read it safely from the
 * workspace, parse it with positions, check it (schema, then the cross-reference rules) and return
 * the typed config. Every problem is a UserError naming `file:line:column`, the key, and the fix.
 */
import { constants, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { messageOf, UserError } from '../errors.ts';
import { isInside } from '../document/read.ts';
import { closestName } from '../lint/suggest.ts';
import { offsetOf, positionAt, repeatedKeys } from './locate.ts';
import type { Problem } from './locate.ts';
import { missingFileProblems, ruleProblems } from './rules.ts';
import { label, schemaProblems } from './schema-errors.ts';
import type { RawConfig, StudioConfig } from './model.ts';

export type { EnvironmentConfig, FlowConfig, FlowTarget, StudioConfig } from './model.ts';
export { environmentNames, flowTarget, requireEnvironment } from './model.ts';

/** Where the action looks when no config path is given. */
export const DEFAULT_CONFIG_PATH = '.github/studio-flow-ci.yml';
/** A config file larger than this is refused unread. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** At most this many problems are listed in one error. */
const MAX_PROBLEMS = 20;

function fail(lines: string[]): never {
  const shown = lines.slice(0, MAX_PROBLEMS);
  if (lines.length > MAX_PROBLEMS) shown.push(`… and ${lines.length - MAX_PROBLEMS} more problems.`);
  throw new UserError(shown.join('\n'));
}

/** A number is kept as written (`+15005550006`, `007`, `1.50`), not as JavaScript prints it. */
function variableText(doc: Document, segments: string[], value: string | number | boolean): string {
  if (typeof value !== 'number') return String(value);
  const node = doc.getIn(segments, true);
  return isScalar(node) && typeof node.source === 'string' && node.source !== '' ? node.source : String(value);
}

function toConfig(raw: RawConfig, doc: Document): StudioConfig {
  const environments = Object.fromEntries(
    Object.entries(raw.environments ?? {}).map(([name, env]) => {
      const variables = Object.entries(env.variables ?? {}).map(([key, value]): [string, string] => [
        key,
        variableText(doc, ['environments', name, 'variables', key], value),
      ]);
      return [
        name,
        {
          variables: Object.fromEntries(variables),
          ...(env.serverless ? { serverless: { environment: env.serverless.environment } } : {}),
          ...(env.taskrouter ? { taskrouter: { workspace: env.taskrouter.workspace } } : {}),
        },
      ];
    }),
  );
  const flows = (raw.flows ?? []).map((flow) => ({
    path: flow.path,
    ...(flow.friendly_name === undefined ? {} : { friendlyName: flow.friendly_name }),
    environments: Object.fromEntries(
      Object.entries(flow.environments ?? {}).map(([name, target]) => [
        name,
        {
          ...(target.sid === undefined ? {} : { sid: target.sid }),
          ...(target.friendly_name === undefined ? {} : { friendlyName: target.friendly_name }),
        },
      ]),
    ),
  }));
  return { environments, flows };
}

export interface ParseConfigOptions {
  /** What is wrong with a flow entry's file (e.g. that it does not exist), or undefined; unchecked when absent. */
  checkFile?: (path: string) => string | undefined;
}

/**
 * Parse and check config text. `file` is the workspace-relative name used in messages; a name
 * ending in `.json` is reported as JSON (it is parsed as YAML, of which JSON is a subset).
 */
export function parseConfig(file: string, text: string, options: ParseConfigOptions = {}): StudioConfig {
  const kind = file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number): string => {
    const { line, column } = positionAt(lineCounter, offset);
    return `${file}:${line}:${column}`;
  };
  // Only the first syntax error: the later ones are mostly consequences of it.
  const syntax = doc.errors[0];
  if (syntax)
    fail([
      `${at(syntax.pos[0])}: ${kind} syntax error: ${syntax.message.replace(/\.$/, '')}. Fix the ${kind} at this place.`,
    ]);
  const repeated = repeatedKeys(doc);
  if (repeated.length > 0) {
    fail(
      repeated.map((r) => {
        const where = r.segments.length === 0 ? 'the top level' : label(r.segments);
        const first = positionAt(lineCounter, r.first);
        return `${at(r.repeat)}: "${r.key}" appears twice in ${where} (first at line ${first.line}:${first.column}). Keep one of them.`;
      }),
    );
  }
  if (doc.contents === null) return { environments: {}, flows: [] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UserError(
      `${file}: ${messageOf(error)}. Check the anchors (&name) and aliases (*name) in the file, or write the values out.`,
    );
  }
  let problems: Problem[] = schemaProblems(data);
  if (problems.length === 0) {
    problems = ruleProblems(data as RawConfig);
    if (options.checkFile) problems.push(...missingFileProblems(data as RawConfig, options.checkFile));
  }
  if (problems.length > 0) {
    const placed = problems.map((p) => ({ offset: offsetOf(doc, p.place), message: p.message }));
    placed.sort((a, b) => a.offset - b.offset);
    fail([...new Set(placed.map((p) => `${at(p.offset)}: ${p.message}`))]);
  }
  return toConfig(data as RawConfig, doc);
}

/** What is wrong with a flow entry's path in the workspace `root`: nothing (undefined), missing, or a folder. */
export function workspaceFileCheck(root: string): (relPath: string) => string | undefined {
  return (relPath) => {
    const full = path.resolve(root, relPath);
    try {
      // Symbolic links and files outside the workspace are refused, by name, when the flow file is read.
      return lstatSync(full).isDirectory() ? 'is a folder, not a flow file. Name the JSON file itself.' : undefined;
    } catch {
      const guess = nearbyName(root, relPath);
      const hint = guess ? `Did you mean "${guess}"? ` : '';
      return `names no file in the workspace, so this entry applies to nothing. ${hint}Fix the path, or remove the entry if the flow file was deleted.`;
    }
  };
}

/** The JSON file in the same folder (inside the workspace) whose name is closest to the missing one. */
function nearbyName(root: string, relPath: string): string | undefined {
  const folder = path.posix.dirname(relPath);
  try {
    const real = realpathSync(path.resolve(root, folder));
    if (!isInside(root, real)) return undefined;
    const names = readdirSync(real).filter((name) => name.toLowerCase().endsWith('.json'));
    const guess = closestName(path.posix.basename(relPath), names);
    return guess === undefined ? undefined : folder === '.' ? guess : `${folder}/${guess}`;
  } catch {
    return undefined;
  }
}

/**
 * Read and parse the config file at `relPath` inside `workspace`; undefined when there is none.
 * Like flow files, it is read only from inside the workspace and never through a symbolic link.
 * Every flow entry must name a file in the workspace.
 */
export async function loadConfig(workspace: string, relPath: string): Promise<StudioConfig | undefined> {
  const root = await realpath(workspace);
  const full = path.resolve(root, relPath);
  if (path.isAbsolute(relPath) || !isInside(root, full)) {
    throw new UserError(
      `${relPath}: the config file path is outside the workspace. Name a file inside the repository, e.g. ${DEFAULT_CONFIG_PATH}.`,
    );
  }
  let stat;
  try {
    stat = await lstat(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new UserError(
      `${relPath}: the config file is a symbolic link; it must be a regular file. Replace the link with the file itself.`,
    );
  }
  if (!stat.isFile())
    throw new UserError(`${relPath}: the config path is not a regular file. Point it at a YAML or JSON file.`);
  if (!isInside(root, await realpath(full))) {
    throw new UserError(
      `${relPath}: the config file resolves outside the workspace (through a linked folder). Keep it in the repository itself.`,
    );
  }
  if (stat.size > MAX_CONFIG_BYTES) {
    throw new UserError(
      `${relPath}: the config file is ${stat.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit. Keep only flows and environments in it.`,
    );
  }
  const handle = await open(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return parseConfig(relPath, await handle.readFile({ encoding: 'utf8' }), { checkFile: workspaceFileCheck(root) });
  } finally {
    await handle.close();
  }
}

/**
 * A config path the user named (the `config` input set to something else than the default) must exist:
 * a typo would otherwise run without any environment, variables or SIDs, and pass green.
 */
export async function requireNamedConfig(workspace: string, relPath: string): Promise<void> {
  if (relPath === DEFAULT_CONFIG_PATH) return;
  try {
    await lstat(path.resolve(await realpath(workspace), relPath));
  } catch {
    throw new UserError(
      `Input 'config': ${relPath} does not exist in the repository. Fix the path (from the repository root), or leave 'config' unset to use ${DEFAULT_CONFIG_PATH} when it exists.`,
    );
  }
}
