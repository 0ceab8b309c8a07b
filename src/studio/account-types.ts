/**
 * The account's Serverless and TaskRouter resources as the rest of the action sees them (slim, camelCase), and
 * the one read-only view of them a run shares: `AccountLists`. Only the fields name references need.
 *
 * Contract between the clients (src/studio/serverless.ts, src/studio/taskrouter.ts, src/studio/account-lists.ts)
 * and their users (src/resolve/names.ts, the sync's reverse, the `portable` command).
 */

/** A Serverless service (ZS…). */
export interface ServerlessService {
  sid: string;
  uniqueName: string;
  friendlyName: string;
}

/** An environment of a service (ZE…): where a build is deployed, under a domain. */
export interface ServerlessEnvironment {
  sid: string;
  serviceSid: string;
  uniqueName: string;
  /** e.g. "dev", "stage"; null for the environment without a suffix (often production). */
  domainSuffix: string | null;
  /** e.g. "my-service-1234-dev.twil.io": a Function's URL is `https://${domainName}${path}`. */
  domainName: string;
  /** The build deployed to this environment; null when nothing is deployed. */
  buildSid: string | null;
}

/** One Function as deployed in a build: a function version (ZN…) of the Function (ZH…) at a path. */
export interface DeployedFunction {
  versionSid: string;
  functionSid: string;
  /** Always starts with "/", e.g. "/api/hours". */
  path: string;
  /** 'public', 'protected' or 'private' as Twilio says it. */
  visibility: string;
}

/** A build (ZB…) with the functions it deployed. */
export interface ServerlessBuild {
  sid: string;
  serviceSid: string;
  functions: DeployedFunction[];
}

/** A TaskRouter workspace (WS…). */
export interface Workspace {
  sid: string;
  friendlyName: string;
}

/** A TaskRouter workflow (WW…) of a workspace. */
export interface Workflow {
  sid: string;
  workspaceSid: string;
  friendlyName: string;
}

/** A TaskRouter task channel (TC…) of a workspace. */
export interface TaskChannel {
  sid: string;
  workspaceSid: string;
  uniqueName: string;
  friendlyName: string;
}

/** A Studio flow as listed (FW…). */
export interface ListedFlow {
  sid: string;
  friendlyName: string;
}

/**
 * Read-only lists of ONE account. Each list is fetched at most once per `AccountLists` object (one object per
 * run and account): the first call starts the request(s), every later or concurrent call shares the same promise;
 * paging follows `meta.next_page_url`. Nothing is fetched until a method is called, so a run whose flows use no
 * name reference makes no Serverless or TaskRouter call.
 *
 * A failed read rejects with an Error whose message is one clear line, already scrubbed of credentials, naming
 * the API and resource (e.g. "Twilio Serverless: listing services failed: HTTP 401 …"). A failed read is NOT
 * cached as a success; it is cached as the same rejection for the rest of the run (no retry storm: the client's
 * own retry policy has already run).
 */
export interface AccountLists {
  services(): Promise<readonly ServerlessService[]>;
  environments(serviceSid: string): Promise<readonly ServerlessEnvironment[]>;
  build(serviceSid: string, buildSid: string): Promise<ServerlessBuild>;
  workspaces(): Promise<readonly Workspace[]>;
  workflows(workspaceSid: string): Promise<readonly Workflow[]>;
  taskChannels(workspaceSid: string): Promise<readonly TaskChannel[]>;
  /** Studio flows (the same list the run's flow identity uses when it is given one). */
  flows(): Promise<readonly ListedFlow[]>;
  /** Requests sent so far, per API (every page counts; retries count once per attempt). */
  stats(): { serverless: number; taskrouter: number; studio: number };
}
