/** The Twilio TaskRouter v1 client: read-only look-ups of workspaces, workflows and task channels. Slim types out. */
import {
  taskChannelProblem,
  toTaskChannel,
  toWorkflow,
  toWorkspace,
  workflowProblem,
  workspaceProblem,
} from './account-answers.ts';
import type { TaskChannel, Workflow, Workspace } from './account-types.ts';
import { MAX_PAGE_SIZE } from './paging.ts';
import { sidSegment } from './serverless.ts';
import { TwilioReader } from './twilio-reader.ts';
import type { TwilioReaderOptions } from './twilio-reader.ts';

export const TASKROUTER_BASE_URL = 'https://taskrouter.twilio.com';

export class TaskRouterClient {
  readonly #reader: TwilioReader;

  constructor(options: Omit<TwilioReaderOptions, 'label' | 'twilioOrigin'>) {
    this.#reader = new TwilioReader({ ...options, label: 'Twilio TaskRouter', twilioOrigin: TASKROUTER_BASE_URL });
  }

  /** Requests put on the wire so far (pages and retry attempts included). */
  get requests(): number {
    return this.#reader.requests;
  }

  /** GET /v1/Workspaces, every page. */
  async listWorkspaces(): Promise<Workspace[]> {
    const items = await this.#reader.list(`/v1/Workspaces?PageSize=${MAX_PAGE_SIZE}`, 'workspaces', workspaceProblem);
    return items.map(toWorkspace);
  }

  /** GET /v1/Workspaces/{WS}/Workflows, every page; each entry must belong to that workspace. */
  async listWorkflows(workspaceSid: string): Promise<Workflow[]> {
    const path = `/v1/Workspaces/${sidSegment('WS', workspaceSid)}/Workflows?PageSize=${MAX_PAGE_SIZE}`;
    const items = await this.#reader.list(path, 'workflows', workflowProblem(workspaceSid));
    return items.map(toWorkflow);
  }

  /** GET /v1/Workspaces/{WS}/TaskChannels, every page (TaskRouter lists them under the key "channels"). */
  async listTaskChannels(workspaceSid: string): Promise<TaskChannel[]> {
    const path = `/v1/Workspaces/${sidSegment('WS', workspaceSid)}/TaskChannels?PageSize=${MAX_PAGE_SIZE}`;
    const items = await this.#reader.list(path, 'channels', taskChannelProblem(workspaceSid));
    return items.map(toTaskChannel);
  }

  async close(): Promise<void> {
    await this.#reader.close();
  }
}
