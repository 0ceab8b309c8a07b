/** The JSON the emulator answers with, shaped like Studio v2's (snake_case, absolute URLs, ISO-8601 dates). */
import { latestRevision } from './store.ts';
import type { StoredFlow, StoredRevision } from './store.ts';

export interface RenderContext {
  /** The emulator's own base URL, e.g. http://127.0.0.1:4010 (no trailing slash). */
  baseUrl: string;
  accountSid: string;
}

/** A flow; `withDefinition: false` for list pages, where Studio returns `definition: null`. */
export function flowJson(flow: StoredFlow, ctx: RenderContext, withDefinition: boolean): Record<string, unknown> {
  const latest = latestRevision(flow);
  const url = `${ctx.baseUrl}/v2/Flows/${flow.sid}`;
  return {
    sid: flow.sid,
    account_sid: ctx.accountSid,
    friendly_name: latest.friendlyName,
    definition: withDefinition ? latest.definition : null,
    status: latest.status,
    revision: latest.revision,
    commit_message: latest.commitMessage,
    valid: latest.valid,
    errors: latest.errors,
    warnings: latest.warnings,
    date_created: isoDate(flow.dateCreated),
    date_updated: isoDate(latest.dateCreated),
    webhook_url: `${ctx.baseUrl}/v1/Accounts/${ctx.accountSid}/Flows/${flow.sid}`,
    url,
    links: {
      test_users: `${url}/TestUsers`,
      revisions: `${url}/Revisions`,
      executions: `${url}/Executions`,
    },
  };
}

/** One revision; `withDefinition: false` for list pages. */
export function revisionJson(
  flow: StoredFlow,
  revision: StoredRevision,
  ctx: RenderContext,
  withDefinition: boolean,
): Record<string, unknown> {
  return {
    sid: flow.sid,
    account_sid: ctx.accountSid,
    friendly_name: revision.friendlyName,
    definition: withDefinition ? revision.definition : null,
    status: revision.status,
    revision: revision.revision,
    commit_message: revision.commitMessage,
    valid: revision.valid,
    errors: revision.errors,
    date_created: isoDate(flow.dateCreated),
    date_updated: isoDate(revision.dateCreated),
    url: `${ctx.baseUrl}/v2/Flows/${flow.sid}/Revisions/${revision.revision}`,
  };
}

/** ISO-8601 in UTC without milliseconds, as Twilio writes dates: 2026-11-22T10:00:00Z. */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
