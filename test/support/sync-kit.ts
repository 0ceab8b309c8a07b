/** Hand-built sync plans and a recorded ModeIO, for the sync mode's tests before (and beside) planSync. */
import assert from 'node:assert/strict';
import { diffDefinitions } from '../../src/diff/diff.ts';
import { readRunContext, type RunContext } from '../../src/github/event.ts';
import type { ModeIO } from '../../src/io.ts';
import { readSettings, type Settings } from '../../src/settings.ts';
import type { SyncFile, SyncPlan } from '../../src/sync/plan.ts';
import { sampleDefinition } from './sample-flows.ts';

export const RUN_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

/** A flow file's text as Studio exports it: two-space JSON and a final newline. */
export const fileText = (definition: unknown) => `${JSON.stringify(definition, null, 2)}\n`;

/** One planned file: the file holds `sampleDefinition(before)`, Studio `sampleDefinition(live)`. */
export function syncFile(input: { path: string; name?: string; before: string; live: string }): SyncFile {
  const fileDefinition = sampleDefinition(input.before);
  const liveDefinition = sampleDefinition(input.live);
  const before = fileText(fileDefinition);
  const after = fileText(liveDefinition);
  return {
    path: input.path,
    flowSid: `FW${'0'.repeat(31)}1`,
    friendlyName: input.name ?? 'Main IVR',
    revision: 7,
    status: 'published',
    commitMessage: '',
    dateUpdated: '2026-11-29T10:00:00Z',
    isNew: false,
    before,
    after,
    changed: after !== before,
    diff: diffDefinitions(fileDefinition, liveDefinition),
    liveDefinition,
    fileDefinition,
    placeholders: [],
  };
}

export function planOf(files: SyncFile[], environment = 'prod'): SyncPlan {
  return { environment, status: 'published', files, problems: [] };
}

export interface RecordedIO extends ModeIO {
  outputs: Record<string, string>;
  summaries: string[];
  logs: string[];
  warnings: string[];
}

export function recordedIO(): RecordedIO {
  const io: RecordedIO = {
    outputs: {},
    summaries: [],
    logs: [],
    warnings: [],
    info: (m) => io.logs.push(m),
    warning: (m) => io.warnings.push(m),
    annotate: (a) => io.warnings.push(`${a.level}: ${a.message}`),
    setOutput: (n, v) => (io.outputs[n] = v),
    summary: async (md) => void io.summaries.push(md),
    group: (_n, fn) => fn(),
  };
  return io;
}

export function syncSettings(inputs: Record<string, string> = {}): Settings {
  return readSettings(
    (name) => ({ mode: 'sync', environment: 'prod', ...inputs })[name] ?? '',
    () => {},
  );
}

export function scheduleRun(apiUrl: string, workspace = '/tmp'): RunContext {
  return readRunContext({
    eventName: 'schedule',
    payload: { schedule: '17 * * * *', repository: { default_branch: 'main' } },
    sha: RUN_SHA,
    ref: 'refs/heads/main',
    repo: { owner: 'Codertocat', repo: 'Hello-World' },
    apiUrl,
    workspace,
  });
}

/** Lines that differ between two texts of the same length in lines (a one-widget edit keeps the layout). */
export function changedLines(a: string, b: string): string[] {
  const [x, y] = [a.split('\n'), b.split('\n')];
  assert.equal(x.length, y.length, 'same number of lines');
  return y.filter((line, i) => line !== x[i]);
}
