/**
 * `AccountLists` (account-types.ts) for one run: each list of the account read at most once, on first use,
 * through the Serverless and TaskRouter clients (and the run's Studio client for flows). Concurrent callers
 * share one promise; a failure stays the same rejection, one line naming the API, what was read and the fix.
 */
import type { Dispatcher } from 'undici';
import { twilioApiUrls } from '../settings.ts';
import type { Settings } from '../settings.ts';
import type { AccountLists, ListedFlow } from './account-types.ts';
import { StudioClient } from './client.ts';
import { explainReadFailure } from './account-errors.ts';
import { ServerlessClient } from './serverless.ts';
import { TaskRouterClient } from './taskrouter.ts';
import type { RetryOptions, Send } from './types.ts';
import { shownSid } from './verify.ts';

/** What the run's Studio client gives AccountLists: its flow list and its request count. */
export interface FlowLister {
  listFlows(): Promise<readonly { sid: string; friendlyName: string }[]>;
  readonly stats: { requests: number };
}

export interface AccountListsExtra {
  /** The run's Studio client: `flows()` lists through it and `stats().studio` is its request count. Default: one of its own. */
  studio?: FlowLister;
  dispatcher?: Dispatcher;
  retry?: RetryOptions | false;
  /** Wraps each API's one-attempt send (tests). */
  wrapSend?: (send: Send) => Send;
}

/** AccountLists that own connections: `close()` them at the end of the run. */
export interface OwnedAccountLists extends AccountLists {
  close(): Promise<void>;
}

/**
 * The account's lists with the inputs' limits (`concurrency` connections per API, `request-timeout` per attempt,
 * `timeout` for all the work); retries are told to `log`. Undefined without credentials (offline). No request
 * is made until a list is asked for.
 */
export function accountListsFor(
  settings: Settings,
  log: (message: string) => void,
  extra: AccountListsExtra = {},
): OwnedAccountLists | undefined {
  if (!settings.credentials) return undefined;
  const urls = twilioApiUrls(settings.studioUrl);
  const common = {
    username: settings.credentials.username,
    password: settings.credentials.password,
    timeoutMs: settings.requestTimeoutMs,
    connections: settings.concurrency,
    deadlineMs: settings.timeoutMs,
    onRetry: (event: { message: string }) => log(event.message),
    dispatcher: extra.dispatcher,
    retry: extra.retry,
    wrapSend: extra.wrapSend,
  };
  const ownStudio = extra.studio
    ? undefined
    : new StudioClient({
        ...common,
        baseUrl: urls.studio,
        ...(extra.dispatcher ? { dispatcher: extra.dispatcher } : {}),
        ...(extra.retry === undefined ? {} : { retry: extra.retry }),
        ...(extra.wrapSend ? { wrapSend: extra.wrapSend } : {}),
      });
  return createAccountLists({
    serverless: new ServerlessClient({ ...common, baseUrl: urls.serverless }),
    taskrouter: new TaskRouterClient({ ...common, baseUrl: urls.taskrouter }),
    studio: extra.studio ?? (ownStudio as StudioClient),
    close: async () => {
      await ownStudio?.close();
    },
  });
}

/** The memoizing view over the three clients; `close` closes the clients (and whatever else `clients.close` does). */
export function createAccountLists(clients: {
  serverless: ServerlessClient;
  taskrouter: TaskRouterClient;
  studio: FlowLister;
  close?: () => Promise<void>;
}): OwnedAccountLists {
  const memo = new Map<string, Promise<unknown>>();
  function once<T>(key: string, api: 'Serverless' | 'TaskRouter' | 'Studio', what: string, read: () => Promise<T>) {
    let promise = memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read().catch((error: unknown) => {
        throw explainReadFailure(api, what, error);
      });
      // A rejection nobody awaits yet must not become an unhandled one; every caller still gets it.
      promise.catch(() => {});
      memo.set(key, promise);
    }
    return promise;
  }
  const { serverless, taskrouter, studio } = clients;
  return {
    services: () => once('services', 'Serverless', 'listing the services', () => serverless.listServices()),
    environments: (serviceSid) =>
      once(
        `environments ${serviceSid}`,
        'Serverless',
        `listing the environments of service ${shownSid(serviceSid)}`,
        () => serverless.listEnvironments(serviceSid),
      ),
    build: (serviceSid, buildSid) =>
      once(
        `build ${serviceSid} ${buildSid}`,
        'Serverless',
        `reading build ${shownSid(buildSid)} of service ${shownSid(serviceSid)}`,
        () => serverless.fetchBuild(serviceSid, buildSid),
      ),
    workspaces: () => once('workspaces', 'TaskRouter', 'listing the workspaces', () => taskrouter.listWorkspaces()),
    workflows: (workspaceSid) =>
      once(
        `workflows ${workspaceSid}`,
        'TaskRouter',
        `listing the workflows of workspace ${shownSid(workspaceSid)}`,
        () => taskrouter.listWorkflows(workspaceSid),
      ),
    taskChannels: (workspaceSid) =>
      once(
        `channels ${workspaceSid}`,
        'TaskRouter',
        `listing the task channels of workspace ${shownSid(workspaceSid)}`,
        () => taskrouter.listTaskChannels(workspaceSid),
      ),
    flows: () =>
      once('flows', 'Studio', 'listing the flows', async () =>
        (await studio.listFlows()).map((flow): ListedFlow => ({ sid: flow.sid, friendlyName: flow.friendlyName })),
      ),
    stats: () => ({ serverless: serverless.requests, taskrouter: taskrouter.requests, studio: studio.stats.requests }),
    close: async () => {
      await Promise.all([serverless.close(), taskrouter.close(), clients.close?.()]);
    },
  };
}

/**
 * `lists` whose `flows()` answers from another listing of the Studio flows (`listFlows`: the run's own, asked once),
 * so that `${flow-name:…}` and the files' identities share one listing per run. Every other list is `lists`'s.
 */
export function withFlowList(
  lists: AccountLists,
  listFlows: () => Promise<readonly { sid: string; friendlyName: string }[]>,
): AccountLists {
  return {
    services: () => lists.services(),
    environments: (serviceSid) => lists.environments(serviceSid),
    build: (serviceSid, buildSid) => lists.build(serviceSid, buildSid),
    workspaces: () => lists.workspaces(),
    workflows: (workspaceSid) => lists.workflows(workspaceSid),
    taskChannels: (workspaceSid) => lists.taskChannels(workspaceSid),
    flows: async () => (await listFlows()).map((f): ListedFlow => ({ sid: f.sid, friendlyName: f.friendlyName })),
    stats: () => lists.stats(),
  };
}
