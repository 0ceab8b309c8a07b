/**
 * Is a Serverless or TaskRouter answer what the call needs? Pure checks of each entry (a phrase saying what is
 * wrong, or undefined), and the mapping of a checked entry to the slim types of account-types.ts. Values from an
 * answer appear in a phrase only when well-formed (a SID), so a hostile body cannot put markup, newlines or
 * secrets into our messages.
 */
import type {
  DeployedFunction,
  ServerlessBuild,
  ServerlessEnvironment,
  ServerlessService,
  TaskChannel,
  Workflow,
  Workspace,
} from './account-types.ts';
import { shownSid } from './verify.ts';

type Wire = Record<string, unknown>;

/** A SID with its two-letter prefix, e.g. sidPattern('ZS'). */
export function isSid(prefix: string, value: unknown): value is string {
  return typeof value === 'string' && new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value);
}

function isObject(value: unknown): value is Wire {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface Field {
  name: string;
  /** A SID prefix, or 'ZB|null', 'string', 'string|null', 'path', 'array'. */
  kind: string;
  /** The value it must equal (the parent's SID), when known. */
  equals?: string;
}

/** The first problem of `entry` against its fields; `what` names it ("a service"). */
function problemOf(entry: unknown, what: string, fields: readonly Field[]): string | undefined {
  if (!isObject(entry)) return `${what} that is not a JSON object`;
  for (const field of fields) {
    const value = entry[field.name];
    if (field.kind === 'string' && typeof value !== 'string') return `${what} without a string "${field.name}"`;
    if (field.kind === 'string|null' && value !== null && typeof value !== 'string')
      return `${what} whose "${field.name}" is neither a string nor null`;
    if (field.kind === 'array' && !Array.isArray(value)) return `${what} without a "${field.name}" array`;
    if (field.kind === 'ZB|null' && value !== null && !isSid('ZB', value))
      return `${what} whose "${field.name}" is neither null nor a SID (ZB and 32 hex digits): ${shownSid(value)}`;
    if (field.kind === 'path' && (typeof value !== 'string' || !value.startsWith('/')))
      return `${what} whose "${field.name}" is not a path starting with "/"`;
    if (/^[A-Z]{2}$/.test(field.kind) && !isSid(field.kind, value))
      return `${what} whose "${field.name}" is not a SID (${field.kind} and 32 hex digits): ${shownSid(value)}`;
    if (field.equals !== undefined && value !== field.equals)
      return `${what} whose "${field.name}" is ${shownSid(value)} instead of ${shownSid(field.equals)}`;
  }
  return undefined;
}

/** The fields read of each resource, and what each must be (the conformance test checks them against the spec). */
export const ANSWER_FIELDS = {
  service: [
    { name: 'sid', kind: 'ZS' },
    { name: 'unique_name', kind: 'string' },
    { name: 'friendly_name', kind: 'string' },
  ],
  environment: [
    { name: 'sid', kind: 'ZE' },
    { name: 'service_sid', kind: 'ZS' },
    { name: 'unique_name', kind: 'string' },
    { name: 'domain_suffix', kind: 'string|null' },
    { name: 'domain_name', kind: 'string' },
    { name: 'build_sid', kind: 'ZB|null' },
  ],
  build: [
    { name: 'sid', kind: 'ZB' },
    { name: 'service_sid', kind: 'ZS' },
    { name: 'function_versions', kind: 'array' },
  ],
  functionVersion: [
    { name: 'sid', kind: 'ZN' },
    { name: 'function_sid', kind: 'ZH' },
    { name: 'service_sid', kind: 'ZS' },
    { name: 'path', kind: 'path' },
    { name: 'visibility', kind: 'string' },
  ],
  workspace: [
    { name: 'sid', kind: 'WS' },
    { name: 'friendly_name', kind: 'string' },
  ],
  workflow: [
    { name: 'sid', kind: 'WW' },
    { name: 'workspace_sid', kind: 'WS' },
    { name: 'friendly_name', kind: 'string' },
  ],
  taskChannel: [
    { name: 'sid', kind: 'TC' },
    { name: 'workspace_sid', kind: 'WS' },
    { name: 'unique_name', kind: 'string' },
    { name: 'friendly_name', kind: 'string' },
  ],
} as const satisfies Record<string, readonly Field[]>;

/** The fields with the parent's SID they must hold. */
function within(fields: readonly Field[], parent: string, sid: string): Field[] {
  return fields.map((field) => (field.name === parent ? { ...field, equals: sid } : field));
}

export const serviceProblem = (entry: unknown) => problemOf(entry, 'a service', ANSWER_FIELDS.service);

export const environmentProblem = (serviceSid: string) => (entry: unknown) =>
  problemOf(entry, 'an environment', within(ANSWER_FIELDS.environment, 'service_sid', serviceSid));

const functionVersionProblem = (serviceSid: string) => (entry: unknown) =>
  problemOf(entry, 'a function version', within(ANSWER_FIELDS.functionVersion, 'service_sid', serviceSid));

export const buildProblem = (serviceSid: string, buildSid: string) => (body: unknown) => {
  const fields = within(within(ANSWER_FIELDS.build, 'service_sid', serviceSid), 'sid', buildSid);
  const own = problemOf(body, 'a build', fields);
  if (own !== undefined) return own;
  for (const [index, version] of ((body as Wire).function_versions as unknown[]).entries()) {
    const found = functionVersionProblem(serviceSid)(version);
    if (found !== undefined) return `${found} (entry ${index + 1} of "function_versions")`;
  }
  return undefined;
};

export const workspaceProblem = (entry: unknown) => problemOf(entry, 'a workspace', ANSWER_FIELDS.workspace);

export const workflowProblem = (workspaceSid: string) => (entry: unknown) =>
  problemOf(entry, 'a workflow', within(ANSWER_FIELDS.workflow, 'workspace_sid', workspaceSid));

export const taskChannelProblem = (workspaceSid: string) => (entry: unknown) =>
  problemOf(entry, 'a task channel', within(ANSWER_FIELDS.taskChannel, 'workspace_sid', workspaceSid));

// The mappings below take entries their problem function accepted.

export const toService = (e: unknown): ServerlessService => {
  const w = e as Wire;
  return { sid: w.sid as string, uniqueName: w.unique_name as string, friendlyName: w.friendly_name as string };
};

export const toEnvironment = (e: unknown): ServerlessEnvironment => {
  const w = e as Wire;
  return {
    sid: w.sid as string,
    serviceSid: w.service_sid as string,
    uniqueName: w.unique_name as string,
    domainSuffix: w.domain_suffix as string | null,
    domainName: w.domain_name as string,
    buildSid: w.build_sid as string | null,
  };
};

export const toBuild = (e: unknown): ServerlessBuild => {
  const w = e as Wire;
  return {
    sid: w.sid as string,
    serviceSid: w.service_sid as string,
    functions: (w.function_versions as Wire[]).map((v): DeployedFunction => ({
      versionSid: v.sid as string,
      functionSid: v.function_sid as string,
      path: v.path as string,
      visibility: v.visibility as string,
    })),
  };
};

export const toWorkspace = (e: unknown): Workspace => {
  const w = e as Wire;
  return { sid: w.sid as string, friendlyName: w.friendly_name as string };
};

export const toWorkflow = (e: unknown): Workflow => {
  const w = e as Wire;
  return { sid: w.sid as string, workspaceSid: w.workspace_sid as string, friendlyName: w.friendly_name as string };
};

export const toTaskChannel = (e: unknown): TaskChannel => {
  const w = e as Wire;
  return {
    sid: w.sid as string,
    workspaceSid: w.workspace_sid as string,
    uniqueName: w.unique_name as string,
    friendlyName: w.friendly_name as string,
  };
};
