/** One emulator per test file (or describe block), emptied before each test; closed, with its client agent, after. */
import { after, before, beforeEach } from 'node:test';
import type { Agent } from 'undici';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { CREDENTIALS, testLint } from './sample-flows.ts';

/**
 * Register the hooks in the current scope. `set` receives the emulator once it listens; before each
 * test its flows, request log, fault log, faults and wrong answers are cleared, then `reset` (the caller's own state) runs.
 */
export function useTestEmulator(
  agent: Agent,
  set: (emulator: EmulatorHandle) => void,
  reset: () => void = () => {},
): void {
  let handle: EmulatorHandle | undefined;
  before(async () => {
    handle = await startEmulator({ credentials: CREDENTIALS, lint: testLint });
    set(handle);
  });
  after(async () => {
    await handle?.close();
    await agent.close();
  });
  beforeEach(() => {
    if (!handle) return;
    handle.store.flows.clear();
    handle.requests.length = 0;
    handle.faultLog.length = 0;
    handle.faults = undefined;
    handle.fault = undefined;
    handle.writeAnswer = undefined;
    handle.validateAnswer = undefined;
    reset();
  });
}
