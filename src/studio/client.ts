/** The Twilio Studio v2 client: the only code that talks to Twilio. Returns our own slim types. */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { StudioApiError } from './errors.ts';
import { definitionParam } from './form.ts';
import { collectPages, MAX_PAGE_SIZE } from './paging.ts';
import { toFlowResource, toFlowRevision, toValidationErrors } from './resources.ts';
import { createSend } from './transport.ts';
import type {
  CreateFlowInput,
  FlowResource,
  FlowRevision,
  RevisionRef,
  Send,
  StudioClientOptions,
  UpdateFlowInput,
  ValidateFlowInput,
  ValidationResult,
} from './types.ts';

export const DEFAULT_BASE_URL = 'https://studio.twilio.com';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = 'studio-flow-ci';
/** Twilio's code for "Flow definition validation failed". */
export const INVALID_DEFINITION_CODE = 81022;

export class StudioClient {
  readonly baseUrl: string;
  readonly #send: Send;
  readonly #ownedAgent: Agent | null;

  constructor(options: StudioClientOptions) {
    if (!options.username || !options.password) {
      throw new Error('Twilio Studio client needs a username (Account SID or API Key SID) and a password (Auth Token or API Key secret)');
    }
    this.baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.#ownedAgent = options.dispatcher ? null : new Agent({ keepAliveTimeout: 10_000 });
    const dispatcher: Dispatcher = options.dispatcher ?? (this.#ownedAgent as Agent);
    const send = createSend({
      baseUrl: this.baseUrl,
      username: options.username,
      password: options.password,
      dispatcher,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    });
    this.#send = options.wrapSend ? options.wrapSend(send) : send;
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

  async createFlow(input: CreateFlowInput): Promise<FlowResource> {
    const { body } = await this.#send({
      method: 'POST',
      path: '/v2/Flows',
      flowName: input.friendlyName,
      form: {
        FriendlyName: input.friendlyName,
        Status: input.status,
        Definition: definitionParam(input.definition),
        CommitMessage: input.commitMessage,
      },
    });
    return toFlowResource(body);
  }

  async updateFlow(sid: string, input: UpdateFlowInput): Promise<FlowResource> {
    const { body } = await this.#send({
      method: 'POST',
      path: flowPath(sid),
      flowName: input.friendlyName ?? sid,
      form: {
        FriendlyName: input.friendlyName,
        Status: input.status,
        Definition: input.definition === undefined ? undefined : definitionParam(input.definition),
        CommitMessage: input.commitMessage,
      },
    });
    return toFlowResource(body);
  }

  async deleteFlow(sid: string): Promise<void> {
    await this.#send({ method: 'DELETE', path: flowPath(sid) });
  }

  /** Studio's own validation. An invalid definition is a result, not an exception; other errors throw. */
  async validateFlow(input: ValidateFlowInput): Promise<ValidationResult> {
    try {
      await this.#send({
        method: 'POST',
        path: '/v2/Flows/Validate',
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

function flowPath(sid: string): string {
  return `/v2/Flows/${encodeURIComponent(sid)}`;
}
