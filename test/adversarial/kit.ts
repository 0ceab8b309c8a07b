/** Shared harness for the adversarial tests: emulator + fake GitHub + a push/PR/dispatch driver. */
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction, writeEvent } from '../support/run-action.ts';

export const ACCOUNT = `AC${'ad'.repeat(16)}`;
export const TOKEN_TW = 'adversarial-auth-token';
export const GH_TOKEN = 'ghs_adversarialToken0000000000000000000';
export const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const PR = 9;

export const h: { studio: EmulatorHandle; github: FakeGitHub } = {} as any;

export async function startAll() {
  h.github = await startFakeGitHub({ token: GH_TOKEN });
}
export async function freshStudio() {
  await h.studio?.close();
  h.studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
}
export async function stopAll() {
  await h.studio?.close();
  await h.github?.close();
}

const trigger = (next: string) => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [
    { event: 'incomingMessage' },
    { event: 'incomingCall', next },
    { event: 'incomingRequest' },
    { event: 'incomingParent', next },
  ],
  properties: { offset: { x: 0, y: 0 } },
});
export function definition(text: string) {
  const say = {
    name: 'say',
    type: 'say-play',
    transitions: [{ event: 'audioComplete' }],
    properties: { say: text, offset: { x: 0, y: 200 } },
  };
  return {
    description: 'adv',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [trigger('say'), say],
  };
}
export const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
export const seed = (
  friendlyName: string,
  text: string,
  status: 'published' | 'draft' = 'published',
  commitMessage: string | null = BEFORE,
) =>
  h.studio.store.create({
    friendlyName,
    definition: definition(text),
    status,
    commitMessage,
    valid: true,
    errors: [],
    warnings: [],
  } as any).sid;
export const addRev = (
  sid: string,
  friendlyName: string,
  text: string,
  status: 'published' | 'draft' = 'published',
  commitMessage: string | null = BEFORE,
) =>
  h.studio.store.update(sid, {
    friendlyName,
    definition: definition(text),
    status,
    commitMessage,
    valid: true,
    errors: [],
    warnings: [],
  } as any);
export const writes = () =>
  h.studio.requests.filter((r) => (r.method === 'POST' && r.path !== '/v2/Flows/Validate') || r.method === 'DELETE');
export const named = (name: string) => h.studio.store.list().filter((f) => f.revisions.at(-1)?.friendlyName === name);
export const says = (sid: string) =>
  h.studio.store.get(sid)!.revisions.map((r) => [r.revision, r.status, (r.definition as any).states[1].properties.say]);
export const inputs = (extra: Record<string, string>) => ({
  'twilio-account-sid': ACCOUNT,
  'twilio-auth-token': TOKEN_TW,
  flows: 'flows/**/*.json',
  'studio-url': h.studio.url,
  'github-token': GH_TOKEN,
  ...extra,
});

export async function push(
  files: Record<string, string>,
  extra: Record<string, string> = {},
  changed?: FakeFile[],
  sha = SHA,
  before = BEFORE,
) {
  h.github.compareFiles.set(
    `${before}...${sha}`,
    changed ?? Object.keys(files).map((filename) => ({ filename, status: 'modified' as const })),
  );
  return runAction({
    workspace: await makeWorkspace(files),
    eventName: 'push',
    eventPath: await writeEvent({
      ref: 'refs/heads/master',
      before,
      after: sha,
      created: false,
      deleted: false,
      forced: false,
      repository: { id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    }),
    apiUrl: h.github.url,
    env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/master' },
    inputs: inputs(extra),
  });
}

export async function pullRequest(
  files: Record<string, string>,
  changed: FakeFile[],
  base: Record<string, string> = {},
  extra: Record<string, string> = {},
) {
  h.github.pullFiles.set(PR, changed);
  h.github.contents.set(BEFORE, new Map(Object.entries(base)));
  h.github.comments.set(PR, []);
  return runAction({
    workspace: await makeWorkspace(files),
    eventName: 'pull_request',
    eventPath: await prPayload((p) => {
      p.number = PR;
      p.pull_request.number = PR;
    }),
    apiUrl: h.github.url,
    inputs: inputs(extra),
  });
}

export async function dispatch(files: Record<string, string>, extra: Record<string, string>) {
  return runAction({
    workspace: await makeWorkspace(files),
    eventName: 'workflow_dispatch',
    eventPath: await writeEvent({
      inputs: {},
      ref: 'refs/heads/master',
      repository: { full_name: 'Codertocat/Hello-World', default_branch: 'master' },
    }),
    apiUrl: h.github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master' },
    inputs: inputs(extra),
  });
}
