/** Public surface of the Studio v2 emulator. */
export { startEmulator } from './server.ts';
export type { EmulatorHandle, EmulatorOptions, FaultRule, RequestLogEntry } from './server.ts';
export { loadSeedFolder, seedStore } from './seed.ts';
export { checkAccountSeed, loadAccountSeed } from './account-seed.ts';
export type { AccountSeed, SeedEnvironment, SeedFunction, SeedService, SeedWorkspace } from './account-seed.ts';
export { buildAccount, derivedSid } from './account-store.ts';
export type { EmulatedAccount } from './account-store.ts';
export type { EmulatedApi } from './account-routes.ts';
export type { SeedFlow } from './seed.ts';
export { createFlowStore, latestPublished, latestRevision, newSid } from './store.ts';
export type { FlowStore, StoredFlow, StoredRevision, EmulatedStatus } from './store.ts';
export type { EmulatorCredentials, ApiKey } from './auth.ts';
export type { Linter } from './definition-check.ts';
export { FAULT_KINDS, FaultInjector, seededRandom } from './faults.ts';
export type { FaultKind, FaultLogEntry, FaultOptions, FaultRequest } from './faults.ts';
export { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_API_KEY_SID, DEMO_API_KEY_SECRET } from './auth.ts';
export { WRITE_ANSWER_KINDS, VALIDATE_ANSWER_KINDS } from './wrong-answers.ts';
export type { WriteAnswerFault, WriteAnswerKind, ValidateAnswerKind } from './wrong-answers.ts';
