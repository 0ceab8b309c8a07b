/**
 * The account seed: the emulated account's Serverless services (with their environments and the functions of the
 * build deployed to each) and TaskRouter workspaces (with workflows and task channels), from a JSON file. Checked
 * strictly: a wrong key, type or SID is an error naming the file and the JSON path. Duplicate names are allowed
 * (name resolution must meet ambiguous names); a SID given twice is not (a Function's, the same in each
 * environment of its service, is checked where the account is built: account-store.ts).
 */
import { readFile } from 'node:fs/promises';

export interface SeedFunction {
  /** Starts with "/", e.g. "/api/hours". */
  path: string;
  /** Default "protected" (Twilio's default for a new Function). */
  visibility?: 'public' | 'protected' | 'private';
  /** The Function's ZH (the same in every environment of the service); default derived from the names. */
  sid?: string;
}

export interface SeedEnvironment {
  unique_name: string;
  /** Default null (no suffix, often production). */
  domain_suffix?: string | null;
  /** Default `${service unique_name}-NNNN[-suffix].twil.io`, NNNN derived from the account and service. */
  domain_name?: string;
  sid?: string;
  /** null: nothing deployed. Else the build's ZB may be given. */
  build?: { sid?: string } | null;
  /** The functions of the build deployed to this environment; none (or build null): no build. */
  functions?: SeedFunction[];
}

export interface SeedService {
  unique_name: string;
  /** Default the unique name. */
  friendly_name?: string;
  sid?: string;
  environments?: SeedEnvironment[];
}

export interface SeedWorkspace {
  friendly_name: string;
  sid?: string;
  workflows?: { friendly_name: string; sid?: string }[];
  task_channels?: { unique_name: string; friendly_name?: string; sid?: string }[];
}

export interface AccountSeed {
  serverless?: { services: SeedService[] };
  taskrouter?: { workspaces: SeedWorkspace[] };
}

const NAME_CHARS = 256;

type Shape = Record<
  string,
  {
    type: 'string' | 'name' | 'path' | 'sid' | 'suffix' | 'visibility' | 'build' | 'list' | 'object';
    prefix?: string;
    of?: Shape;
    required?: boolean;
  }
>;

const FUNCTION: Shape = {
  path: { type: 'path', required: true },
  visibility: { type: 'visibility' },
  sid: { type: 'sid', prefix: 'ZH' },
};
const ENVIRONMENT: Shape = {
  unique_name: { type: 'name', required: true },
  domain_suffix: { type: 'suffix' },
  domain_name: { type: 'name' },
  sid: { type: 'sid', prefix: 'ZE' },
  build: { type: 'build' },
  functions: { type: 'list', of: FUNCTION },
};
const SERVICE: Shape = {
  unique_name: { type: 'name', required: true },
  friendly_name: { type: 'name' },
  sid: { type: 'sid', prefix: 'ZS' },
  environments: { type: 'list', of: ENVIRONMENT },
};
const WORKSPACE: Shape = {
  friendly_name: { type: 'name', required: true },
  sid: { type: 'sid', prefix: 'WS' },
  workflows: {
    type: 'list',
    of: { friendly_name: { type: 'name', required: true }, sid: { type: 'sid', prefix: 'WW' } },
  },
  task_channels: {
    type: 'list',
    of: {
      unique_name: { type: 'name', required: true },
      friendly_name: { type: 'name' },
      sid: { type: 'sid', prefix: 'TC' },
    },
  },
};
const ROOT: Shape = {
  serverless: { type: 'object', of: { services: { type: 'list', of: SERVICE, required: true } } },
  taskrouter: { type: 'object', of: { workspaces: { type: 'list', of: WORKSPACE, required: true } } },
};

/** A seed value checked against the shape; throws an Error naming `source`, the JSON path and the fix. */
export function checkAccountSeed(value: unknown, source: string): AccountSeed {
  const fail = (path: string, what: string): never => {
    throw new Error(`Account seed ${source}: ${path} ${what}`);
  };
  const sids = new Map<string, string>();
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);

  function object(v: unknown, shape: Shape, path: string): void {
    if (!isObject(v)) fail(path, 'must be a JSON object');
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!(key in shape))
        fail(
          path,
          `has the unknown key ${JSON.stringify(key.slice(0, 40))}; allowed: ${Object.keys(shape).join(', ')}`,
        );
    for (const [key, rule] of Object.entries(shape)) {
      const at = `${path}.${key}`;
      const field = record[key];
      if (field === undefined) {
        if (rule.required) fail(at, 'is required');
        continue;
      }
      check(field, rule, at);
    }
  }

  function check(field: unknown, rule: Shape[string], at: string): void {
    switch (rule.type) {
      case 'name':
      case 'string':
        if (typeof field !== 'string' || field.trim() === '' || field.length > NAME_CHARS || /[\r\n]/.test(field))
          fail(at, `must be a non-empty one-line string of at most ${NAME_CHARS} characters`);
        return;
      case 'path':
        if (typeof field !== 'string' || !/^\/[^\s?#]*$/.test(field) || field.length > NAME_CHARS)
          fail(at, 'must be a Function path starting with "/" without spaces, "?" or "#", e.g. "/api/hours"');
        return;
      case 'suffix':
        if (field !== null && (typeof field !== 'string' || !/^[a-z0-9-]{1,16}$/.test(field)))
          fail(at, 'must be null or a domain suffix of lowercase letters, digits and "-" (e.g. "dev")');
        return;
      case 'visibility':
        if (field !== 'public' && field !== 'protected' && field !== 'private')
          fail(at, 'must be "public", "protected" or "private"');
        return;
      case 'sid':
        if (typeof field !== 'string' || !new RegExp(`^${rule.prefix}[0-9a-f]{32}$`).test(field))
          fail(at, `must be a SID: ${rule.prefix} followed by 32 lowercase hex digits`);
        // A Function (ZH) has one SID in every environment of its service: account-store.ts checks those.
        if (rule.prefix !== 'ZH' && sids.has(field as string))
          fail(at, `repeats the SID ${field as string} of ${sids.get(field as string)}; SIDs must be unique`);
        sids.set(field as string, at);
        return;
      case 'build':
        if (field === null) return;
        object(field, { sid: { type: 'sid', prefix: 'ZB' } }, at);
        return;
      case 'object':
        object(field, rule.of as Shape, at);
        return;
      case 'list':
        if (!Array.isArray(field)) fail(at, 'must be a JSON array');
        (field as unknown[]).forEach((item, index) => object(item, rule.of as Shape, `${at}[${index}]`));
    }
  }

  object(value, ROOT, '$');
  return value as AccountSeed;
}

/** Read and check an account seed file; an unreadable file or bad JSON is an error naming the file. */
export async function loadAccountSeed(file: string): Promise<AccountSeed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the account seed ${file}: ${(error as { code?: string }).code ?? 'unreadable'}`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error))
      .replace(/[^\x20-\x7e]+/g, ' ') // one printable line, whatever the file's encoding
      .slice(0, 160);
    throw new Error(`Account seed ${file} is not JSON (${reason}); write it as in test/fixtures/account/README.md`, {
      cause: error,
    });
  }
  return checkAccountSeed(value, file);
}
