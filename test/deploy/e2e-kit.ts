/** Shared set-up of the deploy end-to-end tests: real push/release events, the emulator and the fake GitHub. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import type { FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, ROOT, runAction, writeEvent } from '../support/run-action.ts';

export const ACCOUNT = `AC${'f6'.repeat(16)}`;
export const TOKEN_TW = 'deploy-h3-e2e-auth-token';
export const GH_TOKEN = 'ghs_deployH3E2eToken0000000000000000000';
export const BEFORE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const REPOSITORY = {
  id: 186853002,
  name: 'Hello-World',
  full_name: 'Codertocat/Hello-World',
  default_branch: 'master',
};

let ivr: { friendly_name: string; definition: any } | undefined;

export const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The example IVR named `name`, saying `say` before it hangs up. */
export async function flow(name: string, say: string): Promise<{ friendly_name: string; definition: any }> {
  ivr ??= JSON.parse(await readFile(path.join(ROOT, 'examples/main-ivr.json'), 'utf8'));
  const f = structuredClone(ivr!);
  f.friendly_name = name;
  f.definition.states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say = say;
  return f;
}

/** Flow files flows/f0.json … for the names, each saying `say`. */
export async function files(names: string[], say: string): Promise<Record<string, string>> {
  return Object.fromEntries(
    await Promise.all(names.map(async (n, i) => [`flows/f${i}.json`, json(await flow(n, say))] as const)),
  );
}

/** GitHub's push payload for the example repository. */
export function pushEvent(extra: Record<string, unknown> = {}): Promise<string> {
  return writeEvent({
    ref: 'refs/heads/master',
    before: BEFORE,
    after: SHA,
    created: false,
    deleted: false,
    forced: false,
    repository: REPOSITORY,
    pusher: { name: 'Codertocat', email: '21031067+Codertocat@users.noreply.github.com' },
    ...extra,
  });
}

/** Run the action's dist in deploy mode on a push (or the given event) with these files. */
export async function deploy(
  env: { studio: EmulatorHandle; github: FakeGitHub },
  input: {
    files: Record<string, string>;
    inputs?: Record<string, string>;
    event?: Promise<string>;
    eventName?: string;
    vars?: Record<string, string>;
  },
) {
  env.github.compareFiles.set(
    `${BEFORE}...${SHA}`,
    Object.keys(input.files)
      .filter((f) => f.startsWith('flows/'))
      .map((filename) => ({ filename, status: 'modified' as const })),
  );
  return runAction({
    workspace: await makeWorkspace(input.files),
    eventName: input.eventName ?? 'push',
    eventPath: await (input.event ?? pushEvent()),
    apiUrl: env.github.url,
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/master', ...input.vars },
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': env.studio.url,
      'github-token': GH_TOKEN,
      ...input.inputs,
    },
  });
}

/** friendly name → [revision, commit message, say text] of each flow's latest revision. */
export function live(studio: EmulatorHandle): Record<string, [number, string | null, string]> {
  return Object.fromEntries(
    studio.store.list().map((f) => {
      const r = f.revisions.at(-1)!;
      const say = (r.definition as any).states.find((s: { name: string }) => s.name === 'say_goodbye').properties.say;
      return [r.friendlyName, [r.revision, r.commitMessage, say]];
    }),
  );
}

export function sidOf(studio: EmulatorHandle, name: string): string {
  const found = studio.store.list().find((f) => f.revisions.at(-1)!.friendlyName === name);
  if (!found) throw new Error(`no flow named ${name}`);
  return found.sid;
}

/** The `deployed` output as [path, status] pairs. */
export function statuses(outputs: Record<string, string>): [string, string][] {
  return JSON.parse(outputs.deployed ?? '[]').map((d: { path: string; status: string }) => [d.path, d.status]);
}
