/** The Studio v2 requests the client sends for our inputs: their paths and form bodies. */
import { definitionParam } from './form.ts';
import type { CreateFlowInput, StudioRequest, UpdateFlowInput, ValidateFlowInput } from './types.ts';

export const VALIDATE_PATH = '/v2/Flows/Validate';

export function flowPath(sid: string): string {
  return `/v2/Flows/${encodeURIComponent(sid)}`;
}

/** Create a flow. */
export function createFlowRequest(input: CreateFlowInput): StudioRequest {
  return {
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
}

/** Add a revision to flow `sid`; fields left undefined are not sent. */
export function updateFlowRequest(sid: string, input: UpdateFlowInput): StudioRequest {
  return {
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
}

/** Studio's Validate of a definition. */
export function validateFlowRequest(input: ValidateFlowInput): StudioRequest {
  return {
    method: 'POST',
    path: VALIDATE_PATH,
    flowName: input.friendlyName,
    form: { FriendlyName: input.friendlyName, Status: input.status, Definition: definitionParam(input.definition) },
  };
}
