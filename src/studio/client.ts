/** The Twilio Studio v2 client: the only code that talks to Twilio. Returns our own slim types. */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { confirmClaims, createSpec, createUnconfirmed } from './create-claims.ts';
import { FlowTooLargeError, StudioApiError } from './errors.ts';
import { collectPages, MAX_PAGE_SIZE } from './paging.ts';
import { toFlowResource, toFlowRevision, toValidationErrors } from './resources.ts';
import { flowPath, updateFlowRequest, validateFlowRequest, VALIDATE_PATH } from './requests.ts';
import { RetryPolicy } from './retry.ts';
import type { AttemptContext } from './retry.ts';
import { createSend } from './transport.ts';
import {
  checkedPages,
  checkRead,
  isRecord,
  listEntryProblem,
  readProblem,
  revisionEntryProblem,
  validateAnswerMessage,
} from './verify.ts';
import { verifiedWrite } from './writes.ts';
import type { WriteDeps } from './writes.ts';
import type {
  CreateClaim,
  CreateConfirmation,
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
      throw new Error(
        'Twilio Studio client needs a username (Account SID or API Key SID) and a password (Auth Token or API Key secret)',
      );
    }
    this.baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.#ownedAgent = options.dispatcher
      ? null
      : new Agent({ keepAliveTimeout: 10_000, ...(options.connections ? { connections: options.connections } : {}) });
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
    const limited =
      context.remainingMs < this.#timeoutMs ? { ...req, timeoutMs: Math.max(1, Math.ceil(context.remainingMs)) } : req;
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

  /** All flows (definitions are null in lists). A malformed entry is an error naming its page, never dropped. */
  async listFlows(): Promise<FlowResource[]> {
    const items = await collectPages(
      checkedPages(this.#send, 'flows', listEntryProblem),
      `/v2/Flows?PageSize=${MAX_PAGE_SIZE}`,
      'flows',
    );
    return items.map(toFlowResource);
  }

  /** The flow: an answer for another SID, or without a revision number, is an error. */
  async getFlow(sid: string): Promise<FlowResource> {
    const req: StudioRequest = { method: 'GET', path: flowPath(sid) };
    const { status, body } = await this.#send(req);
    checkRead(req, readProblem(status, body, { sid }), status);
    return toFlowResource(body);
  }

  /**
   * Create a flow; it counts only when Studio holds it (writes.ts). After an ambiguous failure the flows named
   * like this one are looked up, and one holding our definition, commit message and status is the result.
   */
  async createFlow(input: CreateFlowInput): Promise<FlowResource> {
    return verifiedWrite(this.#writeDeps(), createSpec(input));
  }

  /** createFlow, but a confirming answer is not read back yet: `confirmCreates` does that for many (create-claims.ts). */
  async createFlowUnconfirmed(input: CreateFlowInput): Promise<CreateClaim> {
    return createUnconfirmed(this.#writeDeps(), input);
  }

  /** Read claims back with one list of the flows: one result per claim, in order, what createFlow would give. */
  async confirmCreates(claims: readonly CreateClaim[]): Promise<CreateConfirmation[]> {
    return confirmClaims(this.#writeDeps(), claims);
  }

  /**
   * Add a revision; it counts only when Studio holds it (writes.ts): with `previousRevision`, above that one.
   * After an ambiguous failure the flow is read; when its latest revision is ours nothing is sent again.
   */
  async updateFlow(sid: string, input: UpdateFlowInput): Promise<FlowResource> {
    const req = updateFlowRequest(sid, input);
    const what = `update flow ${JSON.stringify(input.friendlyName ?? sid)}`;
    return verifiedWrite(this.#writeDeps(), {
      req,
      what,
      flowName: input.friendlyName ?? sid,
      expected: { sid, input },
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

  /**
   * Studio's own validation: valid only on a 2xx whose body has `valid: true`. An invalid definition (81022)
   * is a result; so is any other 2xx (`{"valid": false}`, `{}`, empty): one root-level error saying what
   * Studio answered. A redirect, a body that is not JSON and other errors throw.
   */
  async validateFlow(input: ValidateFlowInput): Promise<ValidationResult> {
    let answer: StudioResponse;
    try {
      answer = await this.#send(validateFlowRequest(input));
    } catch (error) {
      if (error instanceof StudioApiError && error.code === INVALID_DEFINITION_CODE) {
        return { valid: false, errors: toValidationErrors(error.details, error.twilioMessage) };
      }
      throw error;
    }
    if (isRecord(answer.body) && answer.body.valid === true) return { valid: true };
    return { valid: false, errors: [{ message: validateAnswerMessage(answer), pointer: '' }] };
  }

  async listRevisions(sid: string): Promise<FlowRevision[]> {
    const send = checkedPages(this.#send, 'revisions', (entry) => revisionEntryProblem(entry, sid));
    const items = await collectPages(send, `${flowPath(sid)}/Revisions?PageSize=${MAX_PAGE_SIZE}`, 'revisions');
    return items.map(toFlowRevision);
  }

  /** One revision: an answer for another flow, another revision number, or none, is an error. */
  async getRevision(sid: string, revision: RevisionRef): Promise<FlowRevision> {
    const req: StudioRequest = {
      method: 'GET',
      path: `${flowPath(sid)}/Revisions/${encodeURIComponent(String(revision))}`,
    };
    const { status, body } = await this.#send(req);
    checkRead(req, readProblem(status, body, typeof revision === 'number' ? { sid, revision } : { sid }), status);
    return toFlowRevision(body);
  }

  #writeDeps(): WriteDeps {
    return {
      policy: this.#policy,
      attempt: (req, context) => this.#attempt(req, context),
      getFlow: (sid) => this.getFlow(sid),
      listFlows: () => this.listFlows(),
      note: (req, message) =>
        this.#policy.tell({
          type: 'confirmed',
          reason: 'answer',
          method: req.method,
          path: req.path,
          attempt: 1,
          maxAttempts: this.#policy.maxAttempts,
          delayMs: 0,
          message,
        }),
    };
  }

  /** Close the keep-alive agent the client created (a no-op with an injected dispatcher). */
  async close(): Promise<void> {
    await this.#ownedAgent?.close();
  }
}
