/**
 * The baseline `npm run bench` compares our deploy with: what a simple deploy script does. A plain undici client
 * lists the flows once, then writes every flow one after the other, published, without Validate, without
 * comparing with what Studio holds and without reading anything back: a flow whose friendly name is listed is
 * updated, any other is created. It stops at the first answer that is not a 2xx.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, request } from 'undici';

export interface NaiveFlow {
  friendlyName: string;
  definition: unknown;
}

export interface NaiveDeployOptions {
  /** The Studio base URL (its origin is used, as our client does). */
  url: string;
  accountSid: string;
  authToken: string;
  flows: readonly NaiveFlow[];
  commitMessage: string;
}

/** What the baseline did: flows created and updated, and the requests it sent (list pages included). */
export interface NaiveDeployResult {
  created: number;
  updated: number;
  requests: number;
}

/** Pages of 1000 flows followed at most: far more flows than any account in a benchmark holds. */
const MAX_PAGES = 100;

/** A page of `GET /v2/Flows` as far as the baseline reads it. */
interface ListPage {
  flows: Array<{ sid: string; friendly_name: string }>;
  next: string | null;
}

/** The flows of the workspace files as a simple script reads them: `friendly_name` and `definition` of each. */
export async function naiveFlowsFrom(workspace: string, files: readonly string[]): Promise<NaiveFlow[]> {
  const flows: NaiveFlow[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path.join(workspace, file), 'utf8'));
    } catch (error) {
      throw new Error(`naive deployer: cannot read ${file}: ${(error as Error).message.split('\n')[0] ?? ''}`, {
        cause: error,
      });
    }
    const record = (value ?? {}) as { friendly_name?: unknown; definition?: unknown };
    if (typeof record.friendly_name !== 'string' || record.friendly_name === '' || !isObject(record.definition))
      throw new Error(`naive deployer: ${file} needs a "friendly_name" string and a "definition" object.`);
    flows.push({ friendlyName: record.friendly_name, definition: record.definition });
  }
  return flows;
}

/** List once, then create or update every flow, serially. */
export async function naiveDeploy(options: NaiveDeployOptions): Promise<NaiveDeployResult> {
  const origin = new URL(options.url).origin;
  const token = Buffer.from(`${options.accountSid}:${options.authToken}`, 'utf8').toString('base64');
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const result: NaiveDeployResult = { created: 0, updated: 0, requests: 0 };
  const send = async (method: 'GET' | 'POST', target: string, form?: Record<string, string>): Promise<unknown> => {
    result.requests += 1;
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const answer = await request(new URL(target, origin), {
      method,
      body,
      dispatcher: agent,
      headers: {
        authorization: `Basic ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
    });
    const text = await answer.body.text();
    const where = `${method} ${new URL(target, origin).pathname}`;
    if (answer.statusCode < 200 || answer.statusCode >= 300)
      throw new Error(`naive deployer: ${where} answered ${answer.statusCode}: ${oneLine(text)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`naive deployer: ${where} answered ${answer.statusCode} with a body that is not JSON.`);
    }
  };
  try {
    const existing = new Map<string, string>();
    for (let next: string | null = '/v2/Flows?PageSize=1000', pages = 0; next !== null; pages += 1) {
      // The credentials go to the configured origin only, and a list that never ends is an error, not a hang.
      if (new URL(next, origin).origin !== origin || pages === MAX_PAGES)
        throw new Error(`naive deployer: GET /v2/Flows: page ${pages + 1} is not a next page of ${origin}.`);
      const page = listPage(await send('GET', next));
      for (const flow of page.flows) if (!existing.has(flow.friendly_name)) existing.set(flow.friendly_name, flow.sid);
      next = page.next;
    }
    for (const flow of options.flows) {
      const form = {
        FriendlyName: flow.friendlyName,
        Status: 'published',
        Definition: JSON.stringify(flow.definition),
        CommitMessage: options.commitMessage,
      };
      const sid = existing.get(flow.friendlyName);
      await send('POST', sid === undefined ? '/v2/Flows' : `/v2/Flows/${encodeURIComponent(sid)}`, form);
      if (sid === undefined) result.created += 1;
      else result.updated += 1;
    }
    return result;
  } finally {
    await agent.close();
  }
}

function listPage(body: unknown): ListPage {
  const page = (isObject(body) ? body : {}) as { flows?: unknown; meta?: { next_page_url?: unknown } };
  if (
    !Array.isArray(page.flows) ||
    !page.flows.every((f) => isObject(f) && typeof f.sid === 'string' && typeof f.friendly_name === 'string')
  )
    throw new Error(
      'naive deployer: GET /v2/Flows answered without a "flows" list of flows with a "sid" and a "friendly_name".',
    );
  const next = page.meta?.next_page_url;
  return {
    flows: page.flows as ListPage['flows'],
    next: typeof next === 'string' && next !== '' ? next : null,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What an error answer says, on one line, cut short: Twilio's code and message when it is a Twilio error. */
function oneLine(text: string): string {
  let said = text;
  try {
    const body = JSON.parse(text) as unknown;
    if (isObject(body) && typeof body.message === 'string')
      said = `${typeof body.code === 'number' ? body.code : ''} ${body.message}`;
  } catch {
    // Not JSON: its text, flattened.
  }
  const flat = said.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}
