/** The Twilio Studio v2 client: the only code that talks to Twilio. Returns our own slim types. */
import { isDeepStrictEqual } from 'node:util';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { FlowTooLargeError, StudioApiError } from './errors.ts';
import { definitionParam } from './form.ts';
import { collectPages, MAX_PAGE_SIZE } from './paging.ts';
import { toFlowResource, toFlowRevision, toValidationErrors } from './resources.ts';
import { RetryPolicy } from './retry.ts';
import type { AttemptContext } from './retry.ts';
import { createSend } from './transport.ts';
import type {
  CreateFlowInput,
  FlowResource,
  FlowRevision,
  RevisionRef,
  Send,
  StudioClientOptions,
  StudioRequest,
  StudioResponse,
  StudioStats,
  UpdateFlowInput,
  ValidateFlowInput,
  ValidationResult,
} from './types.ts';

export const DEFAULT_BASE_URL = 'https://studio.twilio.com';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = 'studio-flow-ci';
/** Twilio's code for "Flow definition validation failed". */
export const INVALID_DEFINITION_CODE = 81022;

/**
 * Every call is retried by a RetryPolicy (retry.ts): reads and Validate freely; writes (create, update, delete)
 * only where that cannot make a second revision — after an ambiguous failure the write is first looked up.
 */
export class StudioClient {
  readonly baseUrl: string;
  /** One attempt, through `wrapSend` when given. */
  readonly #attemptSend: Send;
  /** Reads and Validate, with retries. */
  readonly #send: Send;
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #ownedAgent: Agent | null;

  constructor(options: StudioClientOptions) {
    if (!options.username || !options.password) {
      throw new Error('Twilio Studio client needs a username (Account SID or API Key SID) and a password (Auth Token or API Key secret)');
    }
    this.baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.#ownedAgent = options.dispatcher ? null : new Agent({ keepAliveTimeout: 10_000, ...(options.connections ? { connections: options.connections } : {}) });
    const dispatcher: Dispatcher = options.dispatcher ?? (this.#ownedAgent as Agent);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const send = createSend({
      baseUrl: this.baseUrl,
      username: options.username,
      password: options.password,
      dispatcher,
      timeoutMs: this.#timeoutMs,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    });
    this.#attemptSend = options.wrapSend ? options.wrapSend(send) : send;
    this.#policy = new RetryPolicy({ retry: options.retry, deadlineMs: options.deadlineMs, onRetry: options.onRetry });
    this.#send = (req) =>
      this.#policy.run({
        method: req.method,
        path: req.path,
        // Reads and Validate change nothing; any other request sent through here is never repeated blindly.
        idempotent: req.method === 'GET' || (req.method === 'POST' && req.path === VALIDATE_PATH),
        attempt: (context) => this.#attempt(req, context),
      });
  }

  /** Counters so far: requests sent, retries by reason, ambiguous writes and how many had landed. A copy. */
  get stats(): StudioStats {
    const stats = this.#policy.stats;
    return { ...stats, retries: { ...stats.retries } };
  }

  /** One attempt: no longer than what is left of the deadline; counted when it goes on the wire. */
  async #attempt(req: StudioRequest, context: AttemptContext): Promise<StudioResponse> {
    const limited = context.remainingMs < this.#timeoutMs ? { ...req, timeoutMs: Math.max(1, Math.ceil(context.remainingMs)) } : req;
    let sent = true;
    try {
      return await this.#attemptSend(limited);
    } catch (error) {
      if (error instanceof FlowTooLargeError) sent = false;
      throw error;
    } finally {
      if (sent) this.#policy.stats.requests += 1;
    }
  }

  /** Give the calls that follow at least `ms` more, past the overall deadline if need be (a rollback). */
  extendDeadline(ms: number): void {
    this.#policy.extendDeadline(ms);
  }

  /** All flows (definitions are null in lists). */
  async listFlows(): Promise<FlowResource[]> {
    const items = await collectPages(this.#send, `/v2/Flows?PageSize=${MAX_PAGE_SIZE}`, 'flows');
    return items.map(toFlowResource);
  }

  async getFlow(sid: string): Promise<FlowResource> {
    const { body } = await this.#send({ method: 'GET', path: flowPath(sid) });
    return toFlowResource(body);
  }

  /**
   * Create a flow. After an ambiguous failure the flows named like this one are looked up, and one with our
   * definition, commit message and status is taken as the result instead of creating a second flow.
   */
  async createFlow(input: CreateFlowInput): Promise<FlowResource> {
    const req: StudioRequest = {
      method: 'POST',
      path: '/v2/Flows',
      flowName: input.friendlyName,
      form: {
        FriendlyName: input.friendlyName,
        Status: input.status,
        Definition: definitionParam(input.definition),
        CommitMessage: input.commitMessage,
      },
    };
    return this.#policy.run({
      method: req.method,
      path: req.path,
      what: `create flow ${JSON.stringify(input.friendlyName)}`,
      idempotent: false,
      attempt: async (context) => toFlowResource((await this.#attempt(req, context)).body),
      landed: async () => {
        const named = (await this.listFlows()).filter((flow) => flow.friendlyName === input.friendlyName);
        // Newest first: a flow this call created is the last one listed.
        for (const candidate of named.reverse()) {
          const flow = await this.#getIfExists(candidate.sid);
          if (flow && isAppliedWrite(flow, input)) return { value: flow, note: `flow ${flow.sid} exists with this definition (r${flow.revision})` };
        }
        return undefined;
      },
    });
  }

  /**
   * Add a revision. After an ambiguous failure the flow is fetched; when its latest revision has our
   * definition, commit message and status, that is the result and nothing is sent again.
   */
  async updateFlow(sid: string, input: UpdateFlowInput): Promise<FlowResource> {
    const req: StudioRequest = {
      method: 'POST',
      path: flowPath(sid),
      flowName: input.friendlyName ?? sid,
      form: {
        FriendlyName: input.friendlyName,
        Status: input.status,
        Definition: input.definition === undefined ? undefined : definitionParam(input.definition),
        CommitMessage: input.commitMessage,
      },
    };
    return this.#policy.run({
      method: req.method,
      path: req.path,
      what: `update flow ${JSON.stringify(input.friendlyName ?? sid)}`,
      idempotent: false,
      attempt: async (context) => toFlowResource((await this.#attempt(req, context)).body),
      landed: async () => {
        const flow = await this.getFlow(sid);
        return isAppliedWrite(flow, input) ? { value: flow, note: `its latest revision r${flow.revision} is the one sent` } : undefined;
      },
    });
  }

  /** Delete a flow. A 404 after an ambiguous attempt means that attempt deleted it. */
  async deleteFlow(sid: string): Promise<void> {
    const req: StudioRequest = { method: 'DELETE', path: flowPath(sid) };
    await this.#policy.run({
      method: req.method,
      path: req.path,
      idempotent: true,
      attempt: async (context) => {
        try {
          await this.#attempt(req, context);
        } catch (error) {
          if (context.afterAmbiguous && error instanceof StudioApiError && error.status === 404) return;
          throw error;
        }
      },
    });
  }

  async #getIfExists(sid: string): Promise<FlowResource | undefined> {
    try {
      return await this.getFlow(sid);
    } catch (error) {
      if (error instanceof StudioApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Studio's own validation. An invalid definition is a result, not an exception; other errors throw. */
  async validateFlow(input: ValidateFlowInput): Promise<ValidationResult> {
    try {
      await this.#send({
        method: 'POST',
        path: VALIDATE_PATH,
        flowName: input.friendlyName,
        form: { FriendlyName: input.friendlyName, Status: input.status, Definition: definitionParam(input.definition) },
      });
      return { valid: true };
    } catch (error) {
      if (error instanceof StudioApiError && error.code === INVALID_DEFINITION_CODE) {
        return { valid: false, errors: toValidationErrors(error.details, error.twilioMessage) };
      }
      throw error;
    }
  }

  async listRevisions(sid: string): Promise<FlowRevision[]> {
    const items = await collectPages(this.#send, `${flowPath(sid)}/Revisions?PageSize=${MAX_PAGE_SIZE}`, 'revisions');
    return items.map(toFlowRevision);
  }

  async getRevision(sid: string, revision: RevisionRef): Promise<FlowRevision> {
    const { body } = await this.#send({ method: 'GET', path: `${flowPath(sid)}/Revisions/${encodeURIComponent(String(revision))}` });
    return toFlowRevision(body);
  }

  /** Close the keep-alive agent the client created (a no-op with an injected dispatcher). */
  async close(): Promise<void> {
    await this.#ownedAgent?.close();
  }
}

const VALIDATE_PATH = '/v2/Flows/Validate';

/** The flow's latest revision is what a write asked for: same definition (deep-equal), commit message, status, name. */
export function isAppliedWrite(flow: FlowResource, input: UpdateFlowInput): boolean {
  if (flow.status !== input.status) return false;
  if (flow.commitMessage !== (input.commitMessage ?? null)) return false;
  if (input.friendlyName !== undefined && flow.friendlyName !== input.friendlyName) return false;
  if (input.definition === undefined) return true;
  let sent: unknown;
  try {
    // As it went on the wire: a JSON string, so undefined members are gone and key order does not matter.
    sent = JSON.parse(definitionParam(input.definition));
  } catch {
    return false;
  }
  return isDeepStrictEqual(flow.definition, sent);
}

function flowPath(sid: string): string {
  return `/v2/Flows/${encodeURIComponent(sid)}`;
}
