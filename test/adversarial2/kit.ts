/** Shared harness for the second adversarial round: a PR against the dist, with the emulator and the fake GitHub. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { makeWorkspace, prPayload, runAction, type ActionRun } from '../support/run-action.ts';

export const ACCOUNT = `AC${'5e'.repeat(16)}`;
export const TOKEN_TW = 'adv2e2eTOKENaaaaaaaaaaaaaaaaaaaa';
export const GH_TOKEN = 'ghs_adv2E2eToken0000000000000000000000';
export const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

export interface Kit {
  studio: EmulatorHandle;
  github: FakeGitHub;
  close(): Promise<void>;
}
export async function startKit(): Promise<Kit> {
  const studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  const github = await startFakeGitHub({ token: GH_TOKEN });
  return {
    studio,
    github,
    close: async () => {
      await studio.close();
      await github.close();
    },
  };
}

export function definition(say: string, extra: Record<string, unknown> = {}, more: unknown[] = []) {
  return {
    description: 'adv2',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingCall', next: 'say' }],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'say',
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { say, offset: { x: 0, y: 200 }, ...extra },
      },
      ...more,
    ],
  };
}
export const file = (name: string, say: string, extra: Record<string, unknown> = {}, more: unknown[] = []) =>
  `${JSON.stringify({ friendly_name: name, definition: definition(say, extra, more) }, null, 2)}\n`;

let prNumber = 500;
export type PrRun = ActionRun & { number: number };

export async function openPR(
  kit: Kit,
  files: Record<string, string>,
  opts: {
    base?: Record<string, string>;
    fileList?: FakeFile[];
    studioUrl?: string;
    eventName?: string;
    inputs?: Record<string, string>;
    workspaceFiles?: Record<string, string>;
  } = {},
): Promise<PrRun> {
  const number = ++prNumber;
  const patch = (text: string) =>
    `@@ -0,0 +1,${text.split('\n').length - 1} @@\n${text
      .split('\n')
      .slice(0, -1)
      .map((l) => `+${l}`)
      .join('\n')}`;
  kit.github.pullFiles.set(
    number,
    opts.fileList ??
      Object.entries(files).map(([filename, text]): FakeFile => ({
        filename,
        status: opts.base?.[filename] !== undefined ? 'modified' : 'added',
        patch: patch(text),
      })),
  );
  kit.github.contents.set(BASE_SHA, new Map(Object.entries(opts.base ?? {})));
  kit.github.contents.set(HEAD_SHA, new Map(Object.entries(files)));
  const workspace = await makeWorkspace({});
  for (const [rel, content] of Object.entries({ ...files, ...opts.workspaceFiles })) {
    await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    await writeFile(path.join(workspace, rel), content);
  }
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  const run = await runAction({
    workspace,
    eventName: opts.eventName ?? 'pull_request',
    eventPath,
    apiUrl: kit.github.url,
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': opts.studioUrl ?? kit.studio.url,
      'github-token': GH_TOKEN,
      ...opts.inputs,
    },
  });
  return { ...run, number };
}

export function channels(kit: Kit, run: PrRun): Record<string, string> {
  return {
    comment: (kit.github.comments.get(run.number) ?? []).map((c) => c.body).join('\n'),
    reviews: (kit.github.reviewComments.get(run.number) ?? []).map((c) => c.body).join('\n'),
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    log: run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
  };
}
