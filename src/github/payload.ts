/**
 * The parts of GitHub's event payloads the action reads: typed after GitHub's own webhook schemas
 * (@octokit/openapi-webhooks-types, types only) and checked at run time, because a payload is data from
 * outside. A field of the wrong shape stops the run with a message naming the field, never a crash later.
 */
import type { components } from '@octokit/openapi-webhooks-types';
import { UserError } from '../errors.ts';

type Schemas = components['schemas'];
/** `Slim`, once the compiler has checked that GitHub's payload type `Official` has every field of it. */
type Conforms<Official extends Slim, Slim> = Official extends Slim ? Slim : never;

type Repo = { full_name: string };
export type PullRequestPayload = Conforms<
  Schemas['webhook-pull-request-synchronize'],
  { pull_request: { number: number; base: { sha: string; repo: Repo }; head: { sha: string; repo: Repo | null } } }
>;
export type PushPayload = Conforms<
  Schemas['webhook-push'],
  { ref: string; before: string; after: string; created: boolean; deleted: boolean; forced: boolean }
>;
export type ReleasePayload = Conforms<
  Schemas['webhook-release-published'],
  { release: { id: number; tag_name: string; body: string | null } }
>;
export type MergeGroupPayload = Conforms<
  Schemas['webhook-merge-group-checks-requested'],
  { merge_group: { base_sha: string; head_sha: string } }
>;
export type DispatchPayload = Conforms<
  Schemas['webhook-workflow-dispatch'],
  { ref: string; inputs: Record<string, unknown> | null }
>;
export type RepositoryPayload = Conforms<Schemas['webhook-push'], { repository: { default_branch: string } }>;

/** The events whose payload must carry the part the action reads; any other event is read for what it holds. */
export interface EventPayloads {
  pull_request: PullRequestPayload;
  pull_request_target: PullRequestPayload;
  push: PushPayload;
  release: ReleasePayload;
  merge_group: MergeGroupPayload;
  workflow_dispatch: DispatchPayload;
}
export type EventName = keyof EventPayloads;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const kind = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;

/** Typed reads of one event's payload; every failure names the event, the field and what GitHub sends there. */
export interface PayloadReader {
  /** True when the run is for one of these events, so their part of the payload must be there. */
  isFor(...names: EventName[]): boolean;
  /** The value at a dotted path; undefined when a step is missing (null counts as missing on the way, not at the end). */
  at(field: string): unknown;
  object(field: string, required: boolean): Json | undefined;
  string(field: string, options?: { nullable?: boolean }): string;
  optionalString(field: string): string | undefined;
  integer(field: string): number;
  /** A commit SHA: hex digits (GitHub sends 40, or 64 in SHA-256 repositories; short ones are accepted). */
  sha(field: string): string;
  flag(field: string): boolean;
}

/** A reader over a parsed payload; anything but a JSON object fails, naming the event. */
export function payloadReader(eventName: string, payload: unknown): PayloadReader {
  const fail = (field: string, expected: string, got: unknown): never => {
    const event = eventName ? `'${eventName}' event` : 'event';
    throw new UserError(
      `The ${event} payload (the file at GITHUB_EVENT_PATH) has ${got === undefined ? 'no' : `${kind(got)} as`} ${field}, ` +
        `where GitHub sends ${expected}. The run cannot tell what it is about: re-run it from GitHub, or fix the payload if you wrote it yourself.`,
    );
  };
  if (payload !== undefined && !isObject(payload)) fail('its top level', 'an object', payload);
  const root: Json = isObject(payload) ? payload : {};
  const at = (field: string): unknown => {
    let value: unknown = root;
    const steps = field.split('.');
    for (const [i, step] of steps.entries()) {
      if (value === undefined || value === null) return undefined;
      if (!isObject(value)) fail(steps.slice(0, i).join('.'), 'an object', value);
      value = (value as Json)[step];
    }
    return value;
  };
  const reader: PayloadReader = {
    isFor: (...names) => (names as string[]).includes(eventName),
    at,
    object(field, required) {
      const value = at(field);
      if (value === undefined && !required) return undefined;
      return isObject(value) ? value : fail(field, 'an object', value);
    },
    string(field, options = {}) {
      const value = at(field);
      if (typeof value === 'string') return value;
      if (value === null && options.nullable) return '';
      return fail(field, 'a string', value);
    },
    optionalString: (field) => (at(field) === undefined ? undefined : reader.string(field)),
    integer(field) {
      const value = at(field);
      return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
        ? value
        : fail(field, 'a positive whole number', value);
    },
    sha(field) {
      const value = at(field);
      return typeof value === 'string' && /^[0-9a-f]{4,64}$/i.test(value)
        ? value
        : fail(field, 'a commit SHA (hex digits)', value);
    },
    flag(field) {
      const value = at(field);
      return value === undefined || typeof value === 'boolean' ? value === true : fail(field, 'true or false', value);
    },
  };
  return reader;
}
