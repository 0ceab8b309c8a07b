import { UserError } from './errors.ts';
import type { StepEnv } from './secrets/step-env.ts';
import { readSyncSettings, type SyncSettings } from './sync-settings.ts';

export type Mode = 'auto' | 'check' | 'deploy' | 'rollback' | 'sync';
export type FailOn = 'error' | 'warning' | 'never';

/** Basic-auth credentials for Studio: Account SID + Auth Token, or API Key SID + secret. */
export interface Credentials {
  kind: 'auth-token' | 'api-key';
  accountSid: string;
  /** Basic-auth user: the Account SID or the API Key SID. */
  username: string;
  /** Basic-auth password: the Auth Token or the API Key secret. */
  password: string;
}

/** How deploy mode behaves (ignored by check mode). */
export interface DeploySettings {
  /** `changed`: the flows the push changed; `all`: every flow file. Releases and tags always deploy all. */
  scope: 'changed' | 'all';
  /** Status of the revisions written. */
  status: 'published' | 'draft';
  /** Commit message template; `{sha}` is the full commit SHA and must appear. */
  commitMessage: string;
  onDrift: 'fail' | 'warn' | 'overwrite';
  onFailure: 'rollback' | 'stop';
  allowCreate: boolean;
  /** Branches a push may deploy from; empty means the repository's default branch. */
  branches: string[];
  /** Tag template for deployed revisions ({environment}, {flow}, {revision}, {sha}); '' for no tags. */
  tag: string;
}

/** Everything the action needs from its inputs, parsed and checked once (the sync-* inputs: src/sync-settings.ts). */
export interface Settings extends SyncSettings {
  /** Studio credentials; undefined means offline (lint only), e.g. on a fork PR without secrets. */
  credentials: Credentials | undefined;
  /** Globs (relative to the workspace) that name flow files. */
  flows: string[];
  /** Base URL of the Studio API, no trailing slash. */
  studioUrl: string;
  githubToken: string;
  mode: Mode;
  failOn: FailOn;
  /** Workspace-relative path of the JUnit XML file of the flow tests a check writes; '' for none. */
  junitReport: string;
  /** Workspace-relative path of the optional config file. */
  configPath: string;
  /** Environment (from the config file) whose SIDs and variables apply; '' for none. */
  environment: string;
  deploy: DeploySettings;
  /** For mode rollback: the flow (file path, friendly name or SID) and the revision to restore. */
  rollback: { flow: string; revision: number | undefined };
  /** Studio requests in flight at once (1..32). */
  concurrency: number;
  /** Time limit of one Studio request attempt, in milliseconds. */
  requestTimeoutMs: number;
  /** Time limit of all Studio work in the run (retries included), in milliseconds. */
  timeoutMs: number;
  /** The step's environment for `${env.NAME}` in the config file (set by the entry points); absent: none is set. */
  stepEnv?: StepEnv;
}

/** Reads one input by its action.yml name; returns '' when unset. */
export type InputReader = (name: string) => string;
/** Called with each secret as soon as it is read, so that logs mask it. */
export type SecretMasker = (secret: string) => void;

export const INPUT_DEFAULTS = {
  flows: 'flows/**/*.json',
  'studio-url': 'https://studio.twilio.com',
  mode: 'auto',
  'fail-on': 'error',
  config: '.github/studio-flow-ci.yml',
  deploy: 'changed',
  status: 'published',
  'commit-message': '{sha}',
  'on-drift': 'fail',
  'on-failure': 'rollback',
  'allow-create': 'true',
  concurrency: '4',
  'request-timeout': '30',
  timeout: '600',
} as const;

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;

function oneOf<T extends string>(input: string, value: string, accepted: readonly T[]): T {
  const found = accepted.find((a) => a === value.toLowerCase());
  if (found === undefined) {
    throw new UserError(`Input '${input}' is '${value}'; accepted values are: ${accepted.join(', ')}.`);
  }
  return found;
}

/** Split a list input on newlines and commas, trimming and dropping blanks and `#` comments. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

function parseStudioUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`Input 'studio-url' is not a URL: '${value}'. Use e.g. https://studio.twilio.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`Input 'studio-url' must be an http(s) URL, got '${url.protocol}'.`);
  }
  if (url.username || url.password) {
    throw new UserError(`Input 'studio-url' must not carry credentials; use the twilio-* inputs.`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The base URLs of the Twilio APIs a run may read, from the `studio-url` input. */
export interface TwilioApiUrls {
  studio: string;
  serverless: string;
  taskrouter: string;
}

/**
 * With the default `studio-url` each API is at Twilio's own host (https://serverless.twilio.com,
 * https://taskrouter.twilio.com); with any other `studio-url` (the emulator, a proxy) all three are served
 * under that same base URL.
 */
export function twilioApiUrls(studioUrl: string): TwilioApiUrls {
  const url = new URL(studioUrl);
  // Twilio's own hosts, global or regional (studio.dublin.ie1.twilio.com): the other APIs beside it by name.
  if (
    url.protocol === 'https:' &&
    /^studio(\.[a-z0-9-]+\.[a-z0-9-]+)?\.twilio\.com$/.test(url.hostname) &&
    url.port === ''
  ) {
    const beside = (api: string) => `https://${url.hostname.replace(/^studio\./, `${api}.`)}`;
    return {
      studio: studioUrl.replace(/\/+$/, ''),
      serverless: beside('serverless'),
      taskrouter: beside('taskrouter'),
    };
  }
  return { studio: studioUrl, serverless: studioUrl, taskrouter: studioUrl };
}

function parseCredentials(read: InputReader, mask: SecretMasker): Credentials | undefined {
  const accountSid = read('twilio-account-sid').trim();
  const authToken = read('twilio-auth-token').trim();
  const apiKey = read('twilio-api-key').trim();
  const apiSecret = read('twilio-api-secret').trim();
  for (const secret of [authToken, apiSecret]) if (secret) mask(secret);

  if (!authToken && !apiSecret) return undefined; // offline: no secret available (e.g. fork PR)
  if (!accountSid) {
    throw new UserError(
      `Input 'twilio-account-sid' is required with ${authToken ? "'twilio-auth-token'" : "'twilio-api-secret'"}.`,
    );
  }
  if (!ACCOUNT_SID.test(accountSid)) {
    throw new UserError(`Input 'twilio-account-sid' must look like AC followed by 32 hex digits.`);
  }
  if (apiSecret || apiKey) {
    if (!apiKey) throw new UserError(`Input 'twilio-api-key' is required with 'twilio-api-secret'.`);
    if (!API_KEY_SID.test(apiKey)) {
      throw new UserError(`Input 'twilio-api-key' must be an API Key SID: SK followed by 32 hex digits.`);
    }
    if (!apiSecret) throw new UserError(`Input 'twilio-api-secret' is required with 'twilio-api-key'.`);
    return { kind: 'api-key', accountSid, username: apiKey, password: apiSecret };
  }
  return { kind: 'auth-token', accountSid, username: accountSid, password: authToken };
}

/** Parse and check every input once. Throws UserError naming the input and the accepted values. */
export function readSettings(read: InputReader, mask: SecretMasker): Settings {
  const input = (name: keyof typeof INPUT_DEFAULTS): string => read(name).trim() || INPUT_DEFAULTS[name];
  const githubToken = read('github-token').trim();
  if (githubToken) mask(githubToken);
  const credentials = parseCredentials(read, mask);
  const flows = splitList(input('flows'));
  if (flows.length === 0) throw new UserError(`Input 'flows' names no glob; e.g. flows/**/*.json.`);
  const outside = flows.find(leavesWorkspace);
  if (outside !== undefined) {
    throw new UserError(
      `Input 'flows': the glob ${quoted(outside)} reaches outside the repository; name flow files by paths inside it, e.g. flows/**/*.json.`,
    );
  }
  const environment = read('environment').trim();
  return {
    credentials,
    flows,
    studioUrl: parseStudioUrl(input('studio-url')),
    githubToken,
    mode: oneOf('mode', input('mode'), ['auto', 'check', 'deploy', 'rollback', 'sync'] as const),
    failOn: oneOf('fail-on', input('fail-on'), ['error', 'warning', 'never'] as const),
    configPath: input('config'),
    junitReport: junitReportPath(read('junit-report')),
    environment,
    deploy: readDeploySettings(input, read),
    rollback: readRollback(read),
    concurrency: integerInput('concurrency', input('concurrency'), 1, 32),
    requestTimeoutMs: integerInput('request-timeout', input('request-timeout'), 1, 600) * 1000,
    timeoutMs: integerInput('timeout', input('timeout'), 10, 21_600) * 1000,
    ...readSyncSettings(read, environment),
  };
}

/** The `junit-report` input: '' or a relative path that stays inside the workspace. */
function junitReportPath(raw: string): string {
  const value = raw.trim();
  if (value === '') return '';
  // eslint-disable-next-line no-control-regex -- control characters (a newline) are what is refused here
  if (leavesWorkspace(value) || /[\u0000-\u001f\u007f]/.test(value) || /[/\\]$/.test(value)) {
    throw new UserError(
      `Input 'junit-report' is ${quoted(value)}: name a file inside the repository by a relative path, e.g. reports/flow-tests.xml.`,
    );
  }
  return value;
}

/** A glob that could list files outside the workspace: absolute, a drive or share, a home folder, a `..` segment. */
function leavesWorkspace(glob: string): boolean {
  const pattern = glob.startsWith('!') ? glob.slice(1) : glob;
  return /^([/\\~]|[A-Za-z]:)/.test(pattern) || pattern.split(/[/\\]/).includes('..');
}

/** An input's value in a message: in quotes, control characters (newlines) written as escapes. */
function quoted(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  return `'${raw.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1))}'`;
}

function integerInput(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UserError(`Input '${name}' must be a whole number from ${min} to ${max}, got ${quoted(raw)}.`);
  }
  return value;
}

function readDeploySettings(input: (name: keyof typeof INPUT_DEFAULTS) => string, read: InputReader): DeploySettings {
  const commitMessage = input('commit-message');
  if (!commitMessage.includes('{sha}')) {
    throw new UserError(
      `Input 'commit-message' must contain {sha}: the commit SHA is how a revision is traced to git and recognised as deployed by this action.`,
    );
  }
  return {
    scope: oneOf('deploy', input('deploy'), ['changed', 'all'] as const),
    status: oneOf('status', input('status'), ['published', 'draft'] as const),
    commitMessage,
    onDrift: oneOf('on-drift', input('on-drift'), ['fail', 'warn', 'overwrite'] as const),
    onFailure: oneOf('on-failure', input('on-failure'), ['rollback', 'stop'] as const),
    allowCreate: oneOf('allow-create', input('allow-create'), ['true', 'false'] as const) === 'true',
    branches: splitList(read('branches')),
    tag: read('tag').trim(),
  };
}

function readRollback(read: InputReader): Settings['rollback'] {
  const flow = read('flow').trim();
  const raw = read('revision').trim();
  if (raw === '') return { flow, revision: undefined };
  const revision = Number(raw);
  if (!/^[1-9]\d*$/.test(raw) || !Number.isSafeInteger(revision)) {
    throw new UserError(`Input 'revision' must be a revision number (1, 2, …), got ${quoted(raw)}.`);
  }
  return { flow, revision };
}
