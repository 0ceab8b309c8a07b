/** The rig of the create-claims tests: the real client on the loopback emulator, inputs, and request counts. */
import { Agent } from 'undici';
import type { EmulatorHandle } from '../../src/emulator/server.ts';
import { StudioClient } from '../../src/studio/client.ts';
import type { CreateFlowInput, RetryEvent, StudioResponse } from '../../src/studio/types.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';
import { useTestEmulator } from '../support/test-emulator.ts';

export const rig = { emulator: undefined as unknown as EmulatorHandle, agent: new Agent() };

/** Register the emulator hooks in the calling test file. */
export function useRig(): void {
  useTestEmulator(rig.agent, (e) => (rig.emulator = e));
}

/** Rewrites one list page (GET /v2/Flows?…) as an upstream in between might; `path` is the page asked for. */
export type ListRewrite = (response: StudioResponse, path: string) => StudioResponse;

export function client(options: { events?: RetryEvent[]; list?: ListRewrite; pageSize?: number } = {}): StudioClient {
  const { list, pageSize } = options;
  return new StudioClient({
    baseUrl: rig.emulator.url,
    username: ACCOUNT_SID,
    password: AUTH_TOKEN,
    dispatcher: rig.agent,
    retry: { maxAttempts: 2, baseDelayMs: 0 },
    onRetry: (event) => options.events?.push(event),
    wrapSend: (send) => async (req) => {
      const isList = req.method === 'GET' && req.path.startsWith('/v2/Flows?');
      const path = isList && pageSize ? req.path.replace('PageSize=1000', `PageSize=${pageSize}`) : req.path;
      const response = await send({ ...req, path });
      return isList && list ? list(response, path) : response;
    },
  });
}

/** Names with markup, quotes, a newline-free Unicode mix; one definition large (about 200 kB). */
export function inputs(count: number, prefix = 'IVR'): CreateFlowInput[] {
  return Array.from({ length: count }, (_, i) => ({
    friendlyName: i % 10 === 3 ? `${prefix} ${i} <b>&amp;</b> "q" 📞 ü` : `${prefix} ${i}`,
    status: 'published' as const,
    definition: sampleDefinition(i === 7 ? `big ${'x'.repeat(200_000)}` : `Hello ${i} {{flow.data.name}}`),
    commitMessage: 'deploy 0123abc',
  }));
}

/** Requests since the log was last cleared: list pages, reads of one flow, everything. */
export function counts(): { lists: number; gets: string[]; all: number } {
  const requests = rig.emulator.requests;
  return {
    lists: requests.filter((r) => r.method === 'GET' && r.path === '/v2/Flows').length,
    gets: requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/Flows/FW')).map((r) => r.path.slice(10)),
    all: requests.length,
  };
}

/** Every request since the log was last cleared, e.g. `GET /v2/Flows`. */
export function sent(): string[] {
  return rig.emulator.requests.map((r) => `${r.method} ${r.path}`);
}

/** A flow in the store, as a seed: another team's, or an older one named like a new one. */
export function seedFlow(
  name: string,
  options: { commitMessage?: string; text?: string; ageMs?: number } = {},
): string {
  const flow = rig.emulator.store.create({
    friendlyName: name,
    definition: sampleDefinition(options.text ?? 'old'),
    status: 'published',
    commitMessage: options.commitMessage ?? 'c0',
    valid: true,
    errors: [],
    warnings: [],
  });
  if (options.ageMs) {
    flow.dateCreated = new Date(Date.now() - options.ageMs);
    for (const revision of flow.revisions) revision.dateCreated = flow.dateCreated;
  }
  return flow.sid;
}

/** The page's `flows`, rewritten. */
export function mapFlows(response: StudioResponse, map: (flows: Record<string, unknown>[]) => unknown): StudioResponse {
  const body = response.body as { flows: Record<string, unknown>[] };
  return { ...response, body: { ...body, flows: map(body.flows) } };
}
