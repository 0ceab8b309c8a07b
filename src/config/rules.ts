/**
 * The config rules a schema cannot say, run on data the schema accepted: a flow's per-environment
 * entry names a defined environment; flow paths are plain workspace-relative paths, listed once;
 * no two flow files deploy to the same Studio flow in one environment.
 */
import path from 'node:path';
import { closestName } from '../lint/suggest.ts';
import { MAX_NAME_CHARS, nameProblem, shownText } from '../document/file-fields.ts';
import { label } from './schema-errors.ts';
import type { Problem } from './locate.ts';
import { definedList } from './model.ts';
import type { RawConfig } from './model.ts';

/** The plain form of a workspace-relative path, or undefined when it leaves the workspace. */
function plainPath(text: string): string | undefined {
  const plain = path.posix
    .normalize(text.replaceAll('\\', '/'))
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (path.posix.isAbsolute(plain) || plain === '..' || plain.startsWith('../') || plain === '.') return undefined;
  return plain;
}

function pathProblem(index: number, text: string): Problem | undefined {
  const plain = plainPath(text);
  if (plain === text) return undefined;
  const segments = ['flows', String(index), 'path'];
  const fix =
    plain === undefined ? 'Name a flow file inside the repository, relative to its root' : `Write it as "${plain}"`;
  return {
    place: { segments, at: 'value' },
    message: `${label(segments)} "${text}" is not a plain workspace-relative path. ${fix} ("/" separators, no "." or ".." parts).`,
  };
}

function environmentProblems(raw: RawConfig, index: number, defined: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const name of Object.keys(raw.flows?.[index]?.environments ?? {})) {
    if (defined.includes(name)) continue;
    const segments = ['flows', String(index), 'environments', name];
    const guess = closestName(name, defined) ?? defined.find((d) => d.startsWith(name) || name.startsWith(d));
    const fix = guess ? `Did you mean "${guess}"? Otherwise add` : 'Add';
    problems.push({
      place: { segments, at: 'key' },
      message: `${label(segments)} names an environment that is not defined under "environments" ${definedList(defined)}. ${fix} "${name}" under "environments".`,
    });
  }
  return problems;
}

/**
 * A config `friendly_name` is written to Studio and shown in every report, like a file's own name:
 * the same checks (not blank, one line, at most MAX_NAME_CHARS characters), at its place in the file.
 */
function friendlyNameProblems(flow: NonNullable<RawConfig['flows']>[number], index: number): Problem[] {
  const named: Array<{ segments: string[]; name: string }> = [];
  if (flow.friendly_name !== undefined)
    named.push({ segments: ['flows', String(index), 'friendly_name'], name: flow.friendly_name });
  for (const [environment, target] of Object.entries(flow.environments ?? {})) {
    if (target.friendly_name !== undefined)
      named.push({
        segments: ['flows', String(index), 'environments', environment, 'friendly_name'],
        name: target.friendly_name,
      });
  }
  const problems: Problem[] = [];
  for (const { segments, name } of named) {
    const problem = nameProblem(name);
    if (problem === undefined) continue;
    problems.push({
      place: { segments, at: 'value' },
      message: `${label(segments)} (the entry for ${shownText(flow.path)}) ${problem}. Write the flow's name as Studio shows it, on one line of at most ${MAX_NAME_CHARS} characters, or remove the key to use the file's own name.`,
    });
  }
  return problems;
}

/** Problems with the data the schema accepted, in file order of the flows. */
export function ruleProblems(raw: RawConfig): Problem[] {
  const defined = Object.keys(raw.environments ?? {});
  const problems: Problem[] = [];
  const paths = new Map<string, number>();
  const sids = new Map<string, string>();
  (raw.flows ?? []).forEach((flow, index) => {
    const bad = pathProblem(index, flow.path);
    if (bad) problems.push(bad);
    const first = paths.get(flow.path);
    if (first === undefined) paths.set(flow.path, index);
    else {
      const segments = ['flows', String(index), 'path'];
      problems.push({
        place: { segments, at: 'value' },
        message: `${label(segments)} "${flow.path}" is already listed as flows[${first}]. List each flow file once.`,
      });
    }
    problems.push(...environmentProblems(raw, index, defined));
    problems.push(...friendlyNameProblems(flow, index));
    for (const [environment, target] of Object.entries(flow.environments ?? {})) {
      if (target.sid === undefined) continue;
      const segments = ['flows', String(index), 'environments', environment, 'sid'];
      const key = `${environment}\u0000${target.sid}`;
      const earlier = sids.get(key);
      if (earlier === undefined) sids.set(key, label(segments));
      else
        problems.push({
          place: { segments, at: 'value' },
          message: `${label(segments)} is the same Studio flow as ${earlier}. Each flow file needs its own flow in an environment; fix one of the SIDs.`,
        });
    }
  });
  return problems;
}

/**
 * A flow entry whose file is not in the workspace (a typo, or a flow file deleted without its
 * entry): its SIDs and names would silently apply to nothing, and a deploy would match the flow by
 * its friendly name instead. `fileProblem` says what is wrong with a path, or undefined.
 */
export function missingFileProblems(raw: RawConfig, fileProblem: (path: string) => string | undefined): Problem[] {
  const problems: Problem[] = [];
  (raw.flows ?? []).forEach((flow, index) => {
    if (plainPath(flow.path) !== flow.path) return; // reported as not plain
    const problem = fileProblem(flow.path);
    if (problem === undefined) return;
    const segments = ['flows', String(index), 'path'];
    problems.push({ place: { segments, at: 'value' }, message: `${label(segments)} "${flow.path}" ${problem}` });
  });
  return problems;
}
