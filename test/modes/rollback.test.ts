/** Rollback mode against an in-memory Studio: the identity rules, missing revisions, nothing to write. */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { StudioWriter } from '../../src/deploy/publish.ts';
import { UserError } from '../../src/errors.ts';
import type { StudioReader } from '../../src/studio/live.ts';
import { readRunContext } from '../../src/github/event.ts';
import type { ModeIO } from '../../src/io.ts';
import { runRollbackMode } from '../../src/modes/rollback.ts';
import { readSettings } from '../../src/settings.ts';
import type { FlowResource } from '../../src/studio/types.ts';

const A = `FW${'a1'.repeat(16)}`;
const B = `FW${'b2'.repeat(16)}`;
const def = (say: string) => ({ states: [{ name: 'say', properties: { say } }] });

function fakeStudio(
  flows: Record<string, { name: string; revisions: string[] }>,
  options: { missing?: number[] } = {},
) {
  const writes: string[] = [];
  const resource = (sid: string, revision: number): FlowResource => {
    const f = flows[sid]!;
    return {
      sid,
      friendlyName: f.name,
      definition: def(f.revisions[revision - 1]!),
      status: 'published',
      revision,
      commitMessage: null,
      valid: true,
      errors: [],
      warnings: [],
      dateCreated: null,
      dateUpdated: null,
      url: '',
      webhookUrl: null,
    };
  };
  const notFound = () => Object.assign(new Error('The requested resource was not found'), { status: 404, code: 20404 });
  const studio: StudioReader & StudioWriter = {
    listFlows: async () => Object.keys(flows).map((sid) => resource(sid, flows[sid]!.revisions.length)),
    getFlow: async (sid) => {
      if (!flows[sid]) throw notFound();
      return resource(sid, flows[sid].revisions.length);
    },
    getRevision: async (sid, ref) => {
      const n = typeof ref === 'number' ? ref : flows[sid]!.revisions.length;
      if (options.missing?.includes(n) || !flows[sid]?.revisions[n - 1]) throw notFound();
      return resource(sid, n);
    },
    createFlow: async () => {
      throw new Error('never');
    },
    deleteFlow: async () => {
      throw new Error('never');
    },
    updateFlow: async (sid, input) => {
      writes.push(sid);
      flows[sid]!.revisions.push((input.definition as ReturnType<typeof def>).states[0]!.properties.say);
      return resource(sid, flows[sid]!.revisions.length);
    },
  };
  return { studio, writes };
}

function io(): ModeIO & { outputs: Record<string, string> } {
  const outputs: Record<string, string> = {};
  return {
    outputs,
    info: () => {},
    warning: () => {},
    annotate: () => {},
    setOutput: (n, v) => {
      outputs[n] = v;
    },
    summary: async () => {},
    group: (_n, fn) => fn(),
  };
}

async function run(
  inputs: Record<string, string>,
  studio: StudioReader & StudioWriter,
  files: Record<string, string> = {},
) {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-rollback-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    await writeFile(path.join(workspace, rel), text);
  }
  const settings = readSettings(
    (name) => ({ mode: 'rollback', ...inputs })[name] ?? '',
    () => {},
  );
  const out = io();
  const result = await runRollbackMode({ settings, run: { ...readRunContext({}), workspace }, studio, io: out });
  return { result, out };
}

describe('rollback mode', () => {
  it('a revision inside 1..M that Studio does not have (81021/20404) is the same clear error', async () => {
    const { studio, writes } = fakeStudio(
      { [A]: { name: 'Main <b>IVR</b>', revisions: ['1', '2', '3'] } },
      { missing: [2] },
    );
    await assert.rejects(
      run({ flow: A, revision: '2' }, studio),
      (e: unknown) =>
        e instanceof UserError &&
        e.message ===
          `Flow "Main <b>IVR</b>" (${A}) has no revision 2; its revisions are 1..3. Set 'revision' to one of them (the Studio Console lists them under Revision history).`,
    );
    assert.deepEqual(writes, []);
  });

  it("a flow named by a file with an environment never uses the file's own sid; by exact name otherwise", async () => {
    const { studio, writes } = fakeStudio({
      [A]: { name: 'Notify', revisions: ['p1', 'p2'] },
      [B]: { name: 'Notify (staging)', revisions: ['s1', 's2'] },
    });
    const files = {
      'flows/notify.json': JSON.stringify({ sid: A, friendly_name: 'Notify', definition: def('x') }),
      '.github/studio-flow-ci.yml':
        'environments:\n  staging: {}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { friendly_name: Notify (staging) }\n',
    };
    await run({ flow: 'flows/notify.json', revision: '1', environment: 'staging' }, studio, files);
    await run({ flow: 'Notify', revision: '1' }, studio);
    assert.deepEqual(writes, [B, A]);
  });

  it('a rollback to what is live writes nothing; unknown names and SIDs, and bad files, are clear errors', async () => {
    const { studio, writes } = fakeStudio({ [A]: { name: 'Notify', revisions: ['p1', 'p2', 'p1'] } });
    const { out } = await run({ flow: A, revision: '1' }, studio);
    assert.deepEqual(writes, []);
    assert.deepEqual(
      JSON.parse(out.outputs.deployed ?? '[]').map((d: { status: string }) => d.status),
      ['unchanged'],
    );
    await assert.rejects(run({ flow: B, revision: '1' }, studio), new RegExp(`no Studio flow has the SID ${B}`));
    await assert.rejects(
      run({ flow: 'Nope\n::error::x', revision: '1' }, studio),
      (e: unknown) => e instanceof UserError && /no Studio flow is named "Nope ::error::x"/.test(e.message),
    );
    await assert.rejects(
      run({ flow: 'flows/missing.json', revision: '1' }, studio),
      /names no flow file in the workspace/,
    );
    await assert.rejects(
      run({ flow: 'flows/bad.json', revision: '1' }, studio, { 'flows/bad.json': '{"definition": ' }),
      /flows\/bad\.json is not a valid flow file/,
    );
  });

  it("rejects a 'revision' that is not a positive integer", () => {
    for (const revision of ['0', '-1', '1.5', 'abc', '1e3x']) {
      assert.throws(
        () =>
          readSettings(
            (name) => ({ mode: 'rollback', flow: A, revision })[name] ?? '',
            () => {},
          ),
        /Input 'revision' must be a revision number/,
      );
    }
  });
});
