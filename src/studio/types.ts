/** Slim, camelCase shapes the Studio client returns and takes. Only `src/studio` knows Twilio's wire format. */
import type { Dispatcher } from 'undici';

export type FlowStatus = 'draft' | 'published';

/** One revision of a flow (`GET /v2/Flows/{sid}/Revisions/{n}`). */
export interface FlowRevision {
  sid: string;
  friendlyName: string;
  definition: Record<string, unknown> | null;
  status: FlowStatus;
  revision: number;
  commitMessage: string | null;
  valid: boolean;
  errors: unknown[];
  dateCreated: string | null;
  dateUpdated: string | null;
  url: string;
}

/** A flow as Studio reports it (`GET /v2/Flows/{sid}`): its latest revision, plus flow-level fields. */
export interface FlowResource extends FlowRevision {
  warnings: unknown[];
  webhookUrl: string | null;
}

/** Which revision to fetch: a number, or one of Studio's two aliases. */
export type RevisionRef = number | 'LatestPublished' | 'LatestRevision';

export interface CreateFlowInput {
  friendlyName: string;
  status: FlowStatus;
  definition: unknown;
  commitMessage?: string;
}

export interface UpdateFlowInput {
  friendlyName?: string;
  status: FlowStatus;
  definition?: unknown;
  commitMessage?: string;
}

export interface ValidateFlowInput {
  friendlyName: string;
  status: FlowStatus;
  definition: unknown;
}

/** One reason Studio gave for rejecting a definition; `pointer` is a JSON pointer into the definition. */
export interface ValidationError {
  message: string;
  pointer: string;
}

export type ValidationResult = { valid: true } | { valid: false; errors: ValidationError[] };

/** One HTTP exchange as the client's `send` sees it. Paths are absolute (`/v2/...`, with query). */
export interface StudioRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Form parameters (PascalCase), sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | undefined>;
  /** Names the flow in error messages (e.g. the oversize check). */
  flowName?: string;
}

export interface StudioResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when the body was empty (204). */
  body: unknown;
}

/** The single function every request goes through; a retry policy wraps it. */
export type Send = (request: StudioRequest) => Promise<StudioResponse>;

export interface StudioClientOptions {
  /** Default https://studio.twilio.com. */
  baseUrl?: string;
  /** Account SID or API Key SID. */
  username: string;
  /** Auth Token or API Key secret. */
  password: string;
  /** Default: a keep-alive undici Agent owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  /** Per-request headers and body timeout; default 30 000 ms. */
  timeoutMs?: number;
  /** Default `studio-flow-ci`. */
  userAgent?: string;
  /** Wraps the transport, e.g. with a retry policy. */
  wrapSend?: (send: Send) => Send;
}
