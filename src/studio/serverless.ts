/** The Twilio Serverless v1 client: read-only look-ups of services, environments and builds. Slim types out. */
import {
  buildProblem,
  environmentProblem,
  isSid,
  serviceProblem,
  toBuild,
  toEnvironment,
  toService,
} from './account-answers.ts';
import type { ServerlessBuild, ServerlessEnvironment, ServerlessService } from './account-types.ts';
import { MAX_PAGE_SIZE } from './paging.ts';
import { TwilioReader } from './twilio-reader.ts';
import type { TwilioReaderOptions } from './twilio-reader.ts';

export const SERVERLESS_BASE_URL = 'https://serverless.twilio.com';

export class ServerlessClient {
  readonly #reader: TwilioReader;

  constructor(options: Omit<TwilioReaderOptions, 'label' | 'twilioOrigin'>) {
    this.#reader = new TwilioReader({ ...options, label: 'Twilio Serverless', twilioOrigin: SERVERLESS_BASE_URL });
  }

  /** Requests put on the wire so far (pages and retry attempts included). */
  get requests(): number {
    return this.#reader.requests;
  }

  /** GET /v1/Services, every page. */
  async listServices(): Promise<ServerlessService[]> {
    const items = await this.#reader.list(`/v1/Services?PageSize=${MAX_PAGE_SIZE}`, 'services', serviceProblem);
    return items.map(toService);
  }

  /** GET /v1/Services/{ZS}/Environments, every page; each entry must belong to that service. */
  async listEnvironments(serviceSid: string): Promise<ServerlessEnvironment[]> {
    const path = `/v1/Services/${sidSegment('ZS', serviceSid)}/Environments?PageSize=${MAX_PAGE_SIZE}`;
    const items = await this.#reader.list(path, 'environments', environmentProblem(serviceSid));
    return items.map(toEnvironment);
  }

  /** GET /v1/Services/{ZS}/Builds/{ZB}: the build asked for, with its function versions. */
  async fetchBuild(serviceSid: string, buildSid: string): Promise<ServerlessBuild> {
    const path = `/v1/Services/${sidSegment('ZS', serviceSid)}/Builds/${sidSegment('ZB', buildSid)}`;
    return toBuild(await this.#reader.get(path, buildProblem(serviceSid, buildSid)));
  }

  async close(): Promise<void> {
    await this.#reader.close();
  }
}

/** A SID as a path segment; anything else is a programming error, never sent. */
export function sidSegment(prefix: string, sid: string): string {
  if (!isSid(prefix, sid))
    throw new Error(`Not a ${prefix} SID (${prefix} and 32 hex digits): ${JSON.stringify(String(sid).slice(0, 40))}`);
  return sid;
}
